/**
 * CustomTrackingDomain, the one-declaration way to set up a SparkPost custom tracking domain.
 * The implementation lives in ./component/; this module names what the package exports.
 */
export { CustomTrackingDomain } from "./component/customTrackingDomain";
export type { TrackingDnsRecordResource } from "./component/customTrackingDomain";
export type {
  CustomTrackingDomainArgs,
  CustomTrackingDomainDnsArgs,
  CustomTrackingDomainVerificationArgs,
} from "./component/args";
export type { Route53DnsArgs } from "./dns/route53";
export type { CloudflareDnsArgs } from "./dns/cloudflare";
export type { ManualDnsArgs } from "./dns/manual";
export type {
  CloudflareProxyHttpsArgs,
  CloudflareSslModeHandling,
  CloudFrontHttpsArgs,
  CloudFrontPriceClass,
  CustomTrackingDomainHttpsArgs,
  ManagedHttpsArgs,
} from "./https/args";
export type { TrackingDnsRecord } from "./dns/record";
