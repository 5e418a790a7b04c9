/**
 * The root program (Pulumi.yaml -> program/index.ts) under mocks: the exact resource graph and the
 * exports for a stack with several tracking domains, the sandbox stack, and bad configuration.
 */
import * as path from "node:path";
import { readYaml } from "../examples/projectFiles";
import { ProgramRun, resourceNamed, runMockedProgram, typesAndNames } from "./mockedProgram";

const PROJECT = "pulumi-sparkpost-tracking";
const PROGRAM = path.resolve(__dirname, "../../program/index.ts");
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
const COMPONENT = "sparkpost:index:CustomTrackingDomain";

const runRootProgram = (config: Record<string, unknown>) =>
  runMockedProgram({ programPath: PROGRAM, project: PROJECT, config });

const threeDomains = [
  {
    domain: "track.example.com",
    dns: { provider: "route53", zoneId: "Z123", ttl: 60 },
    secure: true,
    default: true,
    sendingDomains: ["mail.example.com", "news.example.com"],
  },
  {
    domain: "Click.Shop.example.com",
    dns: { provider: "cloudflare", zoneName: "shop.example.com", proxied: true },
    subaccountId: 42,
    default: true,
    sendingDomains: ["mail.shop.example.com"],
  },
  {
    domain: "links.partner.example.org",
    dns: { provider: "manual" },
    adopt: true,
    cnameTarget: "spgo.io",
    verification: { timeoutSeconds: 600, preflight: "off" },
  },
];

describe("a stack with three tracking domains", () => {
  // One run for these tests: each run serializes the dynamic providers again, which takes seconds.
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runRootProgram({ [`${PROJECT}:trackingDomains`]: threeDomains });
  });

  test("declares one component per domain, named after it, with exactly its children", () => {
    expect(typesAndNames(run)).toEqual(
      [
        `${COMPONENT}::track-example-com`,
        `${DYNAMIC}:TrackingDomain::track-example-com-domain`,
        "aws:route53/record:Record::track-example-com-cname",
        `${DYNAMIC}:TrackingDomainVerification::track-example-com-verification`,
        `${DYNAMIC}:DefaultTrackingDomain::track-example-com-default`,
        `${DYNAMIC}:SendingDomainLink::track-example-com-link-mail.example.com`,
        `${DYNAMIC}:SendingDomainLink::track-example-com-link-news.example.com`,
        `${COMPONENT}::click-shop-example-com`,
        `${DYNAMIC}:TrackingDomain::click-shop-example-com-domain`,
        "cloudflare:index/dnsRecord:DnsRecord::click-shop-example-com-cname",
        `${DYNAMIC}:TrackingDomainVerification::click-shop-example-com-verification`,
        `${DYNAMIC}:DefaultTrackingDomain::click-shop-example-com-default`,
        `${DYNAMIC}:SendingDomainLink::click-shop-example-com-link-mail.shop.example.com`,
        `${COMPONENT}::links-partner-example-org`,
        `${DYNAMIC}:TrackingDomain::links-partner-example-org-domain`,
        `${DYNAMIC}:TrackingDomainVerification::links-partner-example-org-verification`,
      ].sort(),
    );
    // Components at the top of the stack, every other resource inside its component.
    expect(run.urns.filter((urn) => urn.includes("pulumi:pulumi:Stack$"))).toEqual([
      `urn:pulumi:test::${PROJECT}::pulumi:pulumi:Stack$${COMPONENT}::click-shop-example-com`,
      `urn:pulumi:test::${PROJECT}::pulumi:pulumi:Stack$${COMPONENT}::links-partner-example-org`,
      `urn:pulumi:test::${PROJECT}::pulumi:pulumi:Stack$${COMPONENT}::track-example-com`,
    ]);
    expect(run.urns.filter((urn) => urn.includes(`::${COMPONENT}$`))).toHaveLength(13);
  });

  test("hands each entry's settings to its resources", () => {
    const inputsOf = (name: string) => resourceNamed(run, name).inputs;

    expect(inputsOf("track-example-com-domain")).toEqual({
      domain: "track.example.com",
      secure: true,
    });
    expect(inputsOf("track-example-com-cname")).toEqual({
      zoneId: "Z123",
      name: "track.example.com",
      type: "CNAME",
      ttl: 60,
      records: ["v2.spgo.io"],
      allowOverwrite: false,
    });
    expect(inputsOf("track-example-com-default")).toEqual({ domain: "track.example.com" });
    expect(inputsOf("track-example-com-link-news.example.com")).toEqual({
      sendingDomain: "news.example.com",
      trackingDomain: "track.example.com",
    });

    // Passed as written: the provider's check normalizes it (the record's name already is).
    expect(inputsOf("click-shop-example-com-domain")).toEqual({
      domain: "Click.Shop.example.com",
      subaccountId: 42,
    });
    expect(inputsOf("click-shop-example-com-cname")).toEqual({
      zoneId: "cloudflare-zone-shop.example.com",
      name: "click.shop.example.com",
      type: "CNAME",
      ttl: 1,
      content: "v2.spgo.io",
      proxied: true,
    });
    expect(inputsOf("click-shop-example-com-default")).toEqual({
      domain: "Click.Shop.example.com",
      subaccountId: 42,
    });

    expect(inputsOf("links-partner-example-org-domain")).toEqual({
      domain: "links.partner.example.org",
      adopt: true,
    });
    expect(inputsOf("links-partner-example-org-verification")).toEqual({
      domain: "links.partner.example.org",
      adopt: true,
      expectedTarget: "spgo.io",
      timeoutSeconds: 600,
      preflight: "off",
      triggers: ["spgo.io"],
    });
    // The Route53 zone is given by id: only the Cloudflare zone is looked up.
    expect(run.invocations).toEqual([
      {
        token: "cloudflare:index/getZone:getZone",
        inputs: { filter: { name: "shop.example.com" } },
      },
    ]);
  });

  test("exports each domain's record, verification, default flag and links, keyed by domain", () => {
    expect(run.outputs).toEqual({
      trackingDomains: {
        "track.example.com": {
          dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
          verified: true,
          isDefault: true,
          linkedSendingDomains: ["mail.example.com", "news.example.com"],
        },
        "click.shop.example.com": {
          dnsRecord: { name: "click.shop.example.com", type: "CNAME", value: "v2.spgo.io" },
          verified: true,
          isDefault: true,
          linkedSendingDomains: ["mail.shop.example.com"],
        },
        "links.partner.example.org": {
          dnsRecord: { name: "links.partner.example.org", type: "CNAME", value: "spgo.io" },
          verified: true,
          isDefault: false,
          linkedSendingDomains: [],
        },
      },
    });
  });
});

test("sparkpost:region eu points every record at the EU endpoint", async () => {
  const run = await runRootProgram({
    "sparkpost:region": "eu",
    [`${PROJECT}:trackingDomains`]: [{ domain: "track.example.eu", dns: { provider: "manual" } }],
  });
  expect(run.outputs).toEqual({
    trackingDomains: {
      "track.example.eu": {
        dnsRecord: { name: "track.example.eu", type: "CNAME", value: "eu.v2.spgo.io" },
        verified: true,
        isDefault: false,
        linkedSendingDomains: [],
      },
    },
  });
});

test("an empty list declares nothing", async () => {
  const run = await runRootProgram({ [`${PROJECT}:trackingDomains`]: [] });
  expect(run.resources).toEqual([]);
  expect(run.outputs).toEqual({ trackingDomains: {} });
});

test("bad configuration fails the run, listing every problem", async () => {
  const config = {
    [`${PROJECT}:trackingDomains`]: [
      { domain: "track.example.com", dns: { provider: "route53" }, secure: "yes" },
      { domain: "click.example.com", dns: { provider: "azure" } },
    ],
  };
  const run = runRootProgram(config);
  await expect(run).rejects.toThrow(
    [
      'The stack configuration "trackingDomains" has 2 problems:',
      "  - trackingDomains[0].secure must be true or false",
      '  - trackingDomains[1].dns.provider must be one of "route53", "cloudflare", "manual"',
      "Fix Pulumi.test.yaml (see program/README.md) and run again.",
    ].join("\n"),
  );
});

describe("the sandbox stack (Pulumi.sandbox.yaml)", () => {
  const stackFile = readYaml("Pulumi.sandbox.yaml") as { config: Record<string, unknown> };

  test("points at the local sandbox and holds no credential", () => {
    expect(Object.keys(stackFile.config).sort()).toEqual([
      `${PROJECT}:trackingDomains`,
      "sparkpost:apiUrl",
    ]);
    expect(stackFile.config["sparkpost:apiUrl"]).toBe("http://127.0.0.1:4010/api/v1");
  });

  test("runs: two manual-DNS domains, each its account's default, linked to the seeded sending domains", async () => {
    const run = await runRootProgram(stackFile.config);
    expect(typesAndNames(run)).toEqual(
      [
        `${COMPONENT}::track-example-com`,
        `${DYNAMIC}:TrackingDomain::track-example-com-domain`,
        `${DYNAMIC}:TrackingDomainVerification::track-example-com-verification`,
        `${DYNAMIC}:DefaultTrackingDomain::track-example-com-default`,
        `${DYNAMIC}:SendingDomainLink::track-example-com-link-mail.example.com`,
        `${DYNAMIC}:SendingDomainLink::track-example-com-link-news.example.com`,
        `${COMPONENT}::click-shop-example-com`,
        `${DYNAMIC}:TrackingDomain::click-shop-example-com-domain`,
        `${DYNAMIC}:TrackingDomainVerification::click-shop-example-com-verification`,
        `${DYNAMIC}:DefaultTrackingDomain::click-shop-example-com-default`,
        `${DYNAMIC}:SendingDomainLink::click-shop-example-com-link-mail.shop.example.com`,
      ].sort(),
    );
    // No DNS on the sandbox machine: the preflight is off, the sandbox verifies by itself.
    expect(resourceNamed(run, "click-shop-example-com-verification").inputs).toEqual({
      domain: "click.shop.example.com",
      subaccountId: 42,
      expectedTarget: "v2.spgo.io",
      timeoutSeconds: 60,
      preflight: "off",
      triggers: ["v2.spgo.io"],
    });
  });
});
