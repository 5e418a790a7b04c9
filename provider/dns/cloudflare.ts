/**
 * The tracking domain's CNAME as a Cloudflare DNS record (`@pulumi/cloudflare` 6).
 */
import * as pulumi from "@pulumi/pulumi";
import { parentDomain } from "./hostname";
import { loadOptionalPackage } from "./optionalPackage";
import type { TrackingDnsRecord } from "./record";
import { DEFAULT_RECORD_TTL_SECONDS } from "./route53";

/** Cloudflare's TTL 1 means "automatic"; it is the only TTL a proxied record can have. */
export const CLOUDFLARE_AUTOMATIC_TTL = 1;

/** Cloudflare's TTL bounds in seconds besides 1 (30 is the Enterprise minimum; others get 60). */
export const CLOUDFLARE_TTL_RANGE = { min: 30, max: 86400 } as const;

/** Write the CNAME into a Cloudflare zone. */
export interface CloudflareDnsArgs {
  provider: "cloudflare";
  /**
   * The zone's id (32 hex characters). Mutually exclusive with `zoneName`. Changing it moves the
   * record to another zone (Cloudflare replaces it).
   * @default looked up by name: `zoneName`, else the tracking domain's parent domain
   */
  zoneId?: pulumi.Input<string>;
  /**
   * The zone's name, looked up with `cloudflare.getZone`. Set it when the zone is not one label
   * up from the tracking domain. Mutually exclusive with `zoneId`.
   * @default the tracking domain's parent domain: "example.com" for "track.example.com"
   */
  zoneName?: pulumi.Input<string>;
  /**
   * The record's TTL in seconds: 1 (automatic) or 30 to 86400 (below 60 only on Enterprise
   * zones). A proxied record always has the automatic TTL, so with `proxied: true` leave it unset
   * or set it to 1: any other value would show as a change on every refresh.
   * @default 300, or 1 (automatic) when `proxied` is true
   */
  ttl?: pulumi.Input<number>;
  /**
   * Serve the tracking domain through Cloudflare's proxy (the orange cloud). Public DNS then
   * answers with Cloudflare's addresses instead of the CNAME, so the verification's DNS preflight
   * accepts any address; SparkPost's HTTPS (`secure: true`) then needs Cloudflare's edge
   * certificate to cover the domain.
   * @default false
   */
  proxied?: pulumi.Input<boolean>;
}

/** `@pulumi/cloudflare`, which dns.provider "cloudflare" needs. @internal */
export function loadCloudflare(): typeof import("@pulumi/cloudflare") {
  return loadOptionalPackage<typeof import("@pulumi/cloudflare")>({
    name: "@pulumi/cloudflare",
    dnsProvider: "cloudflare",
  });
}

/**
 * The zone of `record`: `dns.zoneId`, or looked up by `dns.zoneName` (default: the tracking
 * domain's parent) with the parent and provider of `opts`, the record's options.
 * @internal
 */
export function cloudflareZoneId(
  dns: CloudflareDnsArgs,
  record: pulumi.Output<TrackingDnsRecord>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Input<string> {
  return (
    dns.zoneId ??
    loadCloudflare().getZoneOutput(
      { filter: { name: dns.zoneName ?? record.apply((value) => parentDomain(value.name)) } },
      { parent: opts.parent, provider: opts.provider },
    ).zoneId
  );
}

/**
 * Creates `resourceName`, the Cloudflare record for `record`. `opts` are the record's resource
 * options (parent included); the zone lookup runs with the same parent and provider. Typed as a
 * plain CustomResource so that the package's declarations never require `@pulumi/cloudflare`.
 * @internal
 */
export function cloudflareCnameRecord(
  resourceName: string,
  dns: CloudflareDnsArgs,
  record: pulumi.Output<TrackingDnsRecord>,
  opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
  const cloudflare = loadCloudflare();
  const zoneId = cloudflareZoneId(dns, record, opts);
  const proxied = dns.proxied ?? false;
  return new cloudflare.DnsRecord(
    resourceName,
    {
      zoneId,
      name: record.name,
      type: "CNAME",
      content: record.value,
      ttl: dns.ttl ?? defaultTtl(proxied),
      proxied,
    },
    opts,
  );
}

function defaultTtl(proxied: pulumi.Input<boolean>): pulumi.Input<number> {
  return pulumi
    .output(proxied)
    .apply((isProxied) => (isProxied ? CLOUDFLARE_AUTOMATIC_TTL : DEFAULT_RECORD_TTL_SECONDS));
}
