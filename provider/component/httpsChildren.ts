/**
 * What `https` changes in the component: the tracking domain's `secure`, the DNS side (a proxied
 * Cloudflare record and its zone's SSL/TLS mode, or CloudFront in front of SparkPost), how the
 * verification looks at DNS and over which protocol, and SparkPost's managed certificate.
 */
import * as pulumi from "@pulumi/pulumi";
import { cloudflareCnameRecord, cloudflareZoneId, type CloudflareDnsArgs } from "../dns/cloudflare";
import type { TrackingDnsRecord } from "../dns/record";
import type { Route53DnsArgs } from "../dns/route53";
import { currentSslMode, setSslMode } from "../https/cloudflareProxy";
import { cloudFrontTracking } from "../https/cloudfront";
import { TrackingDomainCertificate } from "../resources/trackingDomainCertificate";
import type { TrackingDomainVerification } from "../resources/trackingDomainVerification";
import type { CustomTrackingDomainArgs } from "./args";

/** The parts of the component that depend on `https`, decided before the tracking domain. */
export interface HttpsPlan {
  /** The TrackingDomain's `secure`. */
  secure: pulumi.Input<boolean> | undefined;
  /** The TrackingDomain's `managedCertificate`. */
  managedCertificate?: true;
  /** The verification's `proxied`: the name answers with a CDN's addresses, not a CNAME. */
  proxied: pulumi.Input<boolean> | undefined;
  /**
   * Whether SparkPost verifies the domain over HTTPS. A managed certificate needs a verified
   * domain first, so the verification runs over HTTP (the certificate turns `secure` on later).
   */
  verifiesOverHttps: pulumi.Input<boolean | undefined>;
  /** Cloudflare proxy: the zone id, looked up once for the record and the SSL/TLS mode. */
  cloudflareZoneId?: pulumi.Input<string>;
  /** Cloudflare proxy with `sslMode: "check"`: the zone's mode, which the verification checks. */
  cloudflareSslMode?: pulumi.Input<string>;
}

/**
 * Decides the plan; with `https.mode "cloudflare-proxy"` it also looks the zone up, and reads its
 * SSL/TLS mode for the verification to check. `dnsOptions` are the DNS resources' options.
 */
export function planHttps(
  args: CustomTrackingDomainArgs,
  record: pulumi.Output<TrackingDnsRecord>,
  dnsOptions: pulumi.CustomResourceOptions,
): HttpsPlan {
  const dnsProxied = args.dns.provider === "cloudflare" ? (args.dns.proxied ?? false) : undefined;
  switch (args.https?.mode) {
    case undefined:
      return { secure: args.secure, proxied: dnsProxied, verifiesOverHttps: args.secure };
    case "managed":
      return {
        secure: true,
        managedCertificate: true,
        proxied: dnsProxied,
        verifiesOverHttps: false,
      };
    case "cloudfront":
      // The domain is an alias to the distribution: DNS answers with CloudFront's addresses.
      return { secure: true, proxied: true, verifiesOverHttps: true };
    case "cloudflare-proxy": {
      const https = args.https;
      const zoneId = cloudflareZoneId(args.dns as CloudflareDnsArgs, record, dnsOptions);
      const sslMode = https.sslMode ?? "check";
      return {
        secure: true,
        proxied: true,
        verifiesOverHttps: true,
        cloudflareZoneId: zoneId,
        // The verification's check refuses a zone in another mode, at preview already.
        cloudflareSslMode: sslMode === "check" ? currentSslMode(zoneId, dnsOptions) : undefined,
      };
    }
  }
}

/** What the DNS side declared: the record the domain resolves through, and what to wait for. */
export interface HttpsDnsSide {
  record: pulumi.CustomResource;
  /** Everything the verification must wait for besides the record. */
  alsoWaitFor: pulumi.CustomResource[];
}

/**
 * The DNS side of a CDN mode: the proxied Cloudflare record, or CloudFront and its alias record.
 * Undefined for the other modes, which write the plain CNAME. `recordOptions` wait for the
 * tracking domain, so that a refused domain makes nothing in DNS or at the CDN.
 */
export function declareHttpsDnsSide(
  name: string,
  args: CustomTrackingDomainArgs,
  plan: HttpsPlan,
  record: pulumi.Output<TrackingDnsRecord>,
  recordOptions: pulumi.CustomResourceOptions,
): HttpsDnsSide | undefined {
  switch (args.https?.mode) {
    case "cloudflare-proxy": {
      const zoneId = plan.cloudflareZoneId!;
      const sslSetting =
        args.https.sslMode === "set"
          ? setSslMode(`${name}-ssl-mode`, zoneId, recordOptions)
          : undefined;
      const dns = {
        ...(args.dns as CloudflareDnsArgs),
        zoneId,
        proxied: true,
      };
      return {
        record: cloudflareCnameRecord(`${name}-cname`, dns, record, recordOptions),
        alsoWaitFor: sslSetting ? [sslSetting] : [],
      };
    }
    case "cloudfront": {
      const https = args.https;
      const front = cloudFrontTracking(
        name,
        args.dns as Route53DnsArgs,
        https,
        record,
        recordOptions,
      );
      return { record: front.alias, alsoWaitFor: [front.distribution] };
    }
    default:
      return undefined;
  }
}

/**
 * SparkPost's managed certificate, after the verification, with `https.mode "managed"`;
 * undefined otherwise.
 */
export function declareManagedCertificate(
  name: string,
  args: CustomTrackingDomainArgs,
  domain: pulumi.Input<string>,
  cnameTarget: pulumi.Input<string>,
  verification: TrackingDomainVerification,
  parent: pulumi.Resource,
): TrackingDomainCertificate | undefined {
  if (args.https?.mode !== "managed") return undefined;
  return new TrackingDomainCertificate(
    `${name}-certificate`,
    {
      domain,
      subaccountId: args.subaccountId,
      account: args.account,
      acknowledgeIrreversible: args.https.acknowledgeIrreversible,
      cnameTarget,
      timeoutSeconds: args.https.timeoutSeconds,
    },
    { parent, dependsOn: [verification] },
  );
}
