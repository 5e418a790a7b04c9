/**
 * 200 tracking domains created at once, then deleted at once, against a sandbox that answers 429
 * once more than R requests arrived within the last second (R = 40, then 10), with 20 ms latency on
 * every request: what one provider-host process does for 200 resources in one `pulumi up` and
 * `pulumi destroy` (the engine runs their operations in parallel). Wall time is compared with the
 * rate-limit floor, 200 requests / R per second.
 *
 *   npm run bench:scale                      # this working tree's client
 *   npm run bench:scale -- --before <commit> # and the client of <commit>, side by side
 */
import { startSandbox, type Faults, type Sandbox } from "../sandbox";
import { clientAt, currentClient, shortHash, type ClientModule } from "./earlierClient";
import { printTable } from "./table";

const DOMAIN_COUNT = 200;
const RATES = [40, 10];
const LATENCY_MS = 20;

const domains = Array.from({ length: DOMAIN_COUNT }, (_, index) => `t${index}.bench.example.com`);

/** What one phase (all creates, or all deletes) cost. */
interface PhaseResult {
  wallMs: number;
  requests: number;
  rateLimited: number;
  failed: number;
  firstFailure?: string;
}

async function runPhase(
  sandbox: Sandbox,
  call: (domain: string) => Promise<unknown>,
): Promise<PhaseResult> {
  sandbox.clearLog();
  const started = performance.now();
  const outcomes = await Promise.allSettled(domains.map(call));
  const wallMs = performance.now() - started;
  const failures = outcomes.filter((outcome) => outcome.status === "rejected");
  return {
    wallMs,
    requests: sandbox.requests.length,
    rateLimited: sandbox.requests.filter((entry) => entry.status === 429).length,
    failed: failures.length,
    firstFailure: failures[0] === undefined ? undefined : String(failures[0].reason),
  };
}

/** Creates then deletes every domain through `module`'s client, against a fresh sandbox. */
async function runClient(module: ClientModule, rate: number) {
  const faults: Faults = { rateLimit: { maxRequestsPerSecond: rate }, latencyMs: LATENCY_MS };
  const sandbox = await startSandbox({ faults });
  const client = module.createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.apiUrl });
  try {
    const create = await runPhase(sandbox, (domain) => client.createTrackingDomain(domain, {}));
    const stored = domains.filter((domain) => sandbox.trackingDomain(domain) !== undefined).length;
    const remove = await runPhase(sandbox, (domain) => client.deleteTrackingDomain(domain));
    const left = domains.filter((domain) => sandbox.trackingDomain(domain) !== undefined).length;
    if (stored !== DOMAIN_COUNT || left !== 0) {
      console.log(
        `(the sandbox held ${stored} domains after the creates, ${left} after the deletes)`,
      );
    }
    return { create, delete: remove };
  } finally {
    await module.closeSharedAgent();
    await sandbox.close();
  }
}

function row(label: string, rate: number, phase: string, result: PhaseResult): string[] {
  const floorMs = (DOMAIN_COUNT / rate) * 1000;
  return [
    label,
    `${rate}/s`,
    phase,
    `${(result.wallMs / 1000).toFixed(2)} s`,
    `${(floorMs / 1000).toFixed(1)} s`,
    `${(result.wallMs / floorMs).toFixed(2)}x`,
    String(result.requests),
    String(result.rateLimited),
    String(result.failed),
  ];
}

async function main(): Promise<void> {
  const beforeIndex = process.argv.indexOf("--before");
  const before = beforeIndex > 0 ? process.argv[beforeIndex + 1] : undefined;
  const clients: { label: string; module: ClientModule }[] = [];
  if (before !== undefined) {
    clients.push({ label: `before (${shortHash(before)})`, module: await clientAt(before) });
  }
  clients.push({ label: "now", module: await currentClient() });
  console.log(
    `${DOMAIN_COUNT} creates at once, then ${DOMAIN_COUNT} deletes at once; sandbox: 429 past R ` +
      `requests in any second (every arrival counts, 429s included), ${LATENCY_MS} ms latency, ` +
      "no Retry-After. Floor: 200 requests / R.\n",
  );
  const rows: string[][] = [];
  const failures: string[] = [];
  for (const rate of RATES) {
    for (const { label, module } of clients) {
      const result = await runClient(module, rate);
      rows.push(
        row(label, rate, "create", result.create),
        row(label, rate, "delete", result.delete),
      );
      for (const phase of [result.create, result.delete]) {
        if (phase.firstFailure) failures.push(`${label} at ${rate}/s: ${phase.firstFailure}`);
      }
    }
  }
  printTable(
    ["client", "limit", "phase", "wall time", "floor", "vs floor", "requests", "429s", "failed"],
    rows,
  );
  for (const failure of failures) console.log(`first failure, ${failure}`);
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
