/**
 * `npm run bench`: every benchmark, one after the other, each in its own process, with the
 * machine, date, Node version and commit first. A few minutes in all; nothing leaves 127.0.0.1.
 * Not part of `npm test` or CI: the figures are for reading (BENCHMARKS.md), not assertions.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";

const repositoryRoot = path.resolve(__dirname, "..");

/** Each benchmark: its npm script and file. */
const BENCHMARKS = [
  { script: "bench:verify", file: "verificationTiming.ts" },
  { script: "bench:requests", file: "requestsPerOperation.ts" },
  { script: "bench:size", file: "providerSize.ts" },
  { script: "bench:scale", file: "scale.ts" },
  { script: "bench:hol", file: "headOfLine.ts" },
];

function commit(): string {
  try {
    const hash = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: repositoryRoot,
      encoding: "utf8",
    }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], {
      cwd: repositoryRoot,
      encoding: "utf8",
    }).trim();
    return dirty === "" ? hash : `${hash} with uncommitted changes`;
  } catch {
    return "unknown (no git)";
  }
}

function main(): void {
  const cpus = os.cpus();
  console.log(
    `${new Date().toISOString()}, commit ${commit()}\n` +
      `Node ${process.version}, ${os.type()} ${os.release()} ${os.arch()}, ` +
      `${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(" ")}`,
  );
  const tsx = path.join(repositoryRoot, "node_modules", "tsx", "dist", "cli.mjs");
  let failed = 0;
  for (const { script, file } of BENCHMARKS) {
    console.log(`\n$ npm run ${script}`);
    const started = performance.now();
    const run = spawnSync(process.execPath, [tsx, path.join(__dirname, file)], {
      cwd: repositoryRoot,
      stdio: "inherit",
    });
    if (run.status !== 0) failed += 1;
    console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (failed > 0) {
    console.error(`${failed} benchmark(s) failed`);
    process.exitCode = 1;
  }
}

main();
