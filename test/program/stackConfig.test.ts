/**
 * The root program's configuration checks: every message, exactly, for every kind of mistake.
 */
import * as pulumi from "@pulumi/pulumi";
import { readTrackingDomains, trackingDomainsProblems } from "../../program/config";
import { resourceNameFor } from "../../program/resourceName";
import stackConfigSchema from "../../program/stackConfig.schema.json";
import { CLOUDFLARE_AUTOMATIC_TTL, CLOUDFLARE_TTL_RANGE } from "../../provider/dns/cloudflare";
import { ROUTE53_TTL_RANGE } from "../../provider/dns/route53";
import { MAX_SUBACCOUNT_ID } from "../../provider/resources/inputChecker";
import {
  PREFLIGHT_MODES,
  VERIFICATION_TIMEOUT_BOUNDS,
} from "../../provider/resources/trackingDomainVerification";

const route53 = { provider: "route53" };
const valid = { domain: "track.example.com", dns: route53 };

test.each<[string, unknown, string[]]>([
  ["an empty list is valid: the stack then manages no domain", [], []],
  [
    "every field, valid",
    [
      {
        domain: "track.example.com",
        dns: { provider: "route53", zoneId: "Z123", ttl: 60, allowOverwrite: true },
        secure: true,
        default: true,
        subaccountId: 0,
        sendingDomains: ["mail.example.com"],
        verification: { timeoutSeconds: 600, preflight: "resolver", nameservers: ["127.0.0.1:53"] },
        adopt: true,
        cnameTarget: "spgo.io",
      },
      {
        domain: "click.shop.example.com",
        dns: { provider: "cloudflare", zoneName: "shop.example.com", ttl: 1, proxied: true },
        subaccountId: 42,
        default: true,
      },
      { domain: "links.example.org", dns: { provider: "manual" } },
    ],
    [],
  ],
  [
    "not a list",
    "track.example.com",
    [
      "trackingDomains must be a list of tracking domains, each like {domain: track.example.com, dns: {provider: route53}}",
    ],
  ],
  [
    "an entry that is not an object",
    [valid, 7],
    [
      "trackingDomains[1] must be a tracking domain such as {domain: track.example.com, dns: {provider: route53}}",
    ],
  ],
  [
    "an entry without domain and dns",
    [{}],
    [
      'trackingDomains[0].domain is required: set it to the tracking hostname, such as "track.example.com"',
      "trackingDomains[0].dns is required: set it to {provider: route53}, {provider: cloudflare} or {provider: manual}",
    ],
  ],
  [
    "an unknown DNS provider",
    [valid, { domain: "click.example.com", dns: { provider: "azure" } }],
    ['trackingDomains[1].dns.provider must be one of "route53", "cloudflare", "manual"'],
  ],
  [
    "a dns without provider",
    [{ domain: "track.example.com", dns: { zoneId: "Z123" } }],
    ['trackingDomains[0].dns.provider is required: set it to "route53", "cloudflare" or "manual"'],
  ],
  [
    "a dns given as a string",
    [{ domain: "track.example.com", dns: "route53" }],
    [
      "trackingDomains[0].dns must be {provider: route53}, {provider: cloudflare} or {provider: manual}",
    ],
  ],
  [
    "a misspelled field",
    [{ ...valid, sendingDomain: ["mail.example.com"] }],
    [
      "trackingDomains[0].sendingDomain is not a known setting: remove it or correct its name (known: domain, dns, secure, default, subaccountId, account, sendingDomains, verification, adopt, cnameTarget, https, protect, retainOnDelete)",
    ],
  ],
  [
    "a Cloudflare setting with Route53",
    [{ domain: "track.example.com", dns: { provider: "route53", proxied: true } }],
    [
      'trackingDomains[0].dns.proxied is not a known setting for dns provider "route53": remove it or correct its name (known: provider, zoneId, zoneName, ttl, allowOverwrite)',
    ],
  ],
  [
    "a Route53 setting with Cloudflare",
    [{ domain: "track.example.com", dns: { provider: "cloudflare", allowOverwrite: true } }],
    [
      'trackingDomains[0].dns.allowOverwrite is not a known setting for dns provider "cloudflare": remove it or correct its name (known: provider, zoneId, zoneName, ttl, proxied)',
    ],
  ],
  [
    "a zone with manual DNS",
    [{ domain: "track.example.com", dns: { provider: "manual", zoneName: "example.com" } }],
    [
      'trackingDomains[0].dns.zoneName is not a known setting for dns provider "manual": remove it or correct its name (known: provider)',
    ],
  ],
  [
    "both zoneId and zoneName",
    [
      {
        domain: "track.example.com",
        dns: { provider: "cloudflare", zoneId: "z", zoneName: "example.com" },
      },
    ],
    ["trackingDomains[0].dns sets both zoneId and zoneName: keep only one of them"],
  ],
  [
    "an empty zone name",
    [{ domain: "track.example.com", dns: { provider: "route53", zoneName: "" } }],
    [
      'trackingDomains[0].dns.zoneName must not be empty: set it to a zone id, or a zone name such as "example.com"',
    ],
  ],
  [
    "TTLs outside each provider's limits",
    [
      { domain: "a.example.com", dns: { provider: "route53", ttl: -1 } },
      { domain: "b.example.com", dns: { provider: "route53", ttl: 2147483648 } },
      { domain: "c.example.com", dns: { provider: "cloudflare", ttl: 10 } },
      { domain: "d.example.com", dns: { provider: "cloudflare", ttl: 86401 } },
      { domain: "e.example.com", dns: { provider: "route53", ttl: 1.5 } },
    ],
    [
      "trackingDomains[0].dns.ttl must be at least 0",
      "trackingDomains[1].dns.ttl must be at most 2147483647",
      "trackingDomains[2].dns.ttl must be 1 (automatic) or a whole number of seconds from 30 to 86400",
      "trackingDomains[3].dns.ttl must be 1 (automatic) or a whole number of seconds from 30 to 86400",
      "trackingDomains[4].dns.ttl must be a whole number",
    ],
  ],
  [
    "flags that are not booleans",
    [{ ...valid, secure: "yes", default: 1, adopt: null }],
    [
      "trackingDomains[0].secure must be true or false",
      "trackingDomains[0].default must be true or false",
      "trackingDomains[0].adopt must be true or false",
    ],
  ],
  [
    "subaccount ids that are not whole numbers from 0",
    [
      { ...valid, subaccountId: -1 },
      { domain: "click.example.com", dns: route53, subaccountId: "42" },
    ],
    [
      "trackingDomains[0].subaccountId must be a SparkPost subaccount id such as 42 (0 or unset: the primary account)",
      "trackingDomains[1].subaccountId must be a SparkPost subaccount id such as 42 (0 or unset: the primary account)",
    ],
  ],
  [
    "sending domains that are not a list of hostnames",
    [
      { ...valid, sendingDomains: "mail.example.com" },
      { domain: "click.example.com", dns: route53, sendingDomains: ["", 3] },
    ],
    [
      'trackingDomains[0].sendingDomains must be a list of sending domains, such as ["mail.example.com"]',
      'trackingDomains[1].sendingDomains[0] must not be empty: set it to a sending domain such as "mail.example.com"',
      'trackingDomains[1].sendingDomains[1] must be a sending domain such as "mail.example.com"',
    ],
  ],
  [
    "verification settings out of range",
    [
      { ...valid, verification: { timeoutSeconds: 0, preflight: "dig", nameservers: [] } },
      {
        domain: "click.example.com",
        dns: route53,
        verification: { timeoutSeconds: 86401, nameservers: [53] },
      },
      { domain: "links.example.com", dns: route53, verification: "off" },
    ],
    [
      "trackingDomains[0].verification.timeoutSeconds must be at least 1",
      'trackingDomains[0].verification.preflight must be one of "authoritative", "resolver", "off"',
      "trackingDomains[0].verification.nameservers must list at least 1 item, or be left out",
      "trackingDomains[1].verification.timeoutSeconds must be at most 86400",
      'trackingDomains[1].verification.nameservers[0] must be an IP address with an optional port, such as "127.0.0.1:5353"',
      'trackingDomains[2].verification must be an object such as {timeoutSeconds: 1800, preflight: "authoritative"}',
    ],
  ],
  [
    "a misspelled verification setting",
    [{ ...valid, verification: { timeout: 60 } }],
    [
      "trackingDomains[0].verification.timeout is not a known setting: remove it or correct its name (known: timeoutSeconds, preflight, nameservers)",
    ],
  ],
  [
    "an empty CNAME target",
    [{ ...valid, cnameTarget: "" }],
    [
      'trackingDomains[0].cnameTarget must not be empty: set it to a CNAME target such as "v2.spgo.io"',
    ],
  ],
])("%s", (_title, value, problems) => {
  expect(trackingDomainsProblems(value)).toEqual(problems);
});

test.each<[string, unknown[], string[]]>([
  [
    "a domain at the root of its zone",
    [{ domain: "example.com", dns: route53 }],
    [
      'trackingDomains[0].domain must be a subdomain such as "track.example.com" of a domain you own, not "example.com" itself, since a CNAME record cannot sit at the root of a domain',
    ],
  ],
  [
    "a URL instead of a hostname",
    [{ domain: "https://track.example.com", dns: route53 }],
    [
      'trackingDomains[0].domain must be a bare hostname such as "track.example.com", without "https://"',
    ],
  ],
  [
    "a bad sending domain, CNAME target and nameserver",
    [
      {
        ...valid,
        sendingDomains: ["mail.example.com", "mail_2.example.com"],
        cnameTarget: "spgo",
        verification: { nameservers: ["ns1.example.com"] },
      },
    ],
    [
      'trackingDomains[0].cnameTarget must be a fully qualified hostname such as "track.example.com", not the single label "spgo"',
      'trackingDomains[0].sendingDomains[1] may contain only letters, digits, hyphens and dots, but "mail_2.example.com" contains "_"',
      'trackingDomains[0].verification.nameservers[0] must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353", not "ns1.example.com"',
    ],
  ],
  [
    "the same domain twice, however written",
    [valid, { domain: "Track.Example.com.", dns: { provider: "manual" } }],
    [
      'trackingDomains[1].domain "track.example.com" is already declared by trackingDomains[0]: declare each tracking domain once',
    ],
  ],
  [
    "two defaults for the primary account (unset and 0 are the same account)",
    [
      { ...valid, default: true },
      { domain: "click.example.com", dns: route53, subaccountId: 0, default: true },
    ],
    [
      "trackingDomains[1].default is true, but trackingDomains[0] is already the default of the primary account, which has only one: keep default: true on one of them",
    ],
  ],
  [
    "two defaults for one subaccount",
    [
      { ...valid, subaccountId: 7, default: true },
      { domain: "click.example.com", dns: route53, subaccountId: 7, default: true },
    ],
    [
      "trackingDomains[1].default is true, but trackingDomains[0] is already the default of subaccount 7, which has only one: keep default: true on one of them",
    ],
  ],
  [
    "one default per account is fine",
    [
      { ...valid, default: true },
      { domain: "click.example.com", dns: route53, subaccountId: 7, default: true },
      { domain: "links.example.com", dns: route53, default: false },
    ],
    [],
  ],
  [
    "a sending domain listed twice, in one entry or in two",
    [
      { ...valid, sendingDomains: ["mail.example.com", "MAIL.example.com"] },
      {
        domain: "click.example.com",
        dns: route53,
        sendingDomains: ["news.example.com", "mail.example.com."],
      },
    ],
    [
      'trackingDomains[0].sendingDomains[1] "mail.example.com" is already listed at trackingDomains[0].sendingDomains[0]: a sending domain has one tracking domain, so list it once',
      'trackingDomains[1].sendingDomains[1] "mail.example.com" is already listed at trackingDomains[0].sendingDomains[0]: a sending domain has one tracking domain, so list it once',
    ],
  ],
  [
    "settings of one entry that contradict each other, all listed",
    [
      {
        domain: "track.example.com",
        dns: { provider: "cloudflare", proxied: true, ttl: 120 },
        cnameTarget: "Track.Example.com",
      },
    ],
    [
      'trackingDomains[0].cnameTarget is the entry\'s own domain "track.example.com", and a CNAME cannot point at its own name: leave cnameTarget out for the region\'s target, or set SparkPost\'s, such as "v2.spgo.io"',
      "trackingDomains[0].dns.ttl must be 1 (automatic) or unset when dns.proxied is true",
    ],
  ],
  [
    "tracking domains of one another as sending domains",
    [
      { ...valid, sendingDomains: ["click.example.com"] },
      { domain: "click.example.com", dns: route53, sendingDomains: ["track.example.com"] },
    ],
    [
      'trackingDomains[0].sendingDomains[0] "click.example.com" is the tracking domain of trackingDomains[1]: a tracking domain is a CNAME to SparkPost and cannot send mail; list a sending domain such as "mail.example.com"',
      'trackingDomains[1].sendingDomains[0] "track.example.com" is the tracking domain of trackingDomains[0]: a tracking domain is a CNAME to SparkPost and cannot send mail; list a sending domain such as "mail.example.com"',
    ],
  ],
  [
    "a proxied record with the automatic TTL, and a TTL without proxy, are fine",
    [
      { domain: "a.example.com", dns: { provider: "cloudflare", proxied: true, ttl: 1 } },
      { domain: "b.example.com", dns: { provider: "cloudflare", proxied: false, ttl: 300 } },
    ],
    [],
  ],
])("what the schema cannot check: %s", (_title, value, problems) => {
  expect(trackingDomainsProblems(value)).toEqual(problems);
});

test("the schema's bounds are the very ones the resources and the component check", () => {
  const { $defs } = stackConfigSchema;
  expect($defs.trackingDomain.properties.subaccountId).toMatchObject({
    minimum: 0,
    maximum: MAX_SUBACCOUNT_ID,
  });
  expect($defs.verification.properties.timeoutSeconds).toMatchObject({
    minimum: VERIFICATION_TIMEOUT_BOUNDS.min,
    maximum: VERIFICATION_TIMEOUT_BOUNDS.max,
  });
  expect($defs.verification.properties.preflight.enum).toEqual(PREFLIGHT_MODES);
  expect($defs.route53Dns.properties.ttl).toMatchObject({
    minimum: ROUTE53_TTL_RANGE.min,
    maximum: ROUTE53_TTL_RANGE.max,
  });
  expect($defs.cloudflareDns.properties.ttl.anyOf).toEqual([
    { const: CLOUDFLARE_AUTOMATIC_TTL },
    { minimum: CLOUDFLARE_TTL_RANGE.min, maximum: CLOUDFLARE_TTL_RANGE.max },
  ]);
});

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, but none was thrown");
}

describe("readTrackingDomains", () => {
  const config = new pulumi.Config("pulumi-sparkpost-tracking");

  test("returns the entries as written when they are valid", () => {
    const entries = [{ ...valid, sendingDomains: ["mail.example.com"] }];
    pulumi.runtime.setAllConfig({
      "pulumi-sparkpost-tracking:trackingDomains": JSON.stringify(entries),
    });
    expect(readTrackingDomains(config)).toEqual(entries);
  });

  test.each<[string, Record<string, string>, string]>([
    [
      "a missing key says which key to add and where",
      {},
      [
        'The stack configuration "trackingDomains" has 1 problem:',
        '  - trackingDomains is not set: add "pulumi-sparkpost-tracking:trackingDomains" to Pulumi.stack.yaml, a list of tracking domains such as [{domain: track.example.com, dns: {provider: route53}}]',
        "Fix Pulumi.stack.yaml (see program/README.md) and run again.",
      ].join("\n"),
    ],
    [
      "a plain string (set without --path) is not a list",
      { "pulumi-sparkpost-tracking:trackingDomains": "track.example.com" },
      [
        'The stack configuration "trackingDomains" has 1 problem:',
        "  - trackingDomains must be a list of tracking domains, each like {domain: track.example.com, dns: {provider: route53}}",
        "Fix Pulumi.stack.yaml (see program/README.md) and run again.",
      ].join("\n"),
    ],
    [
      "every problem is listed, counted",
      {
        "pulumi-sparkpost-tracking:trackingDomains": JSON.stringify([
          { domain: "track.example.com", dns: { provider: "bind" }, secure: "no" },
        ]),
      },
      [
        'The stack configuration "trackingDomains" has 2 problems:',
        '  - trackingDomains[0].dns.provider must be one of "route53", "cloudflare", "manual"',
        "  - trackingDomains[0].secure must be true or false",
        "Fix Pulumi.stack.yaml (see program/README.md) and run again.",
      ].join("\n"),
    ],
  ])("%s", (_title, stackConfig, message) => {
    pulumi.runtime.setAllConfig(stackConfig);
    const error = thrownBy(() => readTrackingDomains(config));
    expect((error as Error).message).toBe(message);
    // A RunError: the CLI prints its message alone, without a stack trace.
    expect(pulumi.RunError.isInstance(error)).toBe(true);
  });
});

test.each([
  ["track.example.com", "track-example-com"],
  ["Track.Example.COM.", "track-example-com"],
  ["my-brand.example.com", "my--brand-example-com"],
  ["my.brand-example.com", "my-brand--example-com"],
  ["xn--bcher-kva.example", "xn----bcher--kva-example"],
])("resource name of %s is %s", (domain, name) => {
  expect(resourceNameFor(domain)).toBe(name);
});
