/**
 * The examples that can run here, through the real Pulumi engine against the sandbox: those with
 * manual DNS. The others write Route53 or Cloudflare records, whose provider plugins cannot be
 * had on this machine; they run under mocks in test/examples.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { dump as dumpYaml } from "js-yaml";
import { Sandbox, startSandbox } from "../../sandbox";
import { copyProject, openInlineStack } from "../../tools/inlineProject";
import { preparePulumiEnvironment, PulumiEnvironment } from "../../tools/pulumiEnvironment";
import { DnsTestServer, startDnsServer } from "../support/dnsServer";
import { runExampleProgram } from "./support/exampleProgram";
import { repositoryRoot } from "./support/rootStack";
import { links, trackingDomainLines } from "./support/sandboxAccount";

const examplesDir = path.join(repositoryRoot, "examples");
const started = Date.now();

let environment: PulumiEnvironment;
beforeAll(async () => {
  environment = await preparePulumiEnvironment({ env: { SPARKPOST_VERIFY_POLL_MS: "250" } });
});
afterAll(async () => {
  await environment?.dispose();
  console.log(`examples e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test("eu-subaccount and https-managed are the examples with manual DNS only", () => {
  const programs = fs
    .readdirSync(examplesDir)
    .filter((name) => fs.existsSync(path.join(examplesDir, name, "index.ts")))
    .sort();
  const manualOnly = programs.filter((name) => {
    const source = fs.readFileSync(path.join(examplesDir, name, "index.ts"), "utf8");
    return !/provider: "(route53|cloudflare)"/.test(source);
  });
  expect(programs).toEqual([
    "adopt-existing",
    "cloudflare",
    "eu-subaccount",
    "https-cloudflare-proxy",
    "https-cloudfront",
    "https-managed",
    "multiple-domains",
    "route53",
    "two-regions",
  ]);
  expect(manualOnly).toEqual(["eu-subaccount", "https-managed"]);
});

describe("eu-subaccount", () => {
  const domain = "track.brand.example.eu";
  const sendingDomain = "mail.brand.example.eu";
  let sandbox: Sandbox;
  let dns: DnsTestServer;

  beforeAll(async () => {
    sandbox = await startSandbox({
      apiKey: `e2e-${randomUUID()}`,
      verifyAfterSeconds: 0,
      sendingDomains: [{ domain: sendingDomain, subaccountId: 7 }],
    });
    // The record the user creates by hand while `up` waits, served by a DNS server of our own.
    dns = await startDnsServer();
    dns.setCname(domain, "eu.v2.spgo.io");
  });
  afterAll(async () => {
    await sandbox?.close();
    await dns?.close();
  });

  test("up creates the subaccount's EU domain, default and link; destroy removes them", async () => {
    const source = path.join(examplesDir, "eu-subaccount");
    const project = copyProject(environment, { sourceDir: source, folder: "eu-subaccount" });
    fs.writeFileSync(
      project.stackFile("e2e"),
      dumpYaml({
        config: {
          [`${project.projectName}:trackingDomain`]: domain,
          [`${project.projectName}:subaccountId`]: 7,
          [`${project.projectName}:sendingDomains`]: [sendingDomain],
          "sparkpost:apiUrl": sandbox.apiUrl,
        },
      }),
    );
    const stack = await openInlineStack(environment, project, "e2e", async () => {
      // The example's preflight asks the system resolver ("resolver"), which cannot know this
      // name here: point it at our DNS server instead, as `nameservers` does for split DNS.
      pulumi.runtime.registerResourceTransform((args) =>
        args.type === "pulumi-nodejs:dynamic/sparkpost:TrackingDomainVerification"
          ? { props: { ...args.props, nameservers: [dns.address] }, opts: args.opts }
          : undefined,
      );
      return runExampleProgram(path.join(source, "index.ts"));
    });
    await stack.setConfig("sparkpost:apiKey", { value: sandbox.apiKey, secret: true });

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ create: 6 });
    expect(sandbox.requests).toEqual([]);

    const up = await stack.up({ color: "never" });
    expect(up.summary.resourceChanges).toEqual({ create: 6 });
    expect(up.outputs).toEqual({
      dnsRecord: {
        value: { name: domain, type: "CNAME", value: "eu.v2.spgo.io" },
        secret: false,
      },
      verified: { value: true, secret: false },
    });
    expect(await trackingDomainLines(sandbox)).toEqual([
      `${domain} subaccount=7 secure=false default=true verified=true`,
    ]);
    expect(links(sandbox, [sendingDomain])).toEqual([`${sendingDomain} -> ${domain}`]);
    // The preflight looked for the record before SparkPost was asked to verify.
    expect(dns.queries).toContainEqual({ name: domain, type: "CNAME" });

    const destroy = await stack.destroy({ color: "never" });
    expect(destroy.summary.resourceChanges).toEqual({ delete: 6 });
    expect(await trackingDomainLines(sandbox)).toEqual([]);
    expect(links(sandbox, [sendingDomain])).toEqual([`${sendingDomain} -> none`]);
  });
});

describe("https-managed", () => {
  const domain = "track.example.com";
  const sendingDomain = "mail.example.com";
  let sandbox: Sandbox;
  let dns: DnsTestServer;

  beforeAll(async () => {
    sandbox = await startSandbox({
      apiKey: `e2e-${randomUUID()}`,
      verifyAfterSeconds: 0,
      certificateIssueSeconds: 1,
      sendingDomains: [{ domain: sendingDomain }],
    });
    dns = await startDnsServer();
    dns.setCname(domain, "v2.spgo.io");
  });
  afterAll(async () => {
    await sandbox?.close();
    await dns?.close();
  });

  test("preview, up with the managed certificate, a no-op preview, refresh without drift, destroy", async () => {
    const source = path.join(examplesDir, "https-managed");
    const project = copyProject(environment, { sourceDir: source, folder: "https-managed" });
    fs.writeFileSync(
      project.stackFile("e2e"),
      dumpYaml({
        config: {
          [`${project.projectName}:trackingDomain`]: domain,
          [`${project.projectName}:sendingDomains`]: [sendingDomain],
          "sparkpost:apiUrl": sandbox.apiUrl,
        },
      }),
    );
    const stack = await openInlineStack(environment, project, "e2e", async () => {
      // The preflight's authoritative nameservers of example.com are out of reach here.
      pulumi.runtime.registerResourceTransform((args) =>
        args.type === "pulumi-nodejs:dynamic/sparkpost:TrackingDomainVerification"
          ? { props: { ...args.props, nameservers: [dns.address] }, opts: args.opts }
          : undefined,
      );
      return runExampleProgram(path.join(source, "index.ts"));
    });
    await stack.setConfig("sparkpost:apiKey", { value: sandbox.apiKey, secret: true });

    const preview = await stack.preview({ diff: true, color: "never" });
    console.log(`https-managed preview:\n${preview.stdout}`);
    expect(preview.changeSummary).toEqual({ create: 7 });
    expect(preview.stdout).toContain("acknowledgeIrreversible: true");
    expect(sandbox.requests).toEqual([]);

    const up = await stack.up({ color: "never" });
    expect(up.summary.resourceChanges).toEqual({ create: 7 });
    expect(up.stdout).toContain(
      `${domain}: enabling SparkPost's managed certificate (certificate/enable). This cannot be undone`,
    );
    expect(up.outputs.tlsStatus).toEqual({ value: "valid", secret: false });
    expect(up.outputs.certificateExpiresAt.value).toEqual(
      sandbox.trackingDomain(domain)!.tls_certificate!.expires_at,
    );
    expect(await trackingDomainLines(sandbox)).toEqual([
      `${domain} primary secure=true default=true verified=true`,
    ]);
    expect(links(sandbox, [sendingDomain])).toEqual([`${sendingDomain} -> ${domain}`]);

    sandbox.clearLog();
    const again = await stack.preview({ color: "never" });
    expect(again.changeSummary).toEqual({ same: 7 });
    const refresh = await stack.refresh({ color: "never" });
    console.log(`https-managed refresh:\n${refresh.stdout}`);
    const afterRefresh = await stack.preview({ color: "never" });
    expect(afterRefresh.changeSummary).toEqual({ same: 7 });

    const destroy = await stack.destroy({ color: "never" });
    expect(destroy.summary.resourceChanges).toEqual({ delete: 7 });
    expect(destroy.stdout).toContain(`${domain}: leaving SparkPost's managed certificate in place`);
    expect(await trackingDomainLines(sandbox)).toEqual([]);
  });
});
