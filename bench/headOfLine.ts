/**
 * Head-of-line blocking: while requests hang (the sandbox's `hang` fault: read, never answered),
 * how long do unrelated calls of the same process take? 20 reads of other tracking domains (what
 * `pulumi refresh` sends, one per resource) start 100 ms after the hung ones, with 1 hung request
 * and with 8 (the old connection pool's size and today's bound on requests in flight). Compares
 * the client of commit 61055ce (an 8-connection pool, 30 s timeouts, retries by undici's
 * RetryAgent) with this working tree's (8 request slots that a request gives up after 5 s in
 * flight, 32 connections).
 *
 *   npm run bench:hol
 */
import { setTimeout as sleep } from "node:timers/promises";
import { startSandbox } from "../sandbox";
import { clientAt, currentClient, type ClientModule } from "./earlierClient";
import { printTable } from "./table";

const BEFORE_COMMIT = "61055ce";
const UNRELATED = 20;
const HUNG_COUNTS = [1, 8];

interface Result {
  unrelatedMs: number[];
  failed: number;
}

async function measure(module: ClientModule, hung: number): Promise<Result> {
  const sandbox = await startSandbox({ verifyAfterSeconds: 0 });
  const client = module.createClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.apiUrl });
  try {
    const others = Array.from({ length: UNRELATED }, (_, index) => `t${index}.bench.example.com`);
    const stuck = Array.from({ length: hung }, (_, index) => `h${index}.bench.example.com`);
    for (const domain of [...others, ...stuck]) await client.createTrackingDomain(domain, {});
    sandbox.setFaults({ hang: [{ method: "GET", path: "/tracking-domains/h*", count: hung }] });
    // The hung calls end when the sandbox closes; their own fate is not measured here.
    for (const domain of stuck) client.getTrackingDomain(domain).catch(() => undefined);
    await sleep(100);
    let failed = 0;
    const unrelatedMs = await Promise.all(
      others.map(async (domain) => {
        const started = performance.now();
        await client.getTrackingDomain(domain).catch(() => (failed += 1));
        return performance.now() - started;
      }),
    );
    return { unrelatedMs: unrelatedMs.sort((a, b) => a - b), failed };
  } finally {
    await sandbox.close();
    await module.closeSharedAgent();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const clients = [
    { label: `before (${BEFORE_COMMIT})`, module: await clientAt(BEFORE_COMMIT) },
    { label: "now", module: await currentClient() },
  ];
  console.log(
    `${UNRELATED} reads of other domains, started 100 ms after the hung requests (GETs the sandbox never answers)\n`,
  );
  const rows: string[][] = [];
  for (const hung of HUNG_COUNTS) {
    for (const { label, module } of clients) {
      const { unrelatedMs, failed } = await measure(module, hung);
      rows.push([
        label,
        String(hung),
        seconds(unrelatedMs[Math.floor(unrelatedMs.length / 2)]),
        seconds(unrelatedMs[unrelatedMs.length - 1]),
        String(failed),
      ]);
    }
  }
  printTable(["client", "hung", "unrelated: median", "unrelated: slowest", "failed"], rows);
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
