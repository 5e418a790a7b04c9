/**
 * Two SparkPost accounts in one stack, through the real Pulumi engine: the root program with a
 * domain in the unnamed connection's account (a sandbox playing the US region) and one in the
 * named account "eu" (a sandbox playing the EU region), configured the way the README says:
 * `pulumi config set --path [--secret] 'sparkpost:accounts.eu.<setting>'`, here the Automation
 * API's `setConfig` with `path: true`. Each sandbox verifies a domain only when its CNAME, at a
 * DNS server both share, points at its own region's target. One stack, each test starting where
 * the previous one left off: preview, up, a no-op run, the keys' absence, refresh, moving a domain
 * to the other account, destroy.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { load as loadYaml } from "js-yaml";
import { rootProgram } from "../../program/rootProgram";
import { Sandbox, startSandbox } from "../../sandbox";
import { copyProject, openInlineStack, ProjectCopy } from "../../tools/inlineProject";
import { preparePulumiEnvironment, PulumiEnvironment } from "../../tools/pulumiEnvironment";
import { editTrackingDomains } from "../../tools/stackFile";
import { DnsTestServer, startDnsServer } from "../support/dnsServer";
import { EU_TARGETS, US_TARGETS } from "../support/twoAccounts";
import { changedLines, resourceBlocks } from "./support/diffText";
import { repositoryRoot } from "./support/rootStack";
import { links, requestLines, trackingDomainLines } from "./support/sandboxAccount";

const STACK = "accounts";
const US_DOMAIN = "track.example.com";
const EU_DOMAIN = "track.example.eu";
/** How state marks a secret value (sdk/go/common/resource/sig). */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";

let environment: PulumiEnvironment;
let project: ProjectCopy;
let stack: Stack;
let us: Sandbox;
let eu: Sandbox;
let dns: DnsTestServer;
const started = Date.now();

beforeAll(async () => {
  dns = await startDnsServer();
  dns.setCname(US_DOMAIN, "v2.spgo.io");
  dns.setCname(EU_DOMAIN, "eu.v2.spgo.io");
  us = await startSandbox({
    apiKey: `e2e-us-${randomUUID()}`,
    dnsServers: [dns.address],
    acceptedTargets: US_TARGETS,
    sendingDomains: [{ domain: "mail.example.com" }],
  });
  eu = await startSandbox({
    apiKey: `e2e-eu-${randomUUID()}`,
    dnsServers: [dns.address],
    acceptedTargets: EU_TARGETS,
    sendingDomains: [{ domain: "mail.example.eu" }],
  });
  environment = await preparePulumiEnvironment({ env: { SPARKPOST_VERIFY_POLL_MS: "250" } });
  console.log(`Pulumi CLI ${environment.version}: ${environment.cli.binary}`);
  project = copyProject(environment, { sourceDir: repositoryRoot, folder: "accounts" });
  stack = await openInlineStack(environment, project, STACK, async () => rootProgram());
  // The unnamed connection: the US sandbox.
  await stack.setConfig("sparkpost:apiUrl", { value: us.apiUrl });
  await stack.setConfig("sparkpost:apiKey", { value: us.apiKey, secret: true });
  // The named account "eu": the EU sandbox, whose apiUrl cannot say "EU", so the region does.
  await stack.setConfig("sparkpost:accounts.eu.region", { value: "eu" }, true);
  await stack.setConfig("sparkpost:accounts.eu.apiUrl", { value: eu.apiUrl }, true);
  await stack.setConfig("sparkpost:accounts.eu.apiKey", { value: eu.apiKey, secret: true }, true);
  const verification = { nameservers: [dns.address], timeoutSeconds: 60 };
  editTrackingDomains(project.stackFile(STACK), (entries) => {
    entries.push(
      {
        domain: US_DOMAIN,
        dns: { provider: "manual" },
        default: true,
        sendingDomains: ["mail.example.com"],
        verification,
      },
      {
        domain: EU_DOMAIN,
        dns: { provider: "manual" },
        account: "eu",
        default: true,
        sendingDomains: ["mail.example.eu"],
        verification,
      },
    );
  });
});

afterAll(async () => {
  await environment?.dispose();
  await us?.close();
  await eu?.close();
  await dns?.close();
  console.log(`named accounts e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

function summaryOf(domain: string, target: string, isDefault: boolean, verified: unknown) {
  const sendingDomain = domain === US_DOMAIN ? "mail.example.com" : "mail.example.eu";
  return {
    dnsRecord: { name: domain, type: "CNAME", value: target },
    isDefault,
    linkedSendingDomains: [sendingDomain],
    verified,
  };
}

test("the stack file holds the EU key encrypted inside its account, region and apiUrl in plain", () => {
  const file = loadYaml(fs.readFileSync(project.stackFile(STACK), "utf8")) as {
    config: Record<string, unknown>;
  };

  expect(file.config["sparkpost:accounts"]).toEqual({
    eu: { region: "eu", apiUrl: eu.apiUrl, apiKey: { secure: expect.stringMatching(/^v1:/) } },
  });
  expect(fs.readFileSync(project.stackFile(STACK), "utf8")).not.toContain(eu.apiKey);
});

test("preview plans both domains, each record to its account's region, and asks neither account", async () => {
  const preview = await stack.preview({ diff: true, color: "never" });

  expect(preview.changeSummary).toEqual({ create: 11 });
  const blocks = resourceBlocks(preview.stdout);
  const inAccount = blocks.filter((block) =>
    block.lines.some((line) => /^account\s*: "eu"$/.test(line)),
  );
  expect(inAccount.map((block) => block.name).sort()).toEqual([
    "track-example-eu-default",
    "track-example-eu-domain",
    "track-example-eu-link-mail.example.eu",
    "track-example-eu-verification",
  ]);
  const targets = blocks
    .filter((block) => block.name.endsWith("-verification"))
    .map((block) => [block.name, block.lines.find((line) => line.startsWith("expectedTarget"))]);
  expect(targets.sort()).toEqual([
    ["track-example-com-verification", 'expectedTarget: "v2.spgo.io"'],
    ["track-example-eu-verification", 'expectedTarget: "eu.v2.spgo.io"'],
  ]);
  expect(us.requests).toEqual([]);
  expect(eu.requests).toEqual([]);
});

test("up creates each domain in its own account with its key, verified by its region's target", async () => {
  const up = await stack.up({ color: "never" });

  expect(up.summary.resourceChanges).toEqual({ create: 11 });
  // The record's value comes from the account's region; sparkpost:accounts being a secret config
  // key (its key is) does not make it a secret.
  expect(up.outputs.trackingDomains).toEqual({
    value: {
      [US_DOMAIN]: summaryOf(US_DOMAIN, "v2.spgo.io", true, true),
      [EU_DOMAIN]: summaryOf(EU_DOMAIN, "eu.v2.spgo.io", true, true),
    },
    secret: false,
  });
  expect(await trackingDomainLines(us)).toEqual([
    `${US_DOMAIN} primary secure=false default=true verified=true`,
  ]);
  expect(await trackingDomainLines(eu)).toEqual([
    `${EU_DOMAIN} primary secure=false default=true verified=true`,
  ]);
  expect(links(us, ["mail.example.com"])).toEqual([`mail.example.com -> ${US_DOMAIN}`]);
  expect(links(eu, ["mail.example.eu"])).toEqual([`mail.example.eu -> ${EU_DOMAIN}`]);
  for (const sandbox of [us, eu]) {
    expect(sandbox.requests.length).toBeGreaterThan(4);
    expect(sandbox.requests.every((entry) => entry.authorized)).toBe(true);
  }
  // The preflight looked for each record before its account was asked to verify.
  expect(dns.queries).toContainEqual({ name: EU_DOMAIN, type: "CNAME" });
});

test("a second preview and up change nothing and ask neither account", async () => {
  us.clearLog();
  eu.clearLog();
  expect((await stack.preview()).changeSummary).toEqual({ same: 11 });
  expect((await stack.up()).summary.resourceChanges).toEqual({ same: 11 });
  expect(us.requests).toEqual([]);
  expect(eu.requests).toEqual([]);
});

/** Every regular file under `dir`, symlinks (node_modules) not followed. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(file);
    return entry.isFile() ? [file] : [];
  });
}

test("neither key is in any resource's state or any file, only encrypted in the provider's config", async () => {
  const deployment = (await stack.exportStack()).deployment as {
    resources: { type: string; inputs?: Record<string, unknown> }[];
  };
  for (const [key, configKey] of [
    [us.apiKey, "sparkpost:apiKey"],
    [eu.apiKey, "sparkpost:accounts"],
  ]) {
    // exportStack shows secrets decrypted: only the engine's provider config holds the key.
    const holders = deployment.resources.filter((resource) =>
      JSON.stringify(resource).includes(key),
    );
    expect(holders.map((resource) => resource.type)).toEqual(["pulumi:providers:pulumi-nodejs"]);
    expect(holders[0].inputs?.[configKey]).toMatchObject({
      [SECRET_SIGNATURE_KEY]: expect.any(String),
    });
  }
  const sparkPostResources = deployment.resources.filter((resource) =>
    resource.type.startsWith("pulumi-nodejs:dynamic/sparkpost:"),
  );
  expect(sparkPostResources).toHaveLength(8);
  expect(
    sparkPostResources.map((resource) => resource.inputs?.account ?? "(unnamed)").sort(),
  ).toEqual(["(unnamed)", "(unnamed)", "(unnamed)", "(unnamed)", "eu", "eu", "eu", "eu"]);

  const { backendDir, homeDir } = environment;
  const files = [backendDir, homeDir, project.workDir].flatMap(filesUnder);
  expect(files.some((file) => file.includes(`${path.sep}.pulumi${path.sep}stacks`))).toBe(true);
  for (const key of [us.apiKey, eu.apiKey]) {
    expect(files.filter((file) => fs.readFileSync(file).includes(Buffer.from(key)))).toEqual([]);
  }
});

test("refresh reads each resource from its own account and finds no drift", async () => {
  us.clearLog();
  eu.clearLog();
  const refresh = await stack.refresh({ color: "never" });

  expect(refresh.summary.resourceChanges).toEqual({ same: 11 });
  const reads = (domain: string, sendingDomain: string) =>
    [
      `GET /sending-domains/${sendingDomain}`,
      "GET /tracking-domains",
      `GET /tracking-domains/${domain}`,
      `GET /tracking-domains/${domain}`,
    ].sort();
  expect(requestLines(us).sort()).toEqual(reads(US_DOMAIN, "mail.example.com"));
  expect(requestLines(eu).sort()).toEqual(reads(EU_DOMAIN, "mail.example.eu"));
  expect((await stack.preview()).changeSummary).toEqual({ same: 11 });
});

test("moving the EU domain to the unnamed connection: the preview shows the replacements, up moves it", async () => {
  editTrackingDomains(project.stackFile(STACK), (entries) => {
    delete entries[1].account;
    // The unnamed account has its default already: one per (account, subaccount).
    delete entries[1].default;
  });
  us.clearLog();
  eu.clearLog();
  const preview = await stack.preview({ diff: true, color: "never" });
  console.log(
    `preview --diff after moving ${EU_DOMAIN} to the unnamed connection:\n${preview.stdout}`,
  );
  const blocks = resourceBlocks(preview.stdout).map((block) => ({
    step: block.step,
    name: block.name,
    changed: changedLines(block).filter((line) => /account|expectedTarget/.test(line)),
  }));

  expect(preview.changeSummary).toEqual({ same: 7, replace: 3, delete: 1 });
  expect(blocks).toEqual([
    { step: "same", name: "pulumi-sparkpost-tracking-accounts", changed: [] },
    { step: "replace", name: "track-example-eu-domain", changed: ['- account: "eu"'] },
    {
      step: "replace",
      name: "track-example-eu-verification",
      changed: ['- account       : "eu"', '~ expectedTarget: "eu.v2.spgo.io" => "v2.spgo.io"'],
    },
    {
      step: "replace",
      name: "track-example-eu-link-mail.example.eu",
      changed: ['- account       : "eu"'],
    },
    { step: "delete", name: "track-example-eu-default", changed: [] },
  ]);
  expect(us.requests).toEqual([]);
  expect(eu.requests).toEqual([]);

  // The record the user keeps by hand follows the new target, as the preview showed.
  dns.setCname(EU_DOMAIN, "v2.spgo.io");
  us.seedSendingDomain("mail.example.eu");
  const up = await stack.up({ color: "never" });

  expect(up.summary.resourceChanges).toEqual({ same: 7, replace: 3, delete: 1 });
  expect(up.outputs.trackingDomains.value).toEqual({
    [US_DOMAIN]: summaryOf(US_DOMAIN, "v2.spgo.io", true, true),
    [EU_DOMAIN]: summaryOf(EU_DOMAIN, "v2.spgo.io", false, true),
  });
  expect(await trackingDomainLines(eu)).toEqual([]);
  expect(await trackingDomainLines(us)).toEqual([
    `${US_DOMAIN} primary secure=false default=true verified=true`,
    `${EU_DOMAIN} primary secure=false default=false verified=true`,
  ]);
  expect(links(us, ["mail.example.eu"])).toEqual([`mail.example.eu -> ${EU_DOMAIN}`]);
});

test("destroy leaves both accounts empty", async () => {
  const destroy = await stack.destroy({ color: "never" });

  expect(destroy.summary.resourceChanges).toEqual({ delete: 10 });
  expect(await trackingDomainLines(us)).toEqual([]);
  expect(await trackingDomainLines(eu)).toEqual([]);
  expect(links(us, ["mail.example.com", "mail.example.eu"])).toEqual([
    "mail.example.com -> none",
    "mail.example.eu -> none",
  ]);
});
