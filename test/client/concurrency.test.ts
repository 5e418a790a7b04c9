/**
 * The process-wide bound on requests in flight: 20 calls at once reach the server at most 8 at a
 * time, the rest queue in the shared pool.
 */
import { closeSharedAgent, MAX_CONNECTIONS_PER_ORIGIN } from "../../provider/sparkpost";
import { clientFor } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";

let server: ScriptServer;

beforeAll(async () => {
  server = await startScriptServer();
});

afterAll(async () => {
  await server.close();
  await closeSharedAgent();
});

test("20 calls from separate clients never have more than 8 requests in flight", async () => {
  const names = Array.from({ length: 20 }, (_, index) => `track${index}.example.com`);
  for (const name of names) {
    server.enqueue({
      action: "hold",
      response: { status: 200, json: { results: { domain: name } } },
    });
  }

  // A client per call, as each resource operation builds its own: the bound is per process.
  const calls = names.map((name) => clientFor(server).client.createTrackingDomain(name, {}));
  await server.waitForHeld(8);
  // Give a 9th request the time to arrive if the bound did not hold; a loopback request takes
  // well under a millisecond.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const inFlightWhileHeld = server.inFlight;
  server.release();
  const results = await Promise.all(calls);

  expect(inFlightWhileHeld).toBe(8);
  expect(server.maxInFlight).toBe(8);
  expect(server.requests).toHaveLength(20);
  expect(MAX_CONNECTIONS_PER_ORIGIN).toBe(8);
  expect(results.map((result) => result.domain).sort()).toEqual([...names].sort());
});
