/**
 * The installed-package check, for one `@pulumi/pulumi` version: the tarball packed from a fresh
 * clone goes into a fresh project beside only what a user adds (`@pulumi/pulumi`, `typescript`,
 * `@types/node` and `@pulumi/aws` for the Route53 example), the example is copied in,
 * type-checked by the project's own `tsc` and run under mocks by plain Node, and the providers
 * its resources store are run by the real provider host of that SDK version.
 *
 * installed.test.ts runs it with the newest SDK the registry has, peerRange.test.ts with the
 * lowest the peer range claims.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { serializedProviders, type ResourceKind } from "../../support/engineFixture";
import {
  projectConfigValues,
  qualifiedKey,
  readProject,
  REPOSITORY_ROOT,
} from "../../examples/projectFiles";
import type { MockedRun } from "./mockRunner";
import { packFromFreshClone, type PackedPackage } from "./packedPackage";
import { FOUR_RESOURCES, ProjectEngine, TRACKING_DOMAIN } from "./projectEngine";
import { megabytes, templateTsconfig, UserProject } from "./userProject";

const EXAMPLE = "examples/route53";
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
/** The issue's budget for one serialized provider. */
export const MAX_PROVIDER_BYTES = 2048;

/** The route53 example with the config its README asks for, plus its Pulumi.yaml's values. */
export function route53ExampleConfig(): { projectName: string; config: Record<string, unknown> } {
  const project = readProject(EXAMPLE);
  return {
    projectName: project.name,
    config: {
      ...projectConfigValues(project),
      [qualifiedKey(project, "trackingDomain")]: "track.example.com",
      [qualifiedKey(project, "sendingDomains")]: ["mail.example.com", "news.example.com"],
    },
  };
}

/** Exactly what the route53 example registers, in order, without the serialized providers. */
export const ROUTE53_EXAMPLE_RESOURCES = [
  { type: "sparkpost:index:CustomTrackingDomain", name: "tracking", inputs: {} },
  {
    type: `${DYNAMIC}:TrackingDomain`,
    name: "tracking-domain",
    inputs: { domain: TRACKING_DOMAIN },
  },
  {
    type: "aws:route53/record:Record",
    name: "tracking-cname",
    inputs: {
      zoneId: "route53-zone-example.com",
      name: "track.example.com",
      type: "CNAME",
      ttl: 300,
      records: ["v2.spgo.io"],
      allowOverwrite: false,
    },
  },
  {
    type: `${DYNAMIC}:TrackingDomainVerification`,
    name: "tracking-verification",
    inputs: { domain: TRACKING_DOMAIN, expectedTarget: "v2.spgo.io", triggers: ["v2.spgo.io"] },
  },
  {
    type: `${DYNAMIC}:DefaultTrackingDomain`,
    name: "tracking-default",
    inputs: { domain: TRACKING_DOMAIN },
  },
  {
    type: `${DYNAMIC}:SendingDomainLink`,
    name: "tracking-link-mail.example.com",
    inputs: { sendingDomain: "mail.example.com", trackingDomain: TRACKING_DOMAIN },
  },
  {
    type: `${DYNAMIC}:SendingDomainLink`,
    name: "tracking-link-news.example.com",
    inputs: { sendingDomain: "news.example.com", trackingDomain: TRACKING_DOMAIN },
  },
];

/**
 * The `__provider` text of each kind in a mocked run; fails when two resources of one kind
 * stored different texts or a kind is missing.
 */
export function providersOf(run: MockedRun): Record<ResourceKind, string> {
  const texts: Partial<Record<ResourceKind, string>> = {};
  for (const resource of run.resources) {
    if (!resource.type.startsWith(`${DYNAMIC}:`)) continue;
    const kind = resource.type.slice(DYNAMIC.length + 1) as ResourceKind;
    const text = resource.serializedProvider;
    if (text === undefined) throw new Error(`${resource.name} stored no provider`);
    if (texts[kind] !== undefined && texts[kind] !== text) {
      throw new Error(`two ${kind} resources stored different providers`);
    }
    texts[kind] = text;
  }
  const missing = FOUR_RESOURCES.map(({ kind }) => kind).filter((kind) => !(kind in texts));
  if (missing.length > 0) throw new Error(`no resource of kind ${missing.join(", ")}`);
  return texts as Record<ResourceKind, string>;
}

/** `resources` sorted by name, for comparisons that do not depend on registration order. */
export function byName<T extends { name: string }>(resources: T[]): T[] {
  return [...resources].sort((a, b) => a.name.localeCompare(b.name));
}

/** The DNS provider packages installed anywhere in the project. */
export function dnsPackages(project: UserProject): string[] {
  return ["@pulumi/aws", "@pulumi/cloudflare"].filter((name) => project.copiesOf(name).length > 0);
}

/** What a user may import besides the root: the stable provider entry and the sandbox. */
const ENTRIES_TS = `import { providers, type ResourceKind } from "pulumi-sparkpost-tracking/dynamic-provider";
import { startSandbox, type Sandbox } from "pulumi-sparkpost-tracking/sandbox";

export const kinds: ResourceKind[] = [
  "TrackingDomain",
  "TrackingDomainVerification",
  "DefaultTrackingDomain",
  "SendingDomainLink",
  "TrackingDomainCertificate",
];
export const implementations: object[] = kinds.map((kind) => providers[kind]);
export const start: (options: { verifyAfterSeconds: number }) => Promise<Sandbox> = startSandbox;
`;

/** The same entries at run time, and an internal path, which the exports map must hide. */
const ENTRIES_JS = `const entry = require("pulumi-sparkpost-tracking/dynamic-provider");
const sandbox = require("pulumi-sparkpost-tracking/sandbox");
let internal;
try {
  require.resolve("pulumi-sparkpost-tracking/bin/provider/dynamicProvider.js");
  internal = "resolved";
} catch (error) {
  internal = error.code;
}
const kinds = Object.entries(entry.providers).map(
  ([kind, provider]) => kind + ": " + Object.keys(provider).sort().join(" "),
);
console.log(JSON.stringify({ kinds, startSandbox: typeof sandbox.startSandbox, internal }));
`;

export interface SuiteOptions {
  /** Names the suite's temp folders. */
  label: string;
  /** The exact `@pulumi/pulumi` version to install. */
  sdkVersion: () => Promise<string>;
}

/** Defines the suite's tests in the calling describe. */
export function installedPackageSuite(options: SuiteOptions): void {
  let packed: PackedPackage;
  let sdkVersion: string;
  let project: UserProject;
  let run: MockedRun;

  beforeAll(async () => {
    packed = await packFromFreshClone();
    sdkVersion = await options.sdkVersion();
    project = await UserProject.create(options.label, [
      packed.tarball,
      `@pulumi/pulumi@${sdkVersion}`,
      "typescript",
      "@types/node",
      "@pulumi/aws",
    ]);
    project.copyIn(path.join(REPOSITORY_ROOT, EXAMPLE, "index.ts"), "index.ts");
    project.copyIn(path.join(REPOSITORY_ROOT, EXAMPLE, "Pulumi.yaml"), "Pulumi.yaml");
    project.write("entries.ts", ENTRIES_TS);
    project.write("entries.js", ENTRIES_JS);
    console.log(
      `${options.label}: ${packed.name}@${packed.version} (commit ${packed.commit.slice(0, 12)}) ` +
        `with ${Object.entries(project.dependencies())
          .filter(([name]) => name !== packed.name)
          .map(([name]) => `${name}@${project.installedVersion(name)}`)
          .join(", ")} in ${project.dir}`,
    );
  });
  afterAll(() => project?.remove());

  test("the project holds what the user added, one @pulumi/pulumi, no other DNS package", async () => {
    expect(Object.keys(project.dependencies()).sort()).toEqual([
      "@pulumi/aws",
      "@pulumi/pulumi",
      "@types/node",
      packed.name,
      "typescript",
    ]);
    expect(project.dependencies()[packed.name]).toBe(
      `file:${path.relative(project.dir, packed.tarball)}`,
    );
    expect(project.installedVersion("@pulumi/pulumi")).toBe(sdkVersion);
    // A second copy nested under the package or @pulumi/aws would run with its own runtime state.
    expect(project.copiesOf("@pulumi/pulumi")).toEqual(["node_modules/@pulumi/pulumi"]);
    expect(project.copiesOf(packed.name)).toEqual([`node_modules/${packed.name}`]);
    expect(dnsPackages(project)).toEqual(["@pulumi/aws"]);
    console.log(await footprintReport(`Route53 project, @pulumi/pulumi ${sdkVersion}`, project));
  });

  test("the project's tsc type-checks the example and the public entries, declarations included", async () => {
    const typescriptMajor = Number(project.installedVersion("typescript").split(".")[0]);
    // Pulumi's TypeScript template settings: node10 resolution, where typesVersions serves the
    // subpath entries.
    project.write("tsconfig.json", templateTsconfig(["index.ts", "entries.ts"], typescriptMajor));
    const template = await project.tsc(["-p", "tsconfig.json"]);
    expect(template).toEqual({ code: 0, stdout: "", stderr: "" });
    // node16 resolution, where the exports map and its `types` conditions serve them.
    project.write("tsconfig.node16.json", {
      compilerOptions: { strict: true, module: "node16", moduleResolution: "node16", noEmit: true },
      files: ["entries.ts"],
    });
    const node16 = await project.tsc(["-p", "tsconfig.node16.json"]);
    expect(node16).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  test("under mocks the example registers exactly its seven resources, one zone lookup, its outputs", async () => {
    const { projectName, config } = route53ExampleConfig();
    run = await project.runUnderMocks("bin/index.js", projectName, config);
    expect(run.error).toBeUndefined();
    expect(run.sdkVersion).toBe(sdkVersion);
    // Registration order follows when each resource's inputs resolve: compare by name.
    expect(byName(run.resources.map(({ type, name, inputs }) => ({ type, name, inputs })))).toEqual(
      byName(ROUTE53_EXAMPLE_RESOURCES),
    );
    expect(run.invocations).toEqual([
      { token: "aws:route53/getZone:getZone", inputs: { name: "example.com" } },
    ]);
    expect(run.outputs).toEqual({
      dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
      verified: true,
      linkedSendingDomains: ["mail.example.com", "news.example.com"],
    });
  });

  test(`each stored provider is at most ${MAX_PROVIDER_BYTES} bytes and the text serialized from source`, async () => {
    expect(run).toBeDefined();
    const installed = providersOf(run);
    const fromSource = await serializedProviders();
    const rows = FOUR_RESOURCES.map(({ kind }) => {
      const bytes = Buffer.byteLength(installed[kind]);
      const inState = Buffer.byteLength(JSON.stringify(installed[kind]));
      return `  ${kind.padEnd(28)} installed ${bytes} B, from source ${Buffer.byteLength(fromSource[kind])} B, ${inState} B per copy in state`;
    });
    console.log(`Serialized providers (@pulumi/pulumi ${sdkVersion}):\n${rows.join("\n")}`);
    for (const { kind } of FOUR_RESOURCES) {
      expect(Buffer.byteLength(installed[kind])).toBeLessThanOrEqual(MAX_PROVIDER_BYTES);
      expect(installed[kind]).toBe(fromSource[kind]);
      // The text promised to every state file (test/resources/providerShim.test.ts).
      const promised = path.join(
        REPOSITORY_ROOT,
        "test/fixtures/serializedProviders",
        `${kind}.js`,
      );
      expect(installed[kind]).toBe(readFileSync(promised, "utf8"));
    }
  });

  test("the public entries load at run time; internal files are not importable", async () => {
    const stdout = await project.runNode(["entries.js"]);
    const methods = "check configure create delete diff read update";
    expect(JSON.parse(stdout)).toEqual({
      // The entry serves every kind: the four original ones and the managed certificate.
      kinds: [...FOUR_RESOURCES.map(({ kind }) => kind), "TrackingDomainCertificate"].map(
        (kind) => `${kind}: ${methods}`,
      ),
      startSandbox: "function",
      internal: "ERR_PACKAGE_PATH_NOT_EXPORTED",
    });
  });

  test("this SDK's provider host runs the stored shims: create, refresh and destroy all four", async () => {
    expect(run).toBeDefined();
    const texts = providersOf(run);
    const engine = await ProjectEngine.start(project.dir);
    try {
      const resources = FOUR_RESOURCES.map((spec) => ({
        spec,
        resource: engine.resource(spec.kind, spec.name, texts[spec.kind]),
      }));
      for (const { spec, resource } of resources) await resource.create(spec.args);
      expect(await engine.account()).toEqual({
        trackingDomains: [`${TRACKING_DOMAIN} verified=true default=true secure=false`],
        sendingDomainLink: TRACKING_DOMAIN,
      });
      for (const { spec, resource } of resources) {
        expect(resource.state!.outputs.__provider).toBe(texts[spec.kind]);
      }
      engine.sandbox.clearLog();
      for (const { resource } of resources) expect(await resource.refresh()).toBe("refreshed");
      expect(engine.requestLines()).toEqual([
        `GET /tracking-domains/${TRACKING_DOMAIN} 200`,
        `GET /tracking-domains/${TRACKING_DOMAIN} 200`,
        "GET /tracking-domains 200",
        "GET /sending-domains/mail.example.com 200",
      ]);
      for (const { resource } of [...resources].reverse()) await resource.destroy();
      expect(await engine.account()).toEqual({ trackingDomains: [], sendingDomainLink: null });
      expect(engine.host.stderr).toBe("");
    } finally {
      await engine.close();
    }
  });
}

/** Total `du` of node_modules and its six largest packages. */
export async function footprintReport(title: string, project: UserProject): Promise<string> {
  const total = await project.footprintBytes();
  const largest = (await project.footprintByPackage()).slice(0, 6);
  return (
    `${title}: node_modules ${megabytes(total)} (${total} bytes); largest: ` +
    largest.map(({ name, bytes }) => `${name} ${megabytes(bytes)}`).join(", ")
  );
}
