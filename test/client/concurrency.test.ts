/**
 * The bound on requests in flight, per account (API and key) in the process: calls reach the
 * server at most 8 at a time, the rest queue, and another account's calls do not queue behind
 * them; a request that has gone `slowRequestMs` without an answer gives its slot up, so hung
 * requests cannot starve the others, and the pool has connections enough for them.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  MAX_CONNECTIONS_PER_ORIGIN,
  MAX_REQUESTS_IN_FLIGHT,
  RequestSlots,
  SLOW_REQUEST_MS,
} from "../../provider/sparkpost";
import { clientFor, pause } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";
import { CREATED, FOUND, GET_TRACK } from "../support/httpSparkPostAnswers";

let server: ScriptServer;

beforeEach(async () => {
  server = await startScriptServer();
});

afterEach(async () => {
  await server.close();
  clearRateLimitPauses();
});

afterAll(closeSharedAgent);

test("the bounds: 8 requests in flight, slow after 5 s, 32 connections per origin", () => {
  expect(MAX_REQUESTS_IN_FLIGHT).toBe(8);
  expect(SLOW_REQUEST_MS).toBe(5000);
  expect(MAX_CONNECTIONS_PER_ORIGIN).toBe(32);
});

test("20 calls from separate clients never have more than 8 requests in flight", async () => {
  const names = Array.from({ length: 20 }, (_, index) => `track${index}.example.com`);
  for (const name of names) {
    server.enqueue({
      action: "hold",
      response: { status: 200, json: { results: { domain: name } } },
    });
  }

  // A client per call, as each resource operation builds its own: the bound is per account in
  // the process, and these share one key.
  const calls = names.map((name) => clientFor(server).client.createTrackingDomain(name, {}));
  await server.waitForHeld(8);
  // Give a 9th request the time to arrive if the bound did not hold; a loopback request takes
  // well under a millisecond.
  await pause(100);
  const inFlightWhileHeld = server.inFlight;
  server.release();
  const results = await Promise.all(calls);

  expect(inFlightWhileHeld).toBe(8);
  expect(server.maxInFlight).toBe(8);
  expect(results).toEqual(names.map(() => ({ outcome: "created" })));
  const posted = server.requests.map((request) => JSON.parse(request.body).domain as string);
  expect(posted.sort()).toEqual([...names].sort());
});

test("8 requests of one account in flight hold back none of another account's on the same API", async () => {
  const heldNames = Array.from({ length: 8 }, (_, index) => `track${index}.example.com`);
  for (const name of heldNames) {
    server.enqueue({
      action: "hold",
      response: { status: 200, json: { results: { domain: name } } },
    });
  }
  server.enqueue(FOUND);

  // The default slots: each client finds its account's bound in the process.
  const held = heldNames.map((name) => clientFor(server).client.createTrackingDomain(name, {}));
  await server.waitForHeld(8);
  const other = clientFor(server, { apiKey: "fake-key-other-account-3Hq8Vn2Lm5Xc" }).client;
  const otherResult = await other.getTrackingDomain("track.example.com");
  const inFlightMeanwhile = server.inFlight;
  server.release();
  await Promise.all(held);

  expect(otherResult).toEqual(FOUND.json.results);
  expect(inFlightMeanwhile).toBe(8);
  expect(server.maxInFlight).toBe(9);
  expect(server.requestLines().at(-1)).toBe(GET_TRACK);
});

test("8 hung requests give their slots up after slowRequestMs, and a 9th call completes", async () => {
  const slots = new RequestSlots(8);
  const hung = clientFor(server, { slots, slowRequestMs: 1000 }).client;
  const ninth = clientFor(server, { slots }).client;
  server.enqueue(
    ...Array.from({ length: 8 }, () => ({ action: "hold" as const, response: FOUND })),
    CREATED,
  );

  const hungCalls = Array.from({ length: 8 }, () => hung.getTrackingDomain("track.example.com"));
  await server.waitForHeld(8);
  expect(slots.inUse).toBe(8);
  const ninthCall = ninth.createTrackingDomain("track.example.com", {});
  await pause(100);
  const sentBeforeSlow = server.requests.length;
  const result = await ninthCall;
  const inFlightWhenNinthDone = server.inFlight;
  server.release();
  const hungResults = await Promise.all(hungCalls);

  expect(sentBeforeSlow).toBe(8);
  expect(result).toEqual({ outcome: "created" });
  expect(inFlightWhenNinthDone).toBe(8);
  expect(server.requestLines()).toEqual([
    ...Array.from({ length: 8 }, () => GET_TRACK),
    "POST /api/v1/tracking-domains",
  ]);
  expect(hungResults).toEqual(hungCalls.map(() => FOUND.json.results));
  expect(slots.inUse).toBe(0);
});

test("a request keeps its slot while it is not yet slow", async () => {
  const slots = new RequestSlots(1);
  const { client } = clientFor(server, { slots, slowRequestMs: 60_000 });
  server.enqueue({ action: "hold", response: FOUND }, FOUND);

  const first = client.getTrackingDomain("track.example.com");
  await server.waitForHeld(1);
  const second = client.getTrackingDomain("track.example.com");
  await pause(300);
  const sentWhileHeld = server.requests.length;
  server.release();

  expect(await Promise.all([first, second])).toEqual([FOUND.json.results, FOUND.json.results]);
  expect(sentWhileHeld).toBe(1);
  expect(slots.inUse).toBe(0);
});

test("the pool opens up to 32 connections for requests that stopped counting as slow", async () => {
  const slots = new RequestSlots(8);
  const { client } = clientFor(server, { slots, slowRequestMs: 20 });
  server.enqueue(
    ...Array.from({ length: 33 }, () => ({ action: "hold" as const, response: FOUND })),
  );

  const calls = Array.from({ length: 33 }, () => client.getTrackingDomain("track.example.com"));
  await server.waitForHeld(32);
  await pause(200);
  const inFlightWhileHeld = server.inFlight;
  server.release();
  await Promise.all(calls);

  expect(inFlightWhileHeld).toBe(32);
  expect(server.maxInFlight).toBe(32);
  expect(server.requests).toHaveLength(33);
});

test("RequestSlots hands slots over in arrival order, and a second release does nothing", async () => {
  const slots = new RequestSlots(1);
  const order: string[] = [];

  const releaseFirst = await slots.acquire();
  const second = slots.acquire().then((release) => {
    order.push("second");
    return release;
  });
  const third = slots.acquire().then((release) => {
    order.push("third");
    return release;
  });
  releaseFirst();
  releaseFirst();
  const releaseSecond = await second;
  await pause(10);

  expect(order).toEqual(["second"]);
  expect(slots.inUse).toBe(1);
  releaseSecond();
  (await third)();
  expect(order).toEqual(["second", "third"]);
  expect(slots.inUse).toBe(0);
});
