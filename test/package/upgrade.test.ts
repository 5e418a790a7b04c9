/**
 * Upgrades through the real dynamic-provider host, in a user's project, against the sandbox.
 *
 * From 0.1.0: resources created by the packed 0.1.0 release (test/fixtures/packages), whose
 * state holds that release's whole implementation with `require()`s of its internal files, are
 * taken over by this version: installing it makes those stored providers unloadable (its exports
 * map hides `bin/`), the first `up` replaces each stored provider with the shim in place, and
 * refresh, updates and destroy work from then on.
 *
 * Onwards: resources created by this version are refreshed, updated and destroyed by a build of
 * it whose internal files have all moved, which proves the stored shim depends on nothing but the
 * public entry `pulumi-sparkpost-tracking/dynamic-provider`.
 *
 * Each resource is driven as `pulumi up` drives it (hostResource.ts: Check, Diff, then the step
 * the Diff calls for), with the provider text the installed package really stores: each
 * package's own program registers one resource of each kind under mocks in a child Node process
 * in the project, and the `__provider` it serializes is what the engine would get.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { serializedProviders, type ResourceKind } from "../support/engineFixture";
import type { HostResource } from "../support/hostResource";
import { HostCallError } from "../support/providerHost";
import { dnsPackages, providersOf } from "./support/installedPackageSuite";
import { packFromFreshClone, REPOSITORY_ROOT, type PackedPackage } from "./support/packedPackage";
import {
  FOUR_RESOURCES,
  ProjectEngine,
  SENDING_DOMAIN,
  TRACKING_DOMAIN,
} from "./support/projectEngine";
import { UserProject } from "./support/userProject";

const PACKAGE = "pulumi-sparkpost-tracking";
const RELEASE_0_1_0 = path.join(
  REPOSITORY_ROOT,
  "test/fixtures/packages/pulumi-sparkpost-tracking-0.1.0.tgz",
);

/** A program declaring one resource of each kind with FOUR_RESOURCES' inputs, in that order. */
const FOUR_RESOURCES_PROGRAM = `const sparkpost = require("${PACKAGE}");
${FOUR_RESOURCES.map(
  ({ kind, name, args }) =>
    `new sparkpost.${kind}(${JSON.stringify(name)}, ${JSON.stringify(args)});`,
).join("\n")}
`;

/** What the project's installed package stores as the provider of each kind. */
async function storedProviders(project: UserProject): Promise<Record<ResourceKind, string>> {
  project.write("four.js", FOUR_RESOURCES_PROGRAM);
  const run = await project.runUnderMocks("four.js", "tracking", {});
  expect(run.error).toBeUndefined();
  expect(run.resources.map((resource) => resource.name).sort()).toEqual(
    FOUR_RESOURCES.map(({ name }) => name).sort(),
  );
  return providersOf(run);
}

/** The account after a create of the four: one verified default domain, linked. */
const CREATED = {
  trackingDomains: [`${TRACKING_DOMAIN} verified=true default=true secure=false`],
  sendingDomainLink: TRACKING_DOMAIN,
};
const EMPTY = { trackingDomains: [], sendingDomainLink: null };

/** One read per resource, in FOUR_RESOURCES' order. */
const REFRESH_REQUESTS = [
  `GET /tracking-domains/${TRACKING_DOMAIN} 200`,
  `GET /tracking-domains/${TRACKING_DOMAIN} 200`,
  "GET /tracking-domains 200",
  `GET /sending-domains/${SENDING_DOMAIN} 200`,
];

function withoutProvider(props: Record<string, unknown>): Record<string, unknown> {
  const { __provider: _provider, ...rest } = props;
  return rest;
}

/**
 * The package's internal files moved: `bin/` becomes `lib/moved/`, and package.json's entry
 * points follow, so every public entry still resolves and no old internal path exists.
 */
function moveInternals(projectDir: string): void {
  const installed = path.join(projectDir, "node_modules", PACKAGE);
  mkdirSync(path.join(installed, "lib"));
  renameSync(path.join(installed, "bin"), path.join(installed, "lib", "moved"));
  const manifestPath = path.join(installed, "package.json");
  const moved = (value: unknown): unknown => {
    if (typeof value === "string") return value.replace(/^(\.\/)?bin\//, "$1lib/moved/");
    if (Array.isArray(value)) return value.map(moved);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, moved(entry)]));
    }
    return value;
  };
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
  for (const field of ["main", "types", "exports", "typesVersions", "bin"]) {
    manifest[field] = moved(manifest[field]);
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
}

let packed: PackedPackage;
let project: UserProject;
let engine: ProjectEngine | undefined;
let fromSource: Record<ResourceKind, string>;

beforeAll(async () => {
  packed = await packFromFreshClone();
  fromSource = await serializedProviders();
  // A 0.1.0 user's project: the package and the SDK (0.1.0 brought both DNS packages itself).
  project = await UserProject.create("upgrade", [RELEASE_0_1_0, "@pulumi/pulumi"]);
});
afterAll(async () => {
  await engine?.close();
  project?.remove();
});

/** The four resources as the engine tracks them, in FOUR_RESOURCES' order. */
let resources: HostResource[] = [];

/** The same resources, now declared by a program whose package stores `texts`. */
function redeclared(texts: Record<ResourceKind, string>): HostResource[] {
  return FOUR_RESOURCES.map(({ kind, name }, index) => {
    const resource = engine!.resource(kind, name, texts[kind]);
    resource.state = resources[index].state;
    return resource;
  });
}

describe("from 0.1.0", () => {
  let legacy: Record<ResourceKind, string>;
  let current: Record<ResourceKind, string>;

  test("0.1.0 creates one resource of each kind through the real host, storing its whole code", async () => {
    expect(project.installedVersion(PACKAGE)).toBe("0.1.0");
    expect(dnsPackages(project)).toEqual(["@pulumi/aws", "@pulumi/cloudflare"]);
    legacy = await storedProviders(project);
    const sizes = FOUR_RESOURCES.map(({ kind }) => `${kind} ${Buffer.byteLength(legacy[kind])} B`);
    console.log(`0.1.0 stored providers: ${sizes.join(", ")}`);
    for (const { kind } of FOUR_RESOURCES) {
      expect(legacy[kind]).toContain(`require("${PACKAGE}/bin/provider/`);
      expect(legacy[kind]).not.toContain(`${PACKAGE}/dynamic-provider`);
    }

    engine = await ProjectEngine.start(project.dir);
    resources = FOUR_RESOURCES.map(({ kind, name }) => engine!.resource(kind, name, legacy[kind]));
    for (const [index, { args }] of FOUR_RESOURCES.entries()) await resources[index].create(args);
    expect(await engine.account()).toEqual(CREATED);
    for (const [index, { kind }] of FOUR_RESOURCES.entries()) {
      expect(resources[index].state!.outputs.__provider).toBe(legacy[kind]);
    }
  });

  test("installing this version drops the old DNS packages and leaves the 0.1.0 providers unloadable", async () => {
    await engine!.stopHost();
    engine!.sandbox.clearLog();
    await project.install([packed.tarball]);
    expect(project.installedVersion(PACKAGE)).toBe(packed.version);
    expect(dnsPackages(project)).toEqual([]);
    expect(project.copiesOf("@pulumi/pulumi")).toEqual(["node_modules/@pulumi/pulumi"]);
    await engine!.startHostAgain();

    // Why the README says to run `pulumi up` once before `refresh` or `destroy`: the stored 0.1.0
    // provider requires internal files the new exports map does not serve.
    const [domain] = redeclared(legacy);
    const failure = await domain.refresh().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(HostCallError);
    // The first internal file the stored TrackingDomain provider requires.
    expect((failure as Error).message).toBe(
      `Package subpath './bin/provider/sparkpost/index.js' is not defined by "exports" in ${path.join(project.dir, "node_modules", PACKAGE, "package.json")}`,
    );
    expect(engine!.requestLines()).toEqual([]);
    await engine!.restartHost();
  });

  test("the first up updates each resource in place to the shim; the account stays as it was", async () => {
    current = await storedProviders(project);
    for (const { kind } of FOUR_RESOURCES) expect(current[kind]).toBe(fromSource[kind]);

    engine!.sandbox.clearLog();
    const upgraded = redeclared(current);
    const before = upgraded.map((resource) => resource.state!);
    // update(): Check, a Diff that must say "update" (not "same", not "replace"), then Update.
    for (const [index, { args }] of FOUR_RESOURCES.entries()) await upgraded[index].update(args);
    // Only the stored provider changes, so no Update makes a call.
    expect(engine!.requestLines()).toEqual([]);
    expect(await engine!.account()).toEqual(CREATED);
    for (const [index, { kind }] of FOUR_RESOURCES.entries()) {
      const after = upgraded[index].state!;
      expect(after.id).toBe(before[index].id);
      expect(after.outputs.__provider).toBe(current[kind]);
      expect(after.inputs.__provider).toBe(current[kind]);
      expect(withoutProvider(after.outputs)).toEqual(withoutProvider(before[index].outputs));
    }
    resources = upgraded;

    // The next preview is clean: the shim is not mistaken for a legacy provider.
    engine!.sandbox.clearLog();
    for (const [index, { args }] of FOUR_RESOURCES.entries()) await resources[index].same(args);
    expect(engine!.requestLines()).toEqual([]);
  });

  test("then refresh reads each once, `secure` updates in place, and destroy empties the account", async () => {
    await engine!.restartHost();
    resources = redeclared(current);
    engine!.sandbox.clearLog();
    for (const resource of resources) expect(await resource.refresh()).toBe("refreshed");
    expect(engine!.requestLines()).toEqual(REFRESH_REQUESTS);

    const [domain] = resources;
    await domain.update({ ...FOUR_RESOURCES[0].args, secure: true });
    expect(domain.state!.outputs).toMatchObject({ secure: true, port: 443 });
    expect(await engine!.account()).toEqual({
      trackingDomains: [`${TRACKING_DOMAIN} verified=true default=true secure=true`],
      sendingDomainLink: TRACKING_DOMAIN,
    });

    for (const resource of [...resources].reverse()) await resource.destroy();
    expect(await engine!.account()).toEqual(EMPTY);
  });
});

describe("onwards, to a build with its internal files moved", () => {
  let current: Record<ResourceKind, string>;

  test("this version creates one resource of each kind", async () => {
    await engine!.restartHost();
    current = await storedProviders(project);
    resources = FOUR_RESOURCES.map(({ kind, name }) => engine!.resource(kind, name, current[kind]));
    for (const [index, { args }] of FOUR_RESOURCES.entries()) await resources[index].create(args);
    expect(await engine!.account()).toEqual(CREATED);
  });

  test("the moved build serves only the public entries, and stores the same shims", async () => {
    await engine!.stopHost();
    moveInternals(project.dir);
    const installed = path.join(project.dir, "node_modules", PACKAGE);
    expect(existsSync(path.join(installed, "bin"))).toBe(false);
    const projectRequire = createRequire(path.join(project.dir, "index.js"));
    expect(projectRequire.resolve(`${PACKAGE}/dynamic-provider`)).toBe(
      path.join(installed, "lib/moved/provider/dynamicProvider.js"),
    );
    expect(await storedProviders(project)).toEqual(current);
    await engine!.startHostAgain();
  });

  test("the moved build previews, refreshes, updates and destroys what this version created", async () => {
    resources = redeclared(current);
    engine!.sandbox.clearLog();
    for (const [index, { args }] of FOUR_RESOURCES.entries()) await resources[index].same(args);
    expect(engine!.requestLines()).toEqual([]);

    for (const resource of resources) expect(await resource.refresh()).toBe("refreshed");
    expect(engine!.requestLines()).toEqual(REFRESH_REQUESTS);

    const [domain] = resources;
    await domain.update({ ...FOUR_RESOURCES[0].args, secure: true });
    expect(await engine!.account()).toEqual({
      trackingDomains: [`${TRACKING_DOMAIN} verified=true default=true secure=true`],
      sendingDomainLink: TRACKING_DOMAIN,
    });

    for (const resource of [...resources].reverse()) await resource.destroy();
    expect(await engine!.account()).toEqual(EMPTY);
    expect(engine!.host.stderr).toBe("");
  });
});
