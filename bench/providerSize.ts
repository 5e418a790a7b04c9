/**
 * What this package adds to state. Every dynamic resource stores its serialized provider
 * (`__provider`) in its inputs and again in its outputs; ours is a ~1 KB shim that loads the
 * implementation from the installed package (provider/resources/providerShim.ts), built from text
 * so that it is the same byte for byte installed and from source. Measured both ways:
 *
 * - from source: the TypeScript sources under tsx, as this repository's tests and root program run;
 * - installed: `npm run build`, then the built package laid out in a temporary project's
 *   node_modules and serialized by a child Node process in that project, as a user's program does.
 *
 * Then the state of one domain with the default flag and two links (five resources, created
 * through the real provider host: bench/oneDomainStack.ts), scaled to 100 domains.
 *
 *   npm run bench:size
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { providers } from "../provider/dynamicProvider";
import { providerShim, type ResourceKind } from "../provider/resources/providerShim";
import { layOutInstalledProject } from "./installedProject";
import { runOneDomainStack } from "./oneDomainStack";
import { formatBytes, printTable } from "./table";

const repositoryRoot = path.resolve(__dirname, "..");
const FIXTURES = path.join(repositoryRoot, "test", "fixtures", "serializedProviders");
const DOMAINS = 100;
/**
 * Installed sizes of the full providers this package stored before the shims (0.1.0 and up to
 * commit 1c7220b), from the `bench:size` run of 2026-11-26 recorded in BENCHMARKS.md: bytes of one
 * copy in state (JSON-escaped).
 */
const FULL_PROVIDER_BYTES: Record<string, number> = {
  TrackingDomain: (19.7 * 1024) / 2,
  TrackingDomainVerification: (15.5 * 1024) / 2,
  DefaultTrackingDomain: (13.1 * 1024) / 2,
  SendingDomainLink: (12.4 * 1024) / 2,
};

const kinds = Object.keys(providers) as ResourceKind[];

/**
 * The closure `pulumi.dynamic.Resource` serializes, `() => provider`, written as the SDK's compiled
 * code has it: the serializer stores the closure's own source text, and tsx would print an arrow
 * written here as `()=>provider`, two bytes shorter than what users' state holds.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- see above
const closureOver = new Function("provider", "return () => provider;") as (
  provider: object,
) => () => object;

async function fromSource(): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const kind of kinds) {
    const closure = closureOver(providerShim(kind));
    texts[kind] = (await pulumi.runtime.serializeFunction(closure, { allowSecrets: true })).text;
  }
  return texts;
}

/** Builds `bin/`, installs it in a temporary project and serializes there; undefined if the build fails. */
function installed(): Record<string, string> | undefined {
  console.log("Building bin/ (npm run build)...");
  try {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: repositoryRoot, stdio: "inherit" });
  } catch {
    console.log("The build failed: no installed figures.");
    return undefined;
  }
  const project = layOutInstalledProject(repositoryRoot);
  try {
    const output = execFileSync(
      process.execPath,
      [
        "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
        path.join(__dirname, "serializeInstalled.ts"),
        JSON.stringify(kinds),
      ],
      { cwd: project.dir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    return JSON.parse(output) as Record<string, string>;
  } finally {
    project.remove();
  }
}

/** Bytes of the text as one copy in a state file: a JSON string, quotes and escapes included. */
const inState = (text: string) => Buffer.byteLength(JSON.stringify(text));

async function main(): Promise<void> {
  const source = await fromSource();
  const built = installed();
  const promised = (kind: string) => {
    try {
      return readFileSync(path.join(FIXTURES, `${kind}.js`), "utf8");
    } catch {
      return undefined;
    }
  };

  console.log("\nSerialized provider per kind (`__provider`; state holds 2 copies per resource)");
  printTable(
    ["kind", "from source", "installed", "in state, 1 copy", "same text?", "full provider before"],
    kinds.map((kind) => {
      const same = [built?.[kind], promised(kind)].every((text) => text === source[kind]);
      const full = FULL_PROVIDER_BYTES[kind];
      return [
        kind,
        `${Buffer.byteLength(source[kind])} B`,
        built ? `${Buffer.byteLength(built[kind])} B` : "n/a",
        `${inState(source[kind])} B`,
        same ? "yes (and = fixture)" : "NO",
        full === undefined ? "" : formatBytes(Math.round(full)),
      ];
    }),
  );

  console.log("Creating one domain with a default and two links through the provider host...");
  const { states } = await runOneDomainStack();
  const rows: string[][] = [];
  let perDomain = { source: 0, installed: 0, providers: 0, before: 0 };
  for (const { kind, urn, state } of states) {
    const entry = (provider: string | undefined) => {
      const withProvider = (props: Record<string, unknown>) => ({ ...props, __provider: provider });
      return Buffer.byteLength(
        JSON.stringify({
          urn,
          custom: true,
          id: state.id,
          type: `pulumi-nodejs:dynamic/sparkpost:${kind}`,
          inputs: withProvider(state.inputs),
          outputs: withProvider(state.outputs),
        }),
      );
    };
    const sourceBytes = entry(source[kind]);
    const installedBytes = built ? entry(built[kind]) : NaN;
    const providerBytes = 2 * inState(source[kind]);
    const beforeBytes = sourceBytes - providerBytes + 2 * (FULL_PROVIDER_BYTES[kind] ?? NaN);
    perDomain = {
      source: perDomain.source + sourceBytes,
      installed: perDomain.installed + installedBytes,
      providers: perDomain.providers + providerBytes,
      before: perDomain.before + beforeBytes,
    };
    rows.push([
      kind,
      `${sourceBytes} B`,
      `${installedBytes} B`,
      `${providerBytes} B`,
      formatBytes(Math.round(beforeBytes)),
    ]);
  }
  rows.push([
    "one domain",
    formatBytes(perDomain.source),
    formatBytes(perDomain.installed),
    formatBytes(perDomain.providers),
    formatBytes(Math.round(perDomain.before)),
  ]);
  rows.push([
    `${DOMAINS} domains`,
    formatBytes(DOMAINS * perDomain.source),
    formatBytes(DOMAINS * perDomain.installed),
    formatBytes(DOMAINS * perDomain.providers),
    formatBytes(Math.round(DOMAINS * perDomain.before)),
  ]);
  console.log(
    "\nState per resource (compact JSON of urn, id, type, inputs and outputs, each with __provider)",
  );
  printTable(
    ["resource", "from source", "installed", "of which __provider", "with full providers (before)"],
    rows,
  );
}

main().then(
  () => process.exit(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
