/**
 * Construction-time checks of the `dns` argument: the values the program already knows, so a
 * mistake stops `pulumi preview` before any resource is planned.
 */
import { CLOUDFLARE_AUTOMATIC_TTL, CLOUDFLARE_TTL_RANGE } from "../dns/cloudflare";
import { hostnameProblem } from "../dns/hostname";
import { ROUTE53_TTL_RANGE } from "../dns/route53";
import { booleanProblem, isWholeNumberIn } from "../resources/inputChecker";
import { CustomTrackingDomainDnsArgs, DNS_PROVIDERS } from "./args";
import { describeValue, failProperty, isPlain, isSetAndPlain } from "./plainValues";

type DnsProvider = CustomTrackingDomainDnsArgs["provider"];

/** Settings that belong to another DNS provider, with what to do when they appear. */
const FOREIGN_SETTINGS: Readonly<Record<DnsProvider, Readonly<Record<string, string>>>> = {
  route53: {
    proxied: `is a Cloudflare setting and Route53 has no proxy: remove it, or use dns.provider "cloudflare".`,
  },
  cloudflare: {
    allowOverwrite: `is a Route53 setting: remove it; with Cloudflare, delete the existing record or import it first.`,
  },
  manual: Object.fromEntries(
    ["zoneId", "zoneName", "ttl", "proxied", "allowOverwrite"].map((key) => [
      key,
      `has no effect with dns.provider "manual", which writes no record: remove it, or use "route53" or "cloudflare".`,
    ]),
  ),
};

const PROVIDER_CHOICES = DNS_PROVIDERS.map((provider) => `"${provider}"`).join(", ");

/** Throws an InputPropertyError for the first problem in `dns`. */
export function validateDns(dns: unknown): void {
  if (typeof dns !== "object" || dns === null || !isPlain(dns)) {
    failProperty(
      "dns",
      `dns is required: set it to { provider: "route53" }, { provider: "cloudflare" } or { provider: "manual" }, not ${describeValue(dns)}.`,
    );
  }
  const settings = dns as Record<string, unknown>;
  const provider = settings.provider;
  if (!DNS_PROVIDERS.includes(provider as DnsProvider)) {
    failProperty(
      "dns.provider",
      `dns.provider must be one of ${PROVIDER_CHOICES} as a plain string, not ${describeValue(provider)}.`,
    );
  }
  const foreign = FOREIGN_SETTINGS[provider as DnsProvider];
  for (const key of Object.keys(foreign)) {
    if (settings[key] !== undefined) failProperty(`dns.${key}`, `dns.${key} ${foreign[key]}`);
  }
  if (settings.zoneId !== undefined && settings.zoneName !== undefined) {
    failProperty(
      "dns.zoneName",
      "dns.zoneId and dns.zoneName are mutually exclusive: give the zone's id, or its name to look it up, not both.",
    );
  }
  if (provider === "manual") return;
  validateZoneId(settings.zoneId);
  validateZoneName(settings.zoneName);
  if (provider === "route53") {
    validateRoute53Ttl(settings.ttl);
    validateBoolean("dns.allowOverwrite", settings.allowOverwrite);
  }
  if (provider === "cloudflare") validateCloudflareSettings(settings.ttl, settings.proxied);
}

function validateBoolean(propertyPath: string, value: unknown): void {
  if (!isSetAndPlain(value)) return;
  const problem = booleanProblem(value);
  if (problem !== undefined) failProperty(propertyPath, `${propertyPath} ${problem}.`);
}

function validateZoneId(zoneId: unknown): void {
  if (!isSetAndPlain(zoneId)) return;
  if (typeof zoneId !== "string") {
    failProperty(
      "dns.zoneId",
      `dns.zoneId must be the zone's id as a string, not ${describeValue(zoneId)}.`,
    );
  }
  if (zoneId.trim() === "") {
    failProperty(
      "dns.zoneId",
      "dns.zoneId must not be empty: set it to the zone's id, or leave it unset to look the zone up by name.",
    );
  }
}

/** A zone is looked up by this name: an empty or malformed one can only find nothing. */
function validateZoneName(zoneName: unknown): void {
  if (!isSetAndPlain(zoneName)) return;
  if (typeof zoneName !== "string") {
    failProperty(
      "dns.zoneName",
      `dns.zoneName must be a zone name such as "example.com", not ${describeValue(zoneName)}.`,
    );
  }
  if (zoneName.trim() === "") {
    failProperty(
      "dns.zoneName",
      `dns.zoneName must not be empty: set it to the zone's name, such as "example.com", or leave it unset to use the domain's parent.`,
    );
  }
  const problem = hostnameProblem(zoneName);
  if (problem !== undefined) failProperty("dns.zoneName", `dns.zoneName ${problem}`);
}

function validateRoute53Ttl(ttl: unknown): void {
  if (ttl === undefined || !isPlain(ttl)) return;
  const { min, max } = ROUTE53_TTL_RANGE;
  if (!isWholeNumberIn(ttl, min, max)) {
    failProperty(
      "dns.ttl",
      `dns.ttl must be a whole number of seconds from ${min} to ${max} (Route53's limits), not ${describeValue(ttl)}.`,
    );
  }
}

function validateCloudflareSettings(ttl: unknown, proxied: unknown): void {
  validateBoolean("dns.proxied", proxied);
  if (ttl === undefined || !isPlain(ttl)) return;
  if (proxied === true && ttl !== CLOUDFLARE_AUTOMATIC_TTL) {
    failProperty(
      "dns.ttl",
      `dns.ttl must be 1 (automatic) or unset when dns.proxied is true: Cloudflare always gives proxied records the automatic TTL, so ${describeValue(ttl)} would show as a change on every refresh.`,
    );
  }
  const { min, max } = CLOUDFLARE_TTL_RANGE;
  if (ttl !== CLOUDFLARE_AUTOMATIC_TTL && !isWholeNumberIn(ttl, min, max)) {
    failProperty(
      "dns.ttl",
      `dns.ttl must be 1 (automatic) or a whole number of seconds from ${min} to ${max} (Cloudflare's limits), not ${describeValue(ttl)}.`,
    );
  }
}
