/** The SparkPost API client: connection settings, typed calls, and its one error type. */
export {
  DEFAULT_REGION,
  REGIONS,
  CONFIGURATION_ERROR_NAME,
  configurationError,
  normalizeApiUrl,
  regionBaseUrl,
  regionOf,
  regionOfApiUrl,
  setStackConnectionConfig,
} from "./connection";
export type { ConnectionConfig, Region, ResolvedConnection, SourcedSetting } from "./connection";
export { regionOfSettings } from "./connectionSettings";
export type { ConnectionSettings, SettingNames } from "./connectionSettings";
export {
  ACCOUNTS_KEY,
  ACCOUNT_NAME_PATTERN,
  accountConnectionSettings,
  accountEnvironmentNames,
  parseAccounts,
  unknownAccountProblem,
} from "./accounts";
export {
  configuredAccountNames,
  resolveApiKey,
  resolveBaseUrl,
  resolveConnection,
  resolveRegion,
} from "./resolveConnection";
export { CREATE_UNCONFIRMED, SparkPostClient, createClient } from "./client";
export type { CallOptions, ClientOptions, CreateOutcome } from "./client";
export {
  SPARKPOST_API_ERROR,
  createSparkPostError,
  isNotFound,
  isSparkPostError,
  visible,
} from "./errors";
export type { FailureKind, SparkPostError, SparkPostErrorDetails } from "./errors";
export { clearRateLimitPauses } from "./rateLimitGate";
export { MAX_REQUESTS_IN_FLIGHT, RequestSlots, SLOW_REQUEST_MS } from "./requestSlots";
export { RETRYABLE_STATUSES, parseRetryAfter, retryDelayMs } from "./retryPolicy";
export type { Replay, RetryOptions } from "./retryPolicy";
export { MAX_CONNECTIONS_PER_ORIGIN, closeSharedAgent } from "./transport";
export type * from "./types";
