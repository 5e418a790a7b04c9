/** The SparkPost API client: connection settings, typed calls, and its one error type. */
export {
  DEFAULT_REGION,
  REGIONS,
  CONFIGURATION_ERROR_NAME,
  configurationError,
  normalizeApiUrl,
  regionBaseUrl,
  resolveApiKey,
  resolveBaseUrl,
  resolveConnection,
  resolveRegion,
  setStackConnectionConfig,
} from "./connection";
export type { ConnectionConfig, Region, ResolvedConnection } from "./connection";
export { SparkPostClient, createClient } from "./client";
export type { ClientOptions } from "./client";
export { SPARKPOST_API_ERROR, createSparkPostError, isNotFound, isSparkPostError } from "./errors";
export type { SparkPostError, SparkPostErrorDetails } from "./errors";
export { RETRYABLE_STATUSES, parseRetryAfter, retryDelayMs } from "./retryPolicy";
export type { Replay, RetryOptions } from "./retryPolicy";
export { MAX_CONNECTIONS_PER_ORIGIN, closeSharedAgent } from "./transport";
export type * from "./types";
