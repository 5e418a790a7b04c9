/**
 * Arguments the program already knows are checked when the component is constructed: each
 * mistake stops with the property at fault and what to do, before anything is declared.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain, CustomTrackingDomainArgs } from "../../provider/component";
import { mockProgram, MockProgram, settled, valueOf } from "./mockProgram";

const route53 = { provider: "route53" } as const;
const cloudflare = { provider: "cloudflare" } as const;
const base = { domain: "track.example.com", dns: route53 };

/** Builds the component from `args`, typed loosely: these are the mistakes TypeScript may miss. */
function construct(args: Record<string, unknown>, name = "t"): CustomTrackingDomain {
  return new CustomTrackingDomain(name, args as unknown as CustomTrackingDomainArgs);
}

function constructionError(args: Record<string, unknown>): unknown {
  try {
    construct(args);
  } catch (error) {
    return error;
  }
  throw new Error("the component was constructed without an error");
}

let program: MockProgram;
beforeEach(async () => {
  program = await mockProgram();
});

test.each<[string, Record<string, unknown>, string, string]>([
  [
    "a URL as domain",
    { ...base, domain: "https://track.example.com" },
    "domain",
    'domain must be a bare hostname such as "track.example.com", without "https://"',
  ],
  [
    "an apex as domain",
    { ...base, domain: "example.com" },
    "domain",
    'domain must be a subdomain such as "track.example.com" of a domain you own, not "example.com" itself, since a CNAME record cannot sit at the root of a domain',
  ],
  [
    "a number as domain",
    { ...base, domain: 42 },
    "domain",
    'domain must be a hostname such as "track.example.com", not 42.',
  ],
  [
    "an invalid cnameTarget",
    { ...base, cnameTarget: "acme.et.e.sparkpost.com:443" },
    "cnameTarget",
    'cnameTarget must be a bare hostname such as "track.example.com", without a port (":443")',
  ],
  [
    "no dns",
    { domain: "track.example.com" },
    "dns",
    'dns is required: set it to { provider: "route53" }, { provider: "cloudflare" } or { provider: "manual" }, not undefined.',
  ],
  [
    "an unknown dns.provider",
    { ...base, dns: { provider: "gcp" } },
    "dns.provider",
    'dns.provider must be one of "route53", "cloudflare", "manual" as a plain string, not "gcp".',
  ],
  [
    "an Output as dns.provider",
    { ...base, dns: { provider: pulumi.output("route53") } },
    "dns.provider",
    'dns.provider must be one of "route53", "cloudflare", "manual" as a plain string, not an Output or a Promise.',
  ],
  [
    "both zoneId and zoneName",
    { ...base, dns: { ...route53, zoneId: "Z1", zoneName: "example.com" } },
    "dns.zoneName",
    "dns.zoneId and dns.zoneName are mutually exclusive: give the zone's id, or its name to look it up, not both.",
  ],
  [
    "both zoneId and zoneName, even as Outputs",
    { ...base, dns: { ...cloudflare, zoneId: pulumi.output("z"), zoneName: pulumi.output("n") } },
    "dns.zoneName",
    "dns.zoneId and dns.zoneName are mutually exclusive: give the zone's id, or its name to look it up, not both.",
  ],
  [
    "a negative Route53 ttl",
    { ...base, dns: { ...route53, ttl: -1 } },
    "dns.ttl",
    "dns.ttl must be a whole number of seconds from 0 to 2147483647 (Route53's limits), not -1.",
  ],
  [
    "a fractional Route53 ttl",
    { ...base, dns: { ...route53, ttl: 1.5 } },
    "dns.ttl",
    "dns.ttl must be a whole number of seconds from 0 to 2147483647 (Route53's limits), not 1.5.",
  ],
  [
    "a Cloudflare ttl below 30",
    { ...base, dns: { ...cloudflare, ttl: 10 } },
    "dns.ttl",
    "dns.ttl must be 1 (automatic) or a whole number of seconds from 30 to 86400 (Cloudflare's limits), not 10.",
  ],
  [
    "a Cloudflare ttl above a day",
    { ...base, dns: { ...cloudflare, ttl: 86401 } },
    "dns.ttl",
    "dns.ttl must be 1 (automatic) or a whole number of seconds from 30 to 86400 (Cloudflare's limits), not 86401.",
  ],
  [
    "a ttl on a proxied Cloudflare record",
    { ...base, dns: { ...cloudflare, proxied: true, ttl: 300 } },
    "dns.ttl",
    "dns.ttl must be 1 (automatic) or unset when dns.proxied is true: Cloudflare always gives proxied records the automatic TTL, so 300 would show as a change on every refresh.",
  ],
  [
    "a string as proxied",
    { ...base, dns: { ...cloudflare, proxied: "yes" } },
    "dns.proxied",
    'dns.proxied must be true or false, not "yes".',
  ],
  [
    "proxied on Route53",
    { ...base, dns: { ...route53, proxied: true } },
    "dns.proxied",
    'dns.proxied is a Cloudflare setting and Route53 has no proxy: remove it, or use dns.provider "cloudflare".',
  ],
  [
    "allowOverwrite on Cloudflare",
    { ...base, dns: { ...cloudflare, allowOverwrite: true } },
    "dns.allowOverwrite",
    "dns.allowOverwrite is a Route53 setting: remove it; with Cloudflare, delete the existing record or import it first.",
  ],
  [
    "a zone with manual DNS",
    { ...base, dns: { provider: "manual", zoneName: "example.com" } },
    "dns.zoneName",
    'dns.zoneName has no effect with dns.provider "manual", which writes no record: remove it, or use "route53" or "cloudflare".',
  ],
  [
    "an Output as default",
    { ...base, default: pulumi.output(true) },
    "default",
    "default must be a plain true or false, not an Output or a Promise: it decides whether a DefaultTrackingDomain is created.",
  ],
  [
    "sendingDomains that is not a list",
    { ...base, sendingDomains: "mail.example.com" },
    "sendingDomains",
    'sendingDomains must be a plain list of hostnames such as ["mail.example.com"], not "mail.example.com": each one becomes a SendingDomainLink.',
  ],
  [
    "an Output in sendingDomains",
    { ...base, sendingDomains: [pulumi.output("mail.example.com")] },
    "sendingDomains[0]",
    'sendingDomains[0] must be a plain hostname such as "mail.example.com", not an Output or a Promise.',
  ],
  [
    "an invalid sending domain",
    { ...base, sendingDomains: ["mail.example.com", "mail_example.com"] },
    "sendingDomains[1]",
    'sendingDomains[1] may contain only letters, digits, hyphens and dots, but "mail_example.com" contains "_"',
  ],
  [
    "a sending domain listed twice",
    { ...base, sendingDomains: ["mail.example.com", "news.example.com", "Mail.Example.com."] },
    "sendingDomains[2]",
    'sendingDomains[2] repeats "mail.example.com" (sendingDomains[0]): list each sending domain once.',
  ],
])("refuses %s", async (_title, args, propertyPath, reason) => {
  const error = constructionError(args);
  expect(pulumi.InputPropertyError.isInstance(error)).toBe(true);
  expect(error).toMatchObject({ propertyPath, reason, message: reason });
  // Checked before the component registers: nothing was declared.
  await new Promise((resolve) => setImmediate(resolve));
  expect(program.resources).toEqual([]);
});

test.each<[string, Record<string, unknown>]>([
  ["an apex sending domain", { ...base, sendingDomains: ["example.com"] }],
  ["the zero TTL Route53 allows", { ...base, dns: { ...route53, ttl: 0 } }],
  [
    "an Output TTL, left to the DNS provider",
    { ...base, dns: { ...cloudflare, ttl: pulumi.output(5) } },
  ],
  ["proxied with secure: false", { ...base, dns: { ...cloudflare, proxied: true }, secure: false }],
  [
    "Outputs for the SparkPost settings, left to each resource's check",
    {
      ...base,
      secure: pulumi.output("yes"),
      adopt: pulumi.output(1),
      subaccountId: pulumi.output(-1),
      cnameTarget: pulumi.output("track.example.com"),
      verification: {
        timeoutSeconds: pulumi.output(0),
        preflight: pulumi.output("dig"),
        nameservers: ["192.0.2.53", pulumi.output("ns1.example.com")],
      },
    },
  ],
  [
    "null for unset settings, as the resources read it",
    {
      ...base,
      dns: { ...route53, allowOverwrite: null, zoneName: null },
      secure: null,
      adopt: null,
      subaccountId: null,
      verification: { timeoutSeconds: null, preflight: null, nameservers: null },
    },
  ],
  [
    "the bounds of each setting",
    {
      ...base,
      subaccountId: 2147483647,
      verification: { timeoutSeconds: 86400, preflight: "off", nameservers: ["[::1]:65535"] },
    },
  ],
  [
    "a zone named by its hostname, with a trailing dot",
    { ...base, dns: { ...cloudflare, zoneName: "Example.com." } },
  ],
])("accepts %s", async (_title, args) => {
  await settled(construct(args));
  expect(program.resources.map((resource) => resource.name)).toContain("t-cname");
});

describe("the default flag of one account", () => {
  test.each<[string, number | undefined, number | undefined, string]>([
    [
      "the primary account",
      undefined,
      undefined,
      'CustomTrackingDomain "b" sets default: true for the primary account, but "a" already does: only one tracking domain per account or subaccount can be the default.',
    ],
    [
      "the primary account, named by subaccount 0",
      undefined,
      0,
      'CustomTrackingDomain "b" sets default: true for the primary account, but "a" already does: only one tracking domain per account or subaccount can be the default.',
    ],
    [
      "one subaccount",
      7,
      7,
      'CustomTrackingDomain "b" sets default: true for subaccount 7, but "a" already does: only one tracking domain per account or subaccount can be the default.',
    ],
  ])("is claimed by one component only: %s", async (_title, first, second, message) => {
    const claimant = construct({ ...base, default: true, subaccountId: first }, "a");
    let error: unknown;
    try {
      construct({ ...base, domain: "t2.example.com", default: true, subaccountId: second }, "b");
    } catch (caught) {
      error = caught;
    }
    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(message);
    const urn = await valueOf((error as pulumi.ResourceError).resource!.urn);
    expect(urn).toBe("urn:pulumi:stack::project::sparkpost:index:CustomTrackingDomain::b");
    await settled(claimant);
    expect(program.resources.map((resource) => resource.name).sort()).toEqual([
      "a",
      "a-cname",
      "a-default",
      "a-domain",
      "a-verification",
      "b",
    ]);
  });

  test("a second component without default: true is fine", async () => {
    const components = [
      construct({ ...base, default: true }, "a"),
      construct({ ...base, domain: "t2.example.com" }, "b"),
    ];
    await Promise.all(components.map(settled));
    const flags = program.resources.filter((resource) =>
      resource.type.endsWith(":DefaultTrackingDomain"),
    );
    expect(flags.map((flag) => flag.name)).toEqual(["a-default"]);
  });
});
