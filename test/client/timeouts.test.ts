/**
 * Timeouts and unreachable servers: a hung server or a stalled body costs at most two attempts,
 * each a fresh request; verify and certificate check wait longer; a refused connection is retried.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostClient,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, closedPort, rejectionOf, sentHeaders } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";
import { FOUND, GET_TRACK } from "../support/httpSparkPostAnswers";

let server: ScriptServer;

beforeEach(async () => {
  server = await startScriptServer();
});

afterEach(async () => {
  await server.close();
  clearRateLimitPauses();
});

afterAll(closeSharedAgent);

const LOG_PREFIX = "SparkPost API GET /tracking-domains/track.example.com";

describe("timeouts", () => {
  test("a server that never answers costs two attempts of timeoutMs, whatever maxRetries", async () => {
    const { client, logLines } = clientFor(server, { timeoutMs: 150 });
    server.enqueue({ action: "hang" }, { action: "hang" }, { action: "hang" });

    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains/track.example.com failed (no response, 2 attempts): " +
        "no response within 150 ms (UND_ERR_HEADERS_TIMEOUT)",
    );
    expect(error).toMatchObject({ kind: "unreachable", status: undefined, attempts: 2 });
    expect((error.cause as { code?: string }).code).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(server.requestLines()).toEqual([GET_TRACK, GET_TRACK]);
    expect(logLines).toEqual([
      `${LOG_PREFIX}: no response within 150 ms (UND_ERR_HEADERS_TIMEOUT), retry 1 of 1 in 0 ms`,
    ]);
  });

  test("a body that stalls after its headers is fetched again whole, without a Range header", async () => {
    const { client, logLines } = clientFor(server, { timeoutMs: 200 });
    server.enqueue({ action: "stall", response: FOUND }, FOUND);

    const domain = await client.getTrackingDomain("track.example.com");

    expect(domain).toEqual(FOUND.json.results);
    expect(server.requests).toEqual([
      {
        method: "GET",
        path: "/api/v1/tracking-domains/track.example.com",
        headers: sentHeaders(server),
        body: "",
      },
      {
        method: "GET",
        path: "/api/v1/tracking-domains/track.example.com",
        headers: sentHeaders(server),
        body: "",
      },
    ]);
    expect(server.requests[1].headers.range).toBeUndefined();
    expect(logLines).toEqual([
      `${LOG_PREFIX}: no response within 200 ms (UND_ERR_BODY_TIMEOUT), retry 1 of 1 in 0 ms`,
    ]);
  });

  test("a body that stalls twice ends the call after two attempts", async () => {
    const { client } = clientFor(server, { timeoutMs: 100 });
    server.enqueue(
      { action: "stall", response: FOUND, sentBytes: 10 },
      { action: "stall", response: FOUND, sentBytes: 10 },
      FOUND,
    );

    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains/track.example.com failed (no response, 2 attempts): " +
        "no response within 100 ms (UND_ERR_BODY_TIMEOUT)",
    );
    expect(server.requests).toHaveLength(2);
  });

  test.each([
    {
      call: "verifyTrackingDomain",
      run: (c: SparkPostClient) => c.verifyTrackingDomain("track.example.com"),
      path: "/tracking-domains/track.example.com/verify",
    },
    {
      call: "checkTrackingDomainCertificate",
      run: (c: SparkPostClient) => c.checkTrackingDomainCertificate("track.example.com"),
      path: "/tracking-domains/track.example.com/certificate/check",
    },
  ])("$call waits verifyTimeoutMs, not timeoutMs", async ({ run, path }) => {
    const { client } = clientFor(server, {
      timeoutMs: 20,
      verifyTimeoutMs: 150,
      retry: { maxRetries: 0 },
    });
    server.enqueue({ action: "hang" });

    const error = (await rejectionOf(run(client))) as Error;

    expect(error.message).toBe(
      `SparkPost API POST ${path} failed (no response): ` +
        "no response within 150 ms (UND_ERR_HEADERS_TIMEOUT)",
    );
  });
});

describe("unreachable servers", () => {
  test("connection refused is retried, then reported without a status", async () => {
    const port = await closedPort();
    const { client, logLines } = clientFor(server, {
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      retry: { maxRetries: 2 },
    });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains failed (no response, 3 attempts): " +
        "connection refused (ECONNREFUSED)",
    );
    expect(error).toMatchObject({ kind: "unreachable", status: undefined, attempts: 3 });
    expect(logLines).toEqual([
      "SparkPost API GET /tracking-domains: connection refused (ECONNREFUSED), retry 1 of 2 in 0 ms",
      "SparkPost API GET /tracking-domains: connection refused (ECONNREFUSED), retry 2 of 2 in 0 ms",
    ]);
  });
});
