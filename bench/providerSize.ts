/**
 * How many bytes each resource kind's serialized provider adds to state, in two situations:
 *
 * - from source: the TypeScript sources run under tsx, as in this repository's tests and root
 *   program. Our modules are local, so the serializer copies their code by value.
 * - installed: the built package under `node_modules/pulumi-sparkpost-tracking`, as users get it.
 *   The serializer writes modules under node_modules as `require(...)`, so little code is copied.
 *
 * Every resource stores its provider twice (in its inputs and its outputs), so this is paid per
 * resource, in every state file and checkpoint.
 *
 *   npm run bench:size
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { defaultTrackingDomainProvider } from "../provider/resources/defaultTrackingDomain";
import { sendingDomainLinkProvider } from "../provider/resources/sendingDomainLink";
import { trackingDomainProvider } from "../provider/resources/trackingDomain";
import { trackingDomainVerificationProvider } from "../provider/resources/trackingDomainVerification";
import { layOutInstalledProject, PACKAGE_NAME } from "./installedProject";
import { formatBytes, formatRatio, printTable } from "./table";

const repositoryRoot = path.resolve(__dirname, "..");
const STACK_SIZE = 200;
/** Each resource's state holds the provider in its inputs and again in its outputs. */
const COPIES_PER_RESOURCE = 2;

/** Each provider: its kind, its module under `provider/resources`, and its exported object. */
const PROVIDERS = [
  { kind: "TrackingDomain", file: "trackingDomain", exportName: "trackingDomainProvider" },
  {
    kind: "TrackingDomainVerification",
    file: "trackingDomainVerification",
    exportName: "trackingDomainVerificationProvider",
  },
  {
    kind: "DefaultTrackingDomain",
    file: "defaultTrackingDomain",
    exportName: "defaultTrackingDomainProvider",
  },
  { kind: "SendingDomainLink", file: "sendingDomainLink", exportName: "sendingDomainLinkProvider" },
] as const;

type Kind = (typeof PROVIDERS)[number]["kind"];

const SOURCE_PROVIDERS: Record<Kind, object> = {
  TrackingDomain: trackingDomainProvider,
  TrackingDomainVerification: trackingDomainVerificationProvider,
  DefaultTrackingDomain: defaultTrackingDomainProvider,
  SendingDomainLink: sendingDomainLinkProvider,
};

/** The smallest possible provider, as the unit the others are compared with. */
const minimalProvider = {
  async create() {
    return { id: "x", outs: {} };
  },
};

/**
 * A provider's size: the serialized text `pulumi.dynamic.Resource` puts in `__provider`, and that
 * text as one copy in the state file takes it (a JSON string, with its quotes and newlines escaped).
 */
interface ProviderSize {
  textBytes: number;
  stateBytes: number;
}

async function measure(provider: object): Promise<ProviderSize> {
  const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return {
    textBytes: Buffer.byteLength(text),
    stateBytes: Buffer.byteLength(JSON.stringify(text)),
  };
}

async function sizesFromSource(): Promise<Record<Kind, ProviderSize>> {
  const sizes = {} as Record<Kind, ProviderSize>;
  for (const { kind } of PROVIDERS) sizes[kind] = await measure(SOURCE_PROVIDERS[kind]);
  return sizes;
}

/** Builds `bin/`, installs it in a temporary project and measures there, in a child process. */
function sizesInstalled(): Record<Kind, ProviderSize> {
  console.log("Building bin/ (npm run build)...");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repositoryRoot, stdio: "inherit" });
  const project = layOutInstalledProject(repositoryRoot);
  try {
    const exports = PROVIDERS.map(({ kind, file, exportName }) => ({
      kind,
      module: `${PACKAGE_NAME}/bin/provider/resources/${file}`,
      exportName,
    }));
    const output = execFileSync(
      process.execPath,
      // The child is TypeScript that Node runs as an ES module after stripping the types.
      [
        "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON",
        path.join(__dirname, "serializeInstalled.ts"),
        JSON.stringify(exports),
      ],
      { cwd: project.dir, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    return JSON.parse(output) as Record<Kind, ProviderSize>;
  } finally {
    project.remove();
  }
}

async function main(): Promise<void> {
  const unit = (await measure(minimalProvider)).textBytes;
  const fromSource = await sizesFromSource();
  const installed = sizesInstalled();

  console.log(`\nSerialized provider text (minimal provider: ${formatBytes(unit)})`);
  printTable(
    ["kind", "from source", "vs minimal", "installed", "vs minimal", "source / installed"],
    PROVIDERS.map(({ kind }) => {
      const [source, user] = [fromSource[kind].textBytes, installed[kind].textBytes];
      return [
        kind,
        formatBytes(source),
        formatRatio(source, unit),
        formatBytes(user),
        formatRatio(user, unit),
        formatRatio(source, user),
      ];
    }),
  );

  const inState = (size: ProviderSize) => COPIES_PER_RESOURCE * size.stateBytes;
  console.log(
    `\nIn state (JSON-escaped, ${COPIES_PER_RESOURCE} copies per resource; ` +
      `${STACK_SIZE} resources of one kind)`,
  );
  printTable(
    [
      "kind",
      "per resource, source",
      "per resource, installed",
      `${STACK_SIZE} resources, source`,
      `${STACK_SIZE} resources, installed`,
    ],
    PROVIDERS.map(({ kind }) => [
      kind,
      formatBytes(inState(fromSource[kind])),
      formatBytes(inState(installed[kind])),
      formatBytes(STACK_SIZE * inState(fromSource[kind])),
      formatBytes(STACK_SIZE * inState(installed[kind])),
    ]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
