/**
 * Pacing after a 429: the rate is what got through in the second before it, requests then leave
 * evenly spaced at 90% of it, per account (API and key), and the rate is forgotten after a calm
 * minute. The
 * pacer takes the clock as an argument, so every figure here is exact.
 */
import {
  claimSendSlot,
  clearPacing,
  FORGET_RATE_AFTER_MS,
  learnFromRateLimit,
  pacedRate,
  recordAdmitted,
} from "../../provider/sparkpost/ratePacer";
import { rateLimitPauseMs, retrySettings } from "../../provider/sparkpost/retryPolicy";
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostError,
} from "../../provider/sparkpost";
import { limitScopeOf } from "../../provider/sparkpost/limitScope";
import { clientFor, FAKE_API_KEY, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";
import { FOUND, NOT_FOUND } from "../support/httpSparkPostAnswers";

const API = "https://api.sparkpost.com";
const EU_API = "https://api.eu.sparkpost.com";
const NOW = 1_000_000;

afterEach(() => clearPacing());

/** Records `count` admitted requests sent at `sentAt`. */
function admit(count: number, sentAt: number, origin = API): void {
  for (let index = 0; index < count; index++) recordAdmitted(origin, sentAt, sentAt);
}

describe("learning the rate", () => {
  test("requests go unpaced until a 429", () => {
    admit(50, NOW);
    expect(pacedRate(API, NOW)).toBeUndefined();
    expect([claimSendSlot(API, 1000, NOW), claimSendSlot(API, 1000, NOW)]).toEqual([0, 0]);
  });

  test("a 429 after 10 requests got through in the last second paces at 9 per second", () => {
    admit(10, NOW - 999);
    expect(learnFromRateLimit(API, NOW)).toBe(9);
    expect(pacedRate(API, NOW)).toBe(9);
    expect(pacedRate(EU_API, NOW)).toBeUndefined();
  });

  test("requests sent a second or more before the 429 do not count", () => {
    admit(30, NOW - 1000);
    admit(20, NOW - 400);
    expect(learnFromRateLimit(API, NOW)).toBe(18);
  });

  test("answers that come back out of order still count by when they were sent", () => {
    recordAdmitted(API, NOW - 100, NOW);
    recordAdmitted(API, NOW - 1500, NOW);
    recordAdmitted(API, NOW - 300, NOW);
    recordAdmitted(API, NOW - 200, NOW);
    expect(learnFromRateLimit(API, NOW)).toBe(2.7);
  });

  test("a 429 when nothing got through in the last second leaves the requests unpaced", () => {
    admit(10, NOW - 5000);
    expect(learnFromRateLimit(API, NOW)).toBeUndefined();
    expect(claimSendSlot(API, 1000, NOW)).toBe(0);
  });

  test("later 429s of a burst, which see more requests through, do not raise the rate", () => {
    admit(20, NOW - 10);
    expect(learnFromRateLimit(API, NOW)).toBe(18);
    admit(10, NOW);
    expect(learnFromRateLimit(API, NOW + 5)).toBe(18);
  });

  test("a 429 while paced lowers the rate", () => {
    admit(20, NOW - 10);
    learnFromRateLimit(API, NOW);
    admit(10, NOW + 2000);
    expect(learnFromRateLimit(API, NOW + 2100)).toBe(9);
  });

  test("the rate is forgotten a minute after the last 429", () => {
    admit(10, NOW);
    learnFromRateLimit(API, NOW);
    expect(pacedRate(API, NOW + FORGET_RATE_AFTER_MS - 1)).toBe(9);
    expect(pacedRate(API, NOW + FORGET_RATE_AFTER_MS)).toBeUndefined();
    expect(claimSendSlot(API, 1000, NOW + FORGET_RATE_AFTER_MS)).toBe(0);
  });
});

describe("pacing", () => {
  beforeEach(() => {
    // 20 through: 18 per second, one request every 1000/18 ms.
    admit(20, NOW);
    learnFromRateLimit(API, NOW);
  });

  test("requests claimed at once leave one spacing apart", () => {
    const waits = [0, 1, 2, 3].map(() => claimSendSlot(API, 1000, NOW));
    expect(waits.map((wait) => Math.round(wait * 18))).toEqual([0, 1000, 2000, 3000]);
  });

  test("a request claimed after the spacing has passed goes at once", () => {
    expect(claimSendSlot(API, 1000, NOW)).toBe(0);
    expect(claimSendSlot(API, 1000, NOW + 100)).toBe(0);
  });

  test("the spacing is never longer than the shortest wait after a 429", () => {
    clearPacing();
    admit(1, NOW);
    expect(learnFromRateLimit(API, NOW)).toBe(0.9);
    expect([claimSendSlot(API, 5, NOW), claimSendSlot(API, 5, NOW)]).toEqual([0, 5]);
  });

  test("another API origin is not paced", () => {
    expect([claimSendSlot(EU_API, 1000, NOW), claimSendSlot(EU_API, 1000, NOW)]).toEqual([0, 0]);
  });
});

describe("the pause of the other requests after a 429", () => {
  const settings = retrySettings({ rateLimitDelayMs: [1000, 5000] });

  test.each([
    ["no Retry-After, a 5 s wait of its own: the others wait 1 s", {}, 5000, 1000],
    ["no Retry-After, a 1.2 s wait of its own: the others wait 1 s", {}, 1200, 1000],
    ["Retry-After 3 s (3.4 s with jitter): everyone waits it", { retryAfterMs: 3000 }, 3400, 3400],
    ["Retry-After 0: nobody waits", { retryAfterMs: 0 }, 0, 0],
  ])("%s", (_case, retryAfter, delayMs, expected) => {
    expect(rateLimitPauseMs({ status: 429, ...retryAfter }, delayMs, settings)).toBe(expected);
  });

  test("a client told to wait 5 ms after a 429 pauses the others 5 ms", () => {
    const fast = retrySettings({ rateLimitDelayMs: [5, 5] });
    expect(rateLimitPauseMs({ status: 429 }, 5, fast)).toBe(5);
  });
});

describe("through the client", () => {
  let server: ScriptServer;
  beforeEach(async () => {
    server = await startScriptServer();
  });
  afterEach(async () => {
    await server.close();
    clearRateLimitPauses();
  });
  afterAll(closeSharedAgent);

  test("three answers other than 429 (a 404 among them), then a 429: paced at 2.7 per second", async () => {
    const { client } = clientFor(server, { retry: { maxRateLimitRetries: 0 } });
    const account = limitScopeOf(server.baseUrl, FAKE_API_KEY);
    server.enqueue(FOUND, NOT_FOUND, FOUND, { status: 429, text: "" });

    await client.getTrackingDomain("track.example.com");
    expect(await client.getTrackingDomain("track.example.com")).toBeUndefined();
    await client.getTrackingDomain("track.example.com");
    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error).toMatchObject({ status: 429, attempts: 1 });
    expect(pacedRate(account)).toBe(2.7);
    expect(pacedRate(limitScopeOf(server.baseUrl, "another-key"))).toBeUndefined();
  });

  test("clearRateLimitPauses forgets the learned rate too", async () => {
    const { client } = clientFor(server, { retry: { maxRateLimitRetries: 0 } });
    const account = limitScopeOf(server.baseUrl, FAKE_API_KEY);
    server.enqueue(FOUND, { status: 429, text: "" });
    await client.getTrackingDomain("track.example.com");
    await rejectionOf(client.getTrackingDomain("track.example.com"));
    expect(pacedRate(account)).toBe(0.9);

    clearRateLimitPauses();

    expect(pacedRate(account)).toBeUndefined();
  });
});
