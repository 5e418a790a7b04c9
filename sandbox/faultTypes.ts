/**
 * The fault switches a test (or the control endpoint `PUT /_sandbox/faults`) sets on the sandbox.
 * Each switch is one way a real API, or the network in front of it, lets a client down; every
 * answer a switch decides is marked in the request log with the switch's {@link FaultKind}.
 */

/** Which API requests a fault applies to. Paths are relative to `/api/v1`. */
export interface RequestMatcher {
  /** HTTP method, any case; absent matches every method. */
  method?: string;
  /**
   * Path pattern such as `/tracking-domains` or `/tracking-domains/*`; `*` matches within one
   * path segment. Matched case-insensitively, trailing slashes ignored. Absent matches every path.
   */
  path?: string;
}

/** A fault for the next `count` matching requests; once they are used up it does nothing. */
export interface CountedMatcher extends RequestMatcher {
  /** @default 1 */
  count?: number;
}

/**
 * How a 429 writes `Retry-After`. SparkPost documents no header, so clients must cope with none,
 * with seconds and with an HTTP-date:
 * - a number: `Retry-After: <seconds>`;
 * - `{ httpDateInSeconds: n }`: an HTTP-date (`Thu, 01 Jan 2026 00:00:03 GMT`) at least `n`
 *   seconds after the sandbox's clock, rounded up to the next whole second;
 * - a string: sent as it is (a fixed date, or something broken to test parsing).
 */
export type RetryAfter = number | string | { httpDateInSeconds: number };

/** Answer 429 once more than `maxRequestsPerSecond` API requests arrive within one second. */
export interface RateLimitFault {
  maxRequestsPerSecond: number;
  /** Adds `Retry-After: <seconds>`; absent by default, as SparkPost documents none. */
  retryAfterSeconds?: number;
  /** Any form of `Retry-After`; conflicts with `retryAfterSeconds`. */
  retryAfter?: RetryAfter;
  /** `"none"` (default): empty body; `"json"`: `{"errors":[{"message":"Too many requests"}]}`. */
  body?: "none" | "json";
}

/** Answer the next `count` matching requests with `status` instead of processing them. */
export interface InjectedStatus extends CountedMatcher {
  status: number;
  /** Raw body to send (for example an HTML error page); default `{"errors":[{"message":<reason>}]}`. */
  body?: string;
  /** @default "text/html" when `body` is given, else "application/json" */
  contentType?: string;
}

/** Answer the next `count` matching requests 429, unprocessed, with or without `Retry-After`. */
export interface TooManyRequestsFault extends CountedMatcher {
  /** @default no header */
  retryAfter?: RetryAfter;
  /** `"none"` (default): empty body; `"json"`: `{"errors":[{"message":"Too many requests"}]}`. */
  body?: "none" | "json";
}

/** Process the next `count` matching requests, then close the socket (FIN) without answering. */
export type DropAfterProcessing = CountedMatcher;

/**
 * Send the status line, the headers (with the `content-length` of the whole body) and the first
 * `bytes` of the body, then nothing more. The request is processed first: it took effect.
 * Applies only to answers with a body (a 204 is answered whole and does not use up the count).
 */
export interface StallBodyFault extends CountedMatcher {
  /** @default half the body; never the whole body */
  bytes?: number;
}

/** Process the request, then answer 200 with a body that is not JSON. */
export interface Malformed200Fault extends CountedMatcher {
  /** @default an HTML maintenance page */
  body?: string;
  /** @default "text/html" */
  contentType?: string;
}

/** Answer 200 with JSON that is not the documented shape, such as `{"results":{}}` or `{}`. */
export interface WrongShape200Fault extends CountedMatcher {
  /** The JSON value sent as the body (`null` included). */
  json: unknown;
  /** Whether the request is processed (takes effect) before the wrong answer. @default true */
  takesEffect?: boolean;
}

/**
 * Fault injection switches. Setting faults replaces the previous ones and resets their counters.
 * Order: latency, then the switches that answer without processing (`rateLimit`, `inject`,
 * `tooManyRequests`, `resetBeforeProcessing`, `hang`, `wrongShape200` with `takesEffect: false`),
 * then processing, then those that spoil the answer of a processed request (`dropAfterProcessing`,
 * `resetAfterProcessing`, `stallBody`, `malformed200`, `wrongShape200`). At most one fault decides
 * a request: the first that matches with count left.
 */
export interface Faults {
  /** Delay before every API request is handled, in milliseconds. */
  latencyMs?: number;
  rateLimit?: RateLimitFault;
  inject?: InjectedStatus[];
  tooManyRequests?: TooManyRequestsFault[];
  /** Reset the connection (TCP RST) after reading the request, without processing it. */
  resetBeforeProcessing?: CountedMatcher[];
  /** Read the request and never answer it, until the sandbox closes. Not processed. */
  hang?: CountedMatcher[];
  /** One matcher or a list of them. */
  dropAfterProcessing?: DropAfterProcessing | DropAfterProcessing[];
  /** Process the request, then reset the connection (TCP RST) without answering. */
  resetAfterProcessing?: CountedMatcher[];
  stallBody?: StallBodyFault[];
  malformed200?: Malformed200Fault[];
  wrongShape200?: WrongShape200Fault[];
}

/** Which fault decided an answer, recorded in the request log: one name per switch. */
export type FaultKind =
  | "rate-limit"
  | "injected"
  | "too-many-requests"
  | "reset-before-processing"
  | "hang"
  | "dropped"
  | "reset-after-processing"
  | "stalled-body"
  | "malformed-200"
  | "wrong-shape-200";
