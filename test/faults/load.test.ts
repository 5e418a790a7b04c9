/**
 * The load run: 200 tracking domains created at once and then deleted at once through ONE real
 * provider host, as one `pulumi up` / `pulumi destroy` of 200 resources does, against a sandbox
 * that answers 429 above 10 requests per second: once without `Retry-After` (SparkPost documents
 * none), once with `Retry-After: 1`. Every operation must succeed, every request must be one the
 * work needs or a 429 (nothing duplicated), and the sandbox must end exactly as the states say.
 * Timings are printed, never asserted: this machine is shared.
 */
import type { RateLimitFault } from "../../sandbox";
import { startEngineFixture, TEST_API_KEY, type EngineFixture } from "../support/engineFixture";
import type { HostResource } from "../support/hostResource";
import { outputsOf, trackingDomainOutputs } from "./world";

const DOMAIN_COUNT = 200;
const MAX_REQUESTS_PER_SECOND = 10;
const domains = Array.from(
  { length: DOMAIN_COUNT },
  (_, index) => `t${String(index).padStart(3, "0")}.load.example.com`,
);

interface PhaseFigures {
  wallSeconds: number;
  requests: number;
  tooManyRequests: number;
  /** The requests the work needs, at the limit: the least wall time it allows. */
  floorSeconds: number;
  /** The operations that failed, by message. */
  failures: string[];
  /** Requests other than 429s, counted by "METHOD status". */
  work: Record<string, number>;
}

const RUNS = ["Retry-After: 1", "no Retry-After"] as const;
type Run = (typeof RUNS)[number];
/** Each run's table rows and notes, printed in a fixed order whichever run finishes first. */
const figures = new Map<Run, string[]>(RUNS.map((run) => [run, []]));
const notes = new Map<Run, string[]>(RUNS.map((run) => [run, []]));

afterAll(() => {
  console.log(
    [
      "### Load run: 200 tracking domains through one provider host, sandbox limited to 10 requests/s",
      "",
      "| run | phase | wall | requests sent | 429s | floor (needed / 10 per s) | wall / floor | failed |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...RUNS.flatMap((run) => figures.get(run)!),
      ...RUNS.flatMap((run) => notes.get(run)!),
    ].join("\n"),
  );
});

/** Runs `step` on every resource at once and returns what it cost, failures included. */
async function phase(
  fixture: EngineFixture,
  limit: RateLimitFault,
  resources: HostResource[],
  step: (resource: HostResource) => Promise<void>,
  neededRequests: number,
): Promise<PhaseFigures> {
  fixture.sandbox.clearLog();
  fixture.sandbox.setFaults({ rateLimit: limit });
  const started = performance.now();
  const settled = await Promise.allSettled(resources.map(step));
  const wallSeconds = (performance.now() - started) / 1000;
  fixture.sandbox.setFaults({});
  const work: Record<string, number> = {};
  for (const entry of fixture.sandbox.requests.filter((request) => request.status !== 429)) {
    const line = `${entry.method} ${entry.status}`;
    work[line] = (work[line] ?? 0) + 1;
  }
  return {
    wallSeconds,
    requests: fixture.sandbox.requests.length,
    tooManyRequests: fixture.sandbox.requests.filter((entry) => entry.status === 429).length,
    floorSeconds: neededRequests / MAX_REQUESTS_PER_SECOND,
    failures: settled.flatMap((result) =>
      result.status === "rejected" ? [String(result.reason)] : [],
    ),
    work,
  };
}

function row(run: Run, name: string, result: PhaseFigures): string {
  const ratio = (result.wallSeconds / result.floorSeconds).toFixed(2);
  return `| ${run} | ${name} | ${result.wallSeconds.toFixed(1)} s | ${result.requests} | ${result.tooManyRequests} | ${result.floorSeconds.toFixed(0)} s | ${ratio} | ${result.failures.length} |`;
}

/** The account's tracking domains, listed through the API with no fault set. */
async function listedDomains(fixture: EngineFixture): Promise<string[]> {
  const response = await fetch(`${fixture.sandbox.apiUrl}/tracking-domains`, {
    headers: { Authorization: TEST_API_KEY },
  });
  const body = (await response.json()) as { results: { domain: string }[] };
  return body.results.map((object) => object.domain).sort();
}

/**
 * Creates then deletes all 200 through one host. Deletes run even after failed creates (for every
 * resource in state, partial creates included), so that every figure is printed, failures too, and
 * the account is left empty; the assertions on failures and request counts come last.
 */
async function loadRun(run: Run, limit: RateLimitFault): Promise<void> {
  const fixture = await startEngineFixture();
  try {
    const resources = domains.map((domain) => fixture.resource("TrackingDomain", domain));
    const domainOf = new Map(resources.map((resource, index) => [resource, domains[index]]));
    const inState = () => resources.filter((resource) => resource.state !== undefined);

    const created = await phase(
      fixture,
      limit,
      resources,
      (resource) => resource.create({ domain: domainOf.get(resource) }),
      2 * DOMAIN_COUNT,
    );
    figures.get(run)!.push(row(run, "creates", created));
    // Whatever failed, nothing is orphaned: the account holds exactly the domains in state.
    const listed = await listedDomains(fixture);
    const held = inState().map((resource) => resource.state!.id);
    const unknown = listed.filter((domain) => !held.includes(domain));
    const partial = inState().filter((resource) => !resource.state!.outputs.status).length;
    const runNotes = notes.get(run)!;
    runNotes.push(
      "",
      `${run}: after the creates, the account holds ${listed.length} domains; state holds ` +
        `${held.length} (${partial} of them partial creates); ${unknown.length} unknown to state.`,
    );
    expect(listed).toEqual(held);
    for (const resource of inState().filter((complete) => complete.state!.outputs.status)) {
      expect(outputsOf(resource)).toEqual(
        trackingDomainOutputs(fixture.sandbox.trackingDomain(resource.state!.id)!),
      );
    }

    const toDelete = inState();
    const deleted = await phase(
      fixture,
      limit,
      toDelete,
      (resource) => resource.destroy(),
      toDelete.length,
    );
    figures.get(run)!.push(row(run, "deletes", deleted));
    for (const [name, failures] of [
      ["creates", created.failures],
      ["deletes", deleted.failures],
    ] as const) {
      if (failures.length > 0) {
        runNotes.push("", `${run}, ${name}: ${failures.length} failed:`, ...failures);
      }
    }
    expect(await listedDomains(fixture)).toEqual(inState().map((resource) => resource.state!.id));

    expect({ creates: created.failures, deletes: deleted.failures }).toEqual({
      creates: [],
      deletes: [],
    });
    // Every request but the 429s is one the work needs: nothing sent twice, nothing else sent.
    expect(created.work).toEqual({ "POST 200": DOMAIN_COUNT, "GET 200": DOMAIN_COUNT });
    expect(deleted.work).toEqual({ "DELETE 204": DOMAIN_COUNT });
    expect(inState()).toEqual([]);
    expect(fixture.host.stdout).not.toContain(TEST_API_KEY);
    expect(fixture.host.stderr).not.toContain(TEST_API_KEY);
  } finally {
    await fixture.close();
  }
}

// The two runs go side by side, each with its own sandbox and provider host: nearly all of their
// time is spent waiting out rate limits, and one after the other they would pass the budget.
test.concurrent(
  "200 creates, then 200 deletes, at 10 requests/s with Retry-After: 1: none fails, none is duplicated",
  () =>
    loadRun("Retry-After: 1", {
      maxRequestsPerSecond: MAX_REQUESTS_PER_SECOND,
      retryAfterSeconds: 1,
    }),
);

test.concurrent(
  "200 creates, then 200 deletes, at 10 requests/s without Retry-After: none fails, none is duplicated",
  () => loadRun("no Retry-After", { maxRequestsPerSecond: MAX_REQUESTS_PER_SECOND }),
);
