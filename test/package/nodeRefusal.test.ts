/**
 * On a Node.js older than 22 the built package refuses to load with one clear message, before
 * anything else runs (undici would otherwise fail later with "Cannot read properties of
 * undefined (reading 'bind')"). Each entry a user or the engine runs is loaded with such a Node:
 * the root entry, the provider entry the stored providers load, the sandbox CLI and the import CLI.
 *
 * It needs a Node.js older than 22 on the machine: the first one found on PATH or in the usual
 * places, or the one SPARKPOST_TRACKING_OLD_NODE names. Without one the test fails and says so:
 * a refusal nobody ran is not tested.
 */
import { execFileSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import * as path from "node:path";
import { run } from "./support/commands";
import { REPOSITORY_ROOT } from "./support/packedPackage";

interface NodeBinary {
  path: string;
  version: string;
}

function nodeVersion(binary: string): string | undefined {
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8", timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

/** Every distinct Node.js binary on PATH, in the usual places, or named by the variable. */
function nodeBinaries(): NodeBinary[] {
  const named = process.env.SPARKPOST_TRACKING_OLD_NODE;
  const candidates = [
    ...(named ? [named] : []),
    ...(process.env.PATH ?? "").split(path.delimiter).map((dir) => path.join(dir, "node")),
    "/usr/local/bin/node",
    "/usr/bin/node",
  ];
  const seen = new Set<string>();
  const binaries: NodeBinary[] = [];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (seen.has(real)) continue;
    seen.add(real);
    const version = nodeVersion(real);
    if (version !== undefined) binaries.push({ path: candidate, version });
  }
  return binaries;
}

const major = (version: string) => Number(/^v(\d+)\./.exec(version)?.[1]);

const binaries = nodeBinaries();
const oldNode = binaries.find((binary) => major(binary.version) < 22);

test("a Node.js older than 22 exists on this machine to run the refusal with", () => {
  if (oldNode === undefined) {
    throw new Error(
      "NO Node.js older than 22 on this machine, so the refusal on old Node.js is UNTESTED. " +
        `Found: ${binaries.map((binary) => `${binary.path} ${binary.version}`).join(", ") || "none"}. ` +
        "Install one (e.g. Node.js 20) or point SPARKPOST_TRACKING_OLD_NODE at its binary.",
    );
  }
  console.log(`Refusal tested with ${oldNode.path} (${oldNode.version})`);
});

const entries: [string, string[]][] = [
  ["bin/provider/index.js", ["-e", 'require("./bin/provider/index.js")']],
  ["bin/provider/dynamicProvider.js", ["-e", 'require("./bin/provider/dynamicProvider.js")']],
  ["bin/sandbox/cli.js", ["bin/sandbox/cli.js", "--verify-after", "0"]],
  ["bin/program/import/cli.js", ["bin/program/import/cli.js", "--version"]],
];

test.each(entries)("%s refuses with the exact message and nothing else", async (file, args) => {
  if (oldNode === undefined) throw new Error("no Node.js older than 22: see the test above");
  expect(existsSync(path.join(REPOSITORY_ROOT, file))).toBe(true);
  const result = await run(oldNode.path, args, {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, NODE_OPTIONS: "" },
    timeoutMs: 30_000,
  });
  const message =
    `pulumi-sparkpost-tracking needs Node.js 22.19 or later, but this is Node.js ${oldNode.version}. ` +
    "Install Node.js 22 LTS or newer (and make it the `node` on PATH, which Pulumi also uses to " +
    "run dynamic providers), then run the command again.";
  expect(result.code).toBe(1);
  expect(result.stdout).toBe("");
  // The only error printed is ours, thrown from supportedNode.js: nothing loaded before it failed.
  const errorLines = result.stderr.split("\n").filter((line) => /^\w*Error\b/.test(line));
  expect(errorLines).toEqual([`Error: ${message}`]);
  expect(result.stderr).toContain(path.join(REPOSITORY_ROOT, "bin/provider/supportedNode.js"));
  expect(result.stderr).not.toContain("reading 'bind'");
});
