/**
 * One entry of the `trackingDomains` stack configuration, as stackConfig.schema.json describes it:
 * the plain-value arguments of one CustomTrackingDomain (the schema and this type change together).
 */

/** `dns` of an entry: where the CNAME goes. */
export type TrackingDomainEntryDns =
  | {
      provider: "route53";
      zoneId?: string;
      zoneName?: string;
      ttl?: number;
      allowOverwrite?: boolean;
    }
  | { provider: "cloudflare"; zoneId?: string; zoneName?: string; ttl?: number; proxied?: boolean }
  | { provider: "manual" };

/** `verification` of an entry: how `pulumi up` waits for SparkPost to verify the domain. */
export interface TrackingDomainEntryVerification {
  timeoutSeconds?: number;
  preflight?: "authoritative" | "resolver" | "off";
  nameservers?: string[];
}

/** `https` of an entry: how tracked links are served over HTTPS (see CustomTrackingDomainArgs). */
export type TrackingDomainEntryHttps =
  | { mode: "managed"; acknowledgeIrreversible: true; timeoutSeconds?: number }
  | { mode: "cloudflare-proxy"; sslMode?: "check" | "set" | "skip" }
  | { mode: "cloudfront"; priceClass?: "PriceClass_All" | "PriceClass_200" | "PriceClass_100" };

/** One tracking domain of the stack; see CustomTrackingDomainArgs for what each field does. */
export interface TrackingDomainEntry {
  domain: string;
  dns: TrackingDomainEntryDns;
  secure?: boolean;
  default?: boolean;
  subaccountId?: number;
  /** A named account of `sparkpost:accounts`; unset: the unnamed connection. */
  account?: string;
  sendingDomains?: string[];
  verification?: TrackingDomainEntryVerification;
  adopt?: boolean;
  cnameTarget?: string;
  https?: TrackingDomainEntryHttps;
  /**
   * Pulumi's `protect` for the entry's component and everything in it: `pulumi destroy`, and an
   * `up` that would delete or replace them, fail instead. Not an argument of the component.
   */
  protect?: boolean;
  /**
   * Pulumi's `retainOnDelete` for the component and everything in it: deleting them (destroy, or
   * the entry taken off the list) only forgets them, leaving SparkPost and DNS as they are.
   */
  retainOnDelete?: boolean;
}
