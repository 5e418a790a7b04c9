/**
 * Shared set-up for the SparkPost client tests: a distinctive fake key, a client pointed at a
 * script server with retries shrunk to milliseconds, and the log lines it printed.
 */
import { createServer, type AddressInfo } from "node:net";
import { createClient, type ClientOptions, type SparkPostClient } from "../../provider/sparkpost";
import type { ScriptServer } from "./httpScriptServer";

/** A fake API key distinctive enough that finding it anywhere means it leaked. */
export const FAKE_API_KEY = "fake-key-7Q9zK2xW4vB8nM1pL6tR3yU5";

/** The `User-Agent` every call sends. */
export const EXPECTED_USER_AGENT = "pulumi-sparkpost-tracking/0.2.0";

/** A client for `server` and the lines it logged. */
export interface ClientUnderTest {
  client: SparkPostClient;
  logLines: string[];
}

/**
 * A client for `server` with the fake key. Backoff waits are 0 ms and a 429 without Retry-After
 * waits 5 ms, so retry tests run fast and their log lines are exact.
 */
export function clientFor(
  server: ScriptServer,
  overrides: Partial<ClientOptions> = {},
): ClientUnderTest {
  const logLines: string[] = [];
  const client = createClient({
    apiKey: FAKE_API_KEY,
    baseUrl: server.baseUrl,
    log: (line) => logLines.push(line),
    ...overrides,
    retry: { minDelayMs: 0, maxDelayMs: 2000, rateLimitDelayMs: [5, 5], ...overrides.retry },
  });
  return { client, logLines };
}

/** The rejection of `promise`; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/**
 * Every header a call to `server` sends, exactly, plus `extra` (a call with a body adds
 * `content-type` and `content-length`; a POST without one adds `content-length: 0`).
 */
export function sentHeaders(
  server: ScriptServer,
  extra: Record<string, string> = {},
  apiKey = FAKE_API_KEY,
): Record<string, string> {
  return {
    host: new URL(server.baseUrl).host,
    connection: "keep-alive",
    authorization: apiKey,
    accept: "application/json",
    "user-agent": EXPECTED_USER_AGENT,
    ...extra,
  };
}

/** The headers of a call whose JSON body is `body`. */
export function sentJsonHeaders(
  server: ScriptServer,
  body: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return sentHeaders(server, {
    "content-type": "application/json",
    ...extra,
    "content-length": String(Buffer.byteLength(body)),
  });
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Resolves after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `condition` holds, checking every 5 ms; fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  // performance.now, not Date.now: some tests fix Date.now.
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await pause(5);
  }
}
