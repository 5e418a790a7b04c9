/**
 * The root program's sandbox stack through the real Pulumi engine: preview, up, no-op runs,
 * changes of `secure`, `default` and a link, drift found by refresh, the API key kept out of state,
 * and destroy. One stack, one sandbox: each test starts where the previous one left off.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { editTrackingDomains } from "../../tools/stackFile";
import { changedLines, resourceBlocks } from "./support/diffText";
import { EngineEvents, UNKNOWN } from "./support/engineEvents";
import { RootStack, startRootStack } from "./support/rootStack";
import { links, requestLines, trackingDomainLines } from "./support/sandboxAccount";

const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
const SENDING_DOMAINS = ["mail.example.com", "news.example.com", "mail.shop.example.com"];
/** How state marks a secret value (sdk/go/common/resource/sig). */
const SECRET_SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

let root: RootStack;
const started = Date.now();

beforeAll(async () => {
  root = await startRootStack();
  const { version, cli } = root.environment;
  console.log(`Pulumi CLI ${version}: ${cli.binary} (from ${cli.source})`);
});

afterAll(async () => {
  await root?.close();
  console.log(`root program e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** The stack's `trackingDomains` output for the sandbox stack, `verified` given. */
function expectedOutputs(
  verified: unknown,
  overrides: { clickIsDefault?: boolean; trackLinks?: string[] } = {},
) {
  return {
    "click.shop.example.com": {
      dnsRecord: { name: "click.shop.example.com", type: "CNAME", value: "v2.spgo.io" },
      isDefault: overrides.clickIsDefault ?? true,
      linkedSendingDomains: ["mail.shop.example.com"],
      verified,
    },
    "track.example.com": {
      dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
      isDefault: true,
      linkedSendingDomains: overrides.trackLinks ?? ["mail.example.com", "news.example.com"],
      verified,
    },
  };
}

/** Runs `preview --diff`, prints it (the report quotes it), and checks it asked SparkPost nothing. */
async function previewDiff(title: string) {
  const before = root.sandbox.requests.length;
  const preview = await root.stack.preview({ diff: true, color: "never" });
  console.log(`preview --diff after ${title}:\n${preview.stdout}`);
  expect(requestLines(root.sandbox, before)).toEqual([]);
  expect(preview.stdout).not.toContain("__provider");
  const blocks = resourceBlocks(preview.stdout).map((block) => ({
    step: block.step,
    name: block.name,
    changed: changedLines(block),
  }));
  return { summary: preview.changeSummary, blocks };
}

test("preview plans 9 dynamic resources, shows each CNAME and calls SparkPost not at all", async () => {
  const events = new EngineEvents();
  const preview = await root.stack.preview({ onEvent: events.record });

  const steps = events.steps();
  expect(steps.filter((step) => step.includes(` ${DYNAMIC}:`))).toEqual([
    `create ${DYNAMIC}:DefaultTrackingDomain click-shop-example-com-default`,
    `create ${DYNAMIC}:DefaultTrackingDomain track-example-com-default`,
    `create ${DYNAMIC}:SendingDomainLink click-shop-example-com-link-mail.shop.example.com`,
    `create ${DYNAMIC}:SendingDomainLink track-example-com-link-mail.example.com`,
    `create ${DYNAMIC}:SendingDomainLink track-example-com-link-news.example.com`,
    `create ${DYNAMIC}:TrackingDomain click-shop-example-com-domain`,
    `create ${DYNAMIC}:TrackingDomain track-example-com-domain`,
    `create ${DYNAMIC}:TrackingDomainVerification click-shop-example-com-verification`,
    `create ${DYNAMIC}:TrackingDomainVerification track-example-com-verification`,
  ]);
  // The rest of the plan: the stack, the two components, and the default provider of dynamic
  // resources, which the engine announces but leaves out of the summary.
  expect(steps.filter((step) => !step.includes(` ${DYNAMIC}:`))).toEqual([
    "create pulumi:providers:pulumi-nodejs default",
    "create pulumi:pulumi:Stack pulumi-sparkpost-tracking-sandbox",
    "create sparkpost:index:CustomTrackingDomain click-shop-example-com",
    "create sparkpost:index:CustomTrackingDomain track-example-com",
  ]);
  expect(preview.changeSummary).toEqual({ create: 12 });

  expect(events.stackOutputs()).toEqual({ trackingDomains: expectedOutputs(UNKNOWN) });
  expect(events.problems()).toEqual([]);
  expect(root.sandbox.requests).toEqual([]);
});

test("up creates both domains, verified, defaults set and sending domains linked", async () => {
  const up = await root.stack.up({ color: "never" });

  expect(up.summary.result).toBe("succeeded");
  expect(up.summary.resourceChanges).toEqual({ create: 12 });
  expect(up.outputs).toEqual({
    trackingDomains: { value: expectedOutputs(true), secret: false },
  });
  expect(await trackingDomainLines(root.sandbox)).toEqual([
    "click.shop.example.com subaccount=42 secure=false default=true verified=true",
    "track.example.com primary secure=false default=true verified=true",
  ]);
  expect(links(root.sandbox, SENDING_DOMAINS)).toEqual([
    "mail.example.com -> track.example.com",
    "news.example.com -> track.example.com",
    "mail.shop.example.com -> click.shop.example.com",
  ]);
});

test("a second preview and up change nothing and call SparkPost not at all", async () => {
  root.sandbox.clearLog();
  const preview = await root.stack.preview();
  expect(preview.changeSummary).toEqual({ same: 12 });
  const up = await root.stack.up();
  expect(up.summary.resourceChanges).toEqual({ same: 12 });
  expect(root.sandbox.requests).toEqual([]);
});

describe("changes to the stack configuration", () => {
  test("secure: the tracking domain updates in place, and verification runs again", async () => {
    editTrackingDomains(root.stackFile, (entries) => {
      entries[0].secure = true;
    });
    const { summary, blocks } = await previewDiff("setting secure: true on track.example.com");
    expect(summary).toEqual({ same: 10, update: 1, replace: 1 });
    expect(blocks).toEqual([
      { step: "same", name: "pulumi-sparkpost-tracking-sandbox", changed: [] },
      { step: "update", name: "track-example-com-domain", changed: ["~ secure: false => true"] },
      {
        step: "replace",
        name: "track-example-com-verification",
        // `triggers` changed. A preview knows no outputs of the replacement: the dynamic provider
        // host does not support provider previews, so the engine plans its state as its inputs
        // (sdk/go/common/resource/plugin/provider_plugin.go, Create) and the CLI shows the
        // output-only fields as going away.
        changed: [
          '- cnameStatus     : ""',
          '- complianceStatus: "valid"',
          "~ triggers        : [",
          '+ [1]: "https"',
          "- verified        : true",
        ],
      },
    ]);

    const up = await root.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 10, update: 1, replace: 1 });
    expect(await trackingDomainLines(root.sandbox)).toEqual([
      "click.shop.example.com subaccount=42 secure=false default=true verified=true",
      "track.example.com primary secure=true default=true verified=true",
    ]);
    expect(root.sandbox.trackingDomain("track.example.com")?.port).toBe(443);
  });

  test("default: false removes the subaccount's DefaultTrackingDomain, which unsets the flag", async () => {
    editTrackingDomains(root.stackFile, (entries) => {
      entries[1].default = false;
    });
    const { summary, blocks } = await previewDiff(
      "setting default: false on click.shop.example.com",
    );
    expect(summary).toEqual({ same: 11, delete: 1 });
    expect(blocks).toEqual([
      { step: "same", name: "pulumi-sparkpost-tracking-sandbox", changed: [] },
      { step: "delete", name: "click-shop-example-com-default", changed: [] },
    ]);

    const up = await root.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 11, delete: 1 });
    expect(up.outputs.trackingDomains.value).toEqual(
      expectedOutputs(true, { clickIsDefault: false }),
    );
    expect(await trackingDomainLines(root.sandbox)).toEqual([
      "click.shop.example.com subaccount=42 secure=false default=false verified=true",
      "track.example.com primary secure=true default=true verified=true",
    ]);
  });

  test("a sending domain taken off the list is unlinked", async () => {
    editTrackingDomains(root.stackFile, (entries) => {
      entries[0].sendingDomains = ["mail.example.com"];
    });
    const { summary, blocks } = await previewDiff(
      "removing news.example.com from track.example.com",
    );
    expect(summary).toEqual({ same: 10, delete: 1 });
    expect(blocks).toEqual([
      { step: "same", name: "pulumi-sparkpost-tracking-sandbox", changed: [] },
      { step: "delete", name: "track-example-com-link-news.example.com", changed: [] },
    ]);

    const up = await root.stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 10, delete: 1 });
    expect(links(root.sandbox, SENDING_DOMAINS)).toEqual([
      "mail.example.com -> track.example.com",
      "news.example.com -> none",
      "mail.shop.example.com -> click.shop.example.com",
    ]);
  });
});

test("refresh finds changes made in SparkPost behind Pulumi's back, and up undoes them", async () => {
  root.sandbox.patchTrackingDomain("track.example.com", { secure: false });
  root.sandbox.seedSendingDomain("mail.example.com"); // as if unlinked in the UI
  root.sandbox.clearLog();

  const refresh = await root.stack.refresh({ color: "never" });
  // The tracking domain's `secure` changed, and the link is gone: one read per resource.
  expect(refresh.summary.resourceChanges).toEqual({ same: 8, update: 1, delete: 1 });
  expect(requestLines(root.sandbox).sort()).toEqual([
    "GET /sending-domains/mail.example.com",
    "GET /sending-domains/mail.shop.example.com",
    "GET /tracking-domains",
    "GET /tracking-domains/click.shop.example.com",
    "GET /tracking-domains/click.shop.example.com",
    "GET /tracking-domains/track.example.com",
    "GET /tracking-domains/track.example.com",
  ]);

  const up = await root.stack.up();
  expect(up.summary.resourceChanges).toEqual({ same: 8, update: 1, create: 1 });
  expect(await trackingDomainLines(root.sandbox)).toEqual([
    "click.shop.example.com subaccount=42 secure=false default=false verified=true",
    "track.example.com primary secure=true default=true verified=true",
  ]);
  expect(links(root.sandbox, SENDING_DOMAINS)).toEqual([
    "mail.example.com -> track.example.com",
    "news.example.com -> none",
    "mail.shop.example.com -> click.shop.example.com",
  ]);
});

/** Every regular file under `dir`, symlinks (node_modules) not followed. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(file);
    return entry.isFile() ? [file] : [];
  });
}

test("the API key, set with --secret, is in no export, state, history, backup or stack file", async () => {
  const key = root.sandbox.apiKey;
  // It is the key the providers used: every request of the run carried it.
  expect(root.sandbox.requests.length).toBeGreaterThan(0);
  expect(root.sandbox.requests.every((request) => request.authorized)).toBe(true);
  expect(fs.readFileSync(root.stackFile, "utf8")).toMatch(/sparkpost:apiKey:\n\s+secure: v1:/);

  // `pulumi stack export`, as a user runs it.
  const { stdout: exported } = await promisify(execFile)(
    root.environment.cli.binary,
    ["stack", "export", "--stack", "sandbox"],
    { cwd: root.project.workDir, env: { ...process.env, ...root.environment.envVars } },
  );
  expect(exported).toContain("track-example-com-domain");
  expect(exported).not.toContain(key);

  // The state holds the key in one place: the default provider of dynamic resources is configured
  // with the whole stack config (so that `configure` can read sparkpost:*), and keeps it, secret.
  // The Automation API's exportStack runs `stack export --show-secrets`, so it shows it decrypted.
  const deployment = (await root.stack.exportStack()).deployment as {
    resources: { type: string; inputs?: Record<string, unknown> }[];
  };
  const holders = deployment.resources.filter((resource) => JSON.stringify(resource).includes(key));
  expect(holders.map((resource) => resource.type)).toEqual(["pulumi:providers:pulumi-nodejs"]);
  expect(holders[0].inputs?.["sparkpost:apiKey"]).toEqual({
    [SECRET_SIGNATURE_KEY]: SECRET_SIGNATURE,
    plaintext: JSON.stringify(key),
  });

  const { backendDir, homeDir } = root.environment;
  const files = [backendDir, homeDir, root.project.workDir].flatMap(filesUnder);
  const stateFiles = files.filter((file) => file.includes(`${path.sep}.pulumi${path.sep}stacks`));
  expect(stateFiles.length).toBeGreaterThan(0);
  const holding = files.filter((file) => fs.readFileSync(file).includes(Buffer.from(key)));
  expect(holding).toEqual([]);
});

describe("destroy", () => {
  let logStart = 0;
  test("removes every tracking domain and link", async () => {
    logStart = root.sandbox.requests.length;
    const destroy = await root.stack.destroy({ color: "never" });
    expect(destroy.summary.resourceChanges).toEqual({ delete: 10 });
    expect(await trackingDomainLines(root.sandbox)).toEqual([]);
    expect(links(root.sandbox, SENDING_DOMAINS)).toEqual([
      "mail.example.com -> none",
      "news.example.com -> none",
      "mail.shop.example.com -> none",
    ]);
  });

  test("unlinks the sending domains and unsets the default before it deletes the domains", () => {
    const changes = root.sandbox.requests
      .slice(logStart)
      .filter((request) => request.method !== "GET")
      .map((request) => `${request.method} ${request.path} ${JSON.stringify(request.body)}`);
    expect([...changes].sort()).toEqual([
      "DELETE /tracking-domains/click.shop.example.com null",
      "DELETE /tracking-domains/track.example.com null",
      'PUT /sending-domains/mail.example.com {"tracking_domain":""}',
      'PUT /sending-domains/mail.shop.example.com {"tracking_domain":""}',
      'PUT /tracking-domains/track.example.com {"default":false}',
    ]);
    // README, "Destroying safely": the links and the default flag depend only on the
    // verification, so the engine removes them in parallel, all before the tracking domains.
    const phase = (change: string) =>
      change.startsWith("PUT /") ? "unlink or unset default" : "delete domain";
    expect(changes.map(phase)).toEqual([
      "unlink or unset default",
      "unlink or unset default",
      "unlink or unset default",
      "delete domain",
      "delete domain",
    ]);
  });
});
