/**
 * Bringing an existing SparkPost setup under Pulumi, end to end: `pulumi-sparkpost-tracking
 * import` (the built bin) reads the sandbox holding the existing account of
 * test/support/existingAccount.ts and writes the root program's stack file; the real Pulumi CLI
 * then previews and ups it. The first `up` adopts everything with reads only and leaves the
 * account exactly as it was; a second `up` makes no request at all; `destroy` is refused by
 * `protect`; with `retainOnDelete` instead, destroy forgets the stack and SparkPost keeps it all.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { load as loadYaml } from "js-yaml";
import { rootProgram } from "../../program/rootProgram";
import { type Sandbox, startSandbox } from "../../sandbox";
import { copyProject, openInlineStack, type ProjectCopy } from "../../tools/inlineProject";
import { preparePulumiEnvironment, type PulumiEnvironment } from "../../tools/pulumiEnvironment";
import { editTrackingDomains } from "../../tools/stackFile";
import { type DnsTestServer, startDnsServer } from "../support/dnsServer";
import { existingAccountStateFile, serveExistingDns } from "../support/existingAccount";
import { repositoryRoot } from "./support/rootStack";

const STACK = "imported";
const BIN = path.join(repositoryRoot, "bin/program/import/cli.js");
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";

let sandbox: Sandbox;
let dns: DnsTestServer;
let stateFile: string;
let environment: PulumiEnvironment;
let project: ProjectCopy;
let stack: Stack;
/** The sandbox's whole account before Pulumi touched it, as its state file holds it. */
let accountBefore: string;
const started = Date.now();

beforeAll(async () => {
  stateFile = existingAccountStateFile();
  sandbox = await startSandbox({ stateFile, apiKey: `e2e-${randomUUID()}` });
  dns = await startDnsServer();
  serveExistingDns(dns);
  environment = await preparePulumiEnvironment();
  project = copyProject(environment, { sourceDir: repositoryRoot, folder: "imported-account" });
  console.log(`Pulumi CLI ${environment.version}: ${environment.cli.binary}`);
});

afterAll(async () => {
  await environment?.dispose();
  await sandbox?.close();
  await dns?.close();
  console.log(`import round trip e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** The API requests since `from`, as "METHOD path subaccount=...". */
function requestLog(from = 0): string[] {
  return sandbox.requests
    .slice(from)
    .map(
      (request) =>
        `${request.method} ${request.path}${request.subaccount === null ? "" : ` subaccount=${request.subaccount}`} ${request.status}`,
    );
}

function accountNow(): string {
  return fs.readFileSync(stateFile, "utf8");
}

test("the import reads the account with three GETs and writes the stack file", async () => {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [
      BIN,
      "import",
      "--stack",
      STACK,
      "--api-url",
      sandbox.apiUrl,
      "--dns-server",
      dns.address,
      "--subaccounts",
      "all",
    ],
    { cwd: project.workDir, env: { PATH: process.env.PATH, SPARKPOST_API_KEY: sandbox.apiKey } },
  );
  console.log(`import: stderr\n${stderr}\nstdout\n${stdout}`);
  expect(requestLog()).toEqual([
    "GET /subaccounts 200",
    "GET /tracking-domains 200",
    "GET /sending-domains 200",
  ]);
  const text = fs.readFileSync(project.stackFile(STACK), "utf8");
  console.log(`Pulumi.${STACK}.yaml as generated:\n${text}`);
  const entries = (loadYaml(text) as { config: Record<string, { domain: string }[]> }).config[
    "pulumi-sparkpost-tracking:trackingDomains"
  ];
  expect(entries.map((entry) => entry.domain)).toEqual([
    "click.example.com",
    "links.example.org",
    "track.example.com",
    "click.shop.example.com",
  ]);

  stack = await openInlineStack(environment, project, STACK, async () => rootProgram());
  await stack.setConfig("sparkpost:apiKey", { value: sandbox.apiKey, secret: true });
  accountBefore = accountNow();
  sandbox.clearLog();
});

test("preview plans the adoption and asks SparkPost nothing", async () => {
  const preview = await stack.preview({ color: "never" });
  // The stack, 4 components, 4 tracking domains, 4 verifications, 2 defaults, 4 links.
  expect(preview.changeSummary).toEqual({ create: 19 });
  expect(requestLog()).toEqual([]);
});

test("the first up adopts everything with GETs only, and the account stays exactly as it was", async () => {
  const up = await stack.up({ color: "never" });
  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toEqual({ create: 19 });

  const log = requestLog();
  console.log(`Requests of the first up (${log.length}):\n${log.join("\n")}`);
  expect(sandbox.requests.every((request) => request.method === "GET")).toBe(true);
  expect(sandbox.requests.every((request) => request.status === 200)).toBe(true);
  // One read per SparkPost resource: 4 tracking domains, 4 verifications, 2 defaults and 4
  // links. The primary account's reads carry no X-MSYS-SUBACCOUNT header (SparkPost's default).
  expect([...log].sort()).toEqual(
    [
      ...["click.example.com", "links.example.org", "track.example.com"].flatMap((domain) => [
        `GET /tracking-domains/${domain} 200`,
        `GET /tracking-domains/${domain} 200`,
      ]),
      "GET /tracking-domains/track.example.com 200",
      "GET /tracking-domains/click.shop.example.com 200",
      "GET /tracking-domains/click.shop.example.com subaccount=42 200",
      "GET /tracking-domains/click.shop.example.com subaccount=42 200",
      "GET /sending-domains/mail.example.com 200",
      "GET /sending-domains/news.example.com 200",
      "GET /sending-domains/promo.example.com 200",
      "GET /sending-domains/mail.shop.example.com subaccount=42 200",
    ].sort(),
  );
  expect(accountNow()).toBe(accountBefore);

  expect(up.outputs.trackingDomains.value).toEqual({
    "click.example.com": {
      dnsRecord: { name: "click.example.com", type: "CNAME", value: "v2.spgo.io" },
      isDefault: false,
      linkedSendingDomains: ["promo.example.com"],
      verified: true,
    },
    "click.shop.example.com": {
      dnsRecord: { name: "click.shop.example.com", type: "CNAME", value: "v2.spgo.io" },
      isDefault: true,
      linkedSendingDomains: ["mail.shop.example.com"],
      verified: true,
    },
    "links.example.org": {
      dnsRecord: { name: "links.example.org", type: "CNAME", value: "spgo.io" },
      isDefault: false,
      linkedSendingDomains: [],
      verified: true,
    },
    "track.example.com": {
      dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
      isDefault: true,
      linkedSendingDomains: ["mail.example.com", "news.example.com"],
      verified: true,
    },
  });
});

test("a second up changes nothing and makes no request", async () => {
  sandbox.clearLog();
  const up = await stack.up({ color: "never" });
  expect(up.summary.resourceChanges).toEqual({ same: 19 });
  expect(requestLog()).toEqual([]);
  expect(accountNow()).toBe(accountBefore);
});

test("every resource is protected: destroy is refused, and SparkPost is not even asked", async () => {
  const deployment = (await stack.exportStack()).deployment as {
    resources: { type: string; urn: string; protect?: boolean }[];
  };
  const managed = deployment.resources.filter(
    (resource) => resource.type.startsWith(DYNAMIC) || resource.type.startsWith("sparkpost:"),
  );
  expect(managed).toHaveLength(18);
  expect(managed.filter((resource) => resource.protect !== true)).toEqual([]);

  sandbox.clearLog();
  const destroy = stack.destroy({ color: "never" });
  await expect(destroy).rejects.toThrow(/protected/);
  expect(requestLog()).toEqual([]);
  expect(accountNow()).toBe(accountBefore);
});

test("with retainOnDelete instead, destroy empties the stack and SparkPost keeps everything", async () => {
  editTrackingDomains(project.stackFile(STACK), (entries) => {
    for (const entry of entries) {
      entry.protect = false;
      entry.retainOnDelete = true;
    }
  });
  sandbox.clearLog();
  const up = await stack.up({ color: "never" });
  expect(up.summary.resourceChanges).toEqual({ same: 19 });
  expect(requestLog()).toEqual([]);

  const destroy = await stack.destroy({ color: "never" });
  expect(destroy.summary.resourceChanges).toEqual({ delete: 19 });
  expect(requestLog()).toEqual([]);
  expect(accountNow()).toBe(accountBefore);
  const deployment = (await stack.exportStack()).deployment as { resources?: unknown[] };
  expect(deployment.resources ?? []).toEqual([]);
});
