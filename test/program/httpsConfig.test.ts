/**
 * `https` in the root program's stack config: every mode accepted, every mistake refused with the
 * entry's path (the schema's shape, then the rules the component applies too), and each mode's
 * resources declared from the config alone.
 */
import * as path from "node:path";
import { trackingDomainsProblems } from "../../program/config";
import { resourceNamed, runMockedProgram, typesAndNames } from "./mockedProgram";

const PROJECT = "pulumi-sparkpost-tracking";
const PROGRAM = path.resolve(__dirname, "../../program/index.ts");
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
const managed = { mode: "managed", acknowledgeIrreversible: true };
const entry = (fields: Record<string, unknown>) => ({
  domain: "track.example.com",
  dns: { provider: "route53" },
  ...fields,
});

test.each<[string, Record<string, unknown>]>([
  ["managed, with a timeout", { https: { ...managed, timeoutSeconds: 900 } }],
  ["managed with secure: true", { https: managed, secure: true, cnameTarget: "eu.v2.spgo.io" }],
  ["cloudflare-proxy", { dns: { provider: "cloudflare" }, https: { mode: "cloudflare-proxy" } }],
  [
    "cloudflare-proxy with every setting",
    {
      dns: { provider: "cloudflare", zoneId: "z1", proxied: true, ttl: 1 },
      https: { mode: "cloudflare-proxy", sslMode: "set" },
    },
  ],
  ["cloudfront", { https: { mode: "cloudfront", priceClass: "PriceClass_100" } }],
])("%s is valid", (_title, fields) => {
  expect(trackingDomainsProblems([entry(fields)])).toEqual([]);
});

test.each<[string, Record<string, unknown>, string[]]>([
  [
    "https without a mode",
    { https: {} },
    [
      'trackingDomains[0].https.mode is required: set it to "managed", "cloudflare-proxy" or "cloudfront"',
    ],
  ],
  [
    "an unknown mode",
    { https: { mode: "letsencrypt" } },
    ['trackingDomains[0].https.mode must be one of "managed", "cloudflare-proxy", "cloudfront"'],
  ],
  [
    "https as a string",
    { https: "managed" },
    [
      "trackingDomains[0].https must be {mode: managed, acknowledgeIrreversible: true}, {mode: cloudflare-proxy} or {mode: cloudfront}",
    ],
  ],
  [
    "managed without acknowledgeIrreversible",
    { https: { mode: "managed" } },
    [
      "trackingDomains[0].https.acknowledgeIrreversible is required: set it to true, to acknowledge that enabling SparkPost's managed certificate cannot be undone (only deleting the tracking domain removes it)",
    ],
  ],
  [
    "managed with acknowledgeIrreversible false",
    { https: { mode: "managed", acknowledgeIrreversible: false } },
    [
      "trackingDomains[0].https.acknowledgeIrreversible must be true, to acknowledge that enabling SparkPost's managed certificate cannot be undone (only deleting the tracking domain removes it)",
    ],
  ],
  [
    "a timeout out of range",
    { https: { ...managed, timeoutSeconds: 86401 } },
    ["trackingDomains[0].https.timeoutSeconds must be at most 86400"],
  ],
  [
    "another mode's setting",
    { https: { ...managed, priceClass: "PriceClass_All" } },
    [
      "trackingDomains[0].https.priceClass is not a known setting: remove it or correct its name (known: mode, acknowledgeIrreversible, timeoutSeconds)",
    ],
  ],
  [
    "an unknown sslMode",
    { dns: { provider: "cloudflare" }, https: { mode: "cloudflare-proxy", sslMode: "strict" } },
    ['trackingDomains[0].https.sslMode must be one of "check", "set", "skip"'],
  ],
  [
    "managed for a legacy endpoint",
    { https: managed, cnameTarget: "spgo.io" },
    [
      'trackingDomains[0].cnameTarget is "spgo.io", a legacy SparkPost endpoint, which offers no managed certificates: SparkPost issues them only to domains whose CNAME points at a v2 endpoint ("v2.spgo.io" or "eu.v2.spgo.io"). Leave cnameTarget unset for the region\'s v2 endpoint (the record is updated), or serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront")',
    ],
  ],
  [
    "secure: false with a mode",
    { https: { mode: "cloudfront" }, secure: false },
    [
      'trackingDomains[0].secure is false, but https.mode "cloudfront" serves tracked links over HTTPS: remove secure (the mode sets it), or remove https',
    ],
  ],
  [
    "cloudflare-proxy in Route53",
    { https: { mode: "cloudflare-proxy" } },
    [
      'trackingDomains[0].dns.provider is "route53", but https.mode "cloudflare-proxy" serves HTTPS through Cloudflare\'s proxy, which only a record in a Cloudflare zone can use: use dns.provider "cloudflare"',
    ],
  ],
  [
    "cloudflare-proxy with an unproxied record and a TTL",
    {
      dns: { provider: "cloudflare", proxied: false, ttl: 300 },
      https: { mode: "cloudflare-proxy" },
    },
    [
      'trackingDomains[0].dns.proxied is false, but https.mode "cloudflare-proxy" serves the domain through Cloudflare\'s proxy: remove dns.proxied (the mode turns it on)',
      'trackingDomains[0].dns.ttl must be 1 (automatic) or unset with https.mode "cloudflare-proxy": Cloudflare always gives proxied records the automatic TTL, so any other value would show as a change on every refresh',
    ],
  ],
  [
    "cloudfront with manual DNS",
    { dns: { provider: "manual" }, https: { mode: "cloudfront" } },
    [
      'trackingDomains[0].dns.provider is "manual", but https.mode "cloudfront" validates its ACM certificate and points the domain at the distribution with Route53 records: use dns.provider "route53"',
    ],
  ],
])("%s is refused", (_title, fields, problems) => {
  expect(trackingDomainsProblems([entry(fields)])).toEqual(problems);
});

test("each mode's resources come from the stack config alone", async () => {
  const run = await runMockedProgram({
    programPath: PROGRAM,
    project: PROJECT,
    config: {
      [`${PROJECT}:trackingDomains`]: [
        entry({ dns: { provider: "route53", zoneId: "Z1" }, https: managed }),
        {
          domain: "click.example.com",
          dns: { provider: "cloudflare", zoneId: "z1" },
          https: { mode: "cloudflare-proxy" },
        },
        {
          domain: "links.example.com",
          dns: { provider: "route53", zoneId: "Z1" },
          https: { mode: "cloudfront" },
        },
      ],
    },
  });
  expect(typesAndNames(run)).toEqual(
    [
      `sparkpost:index:CustomTrackingDomain::track-example-com`,
      `${DYNAMIC}:TrackingDomain::track-example-com-domain`,
      "aws:route53/record:Record::track-example-com-cname",
      `${DYNAMIC}:TrackingDomainVerification::track-example-com-verification`,
      `${DYNAMIC}:TrackingDomainCertificate::track-example-com-certificate`,
      `sparkpost:index:CustomTrackingDomain::click-example-com`,
      `${DYNAMIC}:TrackingDomain::click-example-com-domain`,
      "cloudflare:index/dnsRecord:DnsRecord::click-example-com-cname",
      `${DYNAMIC}:TrackingDomainVerification::click-example-com-verification`,
      `sparkpost:index:CustomTrackingDomain::links-example-com`,
      `${DYNAMIC}:TrackingDomain::links-example-com-domain`,
      "aws:acm/certificate:Certificate::links-example-com-acm-certificate",
      "aws:route53/record:Record::links-example-com-acm-validation-record",
      "aws:acm/certificateValidation:CertificateValidation::links-example-com-acm-validation",
      "aws:cloudfront/cachePolicy:CachePolicy::links-example-com-cache-policy",
      "aws:cloudfront/originRequestPolicy:OriginRequestPolicy::links-example-com-origin-request-policy",
      "aws:cloudfront/distribution:Distribution::links-example-com-distribution",
      "aws:route53/record:Record::links-example-com-alias",
      `${DYNAMIC}:TrackingDomainVerification::links-example-com-verification`,
    ].sort(),
  );
  expect(resourceNamed(run, "track-example-com-certificate").inputs).toEqual({
    domain: "track.example.com",
    acknowledgeIrreversible: true,
    cnameTarget: "v2.spgo.io",
  });
  expect(resourceNamed(run, "click-example-com-verification").inputs).toMatchObject({
    proxied: true,
    cloudflareSslMode: "full",
    triggers: ["v2.spgo.io", "https"],
  });
  expect(resourceNamed(run, "links-example-com-alias").inputs).toMatchObject({
    type: "A",
    aliases: [{ name: "d111111abcdef8.cloudfront.net", zoneId: "Z2FDTNDATAQYW2" }],
  });
});
