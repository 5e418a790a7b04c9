/**
 * Shared set-up for the SparkPost client tests: a distinctive fake key, a client pointed at a
 * script server with retries shrunk to milliseconds, and the log lines it printed.
 */
import { createClient, type ClientOptions, type SparkPostClient } from "../../provider/sparkpost";
import type { ScriptServer } from "./httpScriptServer";

/** A fake API key distinctive enough that finding it anywhere means it leaked. */
export const FAKE_API_KEY = "fake-key-7Q9zK2xW4vB8nM1pL6tR3yU5";

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
