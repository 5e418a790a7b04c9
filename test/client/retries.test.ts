/**
 * Retries and timeouts against a real loopback server that answers 429/5xx, resets connections,
 * refuses them, or never answers.
 */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { closeSharedAgent, type SparkPostError } from "../../provider/sparkpost";
import { clientFor, FAKE_API_KEY, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";
import { FOUND, GET_TRACK } from "../support/httpSparkPostAnswers";

let server: ScriptServer;

beforeEach(async () => {
  server = await startScriptServer();
});

afterEach(async () => {
  await server.close();
});

afterAll(closeSharedAgent);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("idempotent calls", () => {
  test.each([
    {
      title: "a 429 without Retry-After waits the rate-limit delay",
      first: { status: 429, text: "" },
      line: "SparkPost API GET /tracking-domains/track.example.com: HTTP 429, retry 1 of 5 in 5 ms",
    },
    {
      title: "a 429 with Retry-After: 0 retries at once",
      first: { status: 429, text: "", headers: { "retry-after": "0" } },
      line: "SparkPost API GET /tracking-domains/track.example.com: HTTP 429, retry 1 of 5 in 0 ms",
    },
    {
      title: "a 429 with Retry-After: 1 waits one second",
      first: { status: 429, text: "", headers: { "retry-after": "1" } },
      line: "SparkPost API GET /tracking-domains/track.example.com: HTTP 429, retry 1 of 5 in 1000 ms",
    },
    {
      title: "a 503 backs off",
      first: { status: 503, json: { errors: [{ message: "Service Unavailable" }] } },
      line: "SparkPost API GET /tracking-domains/track.example.com: HTTP 503, retry 1 of 5 in 0 ms",
    },
    {
      title: "a connection reset backs off",
      first: { action: "reset" as const },
      line:
        "SparkPost API GET /tracking-domains/track.example.com: connection reset (ECONNRESET), " +
        "retry 1 of 5 in 0 ms",
    },
  ])("$title, then succeeds", async ({ first, line }) => {
    const { client, logLines } = clientFor(server);
    server.enqueue(first, FOUND);

    const domain = await client.getTrackingDomain("track.example.com");

    expect(domain).toEqual(FOUND.json.results);
    expect(server.requestLines()).toEqual([GET_TRACK, GET_TRACK]);
    expect(logLines).toEqual([line]);
  });

  test("retries exhausted: the error carries the last status and body", async () => {
    const { client, logLines } = clientFor(server, { retry: { maxRetries: 2 } });
    server.enqueue(
      { status: 503, text: "" },
      { status: 504, text: "" },
      { status: 502, text: "<h1>Bad Gateway</h1>" },
    );

    const error = (await rejectionOf(
      client.deleteTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API DELETE /tracking-domains/track.example.com failed (502): <h1>Bad Gateway</h1>",
    );
    expect(error).toMatchObject({ status: 502, attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(logLines).toEqual([
      "SparkPost API DELETE /tracking-domains/track.example.com: HTTP 503, retry 1 of 2 in 0 ms",
      "SparkPost API DELETE /tracking-domains/track.example.com: HTTP 504, retry 2 of 2 in 0 ms",
    ]);
  });

  test("a 500 is not retried", async () => {
    const { client } = clientFor(server);
    server.enqueue({ status: 500, json: { errors: [{ message: "Internal error" }] } });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error).toMatchObject({ status: 500, attempts: 1, apiMessage: "Internal error" });
    expect(server.requests).toHaveLength(1);
  });

  test("verify and certificate check are retried like reads", async () => {
    const { client } = clientFor(server);
    const verdict = { verified: true, cname_status: "valid", compliance_status: "valid" };
    server.enqueue({ status: 503, text: "" }, { status: 200, json: { results: verdict } });

    expect(await client.verifyTrackingDomain("track.example.com")).toEqual(verdict);
    expect(server.requestLines()).toEqual([
      "POST /api/v1/tracking-domains/track.example.com/verify",
      "POST /api/v1/tracking-domains/track.example.com/verify",
    ]);
  });
});

describe("timeouts and unreachable servers", () => {
  test("a server that never answers times out on every attempt", async () => {
    const { client, logLines } = clientFor(server, { timeoutMs: 100, retry: { maxRetries: 1 } });
    server.enqueue({ action: "hang" }, { action: "hang" });

    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains/track.example.com failed (no response): " +
        "no response within 100 ms (UND_ERR_HEADERS_TIMEOUT)",
    );
    expect(error).toMatchObject({ status: undefined, attempts: 2 });
    expect((error.cause as { code?: string }).code).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(server.requestLines()).toEqual([GET_TRACK, GET_TRACK]);
    expect(logLines).toEqual([
      "SparkPost API GET /tracking-domains/track.example.com: no response within 100 ms " +
        "(UND_ERR_HEADERS_TIMEOUT), retry 1 of 1 in 0 ms",
    ]);
  });

  test("verify waits verifyTimeoutMs, not timeoutMs", async () => {
    const { client } = clientFor(server, {
      timeoutMs: 20,
      verifyTimeoutMs: 150,
      retry: { maxRetries: 0 },
    });
    server.enqueue({ action: "hang" });

    const error = (await rejectionOf(client.verifyTrackingDomain("track.example.com"))) as Error;

    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains/track.example.com/verify failed (no response): " +
        "no response within 150 ms (UND_ERR_HEADERS_TIMEOUT)",
    );
  });

  test("connection refused is retried, then reported without a status", async () => {
    const port = await closedPort();
    const { client, logLines } = clientFor(server, {
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      retry: { maxRetries: 1 },
    });

    const error = (await rejectionOf(
      client.createTrackingDomain("track.example.com", {}),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains failed (no response): connection refused (ECONNREFUSED)",
    );
    expect(error).toMatchObject({ status: undefined, attempts: 2 });
    expect(logLines).toEqual([
      "SparkPost API POST /tracking-domains: connection refused (ECONNREFUSED), retry 1 of 1 in 0 ms",
    ]);
  });
});

test("the key appears in no log line nor network error", async () => {
  const { client, logLines } = clientFor(server, { timeoutMs: 50, retry: { maxRetries: 2 } });
  server.enqueue({ status: 429, text: "" }, { action: "reset" }, { action: "hang" });

  const error = (await rejectionOf(
    client.getTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(logLines).toHaveLength(2);
  const texts = [
    ...logLines,
    error.message,
    String(error),
    error.stack,
    JSON.stringify(error),
    String(error.cause),
    (error.cause as Error).stack,
  ];
  for (const text of texts) {
    expect(text).not.toContain(FAKE_API_KEY);
  }
});
