/**
 * Retries against a real loopback server that answers 429/5xx or drops connections: which answers
 * are retried, how often, and the log line of each retry. Every retry is a fresh request, the
 * same as the first. Timeouts and refused connections: timeouts.test.ts.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostClient,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, FAKE_API_KEY, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer, type ScriptStep } from "../support/httpScriptServer";
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
const SERVICE_UNAVAILABLE = { status: 503, json: { errors: [{ message: "Service Unavailable" }] } };
const TOO_MANY = { status: 429, text: "" };

describe("idempotent calls retry, then succeed in the same call", () => {
  test.each<{ title: string; first: ScriptStep; line: string }>([
    {
      title: "a 429 without Retry-After waits the rate-limit delay",
      first: TOO_MANY,
      line: `${LOG_PREFIX}: HTTP 429, retry 1 of 30 in 5 ms`,
    },
    {
      title: "a 429 with Retry-After: 0 retries at once",
      first: { status: 429, text: "", headers: { "retry-after": "0" } },
      line: `${LOG_PREFIX}: HTTP 429, retry 1 of 30 in 0 ms`,
    },
    {
      title: "a 429 with a Retry-After date in the past retries at once",
      first: { status: 429, text: "", headers: { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" } },
      line: `${LOG_PREFIX}: HTTP 429, retry 1 of 30 in 0 ms`,
    },
    ...[500, 502, 503, 504].map((status) => ({
      title: `a ${status} backs off`,
      first: { status, json: { errors: [{ message: "try later" }] } },
      line: `${LOG_PREFIX}: HTTP ${status}, retry 1 of 5 in 0 ms`,
    })),
    {
      title: "a connection reset backs off",
      first: { action: "reset" },
      line: `${LOG_PREFIX}: connection reset (ECONNRESET), retry 1 of 5 in 0 ms`,
    },
    {
      title: "a connection closed without an answer backs off",
      first: { action: "close" },
      line:
        `${LOG_PREFIX}: connection closed before a complete response (UND_ERR_SOCKET), ` +
        "retry 1 of 5 in 0 ms",
    },
  ])("$title", async ({ first, line }) => {
    const { client, logLines } = clientFor(server);
    server.enqueue(first, FOUND);

    const domain = await client.getTrackingDomain("track.example.com");

    expect(domain).toEqual(FOUND.json.results);
    expect(server.requestLines()).toEqual([GET_TRACK, GET_TRACK]);
    expect(server.requests[1]).toEqual(server.requests[0]);
    expect(logLines).toEqual([line]);
  });

  const updated = { status: 200, json: { results: { domain: "track.example.com" } } };
  const verdict = { verified: true, cname_status: "valid", compliance_status: "valid" };
  const check = { domain: "track.example.com", supportsManagedCertificate: true };
  test.each<{
    call: string;
    run: (client: SparkPostClient) => Promise<unknown>;
    answer: { status: number; json?: unknown };
    line: string;
    result: unknown;
  }>([
    {
      call: "getTrackingDomain",
      run: (c) => c.getTrackingDomain("track.example.com"),
      answer: FOUND,
      line: GET_TRACK,
      result: FOUND.json.results,
    },
    {
      call: "listTrackingDomains",
      run: (c) => c.listTrackingDomains(),
      answer: { status: 200, json: { results: [] } },
      line: "GET /api/v1/tracking-domains",
      result: [],
    },
    {
      call: "updateTrackingDomain",
      run: (c) => c.updateTrackingDomain("track.example.com", { secure: true }),
      answer: updated,
      line: "PUT /api/v1/tracking-domains/track.example.com",
      result: undefined,
    },
    {
      call: "deleteTrackingDomain",
      run: (c) => c.deleteTrackingDomain("track.example.com"),
      answer: { status: 204 },
      line: "DELETE /api/v1/tracking-domains/track.example.com",
      result: true,
    },
    {
      call: "verifyTrackingDomain",
      run: (c) => c.verifyTrackingDomain("track.example.com"),
      answer: { status: 200, json: { results: verdict } },
      line: "POST /api/v1/tracking-domains/track.example.com/verify",
      result: verdict,
    },
    {
      call: "checkTrackingDomainCertificate",
      run: (c) => c.checkTrackingDomainCertificate("track.example.com"),
      answer: { status: 200, json: { results: check } },
      line: "POST /api/v1/tracking-domains/track.example.com/certificate/check",
      result: check,
    },
    {
      call: "getSendingDomain",
      run: (c) => c.getSendingDomain("mail.example.com"),
      answer: { status: 200, json: { results: { status: {} } } },
      line: "GET /api/v1/sending-domains/mail.example.com",
      result: { status: {} },
    },
    {
      call: "setSendingDomainTrackingDomain",
      run: (c) => c.setSendingDomainTrackingDomain("mail.example.com", "track.example.com"),
      answer: {
        status: 200,
        json: { results: { message: "Successfully Updated Domain.", domain: "mail.example.com" } },
      },
      line: "PUT /api/v1/sending-domains/mail.example.com",
      result: undefined,
    },
  ])("$call is sent again after a 500", async ({ run, answer, line, result }) => {
    const { client } = clientFor(server);
    server.enqueue({ status: 500, json: { errors: [{ message: "Internal error" }] } }, answer);

    expect(await run(client)).toEqual(result);
    expect(server.requestLines()).toEqual([line, line]);
    expect(server.requests[1]).toEqual(server.requests[0]);
  });
});

test.each([400, 401, 403, 404, 409, 422, 501])("a %d is not retried", async (status) => {
  const { client, logLines } = clientFor(server);
  server.enqueue({ status, json: { errors: [{ message: "no" }] } }, { status: 200, json: {} });

  const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

  expect(error).toMatchObject({ kind: "refused", status, attempts: 1 });
  expect(server.requestLines()).toEqual(["GET /api/v1/tracking-domains"]);
  expect(logLines).toEqual([]);
});

describe("retry limits", () => {
  test("retries exhausted: the error carries the last status, body and attempt count", async () => {
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
      "SparkPost API DELETE /tracking-domains/track.example.com failed (502, 3 attempts): " +
        "<h1>Bad Gateway</h1>",
    );
    expect(error).toMatchObject({ kind: "refused", status: 502, attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(logLines).toEqual([
      "SparkPost API DELETE /tracking-domains/track.example.com: HTTP 503, retry 1 of 2 in 0 ms",
      "SparkPost API DELETE /tracking-domains/track.example.com: HTTP 504, retry 2 of 2 in 0 ms",
    ]);
  });

  test("by default a 5xx is retried 5 times, 6 sends in all", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue(...Array.from({ length: 7 }, () => SERVICE_UNAVAILABLE));

    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains/track.example.com failed (503, 6 attempts): " +
        "Service Unavailable",
    );
    expect(server.requests).toHaveLength(6);
    expect(logLines).toEqual(
      [1, 2, 3, 4, 5].map((retry) => `${LOG_PREFIX}: HTTP 503, retry ${retry} of 5 in 0 ms`),
    );
  });

  test("by default a 429 is retried 30 times, 31 sends in all", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue(...Array.from({ length: 32 }, () => TOO_MANY));

    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains/track.example.com failed (429, 31 attempts): " +
        "Too Many Requests",
    );
    expect(server.requests).toHaveLength(31);
    expect(logLines).toHaveLength(30);
    expect(logLines[29]).toBe(`${LOG_PREFIX}: HTTP 429, retry 30 of 30 in 5 ms`);
  });

  test("maxRateLimitRetries bounds the 429 retries", async () => {
    const { client, logLines } = clientFor(server, { retry: { maxRateLimitRetries: 2 } });
    server.enqueue(TOO_MANY, TOO_MANY, TOO_MANY, FOUND);

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error).toMatchObject({ status: 429, attempts: 3 });
    expect(server.requests).toHaveLength(3);
    expect(logLines).toEqual([
      "SparkPost API GET /tracking-domains: HTTP 429, retry 1 of 2 in 5 ms",
      "SparkPost API GET /tracking-domains: HTTP 429, retry 2 of 2 in 5 ms",
    ]);
  });

  test("maxRetries 0 stops 5xx retries but not 429 retries", async () => {
    const { client } = clientFor(server, { retry: { maxRetries: 0 } });
    server.enqueue(TOO_MANY, TOO_MANY, FOUND, SERVICE_UNAVAILABLE, FOUND);

    expect(await client.getTrackingDomain("track.example.com")).toEqual(FOUND.json.results);
    const error = (await rejectionOf(
      client.getTrackingDomain("track.example.com"),
    )) as SparkPostError;

    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server.requests).toHaveLength(4);
  });

  test("429s do not use up the retries of a later 503", async () => {
    const { client } = clientFor(server);
    server.enqueue(...Array.from({ length: 6 }, () => TOO_MANY), SERVICE_UNAVAILABLE, FOUND);

    expect(await client.getTrackingDomain("track.example.com")).toEqual(FOUND.json.results);
    expect(server.requests).toHaveLength(8);
  });
});

test("the key appears in no log line nor network error", async () => {
  const { client, logLines } = clientFor(server, { timeoutMs: 50, retry: { maxRetries: 2 } });
  // Each kind of failure has retries of its own: a 429, a reset and a timeout are all retried,
  // and the second hang ends the call.
  server.enqueue(
    { status: 429, text: "" },
    { action: "reset" },
    { action: "hang" },
    { action: "hang" },
  );

  const error = (await rejectionOf(
    client.getTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(logLines).toHaveLength(3);
  expect(error.attempts).toBe(4);
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
