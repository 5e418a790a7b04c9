/**
 * 200 tracking domains created at once, then deleted at once, against a rate-limited sandbox: what
 * one provider-host process does for 200 resources in one `pulumi up` (the engine runs their
 * creates in parallel). Compares the client's default bound of 8 connections per origin with a
 * pool of 128 connections, passed as `ClientOptions.dispatcher`; the transport wraps either in the
 * same undici RetryAgent, so only the pool size differs.
 *
 * undici keeps a connection while its request waits out a retry backoff (1 to 5 s after a 429), so
 * the bound counts requests waiting to retry as well as those on the wire.
 *
 *   npm run bench:many
 */
import { Agent } from "undici";
import { startSandbox, type Faults, type Sandbox } from "../sandbox";
import {
  closeSharedAgent,
  createClient,
  MAX_CONNECTIONS_PER_ORIGIN,
  type SparkPostClient,
} from "../provider/sparkpost";
import { retrySettings } from "../provider/sparkpost/retryPolicy";
import { formatRatio, printTable } from "./table";

const DOMAIN_COUNT = 200;
const LARGE_POOL_CONNECTIONS = 128;

/** SparkPost documents no Retry-After header on its 429s and no fixed limit; 40/s is our pick. */
const FAULTS: Faults = { rateLimit: { maxRequestsPerSecond: 40 }, latencyMs: 20 };

/** What one phase (all creates, or all deletes) cost. */
interface PhaseResult {
  wallMs: number;
  requests: number;
  rateLimited: number;
  retries: number;
  succeeded: number;
  failed: number;
  firstFailure?: string;
}

/** A pool to compare: its connection count, and the dispatcher to pass (none: the shared one). */
interface Pool {
  label: string;
  connections: number;
  dispatcher?: Agent;
}

const domains = Array.from({ length: DOMAIN_COUNT }, (_, index) => `t${index}.bench.example.com`);

/** Runs `call` for every domain at once and reads the sandbox's log of what it took. */
async function runPhase(
  sandbox: Sandbox,
  retryCounter: { count: number },
  call: (domain: string) => Promise<unknown>,
): Promise<PhaseResult> {
  sandbox.clearLog();
  retryCounter.count = 0;
  const started = performance.now();
  const outcomes = await Promise.allSettled(domains.map(call));
  const wallMs = performance.now() - started;
  const failures = outcomes.filter((outcome) => outcome.status === "rejected");
  return {
    wallMs,
    requests: sandbox.requests.length,
    rateLimited: sandbox.requests.filter((entry) => entry.status === 429).length,
    retries: retryCounter.count,
    succeeded: outcomes.length - failures.length,
    failed: failures.length,
    firstFailure: failures[0] === undefined ? undefined : String(failures[0].reason),
  };
}

/** Creates then deletes every domain through one client on `pool`, against a fresh sandbox. */
async function runPool(pool: Pool): Promise<{ create: PhaseResult; delete: PhaseResult }> {
  const sandbox = await startSandbox({ faults: FAULTS });
  const retryCounter = { count: 0 };
  const client: SparkPostClient = createClient({
    apiKey: sandbox.apiKey,
    baseUrl: sandbox.apiUrl,
    dispatcher: pool.dispatcher,
    // The transport logs one line per retry; counting them avoids reaching into undici.
    log: (line) => {
      if (/, retry \d+ of \d+ in \d+ ms$/.test(line)) retryCounter.count += 1;
    },
  });
  try {
    const create = await runPhase(sandbox, retryCounter, (domain) =>
      client.createTrackingDomain(domain, {}),
    );
    const stored = domains.filter((domain) => sandbox.trackingDomain(domain) !== undefined).length;
    console.log(`${pool.label}: created, the sandbox holds ${stored} of ${DOMAIN_COUNT} domains`);
    const deleted = await runPhase(sandbox, retryCounter, (domain) =>
      client.deleteTrackingDomain(domain),
    );
    const left = domains.filter((domain) => sandbox.trackingDomain(domain) !== undefined).length;
    console.log(`${pool.label}: deleted, the sandbox holds ${left} of ${DOMAIN_COUNT} domains`);
    return { create, delete: deleted };
  } finally {
    await (pool.dispatcher === undefined ? closeSharedAgent() : pool.dispatcher.close());
    await sandbox.close();
  }
}

function resultRow(label: string, result: PhaseResult): (string | number)[] {
  return [
    label,
    `${(result.wallMs / 1000).toFixed(2)} s`,
    `${(result.succeeded / (result.wallMs / 1000)).toFixed(1)}/s`,
    result.requests,
    result.rateLimited,
    result.retries,
    result.succeeded,
    result.failed,
  ];
}

function ratioRow(label: string, large: PhaseResult, small: PhaseResult): string[] {
  return [
    label,
    formatRatio(large.wallMs, small.wallMs, 2),
    formatRatio(large.succeeded * small.wallMs, small.succeeded * large.wallMs, 2),
    formatRatio(large.requests, small.requests, 2),
    formatRatio(large.rateLimited, small.rateLimited),
    formatRatio(large.retries, small.retries),
    "",
    "",
  ];
}

function printPhase(
  phase: "create" | "delete",
  pools: Pool[],
  results: { create: PhaseResult; delete: PhaseResult }[],
): void {
  const [small, large] = [results[0][phase], results[1][phase]];
  console.log(`\n${DOMAIN_COUNT} concurrent ${phase}s`);
  printTable(
    ["pool", "wall time", "done per s", "requests", "429s", "retries", "succeeded", "failed"],
    [
      resultRow(pools[0].label, small),
      resultRow(pools[1].label, large),
      ratioRow(`ratio ${pools[1].connections} / ${pools[0].connections}`, large, small),
    ],
  );
  for (const [index, result] of [small, large].entries()) {
    if (result.firstFailure !== undefined) {
      console.log(`${pools[index].label}, first failure: ${result.firstFailure}`);
    }
  }
}

async function main(): Promise<void> {
  console.log(
    `Sandbox faults: ${JSON.stringify(FAULTS)}\n` +
      `Client retry settings (its defaults): ${JSON.stringify(retrySettings())}\n`,
  );
  const pools: Pool[] = [
    {
      label: `${MAX_CONNECTIONS_PER_ORIGIN} connections (default)`,
      connections: MAX_CONNECTIONS_PER_ORIGIN,
    },
    {
      label: `${LARGE_POOL_CONNECTIONS} connections`,
      connections: LARGE_POOL_CONNECTIONS,
      // Built like the shared agent, with only the connection count changed.
      dispatcher: new Agent({ connections: LARGE_POOL_CONNECTIONS, pipelining: 1 }),
    },
  ];
  const results = [];
  for (const pool of pools) results.push(await runPool(pool));
  printPhase("create", pools, results);
  printPhase("delete", pools, results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
