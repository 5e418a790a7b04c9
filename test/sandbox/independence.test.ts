/**
 * The sandbox stands in for SparkPost, so it must not borrow the client's understanding of the
 * API: nothing under sandbox/ imports from provider/, except the Node version check that its two
 * entry points run first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const REPOSITORY = path.resolve(__dirname, "../..");
const SANDBOX = path.join(REPOSITORY, "sandbox");
const PROVIDER = path.join(REPOSITORY, "provider");
/** The package's own name resolves to provider/index.ts (tsconfig paths, self-link). */
const PACKAGE_NAME = "pulumi-sparkpost-tracking";
const ALLOWED = new Set([
  "sandbox/index.ts ../provider/supportedNode",
  "sandbox/cli.ts ../provider/supportedNode",
]);

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(c|m)?tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** Every module specifier a source names: imports, re-exports, `require` and `import()`. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((reference) => reference.fileName);
}

function reachesProvider(file: string, specifier: string): boolean {
  if (specifier === PACKAGE_NAME || specifier.startsWith(`${PACKAGE_NAME}/`)) return true;
  if (!specifier.startsWith(".")) return false;
  const target = path.resolve(path.dirname(file), specifier);
  return target === PROVIDER || target.startsWith(`${PROVIDER}${path.sep}`);
}

/** `"<file> <specifier>"` for every import into provider/, given each file's text. */
function providerImports(sources: ReadonlyArray<[file: string, text: string]>): string[] {
  return sources.flatMap(([file, text]) =>
    specifiers(text)
      .filter((specifier) => reachesProvider(file, specifier))
      .map(
        (specifier) => `${path.relative(REPOSITORY, file).split(path.sep).join("/")} ${specifier}`,
      ),
  );
}

describe("sandbox independence from the client", () => {
  it("imports nothing from provider/ but the Node version check of its two entry points", () => {
    const files = sourceFiles(SANDBOX);
    expect(files).toContain(path.join(SANDBOX, "routes", "sendingDomains.ts"));
    const found = providerImports(files.map((file) => [file, fs.readFileSync(file, "utf8")]));
    expect(found.filter((line) => !ALLOWED.has(line))).toEqual([]);
    expect(found.sort()).toEqual([...ALLOWED].sort());
  });

  it("would catch each way of importing the client", () => {
    const probe = path.join(SANDBOX, "routes", "probe.ts");
    const text = [
      'import type { TrackingDomainObject } from "../../provider/sparkpost/types";',
      'export { retryPolicy } from "../../provider/sparkpost/retryPolicy";',
      'const client = require("../../provider/sparkpost/client");',
      'const later = import("pulumi-sparkpost-tracking/dynamic-provider");',
      'import "../../provider";',
      'import { Command } from "commander";',
      'import { results } from "../http";',
      'import { ok } from "../../providers/elsewhere";',
    ].join("\n");
    expect(providerImports([[probe, text]])).toEqual([
      "sandbox/routes/probe.ts ../../provider/sparkpost/types",
      "sandbox/routes/probe.ts ../../provider/sparkpost/retryPolicy",
      "sandbox/routes/probe.ts ../../provider/sparkpost/client",
      "sandbox/routes/probe.ts pulumi-sparkpost-tracking/dynamic-provider",
      "sandbox/routes/probe.ts ../../provider",
    ]);
  });
});
