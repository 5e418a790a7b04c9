/**
 * Every 2xx body is checked against the shape SparkPost documents for that call: an answer that is
 * not JSON, lacks `results`, or carries a field of the wrong type is an `unexpected` error quoting
 * what came back, never a value the resources would act on.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostClient,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer, type ScriptStep } from "../support/httpScriptServer";

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

type Call = (c: SparkPostClient) => Promise<unknown>;

const getTracking: Call = (c) => c.getTrackingDomain("track.example.com");
const listTracking: Call = (c) => c.listTrackingDomains();
const updateTracking: Call = (c) => c.updateTrackingDomain("track.example.com", { default: true });
const verify: Call = (c) => c.verifyTrackingDomain("track.example.com");
const checkCertificate: Call = (c) => c.checkTrackingDomainCertificate("track.example.com");
const enableCertificate: Call = (c) => c.enableTrackingDomainCertificate("track.example.com");
const getSending: Call = (c) => c.getSendingDomain("mail.example.com");
const linkSending: Call = (c) =>
  c.setSendingDomainTrackingDomain("mail.example.com", "t.example.com");

const GET_TRACKING = "GET /tracking-domains/track.example.com";
const domain = {
  domain: "track.example.com",
  port: 80,
  secure: false,
  default: false,
  status: { verified: false, cname_status: "pending", compliance_status: "pending" },
};

test.each<{ title: string; call: Call; request: string; answer: ScriptStep; problem: string }>([
  {
    title: "a tracking domain without results",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, json: { nothing: true } },
    problem: 'results is missing in {"nothing":true}',
  },
  {
    title: "a tracking domain whose results is a list",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, json: { results: [domain] } },
    problem: `results is not an object in {"results":[${JSON.stringify(domain)}]}`,
  },
  {
    title: "a tracking domain without status",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, json: { results: { domain: "track.example.com", secure: false } } },
    problem:
      'results.status is missing in {"results":{"domain":"track.example.com","secure":false}}',
  },
  {
    title: "a tracking domain whose secure is a string",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, json: { results: { ...domain, secure: "true" } } },
    problem: `results.secure is not of type boolean in ${JSON.stringify({ results: { ...domain, secure: "true" } })}`,
  },
  {
    title: "a tracking domain whose port is a string",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, json: { results: { ...domain, port: "80" } } },
    problem: `results.port is not of type integer in ${JSON.stringify({ results: { ...domain, port: "80" } })}`,
  },
  {
    title: "a tracking domain whose verified is missing",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, json: { results: { ...domain, status: {} } } },
    problem: `results.status.verified is missing in ${JSON.stringify({ results: { ...domain, status: {} } })}`,
  },
  {
    title: "a tracking domain with an empty name",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, json: { results: { ...domain, domain: "" } } },
    problem: `results.domain must NOT have fewer than 1 characters in ${JSON.stringify({ results: { ...domain, domain: "" } })}`,
  },
  {
    title: "a JSON null",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, text: "null" },
    problem: "the body is not an object in null",
  },
  {
    title: "an empty 200 where a tracking domain is due",
    call: getTracking,
    request: GET_TRACKING,
    answer: { status: 200, text: "" },
    problem: "the body is not an object in an empty body",
  },
  {
    title: "a list that is not an array",
    call: listTracking,
    request: "GET /tracking-domains",
    answer: { status: 200, json: { results: {} } },
    problem: 'results is not of type array in {"results":{}}',
  },
  {
    title: "a list with an entry of the wrong shape",
    call: listTracking,
    request: "GET /tracking-domains",
    answer: { status: 200, json: { results: [domain, { domain: "x.example.com" }] } },
    problem: `results.1.secure is missing in {"results":[${JSON.stringify(domain)},{"domain":"x.example.com"}]}`,
  },
  {
    title: "a PUT answer without results",
    call: updateTracking,
    request: "PUT /tracking-domains/track.example.com",
    answer: { status: 200, json: {} },
    problem: "results is missing in {}",
  },
  {
    title: "a PUT answer whose results is a string",
    call: linkSending,
    request: "PUT /sending-domains/mail.example.com",
    answer: { status: 200, json: { results: "Successfully Updated Domain." } },
    problem: 'results is not an object in {"results":"Successfully Updated Domain."}',
  },
  {
    title: "a PUT answer that does not name the domain it changed",
    call: updateTracking,
    request: "PUT /tracking-domains/track.example.com",
    answer: { status: 200, json: { results: {} } },
    problem: 'results.domain is missing in {"results":{}}',
  },
  {
    title: "a link's PUT answer with SparkPost's message but no domain",
    call: linkSending,
    request: "PUT /sending-domains/mail.example.com",
    answer: { status: 200, json: { results: { message: "Successfully Updated Domain." } } },
    problem: 'results.domain is missing in {"results":{"message":"Successfully Updated Domain."}}',
  },
  {
    title: "an empty PUT answer",
    call: linkSending,
    request: "PUT /sending-domains/mail.example.com",
    answer: { status: 204 },
    problem: "the body is not an object in an empty body",
  },
  {
    title: "a verify verdict whose verified is a string",
    call: verify,
    request: "POST /tracking-domains/track.example.com/verify",
    answer: { status: 200, json: { results: { verified: "true" } } },
    problem: 'results.verified is not of type boolean in {"results":{"verified":"true"}}',
  },
  {
    title: "a verify verdict without verified",
    call: verify,
    request: "POST /tracking-domains/track.example.com/verify",
    answer: { status: 200, json: { results: { cname_status: "valid" } } },
    problem: 'results.verified is missing in {"results":{"cname_status":"valid"}}',
  },
  {
    title: "a certificate check without its verdict",
    call: checkCertificate,
    request: "POST /tracking-domains/track.example.com/certificate/check",
    answer: { status: 200, json: { results: { domain: "track.example.com" } } },
    problem:
      'results.supportsManagedCertificate is missing in {"results":{"domain":"track.example.com"}}',
  },
  {
    title: "a certificate enable whose results is null",
    call: enableCertificate,
    request: "POST /tracking-domains/track.example.com/certificate/enable",
    answer: { status: 200, json: { results: null } },
    problem: 'results is not an object in {"results":null}',
  },
  {
    title: 'a sending domain as {"results":{}}, which must not read as "nothing linked"',
    call: getSending,
    request: "GET /sending-domains/mail.example.com",
    answer: { status: 200, json: { results: {} } },
    problem: 'results.status is missing in {"results":{}}',
  },
  {
    title: "a sending domain whose tracking_domain is not a string",
    call: getSending,
    request: "GET /sending-domains/mail.example.com",
    answer: { status: 200, json: { results: { status: {}, tracking_domain: 7 } } },
    problem:
      'results.tracking_domain is not of type string in {"results":{"status":{},"tracking_domain":7}}',
  },
])("$title is unexpected", async ({ call, request, answer, problem }) => {
  server.enqueue(answer);

  const error = (await rejectionOf(call(client))) as SparkPostError;

  const status = (answer as { status: number }).status;
  expect(error.message).toBe(
    `SparkPost API ${request} failed (unexpected ${status} answer): ${problem}`,
  );
  expect(error).toMatchObject({
    kind: "unexpected",
    status,
    errors: [],
    attempts: 1,
    apiMessage: problem,
  });
});

test("a 200 that is not JSON is unexpected, quoted on one line, and not retried", async () => {
  const before = server.requests.length;
  server.enqueue({ status: 200, text: "<html>\n<p>captive portal</p>\n</html>" });

  const error = (await rejectionOf(listTracking(client))) as SparkPostError;

  expect(error.message).toBe(
    "SparkPost API GET /tracking-domains failed (unexpected 200 answer): " +
      "the body is not JSON: <html> <p>captive portal</p> </html>",
  );
  expect(error).toMatchObject({ kind: "unexpected", status: 200, attempts: 1 });
  expect(server.requests.length - before).toBe(1);
});

test("a long unexpected body is cut to 200 characters", async () => {
  server.enqueue({ status: 200, json: { padding: "x".repeat(300) } });

  const error = (await rejectionOf(getTracking(client))) as SparkPostError;

  const body = `{"padding":"${"x".repeat(300)}"}`;
  expect(error.apiMessage).toBe(`results is missing in ${body.slice(0, 200)}…`);
});

test("a sending domain with a status and no tracking_domain reads as nothing linked", async () => {
  server.enqueue({ status: 200, json: { results: { status: { ownership_verified: true } } } });

  expect(await getSending(client)).toEqual({ status: { ownership_verified: true } });
});

test("fields SparkPost added since are accepted and passed through", async () => {
  const newer = {
    ...domain,
    status: { ...domain.status, tls_status: "pending" },
    uses_managed_certificate: true,
    tls_certificate: { issued_at: "2026-01-01T00:00:00Z" },
    something_new: [1, 2],
  };
  server.enqueue({ status: 200, json: { results: newer } });

  expect(await getTracking(client)).toEqual(newer);
});

test.each<{ title: string; answer: ScriptStep }>([
  { title: "a 204 without a body", answer: { status: 204 } },
  { title: "a 200 without a body", answer: { status: 200, text: "" } },
])("a DELETE accepts $title", async ({ answer }) => {
  server.enqueue(answer);

  expect(await client.deleteTrackingDomain("track.example.com")).toBe(true);
});

test("a DELETE answered 200 with a body is unexpected: SparkPost answers 204, someone else did", async () => {
  server.enqueue({ status: 200, json: { results: {} } });

  const error = (await rejectionOf(
    client.deleteTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(error.message).toBe(
    "SparkPost API DELETE /tracking-domains/track.example.com failed (unexpected 200 answer): " +
      'SparkPost answers this with 204 and no body, but a body came back in {"results":{}}',
  );
});

test("a DELETE answered with a body that is not JSON is unexpected", async () => {
  server.enqueue({ status: 200, text: "deleted" });

  const error = (await rejectionOf(
    client.deleteTrackingDomain("track.example.com"),
  )) as SparkPostError;

  expect(error.message).toBe(
    "SparkPost API DELETE /tracking-domains/track.example.com failed (unexpected 200 answer): " +
      "the body is not JSON: deleted",
  );
});
