/**
 * Messages of failed operations through the real provider host: when a fault outlasts the
 * retries, the message says what came back (SparkPost's words, or what arrived instead, and how
 * many attempts) and what we were doing, state is left as it was (or a partial create is recorded)
 * and the next run converges; and the API key never appears, even when an answer quotes it.
 */
import type { Faults } from "../../sandbox";
import { TEST_API_KEY } from "../support/engineFixture";
import { failureOf } from "../support/failureOf";
import { FixturePool } from "./fixturePool";
import { OPERATIONS, type Operation } from "./operations";
import { DOMAIN, emptyWorld, expectAgreement, FAULT_FIXTURE_OPTIONS, requestsSent } from "./world";

let pool: FixturePool;

const byName = (name: string) => OPERATIONS.find((operation) => operation.name === name)!;

beforeAll(async () => {
  pool = await FixturePool.start(3, FAULT_FIXTURE_OPTIONS);
});
afterAll(async () => {
  await pool?.close();
});

describe("a fault that outlasts the retries fails with what came back and what we were doing", () => {
  const HTML_503 = "<html><body><h1>503 Service Unavailable</h1></body></html>";
  const UNCONFIRMED_READ_FAILED =
    "reading it back failed too: SparkPost API GET /tracking-domains/track.example.com failed (no response, 2 attempts): no response within 500 ms (UND_ERR_HEADERS_TIMEOUT). The domain is recorded in the stack's state so that nothing is left behind unknown: the next `pulumi up` finishes the create (or makes it again if SparkPost does not have it), and `pulumi refresh` drops it if SparkPost does not have it.";
  const persistent: {
    title: string;
    operation: Operation;
    faults: Faults;
    lines: string[];
    message: string;
    /** A partial create is recorded, and the next up finishes it with these requests. */
    finishes?: string[];
  }[] = [
    {
      title: "TrackingDomain read (refresh) × a hang on every attempt",
      operation: byName("TrackingDomain read (refresh)"),
      faults: { hang: [{ method: "GET", count: 5 }] },
      lines: ["GET 0 hang", "GET 0 hang"],
      message:
        "Could not reach SparkPost to read tracking domain track.example.com after 2 attempts: no response within 500 ms (UND_ERR_HEADERS_TIMEOUT).",
    },
    {
      title: "DefaultTrackingDomain create × a proxy's 503 page on every attempt",
      operation: byName("DefaultTrackingDomain create"),
      faults: { inject: [{ method: "PUT", status: 503, count: 10, body: HTML_503 }] },
      lines: Array.from({ length: 6 }, () => "PUT 503 injected"),
      message:
        "SparkPost refused to make track.example.com the default tracking domain of the primary account (503 after 6 attempts): <html><body><h1>503 Service Unavailable</h1></body></html>.",
    },
    {
      title: "SendingDomainLink create × 401, where the link advice does not apply",
      operation: byName("SendingDomainLink create"),
      faults: { inject: [{ method: "PUT", status: 401 }] },
      lines: ["PUT 401 injected"],
      message:
        "SparkPost refused to link sending domain mail.example.com to tracking domain track.example.com (401): Unauthorized.",
    },
    {
      title: "TrackingDomain create × a hung POST and hung read-backs",
      operation: byName("TrackingDomain create"),
      faults: { hang: [{ method: "POST" }, { method: "GET", count: 2 }] },
      lines: ["POST 0 hang", "GET 0 hang", "GET 0 hang"],
      message:
        "Could not create tracking domain track.example.com in the primary account: SparkPost API POST /tracking-domains: no response within 500 ms (UND_ERR_HEADERS_TIMEOUT) left it unclear whether track.example.com was created, and " +
        UNCONFIRMED_READ_FAILED,
      finishes: ["GET 404", "POST 200", "GET 200"],
    },
    {
      title:
        "TrackingDomain create × a POST that took effect, its answer lost, and hung read-backs",
      operation: byName("TrackingDomain create"),
      faults: {
        resetAfterProcessing: [{ method: "POST" }],
        hang: [{ method: "GET", count: 2 }],
      },
      lines: ["POST 200 reset-after-processing", "GET 0 hang", "GET 0 hang"],
      message:
        "Could not create tracking domain track.example.com in the primary account: SparkPost API POST /tracking-domains: connection reset (ECONNRESET) left it unclear whether track.example.com was created, and " +
        UNCONFIRMED_READ_FAILED,
      finishes: ["GET 200"],
    },
  ];

  test.concurrent.each(persistent)("$title", (scenario) =>
    pool.with(async (fixture) => {
      const { operation } = scenario;
      const world = emptyWorld(fixture);
      const subject = await operation.prepare(world);
      const stateBefore = structuredClone(subject.state);
      fixture.sandbox.clearLog();
      fixture.sandbox.setFaults(scenario.faults);
      const error = await failureOf(operation.run(subject));
      fixture.sandbox.setFaults({});
      expect(requestsSent(fixture, operation).lines).toEqual(scenario.lines);
      expect(error.message).toBe(scenario.message);
      expect(error.message).not.toContain(TEST_API_KEY);
      fixture.sandbox.clearLog();
      if (scenario.finishes) {
        expect(subject.state?.id).toBe(DOMAIN);
        await subject.finishPartialCreate({ domain: DOMAIN });
        expect(requestsSent(fixture, operation).lines).toEqual(scenario.finishes);
      } else {
        expect(subject.state).toEqual(stateBefore);
        await operation.run(subject);
      }
      operation.expectDone(subject, world);
      await expectAgreement(world);
    }),
  );
});

describe("what the messages never carry", () => {
  const echoes: { title: string; faults: Faults; message: string }[] = [
    {
      title: "a 401 whose JSON error quotes the key",
      faults: {
        inject: [
          {
            method: "GET",
            status: 401,
            body: JSON.stringify({ errors: [{ message: `Unauthorized key ${TEST_API_KEY}` }] }),
            contentType: "application/json",
          },
        ],
      },
      message:
        "SparkPost refused to read tracking domain track.example.com (401): Unauthorized key [redacted].",
    },
    {
      title: "a 401 whose JSON error quotes the key JSON-escaped",
      faults: {
        inject: [
          {
            method: "GET",
            status: 401,
            body: `{"errors":[{"message":"Unauthorized key ${jsonEscaped(TEST_API_KEY)}"}]}`,
            contentType: "application/json",
          },
        ],
      },
      message:
        "SparkPost refused to read tracking domain track.example.com (401): Unauthorized key [redacted].",
    },
    {
      title: "a 403 HTML page that quotes the key",
      faults: {
        inject: [{ method: "GET", status: 403, body: `<p>Forbidden for ${TEST_API_KEY}</p>` }],
      },
      message:
        "SparkPost refused to read tracking domain track.example.com (403): <p>Forbidden for [redacted]</p>.",
    },
    {
      title: "a malformed 200 that quotes the key",
      faults: { malformed200: [{ method: "GET", body: `<p>Hello ${TEST_API_KEY}</p>` }] },
      message:
        "SparkPost's answer to the request to read tracking domain track.example.com was not what its API documents (200): the body is not JSON: <p>Hello [redacted]</p>.",
    },
    {
      title: "a JSON 200 of the wrong shape that quotes the key JSON-escaped",
      faults: {
        malformed200: [
          {
            method: "GET",
            body: `{"results":"${jsonEscaped(TEST_API_KEY)}"}`,
            contentType: "application/json",
          },
        ],
      },
      message:
        'SparkPost\'s answer to the request to read tracking domain track.example.com was not what its API documents (200): results is not an object in {"results":"[redacted]"}.',
    },
  ];

  test.each(echoes)("$title: the key is redacted from the message", ({ faults, message }) =>
    pool.with(async (fixture) => {
      const world = emptyWorld(fixture);
      const domain = await byName("TrackingDomain read (refresh)").prepare(world);
      const stateBefore = structuredClone(domain.state);
      fixture.sandbox.setFaults(faults);
      const error = await failureOf(domain.refresh());
      fixture.sandbox.setFaults({});
      expect(error.message).not.toContain(TEST_API_KEY);
      expect(error.message).toBe(message);
      expect(domain.state).toEqual(stateBefore);
    }),
  );

  // Last: by now every scenario of this file has run through these hosts.
  test("the API key appears nowhere in the provider hosts' output", () => {
    for (const fixture of pool.all) {
      expect(fixture.host.stdout).not.toContain(TEST_API_KEY);
      expect(fixture.host.stderr).not.toContain(TEST_API_KEY);
    }
  });
});

/** Every character as a JSON `\uXXXX` escape. */
function jsonEscaped(text: string): string {
  return [...text]
    .map((character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .join("");
}
