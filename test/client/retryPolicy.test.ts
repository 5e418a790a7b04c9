/** The retry decisions and waits, as pure functions with fixed clocks and fixed randomness. */
import {
  isRetryable,
  parseRetryAfter,
  retryDelayMs,
  retryLimit,
  retrySettings,
  RETRYABLE_STATUSES,
  wasNeverSent,
  type Failure,
  type Replay,
} from "../../provider/sparkpost/retryPolicy";

test("the retryable statuses are 429, 500, 502, 503 and 504", () => {
  expect(RETRYABLE_STATUSES).toEqual([429, 500, 502, 503, 504]);
});

test.each<[Replay, Failure, boolean]>([
  ["idempotent", { status: 429 }, true],
  ["idempotent", { status: 500 }, true],
  ["idempotent", { status: 502 }, true],
  ["idempotent", { status: 503 }, true],
  ["idempotent", { status: 504 }, true],
  ["idempotent", { status: 501 }, false],
  ["idempotent", { status: 400 }, false],
  ["idempotent", { status: 404 }, false],
  ["idempotent", { status: 409 }, false],
  ["idempotent", { code: "ECONNRESET" }, true],
  ["idempotent", { code: "EPIPE" }, true],
  ["idempotent", { code: "UND_ERR_SOCKET" }, true],
  ["idempotent", { code: "UND_ERR_HEADERS_TIMEOUT" }, true],
  ["idempotent", { code: "UND_ERR_BODY_TIMEOUT" }, true],
  ["idempotent", { code: "CALL_TIME_LIMIT" }, true],
  ["idempotent", { code: "ECONNREFUSED" }, true],
  ["idempotent", { code: "UND_ERR_INVALID_ARG" }, false],
  ["idempotent", {}, false],
  ["whenNotSent", { status: 429 }, true],
  ["whenNotSent", { status: 500 }, false],
  ["whenNotSent", { status: 502 }, false],
  ["whenNotSent", { status: 503 }, false],
  ["whenNotSent", { status: 504 }, false],
  ["whenNotSent", { code: "ECONNREFUSED" }, true],
  ["whenNotSent", { code: "ENOTFOUND" }, true],
  ["whenNotSent", { code: "EAI_AGAIN" }, true],
  ["whenNotSent", { code: "UND_ERR_CONNECT_TIMEOUT" }, true],
  ["whenNotSent", { code: "ECONNRESET" }, false],
  ["whenNotSent", { code: "UND_ERR_SOCKET" }, false],
  ["whenNotSent", { code: "UND_ERR_HEADERS_TIMEOUT" }, false],
  ["whenNotSent", { code: "UND_ERR_BODY_TIMEOUT" }, false],
  ["whenNotSent", { code: "CALL_TIME_LIMIT" }, false],
  ["whenNotSent", {}, false],
])("%s after %o: retryable %s", (replay, failure, expected) => {
  expect(isRetryable(replay, failure)).toBe(expected);
});

test.each<[string | undefined, boolean]>([
  ["ECONNREFUSED", true],
  ["ENOTFOUND", true],
  ["EAI_AGAIN", true],
  ["UND_ERR_CONNECT_TIMEOUT", true],
  ["ECONNRESET", false],
  ["UND_ERR_HEADERS_TIMEOUT", false],
  [undefined, false],
])("wasNeverSent(%j) is %s", (code, expected) => {
  expect(wasNeverSent(code)).toBe(expected);
});

describe("retryLimit", () => {
  test.each<[Failure, number]>([
    [{ status: 429 }, 30],
    [{ status: 429, retryAfterMs: 1000 }, 30],
    [{ status: 500 }, 5],
    [{ status: 503 }, 5],
    [{ code: "ECONNRESET" }, 5],
    [{ code: "ECONNREFUSED" }, 5],
    [{ code: "UND_ERR_HEADERS_TIMEOUT" }, 1],
    [{ code: "UND_ERR_BODY_TIMEOUT" }, 1],
    [{ code: "ETIMEDOUT" }, 1],
    [{ code: "CALL_TIME_LIMIT" }, 1],
  ])("with the defaults, %o allows %d retries", (failure, expected) => {
    expect(retryLimit(failure, retrySettings())).toBe(expected);
  });

  test.each<[Failure, number]>([
    [{ status: 429 }, 2],
    [{ status: 503 }, 3],
    [{ code: "UND_ERR_HEADERS_TIMEOUT" }, 1],
  ])("with maxRetries 3 and maxRateLimitRetries 2, %o allows %d", (failure, expected) => {
    const settings = retrySettings({ maxRetries: 3, maxRateLimitRetries: 2 });
    expect(retryLimit(failure, settings)).toBe(expected);
  });

  test("with maxRetries 0 a timeout is not retried, and a 429 still is", () => {
    const settings = retrySettings({ maxRetries: 0 });

    expect(retryLimit({ code: "UND_ERR_HEADERS_TIMEOUT" }, settings)).toBe(0);
    expect(retryLimit({ status: 503 }, settings)).toBe(0);
    expect(retryLimit({ status: 429 }, settings)).toBe(30);
  });
});

test.each<[string | undefined, number | undefined]>([
  [undefined, undefined],
  ["", undefined],
  ["  ", undefined],
  ["0", 0],
  ["3", 3000],
  [" 7 ", 7000],
  ["45", 45_000],
  ["3600", 3_600_000],
  ["Wed, 21 Oct 2015 07:28:10 GMT", 10_000],
  ["Wed, 21 Oct 2015 07:30:00 GMT", 120_000],
  ["Wed, 21 Oct 2015 07:27:00 GMT", 0],
  ["soon", undefined],
  ["10.0", undefined],
])("Retry-After %j waits %j ms, with no cap", (value, expected) => {
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");

  expect(parseRetryAfter(value, now)).toBe(expected);
});

test.each<[string]>([["1.5"], ["-1"]])(
  "Retry-After %j is unreadable, not a date in 2001",
  (value) => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");

    expect(parseRetryAfter(value, now)).toBeUndefined();
  },
);

describe("retryDelayMs", () => {
  const settings = retrySettings({
    minDelayMs: 100,
    maxDelayMs: 1000,
    rateLimitDelayMs: [1000, 5000],
  });

  test("defaults follow SparkPost's advice", () => {
    expect(retrySettings()).toEqual({
      maxRetries: 5,
      maxRateLimitRetries: 30,
      minDelayMs: 500,
      maxDelayMs: 30_000,
      rateLimitDelayMs: [1000, 5000],
    });
  });

  test.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 0, 100],
    [3, 1, 400],
    [4, 0.5, 600],
    [5, 1, 1000],
    [9, 1, 1000],
  ])("backoff: retry %d with random %d waits %d ms", (retry, random, expected) => {
    expect(retryDelayMs(retry, { status: 503 }, settings, () => random)).toBe(expected);
  });

  test("a network failure backs off like a 5xx", () => {
    expect(retryDelayMs(3, { code: "ECONNRESET" }, settings, () => 1)).toBe(400);
  });

  test.each([
    [0, 1000],
    [0.5, 3000],
    [1, 5000],
  ])("a 429 without Retry-After, random %d, waits %d ms", (random, expected) => {
    expect(retryDelayMs(1, { status: 429 }, settings, () => random)).toBe(expected);
  });

  test("a 429 without Retry-After waits the same whatever the retry number", () => {
    expect(retryDelayMs(12, { status: 429 }, settings, () => 0.25)).toBe(2000);
  });

  test.each([
    // Retry-After, random, wait: jitter is up to half of Retry-After, at most 1000 ms.
    [0, 1, 0],
    [700, 0, 700],
    [700, 1, 1050],
    [1000, 0.5, 1250],
    [1000, 1, 1500],
    [2000, 1, 3000],
    [3000, 1, 4000],
    [60_000, 0, 60_000],
    [60_000, 0.5, 60_500],
    [60_000, 1, 61_000],
  ])("Retry-After %d ms with random %d waits %d ms, beyond maxDelayMs", (after, random, wait) => {
    expect(retryDelayMs(1, { status: 429, retryAfterMs: after }, settings, () => random)).toBe(
      wait,
    );
    expect(retryDelayMs(4, { status: 503, retryAfterMs: after }, settings, () => random)).toBe(
      wait,
    );
  });
});
