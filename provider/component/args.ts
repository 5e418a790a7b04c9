import type * as pulumi from "@pulumi/pulumi";
import type { CloudflareDnsArgs } from "../dns/cloudflare";
import type { ManualDnsArgs } from "../dns/manual";
import type { Route53DnsArgs } from "../dns/route53";
import type { CustomTrackingDomainHttpsArgs } from "../https/args";

/** Where the CNAME goes; `provider` picks the kind and must be a plain value, not an Input. */
export type CustomTrackingDomainDnsArgs = Route53DnsArgs | CloudflareDnsArgs | ManualDnsArgs;

/** The DNS provider names `dns.provider` accepts, in the order error messages list them. */
export const DNS_PROVIDERS: readonly CustomTrackingDomainDnsArgs["provider"][] = [
  "route53",
  "cloudflare",
  "manual",
];

/** How the component waits for SparkPost to verify the domain (see TrackingDomainVerification). */
export interface CustomTrackingDomainVerificationArgs {
  /**
   * How long `pulumi up` waits for SparkPost to verify the domain, in seconds (1 to 86400).
   * Pulumi's `customTimeouts` never reach dynamic providers, so the wait is bounded here.
   * @default 1800 (30 minutes)
   */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * Where to look for the CNAME before asking SparkPost to verify: `"authoritative"` asks the
   * zone's own nameservers, `"resolver"` the system resolver, `"off"` skips the check.
   * @default "authoritative"
   */
  preflight?: pulumi.Input<"authoritative" | "resolver" | "off">;
  /**
   * DNS servers the preflight asks instead, as "ip" or "ip:port" (split-horizon DNS, tests).
   * @default the zone's nameservers (authoritative) or the system resolvers (resolver)
   */
  nameservers?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface CustomTrackingDomainArgs {
  /**
   * The tracking hostname, such as `track.example.com`: a subdomain of a domain you own (a CNAME
   * cannot sit at a domain's root). Lowercased, trailing dot dropped. Changing it replaces the
   * tracking domain, its DNS record and everything that depends on them.
   */
  domain: pulumi.Input<string>;
  /**
   * Where to write the CNAME: `{ provider: "route53", zoneId? | zoneName?, ttl?, allowOverwrite? }`,
   * `{ provider: "cloudflare", zoneId? | zoneName?, ttl?, proxied? }`, or `{ provider: "manual" }`
   * to create it yourself from the `dnsRecord` output. Changing the provider replaces the record.
   */
  dns: CustomTrackingDomainDnsArgs;
  /**
   * Serve tracked links and the open pixel over HTTPS (port 443) instead of HTTP (port 80).
   * Changes in place.
   * @default false
   */
  secure?: pulumi.Input<boolean>;
  /**
   * Make this domain the default tracking domain of its account (or of `subaccountId`) once it is
   * verified. Only one component per account or subaccount (of each named `account`) may set it:
   * a second one is an error.
   * Must be a plain value, since it decides whether a DefaultTrackingDomain is created.
   * @default false
   */
  default?: boolean;
  /**
   * The SparkPost subaccount owning the domain (and the linked sending domains); unset (or 0) for
   * the primary account. Changing it replaces every SparkPost resource of the component.
   * @default the primary account
   */
  subaccountId?: pulumi.Input<number>;
  /**
   * The named account (`sparkpost:accounts`) that holds the domain, its default and its links: its
   * API key, API and region, which also picks the CNAME target ("eu.v2.spgo.io" for an EU
   * account). Unset: the unnamed connection (`sparkpost:apiKey`, `sparkpost:region`,
   * `sparkpost:apiUrl`). The stack config must have the account. Must be a plain string, since
   * the record a preview shows follows it. Changing it replaces every SparkPost resource of the
   * component (the tracking domain is deleted first) and updates the record's target.
   * @default the unnamed connection
   */
  account?: string;
  /**
   * Existing, verified SparkPost sending domains to link to this tracking domain (one
   * SendingDomainLink each, named `<name>-link-<sendingDomain>`). Plain hostnames, each listed
   * once. Removing one unlinks it; adding one links it.
   * @default none
   */
  sendingDomains?: string[];
  /** How `pulumi up` waits for verification: timeout, DNS preflight mode and nameservers. */
  verification?: CustomTrackingDomainVerificationArgs;
  /**
   * Take over a tracking domain that already exists in SparkPost instead of failing; the way to
   * bring one under management, since Pulumi's `import` does not work for dynamic resources.
   * Every SparkPost child then reads before it writes and writes only what differs: adopting a
   * setup that already matches the program makes no change at all. `secure` left unset keeps the
   * domain's own setting. For the record, combine it with `dns.allowOverwrite` (Route53).
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The CNAME target, instead of the region's: an Enterprise `<tenant>.et.e.sparkpost.com`, or a
   * legacy `spgo.io` / `eu.spgo.io` an adopted domain still points at. Changing it updates the
   * record and verifies the domain again.
   * @default "v2.spgo.io" when the region (`sparkpost:region` or SPARKPOST_REGION, or the named
   * `account`'s) is "us" or unset, "eu.v2.spgo.io" when it is "eu"
   */
  cnameTarget?: pulumi.Input<string>;
  /**
   * Resource options merged into the DNS record (not the SparkPost resources): a specific
   * `aws.Provider` or `cloudflare.Provider` (another account or region; the zone lookup uses it
   * too), `protect`, `deleteBeforeReplace`, extra `dependsOn`... Its `parent` is ignored: the
   * record's parent is always the component.
   * @default none
   */
  dnsResourceOptions?: pulumi.CustomResourceOptions;
  /**
   * Serve tracked links over HTTPS, and choose who holds the certificate:
   * `{ mode: "managed", acknowledgeIrreversible: true, timeoutSeconds? }`: SparkPost's managed
   * certificate (needs a v2 CNAME target; cannot be undone);
   * `{ mode: "cloudflare-proxy", sslMode? }`: Cloudflare's proxy (needs `dns.provider`
   * "cloudflare"; the record is proxied, the zone's SSL/TLS mode must be "Full");
   * `{ mode: "cloudfront", priceClass? }`: an ACM certificate and a CloudFront distribution in
   * front of SparkPost (needs `dns.provider` "route53"; `dnsResourceOptions` apply to every AWS
   * resource). Each mode makes the domain `secure`: leave `secure` unset or true. Must be a plain
   * object with a plain `mode`, since it decides which resources are declared.
   * @default none: plain HTTP, or HTTPS through whatever `secure` and your own setup provide
   */
  https?: CustomTrackingDomainHttpsArgs;
}
