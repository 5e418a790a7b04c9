/**
 * Bad `dns` arguments of the CustomTrackingDomain component: which provider, which of its
 * settings, and the limits each DNS service puts on a TTL.
 */
import { ComponentCase, route53, spoil } from "./componentCases";

const cloudflare = { provider: "cloudflare" };
const manual = { provider: "manual" };
const CLOUDFLARE_TTL =
  "must be 1 (automatic) or a whole number of seconds from 30 to 86400 (Cloudflare's limits)";

export const COMPONENT_DNS_CASES: readonly ComponentCase[] = [
  spoil(
    "dns as null",
    { dns: null },
    "dns",
    'dns is required: set it to { provider: "route53" }, { provider: "cloudflare" } or { provider: "manual" }, not null.',
  ),
  spoil(
    "dns as a provider name",
    { dns: "route53" },
    "dns",
    'dns is required: set it to { provider: "route53" }, { provider: "cloudflare" } or { provider: "manual" }, not "route53".',
  ),
  spoil(
    "dns without provider",
    { dns: { zoneName: "example.com" } },
    "dns.provider",
    'dns.provider must be one of "route53", "cloudflare", "manual" as a plain string, not undefined.',
  ),
  spoil(
    "a provider name in capitals",
    { dns: { provider: "Route53" } },
    "dns.provider",
    'dns.provider must be one of "route53", "cloudflare", "manual" as a plain string, not "Route53".',
  ),
  spoil(
    "a TTL with manual DNS",
    { dns: { ...manual, ttl: 300 } },
    "dns.ttl",
    'dns.ttl has no effect with dns.provider "manual", which writes no record: remove it, or use "route53" or "cloudflare".',
  ),
  spoil(
    "a zone id with manual DNS",
    { dns: { ...manual, zoneId: "Z1" } },
    "dns.zoneId",
    'dns.zoneId has no effect with dns.provider "manual", which writes no record: remove it, or use "route53" or "cloudflare".',
  ),
  spoil(
    "allowOverwrite with manual DNS",
    { dns: { ...manual, allowOverwrite: true } },
    "dns.allowOverwrite",
    'dns.allowOverwrite has no effect with dns.provider "manual", which writes no record: remove it, or use "route53" or "cloudflare".',
  ),
  spoil(
    "proxied: false with Route53",
    { dns: { ...route53, proxied: false } },
    "dns.proxied",
    'dns.proxied is a Cloudflare setting and Route53 has no proxy: remove it, or use dns.provider "cloudflare".',
  ),
  spoil(
    "allowOverwrite: false with Cloudflare",
    { dns: { ...cloudflare, allowOverwrite: false } },
    "dns.allowOverwrite",
    "dns.allowOverwrite is a Route53 setting: remove it; with Cloudflare, delete the existing record or import it first.",
  ),
  spoil(
    "zoneId with zoneName on Route53",
    { dns: { ...route53, zoneId: "Z0123456789", zoneName: "example.com" } },
    "dns.zoneName",
    "dns.zoneId and dns.zoneName are mutually exclusive: give the zone's id, or its name to look it up, not both.",
  ),
  spoil(
    "a Route53 TTL above its range",
    { dns: { ...route53, ttl: 2147483648 } },
    "dns.ttl",
    "dns.ttl must be a whole number of seconds from 0 to 2147483647 (Route53's limits), not 2147483648.",
  ),
  spoil(
    "a Route53 TTL as a string",
    { dns: { ...route53, ttl: "300" } },
    "dns.ttl",
    'dns.ttl must be a whole number of seconds from 0 to 2147483647 (Route53\'s limits), not "300".',
  ),
  spoil(
    "a Cloudflare TTL of 0",
    { dns: { ...cloudflare, ttl: 0 } },
    "dns.ttl",
    `dns.ttl ${CLOUDFLARE_TTL}, not 0.`,
  ),
  spoil(
    "a Cloudflare TTL of 29",
    { dns: { ...cloudflare, ttl: 29 } },
    "dns.ttl",
    `dns.ttl ${CLOUDFLARE_TTL}, not 29.`,
  ),
  spoil(
    "a fractional Cloudflare TTL",
    { dns: { ...cloudflare, ttl: 60.5 } },
    "dns.ttl",
    `dns.ttl ${CLOUDFLARE_TTL}, not 60.5.`,
  ),
  spoil(
    "a proxied record with TTL 60",
    { dns: { ...cloudflare, proxied: true, ttl: 60 } },
    "dns.ttl",
    "dns.ttl must be 1 (automatic) or unset when dns.proxied is true: Cloudflare always gives proxied records the automatic TTL, so 60 would show as a change on every refresh.",
  ),
  spoil(
    "proxied as a string",
    { dns: { ...cloudflare, proxied: "true" } },
    "dns.proxied",
    'dns.proxied must be true or false, not "true".',
  ),
  spoil(
    "an empty zone name",
    { dns: { ...route53, zoneName: "" } },
    "dns.zoneName",
    "dns.zoneName must not be empty: set it to the zone's name, such as \"example.com\", or leave it unset to use the domain's parent.",
  ),
  spoil(
    "a blank zone name on Cloudflare",
    { dns: { ...cloudflare, zoneName: "  " } },
    "dns.zoneName",
    "dns.zoneName must not be empty: set it to the zone's name, such as \"example.com\", or leave it unset to use the domain's parent.",
  ),
  spoil(
    "a URL as zone name",
    { dns: { ...route53, zoneName: "https://example.com" } },
    "dns.zoneName",
    'dns.zoneName must be a bare hostname such as "track.example.com", without "https://"',
  ),
  spoil(
    "a zone name with a hidden character",
    { dns: { ...cloudflare, zoneName: "exa\u00admple.com" } },
    "dns.zoneName",
    'dns.zoneName must not contain invisible characters, but "exa\\u00admple.com" contains "\\u00ad"',
  ),
  spoil(
    "a number as zone name",
    { dns: { ...route53, zoneName: 42 } },
    "dns.zoneName",
    'dns.zoneName must be a zone name such as "example.com", not 42.',
  ),
  spoil(
    "an empty zone id",
    { dns: { ...cloudflare, zoneId: "" } },
    "dns.zoneId",
    "dns.zoneId must not be empty: set it to the zone's id, or leave it unset to look the zone up by name.",
  ),
  spoil(
    "a number as zone id",
    { dns: { ...route53, zoneId: 7 } },
    "dns.zoneId",
    "dns.zoneId must be the zone's id as a string, not 7.",
  ),
  spoil(
    "allowOverwrite as a string",
    { dns: { ...route53, allowOverwrite: "yes" } },
    "dns.allowOverwrite",
    'dns.allowOverwrite must be true or false, not "yes".',
  ),
  spoil(
    "allowOverwrite as a number",
    { dns: { ...route53, allowOverwrite: 1 } },
    "dns.allowOverwrite",
    "dns.allowOverwrite must be true or false, not 1.",
  ),
];
