/**
 * SparkPost requests per operation for one tracking domain with the default flag and two
 * sending-domain links (the five resources `CustomTrackingDomain` declares for it), driven through
 * the real dynamic-provider host (bench/oneDomainStack.ts), against the fewest requests possible.
 *
 *   npm run bench:requests
 */
import { OPERATIONS, runOneDomainStack, type Operation } from "./oneDomainStack";
import { printTable } from "./table";

/**
 * The fewest requests each operation could make, and why. "Per resource" is the floor when each
 * resource is handled on its own, as the engine does (a Read per resource on refresh, a Delete per
 * resource on destroy), and links and defaults are undone only while they are still ours.
 */
const MINIMUM: Record<Operation, { count: number; why: string }> = {
  create: {
    count: 5,
    why: "each change once: create, verify, set default, link twice",
  },
  "no-op up": { count: 0, why: "nothing changed, nothing to ask" },
  refresh: {
    count: 5,
    why: "one read per resource (3 if one GET of the domain served domain, verification and default)",
  },
  update: { count: 2, why: "PUT secure, then verify again (HTTPS is verified anew)" },
  destroy: {
    count: 7,
    why: "per resource: read + undo for each link and the default, DELETE (1 if DELETE alone: it unlinks)",
  },
};

/** "2x PUT /sending-domains/{d}, ..." for the requests of one operation. */
function summarize(sent: string[]): string {
  const tally = new Map<string, number>();
  for (const line of sent) {
    const [method, path] = line.split(" ");
    const key = `${method} ${path.replace(/\/(track|mail|news)\.example\.com/, "/{d}")}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally].map(([key, count]) => (count > 1 ? `${count}x ${key}` : key)).join(", ");
}

async function main(): Promise<void> {
  const { requests } = await runOneDomainStack();
  printTable(
    ["operation", "requests", "minimum", "extra"],
    OPERATIONS.map((operation) => [
      operation,
      String(requests[operation].length),
      String(MINIMUM[operation].count),
      String(requests[operation].length - MINIMUM[operation].count),
    ]),
  );
  for (const operation of OPERATIONS) {
    console.log(`\n${operation}: ${summarize(requests[operation]) || "no requests"}`);
    console.log(`  minimum: ${MINIMUM[operation].why}`);
  }
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
