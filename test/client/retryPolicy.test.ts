/** The retry decisions and waits, as pure functions with fixed clocks and fixed randomness. */
import {
  isRetryable,
  parseRetryAfter,
  retryDelayMs,
  retrySettings,
  type Replay,
} from "../../provider/sparkpost/retryPolicy";

test.each<[Replay, { status?: number; code?: string }, boolean]>([
  ["idempotent", { status: 429 }, true],
  ["idempotent", { status: 502 }, true],
  ["idempotent", { status: 503 }, true],
  ["idempotent", { status: 504 }, true],
  ["idempotent", { status: 500 }, false],
  ["idempotent", { status: 404 }, false],
  ["idempotent", { code: "ECONNRESET" }, true],
  ["idempotent", { code: "UND_ERR_SOCKET" }, true],
  ["idempotent", { code: "UND_ERR_HEADERS_TIMEOUT" }, true],
  ["idempotent", { code: "ECONNREFUSED" }, true],
  ["idempotent", { code: "UND_ERR_INVALID_ARG" }, false],
  ["idempotent", {}, false],
  ["whenNotSent", { status: 429 }, true],
  ["whenNotSent", { status: 503 }, false],
  ["whenNotSent", { code: "ECONNREFUSED" }, true],
  ["whenNotSent", { code: "UND_ERR_CONNECT_TIMEOUT" }, true],
  ["whenNotSent", { code: "ECONNRESET" }, false],
  ["whenNotSent", { code: "UND_ERR_HEADERS_TIMEOUT" }, false],
])("%s after %o: retryable %s", (replay, failure, expected) => {
  expect(isRetryable(replay, failure)).toBe(expected);
});

test.each<[string | undefined, number | undefined]>([
  [undefined, undefined],
  ["", undefined],
  ["0", 0],
  ["3", 3000],
  [" 7 ", 7000],
  ["Wed, 21 Oct 2015 07:28:10 GMT", 10_000],
  ["Wed, 21 Oct 2015 07:27:00 GMT", 0],
  ["soon", undefined],
])("Retry-After %j waits %j ms", (value, expected) => {
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");

  expect(parseRetryAfter(value, now)).toBe(expected);
});

describe("retryDelayMs", () => {
  const settings = retrySettings({
    minDelayMs: 100,
    maxDelayMs: 1000,
    rateLimitDelayMs: [1000, 5000],
  });

  test("defaults follow SparkPost's advice", () => {
    expect(retrySettings()).toEqual({
      maxRetries: 5,
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

  test.each([
    [0, 1000],
    [0.5, 3000],
    [1, 5000],
  ])("a 429 without Retry-After, random %d, waits %d ms", (random, expected) => {
    const wide = retrySettings({ maxDelayMs: 30_000 });
    expect(retryDelayMs(1, { status: 429 }, wide, () => random)).toBe(expected);
  });

  test("Retry-After wins, capped at maxDelayMs", () => {
    expect(retryDelayMs(1, { status: 429, retryAfterMs: 0 }, settings, () => 1)).toBe(0);
    expect(retryDelayMs(1, { status: 503, retryAfterMs: 700 }, settings, () => 1)).toBe(700);
    expect(retryDelayMs(1, { status: 429, retryAfterMs: 60_000 }, settings, () => 1)).toBe(1000);
  });
});
