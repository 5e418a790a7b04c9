/**
 * Only SparkPost's own 404 means "does not exist". A 404 from a web server or proxy (a wrong URL,
 * a captive portal) says nothing about the domain, so it is an error, never "gone".
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  createSparkPostError,
  isNotFound,
  type SparkPostClient,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer, type ScriptStep } from "../support/httpScriptServer";
import { HTML_NOT_FOUND, NOT_FOUND } from "../support/httpSparkPostAnswers";

let server: ScriptServer;
let client: SparkPostClient;

beforeAll(async () => {
  server = await startScriptServer();
  client = clientFor(server).client;
});

afterEach(clearRateLimitPauses);

afterAll(async () => {
  await server.close();
  await closeSharedAgent();
});

describe("isNotFound", () => {
  const base = {
    kind: "refused" as const,
    method: "GET",
    path: "/x",
    apiMessage: "m",
    attempts: 1,
  };

  test.each([
    {
      title: "a 404 with SparkPost's errors",
      status: 404,
      errors: [{ message: "resource not found" }],
      expected: true,
    },
    { title: "a 404 without SparkPost's errors", status: 404, errors: [], expected: false },
    {
      title: "a 410 with SparkPost's errors",
      status: 410,
      errors: [{ message: "gone" }],
      expected: false,
    },
    {
      title: "a 400 with SparkPost's errors",
      status: 400,
      errors: [{ message: "resource not found" }],
      expected: false,
    },
  ])("$title: $expected", ({ status, errors, expected }) => {
    expect(isNotFound(createSparkPostError({ ...base, status, errors }))).toBe(expected);
  });

  test.each([
    { title: "a plain Error", value: new Error("404 resource not found") },
    {
      title: "a look-alike object",
      value: { status: 404, errors: [{ message: "resource not found" }] },
    },
    { title: "undefined", value: undefined },
  ])("is false for $title", ({ value }) => {
    expect(isNotFound(value)).toBe(false);
  });
});

describe("SparkPost's own 404 means absent", () => {
  test.each<{
    call: string;
    run: (c: SparkPostClient) => Promise<unknown>;
    absent: unknown;
    line: string;
  }>([
    {
      call: "getTrackingDomain",
      run: (c) => c.getTrackingDomain("gone.example.com"),
      absent: undefined,
      line: "GET /api/v1/tracking-domains/gone.example.com",
    },
    {
      call: "getSendingDomain",
      run: (c) => c.getSendingDomain("gone.example.com"),
      absent: undefined,
      line: "GET /api/v1/sending-domains/gone.example.com",
    },
    {
      call: "deleteTrackingDomain",
      run: (c) => c.deleteTrackingDomain("gone.example.com"),
      absent: false,
      line: "DELETE /api/v1/tracking-domains/gone.example.com",
    },
  ])("$call gives $absent, after one request", async ({ run, absent, line }) => {
    const before = server.requests.length;
    server.enqueue(NOT_FOUND);

    expect(await run(client)).toBe(absent);
    expect(server.requestLines().slice(before)).toEqual([line]);
  });
});

const htmlExcerpt = "<html> <head><title>404 Not Found</title></head> <body>nginx</body> </html>";

describe.each<{ title: string; answer: ScriptStep; words: string }>([
  { title: "a web server's HTML 404", answer: HTML_NOT_FOUND, words: htmlExcerpt },
  {
    title: "a plain-text 404",
    answer: { status: 404, text: "404 page not found\n" },
    words: "404 page not found",
  },
  { title: "an empty 404", answer: { status: 404, text: "" }, words: "Not Found" },
  {
    title: "a JSON 404 that is not SparkPost's shape",
    answer: { status: 404, json: { message: "Not Found" } },
    words: '{"message":"Not Found"}',
  },
  {
    title: "a 404 with an empty errors list",
    answer: { status: 404, json: { errors: [] } },
    words: '{"errors":[]}',
  },
])("$title is an error, not absence", ({ answer, words }) => {
  test.each<{ call: string; run: (c: SparkPostClient) => Promise<unknown>; request: string }>([
    {
      call: "getTrackingDomain",
      run: (c) => c.getTrackingDomain("track.example.com"),
      request: "GET /tracking-domains/track.example.com",
    },
    {
      call: "getSendingDomain",
      run: (c) => c.getSendingDomain("mail.example.com"),
      request: "GET /sending-domains/mail.example.com",
    },
    {
      call: "deleteTrackingDomain",
      run: (c) => c.deleteTrackingDomain("track.example.com"),
      request: "DELETE /tracking-domains/track.example.com",
    },
  ])("$call throws it", async ({ run, request }) => {
    const before = server.requests.length;
    server.enqueue(answer);

    const error = (await rejectionOf(run(client))) as SparkPostError;

    expect(error.message).toBe(`SparkPost API ${request} failed (404): ${words}`);
    expect(error).toMatchObject({ kind: "refused", status: 404, errors: [], attempts: 1 });
    expect(isNotFound(error)).toBe(false);
    expect(server.requests.length - before).toBe(1);
  });
});
