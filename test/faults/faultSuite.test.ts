/**
 * The fault suite: every operation of every resource × every fault class, through the real
 * dynamic-provider host against the sandbox. Each scenario builds the state its operation needs
 * without faults, sets one fault on the operation's request, runs the operation, clears the fault
 * and checks: the exact requests sent, the outcome (transient faults end correctly in the same
 * operation; garbled answers may fail once, with a message saying what came back and what we were
 * doing, leaving state as it was, and the same operation then converges), and that the sandbox
 * and the states agree exactly. The outcome table is printed at the end.
 */
import type { Faults } from "../../sandbox";
import { failureOf } from "../support/failureOf";
import { TEST_API_KEY, type EngineFixture } from "../support/engineFixture";
import { FAULT_CLASSES, type FaultClass } from "./faultClasses";
import { FixturePool } from "./fixturePool";
import { expectationFor, type Expected, type Outcome } from "./expectations";
import { OPERATIONS, SECOND_REQUESTS, type Operation } from "./operations";
import { OutcomeTable } from "./outcomeTable";
import { DOMAIN, emptyWorld, expectAgreement, SENDING_DOMAIN } from "./world";

/** Scenarios run side by side, each on a fixture of its own (jest runs 5 at once by default). */
const POOL_SIZE = 5;
let pool: FixturePool;

const mainClasses = FAULT_CLASSES;
const secondClasses = FAULT_CLASSES.filter((faultClass) => !faultClass.extra);
const mainTable = new OutcomeTable(
  mainClasses.map((faultClass) => faultClass.name),
  OPERATIONS.map((operation) => operation.column),
);
const secondTable = new OutcomeTable(
  secondClasses.map((faultClass) => faultClass.name),
  SECOND_REQUESTS.map((operation) => operation.column),
);

beforeAll(async () => {
  pool = await FixturePool.start(POOL_SIZE, {
    env: { SPARKPOST_REQUEST_TIMEOUT_MS: "500" },
    sandbox: { verifyAfterSeconds: 0, sendingDomains: [{ domain: SENDING_DOMAIN }] },
  });
});
afterAll(async () => {
  await pool?.close();
  console.log(
    `${mainTable.render("Fault class × operation (the fault hits the operation's main request)")}\n\n` +
      secondTable.render("Fault class × the other request of two-request operations"),
  );
});

interface Row {
  title: string;
  operation: Operation;
  faultClass: FaultClass;
  expected: Expected;
  table: OutcomeTable;
}

function rows(
  operations: readonly Operation[],
  classes: readonly FaultClass[],
  table: OutcomeTable,
) {
  return classes.flatMap((faultClass) =>
    operations.map((operation) => ({
      title: `${operation.name} × ${faultClass.name}`,
      operation,
      faultClass,
      expected: expectationFor(operation, faultClass),
      table,
    })),
  );
}

const allRows: Row[] = [
  ...rows(OPERATIONS, mainClasses, mainTable),
  ...rows(SECOND_REQUESTS, secondClasses, secondTable),
];

/** The operation's requests as "METHOD status fault", and any that went to an unexpected path. */
function requestsSent(
  fixture: EngineFixture,
  operation: Operation,
): { lines: string[]; strayPaths: string[] } {
  const entries = fixture.sandbox.requests;
  return {
    lines: entries.map((entry) =>
      [entry.method, entry.status, entry.fault].filter((part) => part !== undefined).join(" "),
    ),
    strayPaths: entries
      .filter((entry) => operation.paths[entry.method as "GET"] !== entry.path)
      .map((entry) => `${entry.method} ${entry.path}`),
  };
}

async function runScenario(
  fixture: EngineFixture,
  { operation, faultClass, expected, table }: Row,
): Promise<void> {
  const world = emptyWorld(fixture);
  const subject = await operation.prepare(world);
  const stateBefore = structuredClone(subject.state);
  fixture.sandbox.clearLog();

  fixture.sandbox.setFaults(
    faultClass.faults({ method: operation.target.method, path: operation.target.path }),
  );
  const error = await operation.run(subject).then(
    () => undefined,
    (thrown: unknown) => thrown as Error,
  );
  fixture.sandbox.setFaults({});
  const first = requestsSent(fixture, operation);
  const stateAfterFailure = structuredClone(subject.state);

  let outcome: Outcome;
  let second: ReturnType<typeof requestsSent> | undefined;
  let secondError: Error | undefined;
  if (error === undefined) {
    outcome = first.lines.some((line) => line.split(" ").length > 2)
      ? "same-operation success"
      : "fault not reached";
  } else {
    fixture.sandbox.clearLog();
    const partial = subject.state !== undefined && stateBefore === undefined;
    const again = partial
      ? subject.finishPartialCreate({ domain: DOMAIN })
      : operation.run(subject);
    secondError = await again.then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    second = requestsSent(fixture, operation);
    outcome =
      secondError !== undefined
        ? "failed"
        : partial
          ? "partial create, then finished"
          : "failed, then converged";
  }
  table.record(faultClass.name, operation.column, outcome);

  try {
    expect(error?.message).toEqual(expected.message === undefined ? undefined : expect.any(String));
    expect(first.lines).toEqual(expected.lines);
    expect(first.strayPaths).toEqual([]);
    expect(outcome).toBe(expected.outcome);
    if (error !== undefined) {
      expect(error.message).not.toContain(TEST_API_KEY);
      if (expected.message?.exact) expect(error.message).toBe(expected.message.text);
      else expect(error.message.startsWith(expected.message!.text)).toBe(true);
      if (expected.outcome === "partial create, then finished") {
        expect(stateAfterFailure?.id).toBe(DOMAIN);
        const { __provider: _provider, ...recorded } = stateAfterFailure!.outputs;
        expect(recorded).toEqual({ domain: DOMAIN, secure: false, adopt: false });
      } else {
        expect(stateAfterFailure).toEqual(stateBefore);
      }
      expect(secondError?.message).toBeUndefined();
      expect(second!.lines).toEqual(expected.converge);
      expect(second!.strayPaths).toEqual([]);
    }
    operation.expectDone(subject, world);
    await expectAgreement(world);
  } catch (assertion) {
    table.markFailed(faultClass.name, operation.column);
    throw assertion;
  }
}

describe("one fault on one request of one operation", () => {
  const working = allRows.filter((row) => row.expected.defect === undefined);
  const defective = allRows.filter((row) => row.expected.defect !== undefined);

  test.concurrent.each(working)("$title", (row) =>
    pool.with((fixture) => runScenario(fixture, row)),
  );

  // Each of these shows a defect named in its expectation's `defect` (see expectations.ts): the
  // answer did not come from SparkPost and was not processed, yet the operation reports success.
  test.concurrent.failing.each(defective)(
    "$title (defect: an unchecked 2xx body is taken as done)",
    (row) => pool.with((fixture) => runScenario(fixture, row)),
  );
});

describe("a fault that outlasts the retries fails with what came back and what we were doing", () => {
  const byName = (name: string) => OPERATIONS.find((operation) => operation.name === name)!;
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
        "SparkPost API POST /tracking-domains: no response within 500 ms (UND_ERR_HEADERS_TIMEOUT) left it unclear whether track.example.com was created, and " +
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
        "SparkPost API POST /tracking-domains: connection reset (ECONNRESET) left it unclear whether track.example.com was created, and " +
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
      const domain = await OPERATIONS[1].prepare(world);
      const stateBefore = structuredClone(domain.state);
      fixture.sandbox.setFaults(faults);
      const error = await failureOf(domain.refresh());
      fixture.sandbox.setFaults({});
      expect(error.message).not.toContain(TEST_API_KEY);
      expect(error.message).toBe(message);
      expect(domain.state).toEqual(stateBefore);
    }),
  );

  // Last: by now every scenario above has run through this host.
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
