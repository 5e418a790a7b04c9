/**
 * Each example program under mocks, with the config its README asks for plus the values its
 * Pulumi.yaml gives every stack (as the CLI merges them): exactly the resources, inputs, zone
 * lookups, protection and outputs it should have.
 */
import * as path from "node:path";
import {
  ProgramRun,
  resourceNamed,
  runMockedProgram,
  typesAndNames,
} from "../program/mockedProgram";
import { projectConfigValues, qualifiedKey, readProject, REPOSITORY_ROOT } from "./projectFiles";

const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
const COMPONENT = "sparkpost:index:CustomTrackingDomain";
const ROUTE53_RECORD = "aws:route53/record:Record";
const CLOUDFLARE_RECORD = "cloudflare:index/dnsRecord:DnsRecord";

/**
 * Runs `examples/<name>` with `stackConfig` (its own keys, unqualified, and other namespaces' keys
 * such as `sparkpost:accounts`, qualified) over its project's values.
 */
async function runExample(name: string, stackConfig: Record<string, unknown>): Promise<ProgramRun> {
  const directory = path.join("examples", name);
  const project = readProject(directory);
  const undeclared = Object.keys(stackConfig).filter(
    (key) => !key.includes(":") && !(key in (project.config ?? {})),
  );
  if (undeclared.length > 0) throw new Error(`${name} does not declare ${undeclared.join(", ")}`);
  const config = { ...projectConfigValues(project) };
  for (const [key, value] of Object.entries(stackConfig)) {
    config[qualifiedKey(project, key)] = value;
  }
  return runMockedProgram({
    programPath: path.join(REPOSITORY_ROOT, directory, "index.ts"),
    project: project.name,
    config,
  });
}

/** The children every component declares, named from `name`. */
function trackingDomainResources(name: string, record?: string): string[] {
  return [
    `${COMPONENT}::${name}`,
    `${DYNAMIC}:TrackingDomain::${name}-domain`,
    ...(record === undefined ? [] : [`${record}::${name}-cname`]),
    `${DYNAMIC}:TrackingDomainVerification::${name}-verification`,
  ];
}

const links = (name: string, sendingDomains: string[]) =>
  sendingDomains.map((domain) => `${DYNAMIC}:SendingDomainLink::${name}-link-${domain}`);

test("route53: one domain in Route53, the account default, two sending domains linked", async () => {
  const run = await runExample("route53", {
    trackingDomain: "track.example.com",
    sendingDomains: ["mail.example.com", "news.example.com"],
  });
  expect(typesAndNames(run)).toEqual(
    [
      ...trackingDomainResources("tracking", ROUTE53_RECORD),
      `${DYNAMIC}:DefaultTrackingDomain::tracking-default`,
      ...links("tracking", ["mail.example.com", "news.example.com"]),
    ].sort(),
  );
  expect(resourceNamed(run, "tracking-cname").inputs).toEqual({
    zoneId: "route53-zone-example.com",
    name: "track.example.com",
    type: "CNAME",
    ttl: 300,
    records: ["v2.spgo.io"],
    allowOverwrite: false,
  });
  expect(run.invocations).toEqual([
    { token: "aws:route53/getZone:getZone", inputs: { name: "example.com" } },
  ]);
  expect(run.outputs).toEqual({
    dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
    verified: true,
    linkedSendingDomains: ["mail.example.com", "news.example.com"],
  });
});

test.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
  [
    "unproxied by default, plain HTTP links",
    {},
    { domain: "click.example.com", secure: false },
    { proxied: false, ttl: 300 },
  ],
  [
    "proxied, HTTPS links through Cloudflare's certificate",
    { proxied: true },
    { domain: "click.example.com", secure: true },
    { proxied: true, ttl: 1 },
  ],
])("cloudflare: %s", async (_title, extraConfig, domainInputs, recordInputs) => {
  const zoneId = "023e105f4ecef8ad9ca31a8372d0c353";
  const run = await runExample("cloudflare", {
    trackingDomain: "click.example.com",
    zoneId,
    sendingDomains: ["mail.example.com"],
    ...extraConfig,
  });
  expect(typesAndNames(run)).toEqual(
    [
      ...trackingDomainResources("tracking", CLOUDFLARE_RECORD),
      ...links("tracking", ["mail.example.com"]),
    ].sort(),
  );
  expect(resourceNamed(run, "tracking-domain").inputs).toEqual(domainInputs);
  expect(resourceNamed(run, "tracking-cname").inputs).toEqual({
    zoneId,
    name: "click.example.com",
    type: "CNAME",
    content: "v2.spgo.io",
    ...recordInputs,
  });
  expect(run.invocations).toEqual([]);
  expect(run.outputs).toEqual({
    dnsRecord: { name: "click.example.com", type: "CNAME", value: "v2.spgo.io" },
    verified: true,
  });
});

test("eu-subaccount: an EU domain of subaccount 42, its default, with manual DNS", async () => {
  const run = await runExample("eu-subaccount", {
    subaccountId: 42,
    trackingDomain: "track.brand.example.eu",
    sendingDomains: ["mail.brand.example.eu"],
  });
  expect(typesAndNames(run)).toEqual(
    [
      ...trackingDomainResources("tracking"),
      `${DYNAMIC}:DefaultTrackingDomain::tracking-default`,
      ...links("tracking", ["mail.brand.example.eu"]),
    ].sort(),
  );
  // sparkpost:region: eu comes from Pulumi.yaml, so the target is the EU endpoint.
  expect(resourceNamed(run, "tracking-verification").inputs).toEqual({
    domain: "track.brand.example.eu",
    subaccountId: 42,
    expectedTarget: "eu.v2.spgo.io",
    timeoutSeconds: 3600,
    preflight: "resolver",
    triggers: ["eu.v2.spgo.io"],
  });
  for (const name of ["tracking-domain", "tracking-default"]) {
    expect(resourceNamed(run, name).inputs).toEqual({
      domain: "track.brand.example.eu",
      subaccountId: 42,
    });
  }
  expect(resourceNamed(run, "tracking-link-mail.brand.example.eu").inputs).toEqual({
    sendingDomain: "mail.brand.example.eu",
    trackingDomain: "track.brand.example.eu",
    subaccountId: 42,
  });
  expect(run.outputs).toEqual({
    dnsRecord: { name: "track.brand.example.eu", type: "CNAME", value: "eu.v2.spgo.io" },
    verified: true,
  });
});

test("multiple-domains: one domain per brand, each with its own links, one account default", async () => {
  const run = await runExample("multiple-domains", {});
  expect(typesAndNames(run)).toEqual(
    [
      ...trackingDomainResources("acme", ROUTE53_RECORD),
      `${DYNAMIC}:DefaultTrackingDomain::acme-default`,
      ...links("acme", ["mail.acme.example", "news.acme.example"]),
      ...trackingDomainResources("globex", ROUTE53_RECORD),
      ...links("globex", ["mail.globex.example"]),
      ...trackingDomainResources("initech", ROUTE53_RECORD),
      ...links("initech", ["billing.initech.example", "support.initech.example"]),
    ].sort(),
  );
  expect(run.invocations.map((call) => call.inputs.name).sort()).toEqual([
    "acme.example",
    "globex.example",
    "initech.example",
  ]);
  expect(run.outputs).toEqual({
    brandTracking: {
      acme: {
        dnsRecord: { name: "click.acme.example", type: "CNAME", value: "v2.spgo.io" },
        verified: true,
        sendingDomains: ["mail.acme.example", "news.acme.example"],
      },
      globex: {
        dnsRecord: { name: "click.globex.example", type: "CNAME", value: "v2.spgo.io" },
        verified: true,
        sendingDomains: ["mail.globex.example"],
      },
      initech: {
        dnsRecord: { name: "links.initech.example", type: "CNAME", value: "v2.spgo.io" },
        verified: true,
        sendingDomains: ["billing.initech.example", "support.initech.example"],
      },
    },
  });
});

test("two-regions: a domain per account in one zone, each its account's default, each record to its region", async () => {
  const run = await runExample("two-regions", {
    zoneName: "example.com",
    usDomain: "track.example.com",
    euDomain: "track-eu.example.com",
    usSendingDomains: ["mail.example.com"],
    euSendingDomains: ["mail.example.eu"],
    // As the README sets it, the key with --secret (which the program never reads).
    "sparkpost:accounts": { eu: { region: "eu", apiKey: "example-test-eu-key" } },
  });
  expect(typesAndNames(run)).toEqual(
    [
      ...trackingDomainResources("us", ROUTE53_RECORD),
      `${DYNAMIC}:DefaultTrackingDomain::us-default`,
      ...links("us", ["mail.example.com"]),
      ...trackingDomainResources("eu", ROUTE53_RECORD),
      `${DYNAMIC}:DefaultTrackingDomain::eu-default`,
      ...links("eu", ["mail.example.eu"]),
    ].sort(),
  );
  // One zone, looked up once per record.
  expect(run.invocations).toEqual([
    { token: "aws:route53/getZone:getZone", inputs: { name: "example.com" } },
    { token: "aws:route53/getZone:getZone", inputs: { name: "example.com" } },
  ]);
  expect(resourceNamed(run, "us-cname").inputs).toMatchObject({
    zoneId: "route53-zone-example.com",
    name: "track.example.com",
    records: ["v2.spgo.io"],
  });
  expect(resourceNamed(run, "eu-cname").inputs).toMatchObject({
    zoneId: "route53-zone-example.com",
    name: "track-eu.example.com",
    records: ["eu.v2.spgo.io"],
  });
  for (const name of ["eu-domain", "eu-verification", "eu-default", "eu-link-mail.example.eu"]) {
    expect(resourceNamed(run, name).inputs.account).toBe("eu");
  }
  for (const name of ["us-domain", "us-verification", "us-default", "us-link-mail.example.com"]) {
    expect(resourceNamed(run, name).inputs).not.toHaveProperty("account");
  }
  expect(resourceNamed(run, "eu-default").inputs).toEqual({
    domain: "track-eu.example.com",
    account: "eu",
  });
  expect(JSON.stringify(run.resources)).not.toContain("example-test-eu-key");
  expect(run.outputs).toEqual({
    dnsRecords: {
      us: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
      eu: { name: "track-eu.example.com", type: "CNAME", value: "eu.v2.spgo.io" },
    },
    verified: { us: true, eu: true },
  });
});

test("adopt-existing: adopts the domain, overwrites the record with its old target, protects all", async () => {
  const run = await runExample("adopt-existing", { trackingDomain: "track.example.com" });
  const resources = trackingDomainResources("tracking", ROUTE53_RECORD);
  expect(typesAndNames(run)).toEqual([...resources].sort());
  expect(run.protectedNames).toEqual([
    "tracking",
    "tracking-cname",
    "tracking-domain",
    "tracking-verification",
  ]);
  // secure and cnameTarget take their defaults from Pulumi.yaml: false and spgo.io.
  expect(resourceNamed(run, "tracking-domain").inputs).toEqual({
    domain: "track.example.com",
    secure: false,
    adopt: true,
  });
  expect(resourceNamed(run, "tracking-cname").inputs).toEqual({
    zoneId: "route53-zone-example.com",
    name: "track.example.com",
    type: "CNAME",
    ttl: 300,
    records: ["spgo.io"],
    allowOverwrite: true,
  });
  expect(run.outputs).toEqual({
    dnsRecord: { name: "track.example.com", type: "CNAME", value: "spgo.io" },
    verified: true,
  });
});

describe("HTTPS", () => {
  test("https-managed: the certificate after the verification, default and links after it", async () => {
    const run = await runExample("https-managed", {
      trackingDomain: "track.example.com",
      sendingDomains: ["mail.example.com"],
    });
    expect(typesAndNames(run)).toEqual(
      [
        ...trackingDomainResources("tracking"),
        `${DYNAMIC}:TrackingDomainCertificate::tracking-certificate`,
        `${DYNAMIC}:DefaultTrackingDomain::tracking-default`,
        ...links("tracking", ["mail.example.com"]),
      ].sort(),
    );
    expect(resourceNamed(run, "tracking-domain").inputs).toEqual({
      domain: "track.example.com",
      secure: true,
      managedCertificate: true,
    });
    // certificateTimeoutSeconds takes its default from Pulumi.yaml.
    expect(resourceNamed(run, "tracking-certificate").inputs).toEqual({
      domain: "track.example.com",
      acknowledgeIrreversible: true,
      cnameTarget: "v2.spgo.io",
      timeoutSeconds: 1800,
    });
    expect(resourceNamed(run, "tracking-verification").inputs).toEqual({
      domain: "track.example.com",
      expectedTarget: "v2.spgo.io",
      timeoutSeconds: 3600,
      triggers: ["v2.spgo.io"],
    });
    expect(run.outputs).toEqual({
      dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
      verified: true,
      tlsStatus: "valid",
      certificateExpiresAt: "2026-04-01T00:00:00.000Z",
    });
  });

  test.each<[string, Record<string, unknown>, string[], Record<string, unknown>[]]>([
    [
      "check",
      {},
      [],
      [
        {
          token: "cloudflare:index/getZoneSetting:getZoneSetting",
          inputs: { zoneId: "z1", settingId: "ssl" },
        },
      ],
    ],
    [
      "set",
      { sslMode: "set" },
      ["cloudflare:index/zoneSetting:ZoneSetting::tracking-ssl-mode"],
      [],
    ],
  ])(
    "https-cloudflare-proxy with sslMode %s: a proxied record, HTTPS verification",
    async (_mode, extraConfig, extraResources, invocations) => {
      const run = await runExample("https-cloudflare-proxy", {
        trackingDomain: "click.example.com",
        zoneId: "z1",
        sendingDomains: ["mail.example.com"],
        ...extraConfig,
      });
      expect(typesAndNames(run)).toEqual(
        [
          ...trackingDomainResources("tracking", CLOUDFLARE_RECORD),
          ...extraResources,
          ...links("tracking", ["mail.example.com"]),
        ].sort(),
      );
      expect(resourceNamed(run, "tracking-cname").inputs).toEqual({
        zoneId: "z1",
        name: "click.example.com",
        type: "CNAME",
        content: "v2.spgo.io",
        ttl: 1,
        proxied: true,
      });
      expect(resourceNamed(run, "tracking-domain").inputs).toEqual({
        domain: "click.example.com",
        secure: true,
      });
      expect(resourceNamed(run, "tracking-verification").inputs).toMatchObject({
        proxied: true,
        triggers: ["v2.spgo.io", "https"],
      });
      expect(run.invocations).toEqual(invocations);
    },
  );

  test("https-cloudfront: ACM, policies, the distribution and the alias before the verification", async () => {
    const run = await runExample("https-cloudfront", {
      trackingDomain: "track.example.com",
      sendingDomains: ["mail.example.com"],
    });
    expect(typesAndNames(run)).toEqual(
      [
        `${COMPONENT}::tracking`,
        `${DYNAMIC}:TrackingDomain::tracking-domain`,
        "aws:acm/certificate:Certificate::tracking-acm-certificate",
        `${ROUTE53_RECORD}::tracking-acm-validation-record`,
        "aws:acm/certificateValidation:CertificateValidation::tracking-acm-validation",
        "aws:cloudfront/cachePolicy:CachePolicy::tracking-cache-policy",
        "aws:cloudfront/originRequestPolicy:OriginRequestPolicy::tracking-origin-request-policy",
        "aws:cloudfront/distribution:Distribution::tracking-distribution",
        `${ROUTE53_RECORD}::tracking-alias`,
        `${DYNAMIC}:TrackingDomainVerification::tracking-verification`,
        `${DYNAMIC}:DefaultTrackingDomain::tracking-default`,
        ...links("tracking", ["mail.example.com"]),
      ].sort(),
    );
    const distribution = resourceNamed(run, "tracking-distribution").inputs;
    expect(distribution.priceClass).toBe("PriceClass_All");
    expect(distribution.origins).toEqual([
      {
        originId: "sparkpost",
        domainName: "v2.spgo.io",
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: "match-viewer",
          originSslProtocols: ["TLSv1.2"],
        },
        customHeaders: [{ name: "X-Forwarded-Host", value: "track.example.com" }],
      },
    ]);
    expect(resourceNamed(run, "tracking-acm-certificate").inputs).toEqual({
      domainName: "track.example.com",
      validationMethod: "DNS",
      region: "us-east-1",
    });
    expect(resourceNamed(run, "tracking-alias").inputs).toEqual({
      zoneId: "route53-zone-example.com",
      name: "track.example.com",
      type: "A",
      aliases: [
        {
          name: "d111111abcdef8.cloudfront.net",
          zoneId: "Z2FDTNDATAQYW2",
          evaluateTargetHealth: false,
        },
      ],
      allowOverwrite: false,
    });
    expect(run.invocations).toEqual([
      { token: "aws:route53/getZone:getZone", inputs: { name: "example.com" } },
    ]);
    expect(run.outputs).toEqual({ origin: "v2.spgo.io", verified: true });
  });
});
