/**
 * The call budget: every call has a total time limit, counted from its first slot, that bounds its
 * attempts and the waits between them. A wait that would pass it ends the call at once.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  RequestSlots,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, pause, rejectionOf } from "../support/httpClientFixture";
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

const VERIFY = "POST /api/v1/tracking-domains/track.example.com/verify";
const VERDICT = {
  status: 200,
  json: { results: { verified: true, cname_status: "valid", compliance_status: "valid" } },
};

function unavailable(retryAfter: string) {
  return { status: 503, text: "", headers: { "retry-after": retryAfter } };
}

test("a backoff that would pass the budget ends the call at once with the last failure", async () => {
  jest.spyOn(Math, "random").mockReturnValue(1);
  const { client, logLines } = clientFor(server, {
    callBudgetMs: 1000,
    retry: { minDelayMs: 2000, maxDelayMs: 30_000 },
  });
  server.enqueue({ status: 503, json: { errors: [{ message: "Service Unavailable" }] } }, FOUND);

  const error = (await rejectionOf(
    client.getTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(error.message).toBe(
    "SparkPost API GET /tracking-domains/track.example.com failed (503): Service Unavailable " +
      "(the next attempt, in 2.0 s, would pass the call's time limit of 1 s)",
  );
  expect(error).toMatchObject({ kind: "refused", status: 503, attempts: 1 });
  expect(server.requestLines()).toEqual([GET_TRACK]);
  expect(logLines).toEqual([]);
});

test("the note counts the attempts made before the budget ran out", async () => {
  jest.spyOn(Math, "random").mockReturnValue(0);
  const { client, logLines } = clientFor(server, { callBudgetMs: 2000 });
  server.enqueue(unavailable("0"), unavailable("5"), FOUND);

  const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

  expect(error.message).toBe(
    "SparkPost API GET /tracking-domains failed (503, 2 attempts): Service Unavailable " +
      "(the next attempt, in 5.0 s, would pass the call's time limit of 2 s)",
  );
  expect(server.requests).toHaveLength(2);
  expect(logLines).toEqual(["SparkPost API GET /tracking-domains: HTTP 503, retry 1 of 5 in 0 ms"]);
});

describe("verifyTrackingDomain's budgetMs", () => {
  test("lowers the client's budget for that call", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const { client } = clientFor(server);
    server.enqueue(unavailable("2"), VERDICT);

    const error = (await rejectionOf(
      client.verifyTrackingDomain("track.example.com", undefined, { budgetMs: 1000 }),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains/track.example.com/verify failed (503): " +
        "Service Unavailable (the next attempt, in 2.0 s, would pass the call's time limit of 1 s)",
    );
    expect(server.requestLines()).toEqual([VERIFY]);
  });

  test("cannot raise it above the client's callBudgetMs", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    const { client } = clientFor(server, { callBudgetMs: 1000 });
    server.enqueue(unavailable("2"), VERDICT);

    const error = (await rejectionOf(
      client.verifyTrackingDomain("track.example.com", undefined, { budgetMs: 60_000 }),
    )) as SparkPostError;

    expect(error.apiMessage).toBe(
      "Service Unavailable (the next attempt, in 2.0 s, would pass the call's time limit of 1 s)",
    );
  });

  test("leaves a call that fits in it alone", async () => {
    const { client } = clientFor(server);
    server.enqueue(unavailable("0"), VERDICT);

    expect(
      await client.verifyTrackingDomain("track.example.com", undefined, { budgetMs: 5000 }),
    ).toEqual(VERDICT.json.results);
    expect(server.requestLines()).toEqual([VERIFY, VERIFY]);
  });
});

test("a body that trickles in slower than the call's budget is cut off at the budget", async () => {
  const { client } = clientFor(server, { timeoutMs: 5000, callBudgetMs: 400 });
  server.enqueue({ action: "stall", response: FOUND, trickleMs: 50 }, FOUND);
  const started = performance.now();

  const error = (await rejectionOf(
    client.getTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(error.message).toBe(
    "SparkPost API GET /tracking-domains/track.example.com failed (no response): " +
      "no complete response within the call's time limit (CALL_TIME_LIMIT)",
  );
  expect(error).toMatchObject({ kind: "unreachable", attempts: 1 });
  expect(performance.now() - started).toBeLessThan(2000);
  expect(server.requests).toHaveLength(1);
});

test("an attempt waits at most the time the budget has left, not timeoutMs", async () => {
  const { client } = clientFor(server, { timeoutMs: 10_000, callBudgetMs: 300 });
  server.enqueue({ action: "hang" }, FOUND);
  const started = performance.now();

  const error = (await rejectionOf(
    client.getTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(error.message).toBe(
    "SparkPost API GET /tracking-domains/track.example.com failed (no response): " +
      "no complete response within the call's time limit (CALL_TIME_LIMIT)",
  );
  expect(error).toMatchObject({ kind: "unreachable", attempts: 1 });
  expect(performance.now() - started).toBeLessThan(2000);
  expect(server.requests).toHaveLength(1);
});

test("time queued for a slot does not count against the budget", async () => {
  const slots = new RequestSlots(1);
  const holder = clientFor(server, { slots, slowRequestMs: 60_000 }).client;
  const { client } = clientFor(server, { slots, callBudgetMs: 300 });
  server.enqueue({ action: "hold", response: FOUND }, unavailable("0"), {
    status: 200,
    json: { results: [] },
  });

  const held = holder.getTrackingDomain("track.example.com");
  await server.waitForHeld(1);
  const queued = client.listTrackingDomains();
  queued.catch(() => undefined);
  await pause(500);
  expect(server.requests).toHaveLength(1);
  server.release();

  expect(await held).toEqual(FOUND.json.results);
  // A 503 then a retry: with the 500 ms in the queue counted, the 300 ms budget would be gone.
  await expect(queued).resolves.toEqual([]);
  expect(server.requestLines()).toEqual([
    GET_TRACK,
    "GET /api/v1/tracking-domains",
    "GET /api/v1/tracking-domains",
  ]);
});

test("a budget of 9,999,999,999 ms does not fail a call the server answers", async () => {
  const { client } = clientFor(server, { callBudgetMs: 9_999_999_999 });
  server.enqueue(FOUND);

  expect(await client.getTrackingDomain("track.example.com")).toEqual(FOUND.json.results);
});
