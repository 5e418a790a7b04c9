/**
 * Bad `trackingDomains` stack configurations of the root program: each must be refused with
 * exactly one problem, naming the list index and field, before any resource is declared.
 */
import type { BadInput } from "./badInput";

export interface StackConfigCase extends BadInput {
  value: unknown;
  /** The one problem expected, which starts with its config path. */
  problem: string;
}

export const route53 = { provider: "route53" };
const cloudflare = { provider: "cloudflare" };
export const first = { domain: "track.example.com", dns: route53 };

/** A list whose second entry is `entry`: paths must name the right index, not just [0]. */
export function second(
  title: string,
  entry: Record<string, unknown>,
  problem: string,
): StackConfigCase {
  return {
    title,
    value: [first, { domain: "click.example.com", dns: route53, ...entry }],
    problem,
  };
}

const KNOWN_FIELDS =
  "domain, dns, secure, default, subaccountId, account, sendingDomains, verification, adopt, cnameTarget, https, protect, retainOnDelete";
const SUBACCOUNT = "must be a SparkPost subaccount id such as 42 (0 or unset: the primary account)";
const NAMESERVER = 'must be an IP address with an optional port, such as "127.0.0.1:5353"';
const CHECKED_NAMESERVER =
  'must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353"';
const CLOUDFLARE_TTL = "must be 1 (automatic) or a whole number of seconds from 30 to 86400";

export const STACK_CONFIG_SHAPE_CASES: readonly StackConfigCase[] = [
  // The list and its entries.
  {
    title: "an object instead of a list",
    value: first,
    problem:
      "trackingDomains must be a list of tracking domains, each like {domain: track.example.com, dns: {provider: route53}}",
  },
  {
    title: "a number instead of a list",
    value: 1,
    problem:
      "trackingDomains must be a list of tracking domains, each like {domain: track.example.com, dns: {provider: route53}}",
  },
  {
    title: "an entry that is a hostname",
    value: [first, "click.example.com"],
    problem:
      "trackingDomains[1] must be a tracking domain such as {domain: track.example.com, dns: {provider: route53}}",
  },
  {
    title: "an entry that is a list",
    value: [first, [first]],
    problem:
      "trackingDomains[1] must be a tracking domain such as {domain: track.example.com, dns: {provider: route53}}",
  },
  second(
    "a misspelled field",
    { sendingDomain: ["mail.example.com"] },
    `trackingDomains[1].sendingDomain is not a known setting: remove it or correct its name (known: ${KNOWN_FIELDS})`,
  ),
  second(
    "a setting name with a zero-width space",
    { "sending\u200bDomains": ["mail.example.com"] },
    `trackingDomains[1].sending\\u200bDomains is not a known setting: remove it or correct its name (known: ${KNOWN_FIELDS})`,
  ),
  second(
    "a field in capitals",
    { Default: true },
    `trackingDomains[1].Default is not a known setting: remove it or correct its name (known: ${KNOWN_FIELDS})`,
  ),
  {
    title: "no domain",
    value: [first, { dns: route53 }],
    problem:
      'trackingDomains[1].domain is required: set it to the tracking hostname, such as "track.example.com"',
  },
  {
    title: "no dns",
    value: [first, { domain: "click.example.com" }],
    problem:
      "trackingDomains[1].dns is required: set it to {provider: route53}, {provider: cloudflare} or {provider: manual}",
  },

  // Types of the fields.
  second(
    "a number as domain",
    { domain: 42 },
    'trackingDomains[1].domain must be the tracking hostname, such as "track.example.com"',
  ),
  second(
    "an empty domain",
    { domain: "" },
    'trackingDomains[1].domain must not be empty: set it to the tracking hostname, such as "track.example.com"',
  ),
  second(
    "secure as a string",
    { secure: "true" },
    "trackingDomains[1].secure must be true or false",
  ),
  second(
    "default as a string",
    { default: "yes" },
    "trackingDomains[1].default must be true or false",
  ),
  second("adopt as a number", { adopt: 0 }, "trackingDomains[1].adopt must be true or false"),
  second(
    "protect as a string",
    { protect: "yes" },
    "trackingDomains[1].protect must be true or false",
  ),
  second(
    "retainOnDelete as a number",
    { retainOnDelete: 1 },
    "trackingDomains[1].retainOnDelete must be true or false",
  ),
  second(
    "an empty account",
    { account: "" },
    'trackingDomains[1].account must not be empty: set it to the name of an account in sparkpost:accounts, such as "eu" (unset: the default connection)',
  ),
  second(
    "an account as a number",
    { account: 7 },
    'trackingDomains[1].account must be the name of an account in sparkpost:accounts, such as "eu" (unset: the default connection)',
  ),
  second(
    "a negative subaccountId",
    { subaccountId: -1 },
    `trackingDomains[1].subaccountId ${SUBACCOUNT}`,
  ),
  second(
    "a fractional subaccountId",
    { subaccountId: 4.2 },
    `trackingDomains[1].subaccountId ${SUBACCOUNT}`,
  ),
  second(
    "a subaccountId as a string",
    { subaccountId: "42" },
    `trackingDomains[1].subaccountId ${SUBACCOUNT}`,
  ),
  second(
    "a subaccountId above 2147483647",
    { subaccountId: 2147483648 },
    `trackingDomains[1].subaccountId ${SUBACCOUNT}`,
  ),
  second(
    "sendingDomains as a string",
    { sendingDomains: "mail.example.com" },
    'trackingDomains[1].sendingDomains must be a list of sending domains, such as ["mail.example.com"]',
  ),
  second(
    "a number in sendingDomains",
    { sendingDomains: [25] },
    'trackingDomains[1].sendingDomains[0] must be a sending domain such as "mail.example.com"',
  ),
  second(
    "cnameTarget as a number",
    { cnameTarget: 5 },
    'trackingDomains[1].cnameTarget must be a CNAME target such as "v2.spgo.io"',
  ),

  // dns
  second(
    "dns as null",
    { dns: null },
    "trackingDomains[1].dns must be {provider: route53}, {provider: cloudflare} or {provider: manual}",
  ),
  second(
    "an unknown DNS provider",
    { dns: { provider: "bind" } },
    'trackingDomains[1].dns.provider must be one of "route53", "cloudflare", "manual"',
  ),
  second(
    "a DNS provider in capitals",
    { dns: { provider: "Cloudflare" } },
    'trackingDomains[1].dns.provider must be one of "route53", "cloudflare", "manual"',
  ),
  second(
    "an empty dns",
    { dns: {} },
    'trackingDomains[1].dns.provider is required: set it to "route53", "cloudflare" or "manual"',
  ),
  second(
    "a misspelled zoneName",
    { dns: { ...route53, zonename: "example.com" } },
    'trackingDomains[1].dns.zonename is not a known setting for dns provider "route53": remove it or correct its name (known: provider, zoneId, zoneName, ttl, allowOverwrite)',
  ),
  second(
    "a Route53 setting with Cloudflare",
    { dns: { ...cloudflare, allowOverwrite: false } },
    'trackingDomains[1].dns.allowOverwrite is not a known setting for dns provider "cloudflare": remove it or correct its name (known: provider, zoneId, zoneName, ttl, proxied)',
  ),
  second(
    "a TTL with manual DNS",
    { dns: { provider: "manual", ttl: 60 } },
    'trackingDomains[1].dns.ttl is not a known setting for dns provider "manual": remove it or correct its name (known: provider)',
  ),
  second(
    "zoneId with zoneName",
    { dns: { ...route53, zoneId: "Z1", zoneName: "example.com" } },
    "trackingDomains[1].dns sets both zoneId and zoneName: keep only one of them",
  ),
  second(
    "an empty zoneId",
    { dns: { ...cloudflare, zoneId: "" } },
    'trackingDomains[1].dns.zoneId must not be empty: set it to a zone id, or a zone name such as "example.com"',
  ),
  second(
    "a negative Route53 TTL",
    { dns: { ...route53, ttl: -1 } },
    "trackingDomains[1].dns.ttl must be at least 0",
  ),
  second(
    "a Route53 TTL as a string",
    { dns: { ...route53, ttl: "300" } },
    "trackingDomains[1].dns.ttl must be a whole number",
  ),
  second(
    "a Cloudflare TTL of 0",
    { dns: { ...cloudflare, ttl: 0 } },
    `trackingDomains[1].dns.ttl ${CLOUDFLARE_TTL}`,
  ),
  second(
    "a Cloudflare TTL above a day",
    { dns: { ...cloudflare, ttl: 90000 } },
    `trackingDomains[1].dns.ttl ${CLOUDFLARE_TTL}`,
  ),
  second(
    "proxied as a string",
    { dns: { ...cloudflare, proxied: "yes" } },
    "trackingDomains[1].dns.proxied must be true or false",
  ),
  second(
    "allowOverwrite as a string",
    { dns: { ...route53, allowOverwrite: "no" } },
    "trackingDomains[1].dns.allowOverwrite must be true or false",
  ),
  second(
    "a proxied record with TTL 300",
    { dns: { ...cloudflare, proxied: true, ttl: 300 } },
    "trackingDomains[1].dns.ttl must be 1 (automatic) or unset when dns.proxied is true",
  ),
  second(
    "a proxied record with TTL 86400",
    { dns: { ...cloudflare, zoneName: "example.com", ttl: 86400, proxied: true } },
    "trackingDomains[1].dns.ttl must be 1 (automatic) or unset when dns.proxied is true",
  ),
  second(
    "a zone name that is a URL",
    { dns: { ...route53, zoneName: "https://example.com" } },
    'trackingDomains[1].dns.zoneName must be a bare hostname such as "track.example.com", without "https://"',
  ),
  second(
    "a zone name that is a single label",
    { dns: { ...cloudflare, zoneName: "example" } },
    'trackingDomains[1].dns.zoneName must be a fully qualified hostname such as "track.example.com", not the single label "example"',
  ),

  // verification
  second(
    "a timeout of 0",
    { verification: { timeoutSeconds: 0 } },
    "trackingDomains[1].verification.timeoutSeconds must be at least 1",
  ),
  second(
    "a timeout above a day",
    { verification: { timeoutSeconds: 86401 } },
    "trackingDomains[1].verification.timeoutSeconds must be at most 86400",
  ),
  second(
    "a fractional timeout",
    { verification: { timeoutSeconds: 1.5 } },
    "trackingDomains[1].verification.timeoutSeconds must be a whole number",
  ),
  second(
    "a timeout as a string",
    { verification: { timeoutSeconds: "60" } },
    "trackingDomains[1].verification.timeoutSeconds must be a whole number",
  ),
  second(
    "an unknown preflight",
    { verification: { preflight: "dig" } },
    'trackingDomains[1].verification.preflight must be one of "authoritative", "resolver", "off"',
  ),
  second(
    "a misspelled verification setting",
    { verification: { nameserver: ["192.0.2.53"] } },
    "trackingDomains[1].verification.nameserver is not a known setting: remove it or correct its name (known: timeoutSeconds, preflight, nameservers)",
  ),
  second(
    "an empty nameserver list",
    { verification: { nameservers: [] } },
    "trackingDomains[1].verification.nameservers must list at least 1 item, or be left out",
  ),
  second(
    "a nameserver not a string",
    { verification: { nameservers: [53] } },
    `trackingDomains[1].verification.nameservers[0] ${NAMESERVER}`,
  ),
  second(
    "an empty nameserver",
    { verification: { nameservers: [""] } },
    `trackingDomains[1].verification.nameservers[0] must not be empty: set it to an IP address with an optional port, such as "127.0.0.1:5353"`,
  ),
  second(
    "a hostname as nameserver",
    { verification: { nameservers: ["192.0.2.53", "ns1.example.com"] } },
    `trackingDomains[1].verification.nameservers[1] ${CHECKED_NAMESERVER}, not "ns1.example.com"`,
  ),
  second(
    "a nameserver with a port too high",
    { verification: { nameservers: ["192.0.2.53:65536"] } },
    `trackingDomains[1].verification.nameservers[0] ${CHECKED_NAMESERVER}, not "192.0.2.53:65536"`,
  ),
  second(
    "nameservers as a string",
    { verification: { nameservers: "192.0.2.53" } },
    'trackingDomains[1].verification.nameservers must be a list of IP addresses with an optional port, such as ["127.0.0.1:5353"]',
  ),
];
