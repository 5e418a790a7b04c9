/**
 * CustomTrackingDomain with `https`: each mode's resources, their order (dependencies) and their
 * inputs, exactly, and the invokes the engine receives; then what each mode refuses.
 */
import { CustomTrackingDomain, CustomTrackingDomainArgs } from "../../provider/component";
import { mockProgram, settled, type MockProgram } from "./mockProgram";

const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost:";
const DOMAIN = "track.example.com";

/** Each resource as "type name <- dependencies", sorted by name. */
function graph(program: MockProgram): string[] {
  return [...program.resources]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(({ type, name, parent, dependencies }) => {
      expect(parent).toBe(name === "t" ? "" : "t");
      return `${type} ${name} <- ${dependencies.join(", ")}`.trimEnd();
    });
}

async function declare(args: Partial<CustomTrackingDomainArgs>): Promise<MockProgram> {
  const program = await mockProgram();
  await settled(
    new CustomTrackingDomain("t", {
      domain: DOMAIN,
      dns: { provider: "manual" },
      default: true,
      sendingDomains: ["mail.example.com"],
      ...args,
    }),
  );
  return program;
}

describe('https.mode "managed"', () => {
  const managed = { mode: "managed", acknowledgeIrreversible: true } as const;

  test("the certificate comes after the verification, and the default and links after it", async () => {
    const program = await declare({
      dns: { provider: "route53", zoneId: "Z1" },
      https: { ...managed, timeoutSeconds: 900 },
    });

    expect(graph(program)).toEqual([
      "sparkpost:index:CustomTrackingDomain t <-",
      `${DYNAMIC}TrackingDomainCertificate t-certificate <- t-domain, t-verification`,
      "aws:route53/record:Record t-cname <- t-domain",
      `${DYNAMIC}DefaultTrackingDomain t-default <- t-certificate, t-domain`,
      `${DYNAMIC}TrackingDomain t-domain <-`,
      `${DYNAMIC}SendingDomainLink t-link-mail.example.com <- t-certificate, t-domain`,
      `${DYNAMIC}TrackingDomainVerification t-verification <- t-cname, t-domain`,
    ]);
    // Created over HTTP and verified over HTTP: the certificate makes it secure.
    expect(program.resource("t-domain").inputs).toEqual({
      domain: DOMAIN,
      secure: true,
      managedCertificate: true,
    });
    expect(program.resource("t-verification").inputs).toEqual({
      domain: DOMAIN,
      expectedTarget: "v2.spgo.io",
      triggers: ["v2.spgo.io"],
    });
    expect(program.resource("t-certificate").inputs).toEqual({
      domain: DOMAIN,
      acknowledgeIrreversible: true,
      cnameTarget: "v2.spgo.io",
      timeoutSeconds: 900,
    });
    expect(program.resource("t-cname").inputs.records).toEqual(["v2.spgo.io"]);
    expect(program.invokes).toEqual([]);
  });

  test("in the EU, with a subaccount and manual DNS, the certificate gets the EU v2 target", async () => {
    const program = await mockProgram({ config: { "sparkpost:region": "eu" } });
    await settled(
      new CustomTrackingDomain("t", {
        domain: DOMAIN,
        dns: { provider: "manual" },
        subaccountId: 7,
        https: managed,
      }),
    );
    expect(program.resources.map((resource) => resource.name).sort()).toEqual([
      "t",
      "t-certificate",
      "t-domain",
      "t-verification",
    ]);
    expect(program.resource("t-certificate").inputs).toEqual({
      domain: DOMAIN,
      subaccountId: 7,
      acknowledgeIrreversible: true,
      cnameTarget: "eu.v2.spgo.io",
    });
  });
});

describe('https.mode "cloudflare-proxy"', () => {
  const https = { mode: "cloudflare-proxy" } as const;

  test("a proxied record, the zone's SSL/TLS mode read for the verification to check", async () => {
    const program = await declare({ dns: { provider: "cloudflare" }, https });

    expect(graph(program)).toEqual([
      "sparkpost:index:CustomTrackingDomain t <-",
      "cloudflare:index/dnsRecord:DnsRecord t-cname <- t-domain",
      `${DYNAMIC}DefaultTrackingDomain t-default <- t-domain, t-verification`,
      `${DYNAMIC}TrackingDomain t-domain <-`,
      `${DYNAMIC}SendingDomainLink t-link-mail.example.com <- t-domain, t-verification`,
      `${DYNAMIC}TrackingDomainVerification t-verification <- t-cname, t-domain`,
    ]);
    expect(program.resource("t-domain").inputs).toEqual({ domain: DOMAIN, secure: true });
    expect(program.resource("t-cname").inputs).toEqual({
      zoneId: "cf-example.com",
      name: DOMAIN,
      type: "CNAME",
      content: "v2.spgo.io",
      ttl: 1,
      proxied: true,
    });
    // Public DNS shows Cloudflare's addresses; SparkPost verifies over HTTPS.
    expect(program.resource("t-verification").inputs).toEqual({
      domain: DOMAIN,
      expectedTarget: "v2.spgo.io",
      proxied: true,
      cloudflareSslMode: "full",
      triggers: ["v2.spgo.io", "https"],
    });
    // One zone lookup serves the record and the setting.
    expect(program.invokes).toEqual([
      {
        token: "cloudflare:index/getZone:getZone",
        inputs: { filter: { name: "example.com" } },
        provider: "",
      },
      {
        token: "cloudflare:index/getZoneSetting:getZoneSetting",
        inputs: { zoneId: "cf-example.com", settingId: "ssl" },
        provider: "",
      },
    ]);
  });

  test('sslMode "set" declares the zone setting after the domain, and the verification waits for it', async () => {
    const program = await declare({
      dns: { provider: "cloudflare", zoneId: "z1" },
      https: { ...https, sslMode: "set" },
    });

    expect(graph(program)).toEqual([
      "sparkpost:index:CustomTrackingDomain t <-",
      "cloudflare:index/dnsRecord:DnsRecord t-cname <- t-domain",
      `${DYNAMIC}DefaultTrackingDomain t-default <- t-domain, t-verification`,
      `${DYNAMIC}TrackingDomain t-domain <-`,
      `${DYNAMIC}SendingDomainLink t-link-mail.example.com <- t-domain, t-verification`,
      "cloudflare:index/zoneSetting:ZoneSetting t-ssl-mode <- t-domain",
      `${DYNAMIC}TrackingDomainVerification t-verification <- t-cname, t-domain, t-ssl-mode`,
    ]);
    expect(program.resource("t-ssl-mode").inputs).toEqual({
      zoneId: "z1",
      settingId: "ssl",
      value: "full",
    });
    expect(program.resource("t-verification").inputs.cloudflareSslMode).toBeUndefined();
    expect(program.invokes).toEqual([]);
  });

  test('sslMode "skip" neither reads nor sets it', async () => {
    const program = await declare({
      dns: { provider: "cloudflare", zoneId: "z1", ttl: 1 },
      https: { ...https, sslMode: "skip" },
    });
    expect(program.resources.map((resource) => resource.name).sort()).toEqual([
      "t",
      "t-cname",
      "t-default",
      "t-domain",
      "t-link-mail.example.com",
      "t-verification",
    ]);
    expect(program.resource("t-verification").inputs).toEqual({
      domain: DOMAIN,
      expectedTarget: "v2.spgo.io",
      proxied: true,
      triggers: ["v2.spgo.io", "https"],
    });
    expect(program.invokes).toEqual([]);
  });
});

describe('https.mode "cloudfront"', () => {
  test("ACM in us-east-1 validated through Route53, CloudFront in front of SparkPost, an alias", async () => {
    const program = await declare({
      dns: { provider: "route53" },
      https: { mode: "cloudfront" },
    });

    expect(graph(program)).toEqual([
      "sparkpost:index:CustomTrackingDomain t <-",
      "aws:acm/certificate:Certificate t-acm-certificate <- t-domain",
      "aws:acm/certificateValidation:CertificateValidation t-acm-validation <- t-acm-certificate, t-acm-validation-record, t-domain",
      "aws:route53/record:Record t-acm-validation-record <- t-acm-certificate, t-domain",
      "aws:route53/record:Record t-alias <- t-distribution, t-domain",
      "aws:cloudfront/cachePolicy:CachePolicy t-cache-policy <- t-domain",
      `${DYNAMIC}DefaultTrackingDomain t-default <- t-domain, t-verification`,
      "aws:cloudfront/distribution:Distribution t-distribution <- t-acm-validation, t-cache-policy, t-domain, t-origin-request-policy",
      `${DYNAMIC}TrackingDomain t-domain <-`,
      `${DYNAMIC}SendingDomainLink t-link-mail.example.com <- t-domain, t-verification`,
      "aws:cloudfront/originRequestPolicy:OriginRequestPolicy t-origin-request-policy <- t-domain",
      `${DYNAMIC}TrackingDomainVerification t-verification <- t-alias, t-distribution, t-domain`,
    ]);
    const inputs = (name: string) => program.resource(name).inputs;
    expect(inputs("t-domain")).toEqual({ domain: DOMAIN, secure: true });
    expect(inputs("t-acm-certificate")).toEqual({
      domainName: DOMAIN,
      validationMethod: "DNS",
      region: "us-east-1",
    });
    expect(inputs("t-acm-validation-record")).toEqual({
      zoneId: "Z-example.com",
      name: `_acm.${DOMAIN}.`,
      type: "CNAME",
      records: ["_token.acm-validations.aws."],
      ttl: 300,
      allowOverwrite: true,
    });
    expect(inputs("t-acm-validation")).toEqual({
      certificateArn: `arn:acm:${DOMAIN}`,
      validationRecordFqdns: [`_acm.${DOMAIN}`],
      region: "us-east-1",
    });
    expect(inputs("t-cache-policy")).toEqual({
      comment: `SparkPost tracking domain ${DOMAIN}: TTL 1 to 10 s`,
      minTtl: 1,
      defaultTtl: 10,
      maxTtl: 10,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "all" },
      },
    });
    expect(inputs("t-origin-request-policy")).toEqual({
      comment: `SparkPost tracking domain ${DOMAIN}: forward User-Agent`,
      cookiesConfig: { cookieBehavior: "none" },
      headersConfig: { headerBehavior: "whitelist", headers: { items: ["User-Agent"] } },
      queryStringsConfig: { queryStringBehavior: "none" },
    });
    expect(inputs("t-distribution")).toEqual({
      enabled: true,
      comment: `SparkPost tracking domain ${DOMAIN}`,
      aliases: [DOMAIN],
      priceClass: "PriceClass_All",
      origins: [
        {
          originId: "sparkpost",
          domainName: "v2.spgo.io",
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            originProtocolPolicy: "match-viewer",
            originSslProtocols: ["TLSv1.2"],
          },
          customHeaders: [{ name: "X-Forwarded-Host", value: DOMAIN }],
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: "sparkpost",
        viewerProtocolPolicy: "allow-all",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: "t-cache-policy-id",
        originRequestPolicyId: "t-origin-request-policy-id",
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: `arn:acm:${DOMAIN}`,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
    });
    expect(inputs("t-alias")).toEqual({
      zoneId: "Z-example.com",
      name: DOMAIN,
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
    // The alias answers with CloudFront's addresses; SparkPost verifies over HTTPS.
    expect(inputs("t-verification")).toEqual({
      domain: DOMAIN,
      expectedTarget: "v2.spgo.io",
      proxied: true,
      triggers: ["v2.spgo.io", "https"],
    });
    // One zone lookup for the validation record and the alias.
    expect(program.invokes).toEqual([
      { token: "aws:route53/getZone:getZone", inputs: { name: "example.com" }, provider: "" },
    ]);
  });

  test("priceClass, an Enterprise origin and allowOverwrite reach the distribution and the alias", async () => {
    const program = await declare({
      dns: { provider: "route53", zoneId: "Z9", allowOverwrite: true },
      cnameTarget: "acme.et.e.sparkpost.com",
      https: { mode: "cloudfront", priceClass: "PriceClass_100" },
    });
    const distribution = program.resource("t-distribution").inputs;
    expect(distribution.priceClass).toBe("PriceClass_100");
    expect((distribution.origins as { domainName: string }[])[0].domainName).toBe(
      "acme.et.e.sparkpost.com",
    );
    expect(program.resource("t-alias").inputs).toMatchObject({
      zoneId: "Z9",
      allowOverwrite: true,
    });
    expect(program.resource("t-acm-validation-record").inputs.zoneId).toBe("Z9");
  });
});

describe("what https refuses", () => {
  const managed = { mode: "managed", acknowledgeIrreversible: true } as const;

  test.each<[string, Record<string, unknown>, string, string]>([
    [
      "an unknown mode",
      { https: { mode: "letsencrypt" } },
      "https.mode",
      'https.mode must be one of "managed", "cloudflare-proxy", "cloudfront" as a plain string, not "letsencrypt".',
    ],
    [
      "https as a string",
      { https: "managed" },
      "https",
      'https must be an object such as { mode: "managed", acknowledgeIrreversible: true }, not "managed"; leave it unset for plain HTTP tracking.',
    ],
    [
      "a managed certificate without acknowledgeIrreversible",
      { https: { mode: "managed" } },
      "https.acknowledgeIrreversible",
      "https.acknowledgeIrreversible must be true, not undefined: enabling SparkPost's managed certificate cannot be undone: SparkPost has no way to disable it, the domain stays secure (HTTPS links) from then on, and `pulumi destroy` leaves the certificate in place; only deleting the tracking domain removes it. Set acknowledgeIrreversible: true to go ahead.",
    ],
    [
      "a managed certificate for a legacy endpoint",
      { https: managed, cnameTarget: "spgo.io" },
      "cnameTarget",
      'cnameTarget is "spgo.io", a legacy SparkPost endpoint, which offers no managed certificates: SparkPost issues them only to domains whose CNAME points at a v2 endpoint ("v2.spgo.io" or "eu.v2.spgo.io"). Leave cnameTarget unset for the region\'s v2 endpoint (the record is updated), or serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront").',
    ],
    [
      "a managed certificate for an Enterprise endpoint",
      { https: managed, cnameTarget: "acme.et.e.sparkpost.com" },
      "cnameTarget",
      'cnameTarget is "acme.et.e.sparkpost.com", an Enterprise endpoint, which offers no managed certificates (only SparkPost\'s v2 endpoints "v2.spgo.io" or "eu.v2.spgo.io" do): serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront").',
    ],
    [
      "a managed certificate behind Cloudflare's proxy",
      { https: managed, dns: { provider: "cloudflare", proxied: true } },
      "dns.proxied",
      'dns.proxied is true, but with https.mode "managed" SparkPost itself must answer for the domain (Let\'s Encrypt checks it over HTTP through the CNAME), and Cloudflare\'s proxy would answer instead: remove dns.proxied, or use https.mode "cloudflare-proxy".',
    ],
    [
      "secure: false with a mode",
      { https: managed, secure: false },
      "secure",
      'secure is false, but https.mode "managed" serves tracked links over HTTPS: remove secure (the mode sets it), or remove https.',
    ],
    [
      "a timeout out of range",
      { https: { ...managed, timeoutSeconds: 0 } },
      "https.timeoutSeconds",
      "https.timeoutSeconds must be a whole number of seconds from 1 to 86400, not 0.",
    ],
    [
      "another mode's setting",
      { https: { ...managed, sslMode: "set" } },
      "https.sslMode",
      'https.sslMode is not a setting of https.mode "managed": remove it (its settings: acknowledgeIrreversible, timeoutSeconds).',
    ],
    [
      "Cloudflare's proxy without Cloudflare",
      { https: { mode: "cloudflare-proxy" }, dns: { provider: "route53" } },
      "dns.provider",
      'dns.provider is "route53", but https.mode "cloudflare-proxy" serves HTTPS through Cloudflare\'s proxy, which only a record in a Cloudflare zone can use: use dns.provider "cloudflare".',
    ],
    [
      "Cloudflare's proxy with an unproxied record",
      { https: { mode: "cloudflare-proxy" }, dns: { provider: "cloudflare", proxied: false } },
      "dns.proxied",
      'dns.proxied is false, but https.mode "cloudflare-proxy" serves the domain through Cloudflare\'s proxy: remove dns.proxied (the mode turns it on).',
    ],
    [
      "Cloudflare's proxy with a TTL",
      { https: { mode: "cloudflare-proxy" }, dns: { provider: "cloudflare", ttl: 300 } },
      "dns.ttl",
      'dns.ttl must be 1 (automatic) or unset with https.mode "cloudflare-proxy": Cloudflare always gives proxied records the automatic TTL, so any other value would show as a change on every refresh.',
    ],
    [
      "an unknown sslMode",
      { https: { mode: "cloudflare-proxy", sslMode: "strict" }, dns: { provider: "cloudflare" } },
      "https.sslMode",
      'https.sslMode must be one of "check", "set", "skip", not "strict".',
    ],
    [
      "CloudFront without Route53",
      { https: { mode: "cloudfront" }, dns: { provider: "manual" } },
      "dns.provider",
      'dns.provider is "manual", but https.mode "cloudfront" validates its ACM certificate and points the domain at the distribution with Route53 records: use dns.provider "route53".',
    ],
    [
      "CloudFront with a TTL",
      { https: { mode: "cloudfront" }, dns: { provider: "route53", ttl: 60 } },
      "dns.ttl",
      'dns.ttl has no effect with https.mode "cloudfront": the domain\'s record is an alias to the distribution, which has no TTL of its own; remove dns.ttl.',
    ],
    [
      "an unknown price class",
      { https: { mode: "cloudfront", priceClass: "PriceClass_50" }, dns: { provider: "route53" } },
      "https.priceClass",
      'https.priceClass must be one of "PriceClass_All", "PriceClass_200", "PriceClass_100", not "PriceClass_50".',
    ],
  ])("%s", async (_title, args, propertyPath, reason) => {
    const program = await mockProgram();
    let error: unknown;
    try {
      new CustomTrackingDomain("t", {
        domain: DOMAIN,
        dns: { provider: "manual" },
        ...args,
      } as unknown as CustomTrackingDomainArgs);
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ propertyPath, reason });
    expect(program.resources).toEqual([]);
  });
});
