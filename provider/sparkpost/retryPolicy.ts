/**
 * When to send a SparkPost request again, and how long to wait first. Plugged into undici's
 * `RetryAgent` as its `retry` callback, because SparkPost's advice (wait 1 to 5 seconds after a
 * 429) and the create call's "only when surely not taken effect" rule go beyond its defaults.
 */
import type { RetryHandler } from "undici";

/** How retries behave; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 5 */
  maxRetries?: number;
  /** First backoff step; doubles per retry, with jitter. @default 500 */
  minDelayMs?: number;
  /** Cap on any wait, a `Retry-After` included. @default 30000 */
  maxDelayMs?: number;
  /** Wait range after a 429 without `Retry-After` (SparkPost advises 1 to 5 s). @default [1000, 5000] */
  rateLimitDelayMs?: [number, number];
}

/** {@link RetryOptions} with every default filled in. */
export type RetrySettings = Required<RetryOptions>;

/** Fills in the defaults of {@link RetryOptions}. */
export function retrySettings(options: RetryOptions = {}): RetrySettings {
  return {
    maxRetries: options.maxRetries ?? 5,
    minDelayMs: options.minDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    rateLimitDelayMs: options.rateLimitDelayMs ?? [1000, 5000],
  };
}

/**
 * Which failures a request may be sent again after. `idempotent`: sending twice does no harm.
 * `whenNotSent`: only when the first attempt surely did not take effect (a 429, or no connection).
 */
export type Replay = "idempotent" | "whenNotSent";

/** HTTP statuses that mean "try again later" for every request. */
export const RETRYABLE_STATUSES: readonly number[] = [429, 502, 503, 504];

/** Network failures where the request never reached SparkPost. */
const NOT_SENT_CODES: readonly string[] = [
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
];

/** Network failures where the request may or may not have reached SparkPost. */
const MAYBE_SENT_CODES: readonly string[] = [
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
];

/** True when a network error code means the request never reached SparkPost. */
export function wasNeverSent(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.includes(code);
}

/** True when a request that failed with this status or network code may be sent again. */
export function isRetryable(replay: Replay, failure: { status?: number; code?: string }): boolean {
  if (failure.status !== undefined) {
    return replay === "idempotent"
      ? RETRYABLE_STATUSES.includes(failure.status)
      : failure.status === 429;
  }
  if (wasNeverSent(failure.code)) {
    return true;
  }
  return (
    replay === "idempotent" && failure.code !== undefined && MAYBE_SENT_CODES.includes(failure.code)
  );
}

/**
 * Milliseconds a `Retry-After` value asks to wait: delta seconds or an HTTP date (negative waits
 * become 0). Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

/**
 * How long to wait before retry number `retry` (1 for the first): the server's `Retry-After` when
 * given, else SparkPost's 1 to 5 s after a 429, else capped exponential backoff with jitter (a
 * random point in the upper half of the step, so parallel clients spread out). Never above
 * `maxDelayMs`.
 */
export function retryDelayMs(
  retry: number,
  failure: { status?: number; retryAfterMs?: number },
  settings: RetrySettings,
  random: () => number = Math.random,
): number {
  let delay: number;
  if (failure.retryAfterMs !== undefined) {
    delay = failure.retryAfterMs;
  } else if (failure.status === 429) {
    const [low, high] = settings.rateLimitDelayMs;
    delay = low + random() * (high - low);
  } else {
    const step = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (retry - 1));
    delay = step / 2 + (random() * step) / 2;
  }
  return Math.round(Math.min(delay, settings.maxDelayMs));
}

/** What the retry callback reports: each retry for the log, and the attempts made so far. */
export interface RetryTracker {
  attempts: number;
  onRetry(failure: { status?: number; code?: string }, delayMs: number): void;
}

interface UndiciRetryError extends Error {
  statusCode?: number;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** Builds the `retry` callback of undici's RetryHandler for one request. */
export function retryCallback(
  replay: Replay,
  settings: RetrySettings,
  tracker: RetryTracker,
): RetryHandler.RetryCallback {
  return (error, { state }, callback) => {
    const { statusCode, code, headers } = error as UndiciRetryError;
    // undici marks a response it hands to this callback with its own code; a status stands alone.
    const failure =
      statusCode !== undefined && code === "UND_ERR_REQ_RETRY" ? { status: statusCode } : { code };
    tracker.attempts = state.counter;
    if (state.counter > settings.maxRetries || !isRetryable(replay, failure)) {
      callback(error);
      return;
    }
    const retryAfterHeader = headers?.["retry-after"];
    const retryAfterMs =
      failure.status !== undefined && typeof retryAfterHeader === "string"
        ? parseRetryAfter(retryAfterHeader)
        : undefined;
    const delayMs = retryDelayMs(state.counter, { ...failure, retryAfterMs }, settings);
    tracker.onRetry(failure, delayMs);
    tracker.attempts = state.counter + 1;
    setTimeout(() => callback(null), delayMs);
  };
}
