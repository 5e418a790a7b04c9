/**
 * An old single-account stack upgrades with no diff, through the real Pulumi engine: the root
 * program's sandbox stack is created by the package as it was before named accounts (built from
 * a fresh clone at that commit, installed in the project as npm would), its state kept; then this
 * build is installed in its place and runs the same stack. The preview shows nothing to do and
 * asks SparkPost nothing, `up` leaves every resource's inputs and outputs as the old package
 * wrote them, refresh finds no drift, a named account added later plans only its own domain's
 * resources, and destroy removes what the old package created.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { rootProgram } from "../../program/rootProgram";
import { Sandbox, startSandbox } from "../../sandbox";
import { copyProject, openInlineStack, ProjectCopy } from "../../tools/inlineProject";
import { preparePulumiEnvironment, PulumiEnvironment } from "../../tools/pulumiEnvironment";
import { editTrackingDomains, sendingDomainSeeds } from "../../tools/stackFile";
import { resourceBlocks } from "./support/diffText";
import { repositoryRoot } from "./support/rootStack";
import { links, trackingDomainLines } from "./support/sandboxAccount";

/** The last commit before named accounts: the package every existing stack was made with. */
const BEFORE_NAMED_ACCOUNTS = "8fe01cd1c4b98cbd8272e04567acddab96fe11db";
const STACK = "sandbox";
const PACKAGE = "pulumi-sparkpost-tracking";
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost:";
const run = promisify(execFile);

let work: string;
let oldPackage: string;
let environment: PulumiEnvironment;
let project: ProjectCopy;
let sandbox: Sandbox;
let euSandbox: Sandbox | undefined;
let stack: Stack;
const started = Date.now();

/**
 * The package at `commit`, built as `npm pack` would build it: a fresh clone (committed files
 * only), this repository's node_modules lent to it (the same lockfile), `tsc` with its own
 * tsconfig.build.json.
 */
async function buildPackageAt(commit: string, into: string): Promise<string> {
  const clone = path.join(into, PACKAGE);
  await run("git", ["clone", "--quiet", "--no-hardlinks", repositoryRoot, clone]);
  await run("git", ["-c", "advice.detachedHead=false", "checkout", "--quiet", commit], {
    cwd: clone,
  });
  fs.symlinkSync(path.join(repositoryRoot, "node_modules"), path.join(clone, "node_modules"));
  const tsc = path.join(repositoryRoot, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: clone });
  return clone;
}

/**
 * Installs `packageDir` as the project's pulumi-sparkpost-tracking, beside this repository's
 * other packages: what the stored providers load `pulumi-sparkpost-tracking/dynamic-provider`
 * from when the engine runs them.
 */
function install(packageDir: string): void {
  const modules = path.join(project.workDir, "node_modules");
  if (fs.lstatSync(modules).isSymbolicLink()) {
    fs.unlinkSync(modules);
    fs.mkdirSync(modules);
    const lent = path.join(repositoryRoot, "node_modules");
    for (const entry of fs.readdirSync(lent)) {
      if (entry !== PACKAGE) fs.symlinkSync(path.join(lent, entry), path.join(modules, entry));
    }
  }
  fs.rmSync(path.join(modules, PACKAGE), { force: true });
  fs.symlinkSync(packageDir, path.join(modules, PACKAGE));
}

function selectStack(program: PulumiFn): Promise<Stack> {
  return openInlineStack(environment, project, STACK, program);
}

/** Inputs and outputs of every SparkPost resource in state, by name. */
async function sparkPostState(): Promise<Record<string, unknown>> {
  const { deployment } = (await stack.exportStack()) as {
    deployment: { resources: { type: string; urn: string; inputs: unknown; outputs: unknown }[] };
  };
  return Object.fromEntries(
    deployment.resources
      .filter((resource) => resource.type.startsWith(DYNAMIC))
      .map((resource) => [
        resource.urn.slice(resource.urn.lastIndexOf("::") + 2),
        { inputs: resource.inputs, outputs: resource.outputs },
      ]),
  );
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "sparkpost-before-accounts-"));
  const building = Date.now();
  oldPackage = await buildPackageAt(BEFORE_NAMED_ACCOUNTS, work);
  console.log(
    `built ${BEFORE_NAMED_ACCOUNTS.slice(0, 12)} in ${((Date.now() - building) / 1000).toFixed(1)} s`,
  );
  sandbox = await startSandbox({
    apiKey: `e2e-${randomUUID()}`,
    verifyAfterSeconds: 1,
    sendingDomains: sendingDomainSeeds(path.join(repositoryRoot, `Pulumi.${STACK}.yaml`)),
  });
  environment = await preparePulumiEnvironment({ env: { SPARKPOST_VERIFY_POLL_MS: "250" } });
  project = copyProject(environment, {
    sourceDir: repositoryRoot,
    stackFiles: [`Pulumi.${STACK}.yaml`],
    folder: "upgrade",
  });
}, 600_000);

afterAll(async () => {
  await environment?.dispose();
  await sandbox?.close();
  await euSandbox?.close();
  if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
  console.log(`upgrade e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

let createdState: Record<string, unknown>;

test("the package from before named accounts creates the sandbox stack", async () => {
  install(oldPackage);
  // That package's own root program, compiled at that commit.
  const old = (await import(path.join(oldPackage, "bin", "program", "rootProgram.js"))) as {
    rootProgram: typeof rootProgram;
  };
  expect(old.rootProgram).not.toBe(rootProgram);
  // Built from before named accounts: its provider entry is there, its accounts module is not.
  const built = path.join(oldPackage, "bin", "provider");
  expect(fs.existsSync(path.join(built, "dynamicProvider.js"))).toBe(true);
  expect(fs.existsSync(path.join(built, "sparkpost", "accounts.js"))).toBe(false);
  stack = await selectStack(async () => old.rootProgram());
  await stack.setConfig("sparkpost:apiUrl", { value: sandbox.apiUrl });
  await stack.setConfig("sparkpost:apiKey", { value: sandbox.apiKey, secret: true });

  const up = await stack.up({ color: "never" });

  expect(up.summary.resourceChanges).toEqual({ create: 12 });
  expect(await trackingDomainLines(sandbox)).toEqual([
    "click.shop.example.com subaccount=42 secure=false default=true verified=true",
    "track.example.com primary secure=false default=true verified=true",
  ]);
  createdState = await sparkPostState();
  expect(Object.keys(createdState)).toHaveLength(9);
  expect(JSON.stringify(createdState)).not.toContain('"account"');
});

test("with this build installed, the preview has nothing to do and asks SparkPost nothing", async () => {
  install(repositoryRoot);
  stack = await selectStack(async () => rootProgram());
  sandbox.clearLog();

  const preview = await stack.preview({ diff: true, color: "never" });

  expect(preview.changeSummary).toEqual({ same: 12 });
  const changed = resourceBlocks(preview.stdout).filter(
    (block) => block.step !== "same" || block.lines.some((line) => /^[~+-]/.test(line)),
  );
  expect(changed).toEqual([]);
  expect(sandbox.requests).toEqual([]);
});

test("up changes nothing: every resource keeps the inputs and outputs the old package wrote", async () => {
  const up = await stack.up({ color: "never" });

  expect(up.summary.resourceChanges).toEqual({ same: 12 });
  expect(sandbox.requests).toEqual([]);
  expect(await sparkPostState()).toEqual(createdState);
});

test("refresh with this build finds no drift, and the next preview nothing to do", async () => {
  const refresh = await stack.refresh({ color: "never" });

  expect(refresh.summary.resourceChanges).toEqual({ same: 12 });
  // Refresh brings SparkPost's live status into the outputs (verified, default since creation),
  // as the old package's refresh would; the inputs stay exactly as the old package wrote them.
  const refreshed = (await sparkPostState()) as Record<string, { inputs: unknown }>;
  const inputsOf = (state: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(state as Record<string, { inputs: unknown }>).map(([name, resource]) => [
        name,
        resource.inputs,
      ]),
    );
  expect(inputsOf(refreshed)).toEqual(inputsOf(createdState));
  expect(JSON.stringify(refreshed)).not.toContain('"account"');
  expect((await stack.preview()).changeSummary).toEqual({ same: 12 });
  createdState = refreshed;
});

test("a named account added to the upgraded stack plans its own domain's resources only", async () => {
  euSandbox = await startSandbox({ apiKey: `e2e-eu-${randomUUID()}`, verifyAfterSeconds: 1 });
  await stack.setConfig("sparkpost:accounts.eu.region", { value: "eu" }, true);
  await stack.setConfig("sparkpost:accounts.eu.apiUrl", { value: euSandbox.apiUrl }, true);
  await stack.setConfig(
    "sparkpost:accounts.eu.apiKey",
    { value: euSandbox.apiKey, secret: true },
    true,
  );
  editTrackingDomains(project.stackFile(STACK), (entries) => {
    entries.push({
      domain: "track.example.eu",
      dns: { provider: "manual" },
      account: "eu",
      verification: { preflight: "off", timeoutSeconds: 60 },
    });
  });
  sandbox.clearLog();

  expect((await stack.preview()).changeSummary).toEqual({ same: 12, create: 3 });
  const up = await stack.up({ color: "never" });

  expect(up.summary.resourceChanges).toEqual({ same: 12, create: 3 });
  expect(up.outputs.trackingDomains.value["track.example.eu"].dnsRecord).toEqual({
    name: "track.example.eu",
    type: "CNAME",
    value: "eu.v2.spgo.io",
  });
  expect(sandbox.requests).toEqual([]);
  expect(await trackingDomainLines(euSandbox)).toEqual([
    "track.example.eu primary secure=false default=false verified=true",
  ]);
  expect(await sparkPostState()).toMatchObject(createdState);
});

test("destroy with this build removes what the old package created, and the new domain", async () => {
  const destroy = await stack.destroy({ color: "never" });

  expect(destroy.summary.resourceChanges).toEqual({ delete: 15 });
  expect(await trackingDomainLines(sandbox)).toEqual([]);
  expect(await trackingDomainLines(euSandbox!)).toEqual([]);
  expect(links(sandbox, ["mail.example.com", "news.example.com", "mail.shop.example.com"])).toEqual(
    ["mail.example.com -> none", "news.example.com -> none", "mail.shop.example.com -> none"],
  );
});
