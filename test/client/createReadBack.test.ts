/**
 * The create that must not be replayed blindly, decision by decision: a clear answer is taken as
 * it is; an unclear one (lost, garbled, 5xx) is settled by reading the domain back before the
 * POST is ever sent again, at most three sends in all.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  CREATE_UNCONFIRMED,
  isSparkPostError,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, closedPort, rejectionOf, sentJsonHeaders } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer, type ScriptStep } from "../support/httpScriptServer";
import {
  CONFLICT,
  CREATED,
  FOUND,
  GET_TRACK,
  HTML_NOT_FOUND,
  NOT_FOUND,
  POST_CREATE,
} from "../support/httpSparkPostAnswers";

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

const INTERNAL_ERROR = { status: 500, json: { errors: [{ message: "Internal error" }] } };
const UNCLEAR_PREFIX = "SparkPost API POST /tracking-domains: ";
const READING_BACK = "left it unclear whether track.example.com was created; reading it back";
const SENDING_AGAIN =
  "SparkPost API POST /tracking-domains: track.example.com was not created, sending again in 0 ms";

function create(client = clientFor(server).client) {
  return client.createTrackingDomain("track.example.com", {});
}

describe("clear answers", () => {
  test("a 200 with SparkPost's answer: created, one POST, nothing logged", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue(CREATED);

    expect(await create(client)).toEqual({ outcome: "created" });
    expect(server.requestLines()).toEqual([POST_CREATE]);
    expect(logLines).toEqual([]);
  });

  test("a 409 to the first POST: the domain existed, with SparkPost's refusal", async () => {
    server.enqueue(CONFLICT);

    const result = await create();

    expect(result).toEqual({ outcome: "existed", conflict: expect.any(Error) });
    const { conflict } = result as { conflict: SparkPostError };
    expect(isSparkPostError(conflict)).toBe(true);
    expect(conflict).toMatchObject({
      kind: "refused",
      status: 409,
      attempts: 1,
      message:
        "SparkPost API POST /tracking-domains failed (409): The tracking domain already exists",
    });
    expect(server.requestLines()).toEqual([POST_CREATE]);
  });

  test("a 429 means it did not take effect: the POST is sent again after the wait", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue({ status: 429, text: "" }, CREATED);

    expect(await create(client)).toEqual({ outcome: "created" });
    expect(server.requestLines()).toEqual([POST_CREATE, POST_CREATE]);
    expect(server.requests[1]).toEqual(server.requests[0]);
    expect(logLines).toEqual([
      "SparkPost API POST /tracking-domains: HTTP 429, retry 1 of 30 in 5 ms",
    ]);
  });

  test("a refused connection never reached SparkPost: retried, then thrown, never read back", async () => {
    const port = await closedPort();
    const { client, logLines } = clientFor(server, {
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      retry: { maxRetries: 1 },
    });

    const error = (await rejectionOf(create(client))) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains failed (no response, 2 attempts): " +
        "connection refused (ECONNREFUSED)",
    );
    expect(logLines).toEqual([
      "SparkPost API POST /tracking-domains: connection refused (ECONNREFUSED), retry 1 of 1 in 0 ms",
    ]);
  });

  test.each([400, 422])("a %d is thrown as it is, without a read-back", async (status) => {
    server.enqueue({ status, json: { errors: [{ message: "domain must be valid" }] } }, FOUND);

    const error = (await rejectionOf(create())) as SparkPostError;

    expect(error.message).toBe(
      `SparkPost API POST /tracking-domains failed (${status}): domain must be valid`,
    );
    expect(server.requestLines()).toEqual([POST_CREATE]);
  });
});

const GARBLED_HTML = "<html><body>Service temporarily unavailable</body></html>";

describe.each<{ title: string; first: ScriptStep; unclear: string; message: string }>([
  {
    title: "a 500",
    first: INTERNAL_ERROR,
    unclear: "HTTP 500",
    message: "SparkPost API POST /tracking-domains failed (500): Internal error",
  },
  {
    title: "a 503",
    first: { status: 503, text: "" },
    unclear: "HTTP 503",
    message: "SparkPost API POST /tracking-domains failed (503): Service Unavailable",
  },
  {
    title: "a reset after sending",
    first: { action: "reset" },
    unclear: "connection reset (ECONNRESET)",
    message:
      "SparkPost API POST /tracking-domains failed (no response): connection reset (ECONNRESET)",
  },
  {
    title: "a connection closed after sending",
    first: { action: "close" },
    unclear: "connection closed before a complete response (UND_ERR_SOCKET)",
    message:
      "SparkPost API POST /tracking-domains failed (no response): " +
      "connection closed before a complete response (UND_ERR_SOCKET)",
  },
  {
    title: "a timeout",
    first: { action: "hang" },
    unclear: "no response within 100 ms (UND_ERR_HEADERS_TIMEOUT)",
    message:
      "SparkPost API POST /tracking-domains failed (no response): " +
      "no response within 100 ms (UND_ERR_HEADERS_TIMEOUT)",
  },
  {
    title: "a 200 whose body stalls",
    first: { action: "stall", response: CREATED },
    unclear: "no response within 100 ms (UND_ERR_BODY_TIMEOUT)",
    message:
      "SparkPost API POST /tracking-domains failed (no response): " +
      "no response within 100 ms (UND_ERR_BODY_TIMEOUT)",
  },
  {
    title: "a garbled 200 {}",
    first: { status: 200, json: {} },
    unclear: "an unexpected 200 answer (results is missing in {})",
    message:
      "SparkPost API POST /tracking-domains failed (unexpected 200 answer): results is missing in {}",
  },
  {
    title: 'a 200 {"results":{}}',
    first: { status: 200, json: { results: {} } },
    unclear: 'an unexpected 200 answer (results.domain is missing in {"results":{}})',
    message:
      "SparkPost API POST /tracking-domains failed (unexpected 200 answer): " +
      'results.domain is missing in {"results":{}}',
  },
  {
    title: "an HTML 200",
    first: { status: 200, text: GARBLED_HTML },
    unclear: `an unexpected 200 answer (the body is not JSON: ${GARBLED_HTML})`,
    message: `SparkPost API POST /tracking-domains failed (unexpected 200 answer): the body is not JSON: ${GARBLED_HTML}`,
  },
])("after $title", ({ first, unclear, message }) => {
  test("a read-back that finds the domain settles it: foundAfterUnclearAnswer, no resend", async () => {
    const { client, logLines } = clientFor(server, { timeoutMs: 100 });
    server.enqueue(first, FOUND, CREATED);

    const result = await client.createTrackingDomain("track.example.com", {}, { subaccountId: 5 });

    expect(result).toEqual({
      outcome: "foundAfterUnclearAnswer",
      object: FOUND.json.results,
      unclear: expect.any(Error),
    });
    const unclearError = (result as { unclear: SparkPostError }).unclear;
    expect(isSparkPostError(unclearError)).toBe(true);
    expect(unclearError.message).toBe(message);
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK]);
    expect(server.requests[1].headers["x-msys-subaccount"]).toBe("5");
    expect(logLines).toEqual([`${UNCLEAR_PREFIX}${unclear} ${READING_BACK}`]);
  });

  test("SparkPost's 404 on the read-back: the same POST is sent again", async () => {
    const { client, logLines } = clientFor(server, { timeoutMs: 100 });
    server.enqueue(first, NOT_FOUND, CREATED);

    expect(await create(client)).toEqual({ outcome: "created" });
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK, POST_CREATE]);
    const body = '{"domain":"track.example.com"}';
    expect(server.requests[2]).toEqual({
      method: "POST",
      path: "/api/v1/tracking-domains",
      headers: sentJsonHeaders(server, body),
      body,
    });
    expect(logLines).toEqual([`${UNCLEAR_PREFIX}${unclear} ${READING_BACK}`, SENDING_AGAIN]);
  });
});

describe("after an unclear answer and a read-back that found nothing", () => {
  test("a 409 to the resend means the first POST created it: created", async () => {
    server.enqueue(INTERNAL_ERROR, NOT_FOUND, CONFLICT);

    expect(await create()).toEqual({ outcome: "created" });
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK, POST_CREATE]);
  });

  test("a refusal of the resend is thrown as it is", async () => {
    server.enqueue(INTERNAL_ERROR, NOT_FOUND, {
      status: 400,
      json: { errors: [{ message: "domain is on a DNS blacklist" }] },
    });

    const error = (await rejectionOf(create())) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains failed (400): domain is on a DNS blacklist",
    );
    expect(server.requests).toHaveLength(3);
  });

  test("three unclear sends: the last failure is thrown, with no fourth POST", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue(
      INTERNAL_ERROR,
      NOT_FOUND,
      { status: 502, text: "" },
      NOT_FOUND,
      { status: 503, json: { errors: [{ message: "third" }] } },
      NOT_FOUND,
      CREATED,
    );

    const error = (await rejectionOf(create(client))) as SparkPostError;

    expect(error.message).toBe("SparkPost API POST /tracking-domains failed (503): third");
    expect(error).toMatchObject({ kind: "refused", status: 503, attempts: 1 });
    expect(server.requestLines()).toEqual([
      POST_CREATE,
      GET_TRACK,
      POST_CREATE,
      GET_TRACK,
      POST_CREATE,
      GET_TRACK,
    ]);
    expect(logLines).toEqual([
      `${UNCLEAR_PREFIX}HTTP 500 ${READING_BACK}`,
      SENDING_AGAIN,
      `${UNCLEAR_PREFIX}HTTP 502 ${READING_BACK}`,
      SENDING_AGAIN,
      `${UNCLEAR_PREFIX}HTTP 503 ${READING_BACK}`,
    ]);
  });

  test("each resend waits a growing backoff", async () => {
    jest.spyOn(Math, "random").mockReturnValue(1);
    const { client, logLines } = clientFor(server, { retry: { minDelayMs: 40 } });
    server.enqueue(INTERNAL_ERROR, NOT_FOUND, INTERNAL_ERROR, NOT_FOUND, CREATED);

    expect(await create(client)).toEqual({ outcome: "created" });
    expect(logLines.filter((line) => line.includes("sending again"))).toEqual([
      "SparkPost API POST /tracking-domains: track.example.com was not created, sending again in 40 ms",
      "SparkPost API POST /tracking-domains: track.example.com was not created, sending again in 80 ms",
    ]);
  });
});

describe("a read-back that fails leaves the create unconfirmed", () => {
  test.each<{ title: string; readBack: ScriptStep[]; why: string }>([
    {
      title: "a 401",
      readBack: [{ status: 401, json: { errors: [{ message: "Unauthorized" }] } }],
      why: "SparkPost API GET /tracking-domains/track.example.com failed (401): Unauthorized",
    },
    {
      title: "a web server's HTML 404, which is no proof of absence",
      readBack: [HTML_NOT_FOUND],
      why:
        "SparkPost API GET /tracking-domains/track.example.com failed (404): " +
        "<html> <head><title>404 Not Found</title></head> <body>nginx</body> </html>",
    },
    {
      title: "503s until the retries run out",
      readBack: [
        { status: 503, text: "" },
        { status: 503, text: "" },
      ],
      why:
        "SparkPost API GET /tracking-domains/track.example.com failed (503, 2 attempts): " +
        "Service Unavailable",
    },
  ])("$title", async ({ readBack, why }) => {
    const { client } = clientFor(server, { retry: { maxRetries: 1 } });
    server.enqueue(INTERNAL_ERROR, ...readBack, CREATED);

    const error = (await rejectionOf(create(client))) as Error & { code?: string };

    expect(error.code).toBe(CREATE_UNCONFIRMED);
    expect(error.code).toBe("SPARKPOST_CREATE_UNCONFIRMED");
    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains: HTTP 500 left it unclear whether track.example.com " +
        `was created, and reading it back failed too: ${why}`,
    );
    expect(isSparkPostError(error.cause)).toBe(true);
    expect((error.cause as Error).message).toBe(why);
    expect(server.requestLines()).toEqual([POST_CREATE, ...readBack.map(() => GET_TRACK)]);
  });
});
