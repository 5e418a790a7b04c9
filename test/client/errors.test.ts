/**
 * Every documented SparkPost failure surfaces as one SparkPostError carrying SparkPost's own
 * words, and the API key appears nowhere in it.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  createSparkPostError,
  isSparkPostError,
  type FailureKind,
  type SparkPostClient,
  type SparkPostError,
  type SparkPostErrorDetails,
} from "../../provider/sparkpost";
import { clientFor, FAKE_API_KEY, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer, type ScriptStep } from "../support/httpScriptServer";

let server: ScriptServer;
let client: SparkPostClient;

beforeAll(async () => {
  server = await startScriptServer();
  client = clientFor(server, { retry: { maxRetries: 0 } }).client;
});

afterEach(clearRateLimitPauses);

afterAll(async () => {
  await server.close();
  await closeSharedAgent();
});

type Case = {
  title: string;
  call: (client: SparkPostClient) => Promise<unknown>;
  answer: ScriptStep;
  message: string;
  status: number;
  errors: unknown[];
};

const cases: Case[] = [
  {
    title: "422 on create: the domain is invalid, with param and value",
    call: (c) => c.createTrackingDomain("bad..domain", {}),
    answer: {
      status: 422,
      json: {
        errors: [{ message: "domain must be valid", param: "domain", value: "bad..domain" }],
      },
    },
    message: "SparkPost API POST /tracking-domains failed (422): domain must be valid",
    status: 422,
    errors: [{ message: "domain must be valid", param: "domain", value: "bad..domain" }],
  },
  {
    title: "400 on create: the domain is on a DNS blacklist",
    call: (c) => c.createTrackingDomain("track.example.com", {}),
    answer: { status: 400, json: { errors: [{ message: "domain is on a DNS blacklist" }] } },
    message: "SparkPost API POST /tracking-domains failed (400): domain is on a DNS blacklist",
    status: 400,
    errors: [{ message: "domain is on a DNS blacklist" }],
  },
  {
    title: "404 on update",
    call: (c) => c.updateTrackingDomain("gone.example.com", { secure: true }),
    answer: { status: 404, json: { errors: [{ message: "resource not found" }] } },
    message:
      "SparkPost API PUT /tracking-domains/gone.example.com failed (404): resource not found",
    status: 404,
    errors: [{ message: "resource not found" }],
  },
  {
    title: "422 on update: default on an unverified domain",
    call: (c) => c.updateTrackingDomain("track.example.com", { default: true }),
    answer: {
      status: 422,
      json: { errors: [{ message: "Tracking domain 'track.example.com' unverified." }] },
    },
    message:
      "SparkPost API PUT /tracking-domains/track.example.com failed (422): " +
      "Tracking domain 'track.example.com' unverified.",
    status: 422,
    errors: [{ message: "Tracking domain 'track.example.com' unverified." }],
  },
  {
    title: "400 invalid params with description and code on a sending-domain link",
    call: (c) => c.setSendingDomainTrackingDomain("mail.example.com", "x.example.com"),
    answer: {
      status: 400,
      json: {
        errors: [
          {
            message: "invalid params",
            description: "Tracking domain 'x.example.com' is not a registered tracking domain",
            code: "1200",
          },
        ],
      },
    },
    message:
      "SparkPost API PUT /sending-domains/mail.example.com failed (400): invalid params: " +
      "Tracking domain 'x.example.com' is not a registered tracking domain (code 1200)",
    status: 400,
    errors: [
      {
        message: "invalid params",
        description: "Tracking domain 'x.example.com' is not a registered tracking domain",
        code: "1200",
      },
    ],
  },
  {
    title: "401 Unauthorized",
    call: (c) => c.getTrackingDomain("track.example.com"),
    answer: { status: 401, json: { errors: [{ message: "Unauthorized" }] } },
    message: "SparkPost API GET /tracking-domains/track.example.com failed (401): Unauthorized",
    status: 401,
    errors: [{ message: "Unauthorized" }],
  },
  {
    title: "403 without the permission",
    call: (c) => c.listTrackingDomains(),
    answer: { status: 403, json: { errors: [{ message: "Forbidden." }] } },
    message: "SparkPost API GET /tracking-domains failed (403): Forbidden.",
    status: 403,
    errors: [{ message: "Forbidden." }],
  },
  {
    title: "400 on verify: the HTTP request to the domain failed",
    call: (c) => c.verifyTrackingDomain("track.example.com"),
    answer: {
      status: 400,
      json: {
        errors: [
          {
            message:
              "HTTP request to https://track.example.com:443 failed. Please verify that your " +
              "redirect is functioning and that your SSL certificate is valid.",
          },
        ],
      },
    },
    message:
      "SparkPost API POST /tracking-domains/track.example.com/verify failed (400): HTTP request " +
      "to https://track.example.com:443 failed. Please verify that your redirect is functioning " +
      "and that your SSL certificate is valid.",
    status: 400,
    errors: [
      {
        message:
          "HTTP request to https://track.example.com:443 failed. Please verify that your " +
          "redirect is functioning and that your SSL certificate is valid.",
      },
    ],
  },
  {
    title: "400 on enable: the domain must be verified first",
    call: (c) => c.enableTrackingDomainCertificate("track.example.com"),
    answer: {
      status: 400,
      json: {
        errors: [{ message: "Domain must be verified before enabling managed certificates" }],
      },
    },
    message:
      "SparkPost API POST /tracking-domains/track.example.com/certificate/enable failed (400): " +
      "Domain must be verified before enabling managed certificates",
    status: 400,
    errors: [{ message: "Domain must be verified before enabling managed certificates" }],
  },
  {
    title: "a non-JSON 502 from a proxy, kept as a one-line excerpt",
    call: (c) => c.getTrackingDomain("track.example.com"),
    answer: { status: 502, text: "<html>\n  <h1>502 Bad Gateway</h1>\n</html>\n" },
    message:
      "SparkPost API GET /tracking-domains/track.example.com failed (502): " +
      "<html> <h1>502 Bad Gateway</h1> </html>",
    status: 502,
    errors: [],
  },
  {
    title: "an empty 503 body, described by the status text",
    call: (c) => c.deleteTrackingDomain("track.example.com"),
    answer: { status: 503, text: "" },
    message:
      "SparkPost API DELETE /tracking-domains/track.example.com failed (503): Service Unavailable",
    status: 503,
    errors: [],
  },
  {
    title: "two errors, joined",
    call: (c) => c.createTrackingDomain("track.example.com", {}),
    answer: { status: 422, json: { errors: [{ message: "first" }, { message: "second" }] } },
    message: "SparkPost API POST /tracking-domains failed (422): first; second",
    status: 422,
    errors: [{ message: "first" }, { message: "second" }],
  },
];

test.each(cases)("$title", async ({ call, answer, message, status, errors }) => {
  server.enqueue(answer);

  const error = await rejectionOf(call(client));

  expect(isSparkPostError(error)).toBe(true);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({
    message,
    status,
    errors,
    code: "SPARKPOST_API_ERROR",
    kind: "refused",
    attempts: 1,
  });
  expect((error as SparkPostError).apiMessage).toBe(message.slice(message.indexOf("): ") + 3));
});

test("the error names method and path, and JSON shows its fields without the key", async () => {
  server.enqueue({ status: 401, json: { errors: [{ message: "Unauthorized" }] } });

  const error = (await rejectionOf(
    client.getTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(JSON.parse(JSON.stringify(error))).toEqual({
    name: "SparkPostError",
    code: "SPARKPOST_API_ERROR",
    kind: "refused",
    status: 401,
    method: "GET",
    path: "/tracking-domains/track.example.com",
    errors: [{ message: "Unauthorized" }],
    apiMessage: "Unauthorized",
    attempts: 1,
  });
  expect(String(error)).toBe(
    "SparkPostError: SparkPost API GET /tracking-domains/track.example.com failed (401): Unauthorized",
  );
});

test("a body that echoes the key has it redacted", async () => {
  server.enqueue({
    status: 400,
    json: { errors: [{ message: `bad key ${FAKE_API_KEY}`, value: FAKE_API_KEY }] },
  });

  const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

  expect(error.apiMessage).toBe("bad key [redacted]");
  expect(error.errors).toEqual([{ message: "bad key [redacted]", value: "[redacted]" }]);
  for (const text of [error.message, String(error), error.stack, JSON.stringify(error)]) {
    expect(text).not.toContain(FAKE_API_KEY);
  }
});

test.each([
  { title: "a plain object", value: { code: "SPARKPOST_API_ERROR", message: "look-alike" } },
  {
    title: "an Error with the code but no brand",
    value: Object.assign(new Error("look-alike"), { code: "SPARKPOST_API_ERROR" }),
  },
  { title: "null", value: null },
  { title: "a string", value: "SPARKPOST_API_ERROR" },
])("isSparkPostError is false for $title", ({ value }) => {
  expect(isSparkPostError(value)).toBe(false);
});

test("isSparkPostError recognises an error from another copy of the module", async () => {
  let otherCopy: typeof import("../../provider/sparkpost/errors") | undefined;
  await jest.isolateModulesAsync(async () => {
    otherCopy = await import("../../provider/sparkpost/errors");
  });
  const foreign = otherCopy!.createSparkPostError({
    kind: "refused",
    method: "GET",
    path: "/x",
    errors: [],
    apiMessage: "m",
    attempts: 1,
  });

  expect(isSparkPostError(foreign)).toBe(true);
  expect(otherCopy!.isSparkPostError(createSparkPostError(foreign))).toBe(true);
});

describe("the message names the outcome and counts attempts", () => {
  type Outcome = Omit<SparkPostErrorDetails, "method" | "path" | "errors">;
  test.each<{ title: string; details: Outcome; message: string }>([
    {
      title: "a refusal after one attempt",
      details: { kind: "refused", status: 503, attempts: 1, apiMessage: "Service Unavailable" },
      message: "SparkPost API GET /tracking-domains/x failed (503): Service Unavailable",
    },
    {
      title: "a refusal after three attempts",
      details: { kind: "refused", status: 503, attempts: 3, apiMessage: "Service Unavailable" },
      message:
        "SparkPost API GET /tracking-domains/x failed (503, 3 attempts): Service Unavailable",
    },
    {
      title: "no answer",
      details: { kind: "unreachable", attempts: 1, apiMessage: "connection reset (ECONNRESET)" },
      message:
        "SparkPost API GET /tracking-domains/x failed (no response): connection reset (ECONNRESET)",
    },
    {
      title: "no answer after two attempts",
      details: { kind: "unreachable", attempts: 2, apiMessage: "connection reset (ECONNRESET)" },
      message:
        "SparkPost API GET /tracking-domains/x failed (no response, 2 attempts): " +
        "connection reset (ECONNRESET)",
    },
    {
      title: "a success status with a body that is not SparkPost's",
      details: { kind: "unexpected", status: 200, attempts: 1, apiMessage: "the body is not JSON" },
      message:
        "SparkPost API GET /tracking-domains/x failed (unexpected 200 answer): the body is not JSON",
    },
  ])("$title", ({ details, message }) => {
    const error = createSparkPostError({
      method: "GET",
      path: "/tracking-domains/x",
      errors: [],
      ...details,
    });

    expect(error.message).toBe(message);
    expect(error).toMatchObject({ kind: details.kind, attempts: details.attempts });
  });
});

test.each<{ title: string; answer: ScriptStep; kind: FailureKind; message: string }>([
  {
    title: "an error status is refused",
    answer: { status: 400, json: { errors: [{ message: "bad" }] } },
    kind: "refused",
    message: "SparkPost API GET /tracking-domains failed (400): bad",
  },
  {
    title: "a reset connection is unreachable",
    answer: { action: "reset" },
    kind: "unreachable",
    message:
      "SparkPost API GET /tracking-domains failed (no response): connection reset (ECONNRESET)",
  },
  {
    title: "a 200 that is not JSON is unexpected",
    answer: { status: 200, text: "OK" },
    kind: "unexpected",
    message:
      "SparkPost API GET /tracking-domains failed (unexpected 200 answer): the body is not JSON: OK",
  },
  {
    title: "a 201 that is not SparkPost's shape is unexpected",
    answer: { status: 201, json: { results: "none" } },
    kind: "unexpected",
    message:
      "SparkPost API GET /tracking-domains failed (unexpected 201 answer): " +
      'results is not of type array in {"results":"none"}',
  },
])("$title", async ({ answer, kind, message }) => {
  server.enqueue(answer);

  const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

  expect(isSparkPostError(error)).toBe(true);
  expect(error).toMatchObject({ kind, message, attempts: 1 });
});
