/**
 * When to send a SparkPost request again, and how long to wait first. SparkPost's advice (wait 1
 * to 5 seconds after a 429) and the create call's "only when surely not taken effect" rule go
 * beyond generic HTTP retry defaults, so the decisions live here as pure functions; the transport
 * applies them.
 */

/** How retries behave; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt for 5xx answers and network failures. @default 5 */
  maxRetries?: number;
  /**
   * Retries after a 429: rate limiting is SparkPost asking to slow down, not a failure, so it is
   * bounded by the call's time budget more than by this count. @default 30
   */
  maxRateLimitRetries?: number;
  /** First backoff step; doubles per retry, with jitter. @default 500 */
  minDelayMs?: number;
  /** Cap on a computed backoff step. A server's `Retry-After` is honoured beyond it. @default 30000 */
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
    maxRateLimitRetries: options.maxRateLimitRetries ?? 30,
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

/**
 * HTTP statuses that mean "try again later" for an idempotent request. SparkPost's 500s are
 * usually transient too; a create is never resent blindly after one (see the client's create).
 */
export const RETRYABLE_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/** Network failures where the request never reached SparkPost. */
const NOT_SENT_CODES: readonly string[] = [
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
];

/** Waits that ran out: the server may be hung, so they are retried once at most. */
export const TIMEOUT_CODES: readonly string[] = [
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "ETIMEDOUT",
  "CALL_TIME_LIMIT",
];

/** Network failures where the request may or may not have reached SparkPost. */
const MAYBE_SENT_CODES: readonly string[] = [
  "ECONNRESET",
  "EPIPE",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  ...TIMEOUT_CODES,
];

/** What went wrong with one attempt: an HTTP status, or a network error code. */
export interface Failure {
  status?: number;
  code?: string;
  /** The server's `Retry-After`, in milliseconds, when it sent a readable one. */
  retryAfterMs?: number;
}

/** True when a network error code means the request never reached SparkPost. */
export function wasNeverSent(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.includes(code);
}

/** True when a request that failed with this status or network code may be sent again. */
export function isRetryable(replay: Replay, failure: Failure): boolean {
  if (failure.status !== undefined) {
    return replay === "idempotent"
      ? RETRYABLE_STATUSES.includes(failure.status)
      : failure.status === 429;
  }
  if (wasNeverSent(failure.code)) return true;
  return (
    replay === "idempotent" && failure.code !== undefined && MAYBE_SENT_CODES.includes(failure.code)
  );
}

/** The class a failure's retries are counted in: rate limits, timeouts, everything else. */
export function retryKind(failure: Failure): "rateLimit" | "timeout" | "failure" {
  if (failure.status === 429) return "rateLimit";
  if (failure.code !== undefined && TIMEOUT_CODES.includes(failure.code)) return "timeout";
  return "failure";
}

/** How many retries this kind of failure allows: many for a 429, one for a timeout. */
export function retryLimit(failure: Failure, settings: RetrySettings): number {
  if (failure.status === 429) return settings.maxRateLimitRetries;
  if (failure.code !== undefined && TIMEOUT_CODES.includes(failure.code)) {
    return Math.min(1, settings.maxRetries);
  }
  return settings.maxRetries;
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
  // An HTTP-date always names GMT (RFC 9110 section 5.6.7). Date.parse alone reads far too
  // much: "1.5" and "-1" would be dates in 2001, that is, "retry now".
  if (!/^[A-Za-z]{3},? .*\bGMT$/.test(value.trim())) return undefined;
  const dateMs = Date.parse(value);
  return Number.isNaN(dateMs) ? undefined : Math.max(0, dateMs - nowMs);
}

/** Jitter added to a server's `Retry-After`: up to half of it, at most one second. */
const MAX_RETRY_AFTER_JITTER_MS = 1000;

/**
 * How long to wait before retry number `retry` (1 for the first). After a `Retry-After`: that
 * long, plus a random part of up to half of it (at most 1 s), so that many clients told the same
 * thing do not all come back in the same instant. After a 429 without one: SparkPost's 1 to 5 s.
 * Else capped exponential backoff with jitter (a random point in the upper half of the step).
 */
export function retryDelayMs(
  retry: number,
  failure: Failure,
  settings: RetrySettings,
  random: () => number = Math.random,
): number {
  if (failure.retryAfterMs !== undefined) {
    const spread = Math.min(MAX_RETRY_AFTER_JITTER_MS, failure.retryAfterMs / 2);
    return Math.round(failure.retryAfterMs + random() * spread);
  }
  if (failure.status === 429) {
    const [low, high] = settings.rateLimitDelayMs;
    return Math.round(low + random() * (high - low));
  }
  const step = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/**
 * How long every request of the process to the same API holds back after a 429 that waits
 * `delayMs` itself. A `Retry-After` speaks for every request: all wait it out. Without one, the
 * others wait only the shortest wait SparkPost advises, and then go paced at the rate the 429
 * revealed (ratePacer.ts), while the refused request waits its own, longer, random delay.
 */
export function rateLimitPauseMs(
  failure: Failure,
  delayMs: number,
  settings: RetrySettings,
): number {
  if (failure.retryAfterMs !== undefined) return delayMs;
  return Math.min(delayMs, settings.rateLimitDelayMs[0]);
}
