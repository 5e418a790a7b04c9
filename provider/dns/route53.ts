/**
 * The tracking domain's CNAME as an AWS Route53 record (`@pulumi/aws`).
 */
import * as pulumi from "@pulumi/pulumi";
import { parentDomain } from "./hostname";
import { loadOptionalPackage } from "./optionalPackage";
import type { TrackingDnsRecord } from "./record";

/** Route53 accepts any TTL a DNS message can carry: 0 to 2^31 - 1 seconds. */
export const ROUTE53_TTL_RANGE = { min: 0, max: 2147483647 } as const;

/** The TTL of the records this package writes unless told otherwise: 5 minutes. */
export const DEFAULT_RECORD_TTL_SECONDS = 300;

/** Write the CNAME into an AWS Route53 hosted zone. */
export interface Route53DnsArgs {
  provider: "route53";
  /**
   * The hosted zone's id (e.g. `Z0123456789ABCDEFGHIJ`). Mutually exclusive with `zoneName`.
   * Changing it moves the record to another zone (Route53 replaces it).
   * @default looked up by name: `zoneName`, else the tracking domain's parent domain
   */
  zoneId?: pulumi.Input<string>;
  /**
   * The hosted zone's name, looked up with `aws.route53.getZone`. Set it when the zone is not one
   * label up from the tracking domain (for `track.mail.example.com` in zone `example.com`).
   * Mutually exclusive with `zoneId`.
   * @default the tracking domain's parent domain: "example.com" for "track.example.com"
   */
  zoneName?: pulumi.Input<string>;
  /**
   * The record's TTL in seconds, 0 to 2147483647 (Route53's own limits).
   * @default 300
   */
  ttl?: pulumi.Input<number>;
  /**
   * Take over a CNAME that already exists at the tracking domain instead of failing. Use it to
   * bring a hand-made record under management; Route53 then overwrites its value.
   * @default false
   */
  allowOverwrite?: pulumi.Input<boolean>;
}

/** `@pulumi/aws`, which dns.provider "route53" needs. @internal */
export function loadAws(): typeof import("@pulumi/aws") {
  return loadOptionalPackage<typeof import("@pulumi/aws")>({
    name: "@pulumi/aws",
    dnsProvider: "route53",
  });
}

/**
 * The hosted zone of `record`: `dns.zoneId`, or looked up by `dns.zoneName` (default: the
 * tracking domain's parent) with the parent and provider of `opts`, the records' options.
 * @internal
 */
export function route53ZoneId(
  dns: Route53DnsArgs,
  record: pulumi.Output<TrackingDnsRecord>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Input<string> {
  return (
    dns.zoneId ??
    loadAws().route53.getZoneOutput(
      { name: dns.zoneName ?? record.apply((value) => parentDomain(value.name)) },
      { parent: opts.parent, provider: opts.provider },
    ).zoneId
  );
}

/**
 * Creates `resourceName`, the Route53 record for `record`. `opts` are the record's resource
 * options (parent included); the zone lookup runs with the same parent and provider, so a
 * record in another AWS account is looked up in that account too. Typed as a plain
 * CustomResource so that the package's declarations never require `@pulumi/aws`.
 * @internal
 */
export function route53CnameRecord(
  resourceName: string,
  dns: Route53DnsArgs,
  record: pulumi.Output<TrackingDnsRecord>,
  opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
  const aws = loadAws();
  const zoneId = route53ZoneId(dns, record, opts);
  return new aws.route53.Record(
    resourceName,
    {
      zoneId,
      name: record.name,
      type: "CNAME",
      ttl: dns.ttl ?? DEFAULT_RECORD_TTL_SECONDS,
      records: [record.value],
      allowOverwrite: dns.allowOverwrite ?? false,
    },
    opts,
  );
}
