/**
 * Rate limiting: SparkPost's Retry-After is honoured however long (within the call's budget), with
 * a little jitter, in both its forms; and one call's 429 holds back every request of the process
 * to the same account (API and key) until the wait is over, and no other account's.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostError,
} from "../../provider/sparkpost";
import { limitScopeOf } from "../../provider/sparkpost/limitScope";
import { pauseRemainingMs, pauseRequests } from "../../provider/sparkpost/rateLimitGate";
import {
  clientFor,
  FAKE_API_KEY,
  pause,
  rejectionOf,
  waitUntil,
} from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";
import { FOUND, GET_TRACK } from "../support/httpSparkPostAnswers";

let server: ScriptServer;

beforeEach(async () => {
  server = await startScriptServer();
});

afterEach(async () => {
  jest.restoreAllMocks();
  await server.close();
  clearRateLimitPauses();
});

afterAll(closeSharedAgent);

const LOG_PREFIX = "SparkPost API GET /tracking-domains/track.example.com";
/** A second account's key on the same API (a stack's second named account). */
const OTHER_KEY = "fake-key-other-account-3Hq8Vn2Lm5Xc";

function tooMany(retryAfter: string) {
  return { status: 429, text: "", headers: { "retry-after": retryAfter } };
}

describe("Retry-After", () => {
  test("a numeric Retry-After is waited for, plus jitter of up to half of it", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0.5);
    const { client, logLines } = clientFor(server);
    server.enqueue(tooMany("1"), FOUND);
    const started = performance.now();

    expect(await client.getTrackingDomain("track.example.com")).toEqual(FOUND.json.results);

    expect(performance.now() - started).toBeGreaterThanOrEqual(1250);
    expect(server.requestLines()).toEqual([GET_TRACK, GET_TRACK]);
    expect(logLines).toEqual([`${LOG_PREFIX}: HTTP 429, retry 1 of 30 in 1250 ms`]);
  });

  test("a Retry-After of 45 s is not capped at 30 s: past a 40 s budget, the call fails at once", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const { client, logLines } = clientFor(server, { callBudgetMs: 40_000 });
    server.enqueue(tooMany("45"), FOUND);
    const started = performance.now();

    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains/track.example.com failed (429): Too Many Requests " +
        "(the next attempt, in 45.0 s, would pass the call's time limit of 40 s)",
    );
    expect(error).toMatchObject({ kind: "refused", status: 429, attempts: 1 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.requestLines()).toEqual([GET_TRACK]);
    expect(logLines).toEqual([]);
  });

  test("the jitter on a long Retry-After is at most one second", async () => {
    jest.spyOn(Math, "random").mockReturnValue(1);
    const { client } = clientFor(server, { callBudgetMs: 40_000 });
    server.enqueue(tooMany("45"));

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.apiMessage).toBe(
      "Too Many Requests (the next attempt, in 46.0 s, would pass the call's time limit of 40 s)",
    );
  });

  test("the default budget is 120 s: a Retry-After of 121 s ends the call at once", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const { client } = clientFor(server);
    server.enqueue(tooMany("121"));

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.apiMessage).toBe(
      "Too Many Requests (the next attempt, in 121.0 s, would pass the call's time limit of 120 s)",
    );
  });

  test("an HTTP-date Retry-After 50 s ahead is honoured beyond 30 s too", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    jest.spyOn(Date, "now").mockReturnValue(now);
    const { client } = clientFor(server, { callBudgetMs: 40_000 });
    server.enqueue(tooMany("Wed, 21 Oct 2026 07:28:50 GMT"), FOUND);

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains failed (429): Too Many Requests " +
        "(the next attempt, in 50.0 s, would pass the call's time limit of 40 s)",
    );
    expect(server.requests).toHaveLength(1);
  });

  test("a 503 with Retry-After waits for it too", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const { client } = clientFor(server, { callBudgetMs: 5000 });
    server.enqueue({ status: 503, text: "", headers: { "retry-after": "6" } });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains failed (503): Service Unavailable " +
        "(the next attempt, in 6.0 s, would pass the call's time limit of 5 s)",
    );
  });
});

describe("one call's 429 holds back the process's other requests to that API", () => {
  test("a second call waits out the first one's pause before it is sent", async () => {
    const first = clientFor(server, { retry: { rateLimitDelayMs: [1000, 1000] } });
    const second = clientFor(server);
    server.enqueue({ status: 429, text: "" }, FOUND, FOUND);

    const firstCall = first.client.getTrackingDomain("track.example.com");
    await waitUntil(() => first.logLines.length === 1);
    expect(first.logLines).toEqual([`${LOG_PREFIX}: HTTP 429, retry 1 of 30 in 1000 ms`]);
    const secondCall = second.client.getTrackingDomain("track.example.com");
    await pause(300);
    const sentDuringPause = server.requests.length;
    const [firstResult, secondResult] = await Promise.all([firstCall, secondCall]);

    expect(sentDuringPause).toBe(1);
    expect(firstResult).toEqual(FOUND.json.results);
    expect(secondResult).toEqual(FOUND.json.results);
    expect(server.requestLines()).toEqual([GET_TRACK, GET_TRACK, GET_TRACK]);
    expect(second.logLines).toEqual([]);
  });

  test("the pause lasts the wait Retry-After asked for, per account: API and key", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const { client } = clientFor(server);
    server.enqueue(tooMany("1"), FOUND);
    const account = limitScopeOf(server.baseUrl, FAKE_API_KEY);

    const call = client.getTrackingDomain("track.example.com");
    await server.waitForRequests(1);
    await waitUntil(() => pauseRemainingMs(account) > 0);

    expect(pauseRemainingMs(account)).toBeGreaterThan(500);
    expect(pauseRemainingMs(account)).toBeLessThanOrEqual(1000);
    expect(pauseRemainingMs(limitScopeOf("http://127.0.0.1:1/api/v1", FAKE_API_KEY))).toBe(0);
    expect(pauseRemainingMs(limitScopeOf(server.baseUrl, OTHER_KEY))).toBe(0);
    expect(await call).toEqual(FOUND.json.results);
    expect(pauseRemainingMs(account)).toBe(0);
  });

  test("a shorter pause never cuts a longer one short, and clearRateLimitPauses ends them", () => {
    const origin = "https://api.sparkpost.com";
    const now = 1_000_000;

    pauseRequests(origin, 5000, now);
    pauseRequests(origin, 1000, now + 100);

    expect(pauseRemainingMs(origin, now + 400)).toBe(4600);
    expect(pauseRemainingMs("https://api.eu.sparkpost.com", now)).toBe(0);
    clearRateLimitPauses();
    expect(pauseRemainingMs(origin, now)).toBe(0);
  });
});

describe("two keys on one API are two accounts: one's 429 holds back none of the other's requests", () => {
  test("a call with another key is sent during the first key's pause, and answered", async () => {
    const first = clientFor(server, { retry: { rateLimitDelayMs: [1000, 1000] } });
    const other = clientFor(server, { apiKey: OTHER_KEY });
    server.enqueue({ status: 429, text: "" }, FOUND, FOUND);

    const firstCall = first.client.getTrackingDomain("track.example.com");
    await waitUntil(() => first.logLines.length === 1);
    const started = performance.now();
    const otherResult = await other.client.getTrackingDomain("track.example.com");
    const otherTookMs = performance.now() - started;
    const sentDuringPause = server.requests.length;
    const firstResult = await firstCall;

    expect(otherTookMs).toBeLessThan(500);
    expect(sentDuringPause).toBe(2);
    expect(otherResult).toEqual(FOUND.json.results);
    expect(firstResult).toEqual(FOUND.json.results);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      FAKE_API_KEY,
      OTHER_KEY,
      FAKE_API_KEY,
    ]);
    expect(pauseRemainingMs(limitScopeOf(server.baseUrl, OTHER_KEY))).toBe(0);
    expect(other.logLines).toEqual([]);
  });

  test("the scope names the API origin and a digest of the key, never the key", () => {
    const scope = limitScopeOf("https://api.eu.sparkpost.com/api/v1", FAKE_API_KEY);

    expect(scope).toMatch(/^https:\/\/api\.eu\.sparkpost\.com [0-9a-f]{16}$/);
    expect(scope).not.toContain(FAKE_API_KEY);
    expect(limitScopeOf("https://api.eu.sparkpost.com/api/v1/", FAKE_API_KEY)).toBe(scope);
    expect(limitScopeOf("https://api.eu.sparkpost.com/api/v1", OTHER_KEY)).not.toBe(scope);
    expect(limitScopeOf("https://api.sparkpost.com/api/v1", FAKE_API_KEY)).not.toBe(scope);
  });
});
