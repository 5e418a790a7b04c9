import * as pulumi from "@pulumi/pulumi";
import type { CustomTrackingDomain, TrackingDnsRecord } from "../provider";

/** What the stack exports for one tracking domain. */
export interface TrackingDomainSummary {
  /** The CNAME the domain needs; known at preview, so create it by hand with `dns: manual`. */
  dnsRecord: pulumi.Output<TrackingDnsRecord>;
  /** Whether SparkPost verified the domain. */
  verified: pulumi.Output<boolean>;
  /** Whether this stack makes it the default tracking domain of its account or subaccount. */
  isDefault: boolean;
  /** The sending domains this stack links to it, as their links report them. */
  linkedSendingDomains: pulumi.Output<string[]>;
}

/** The exported summary of `component`. */
export function summarize(component: CustomTrackingDomain): TrackingDomainSummary {
  return {
    dnsRecord: component.dnsRecord,
    verified: component.verified,
    isDefault: component.defaultDomain !== undefined,
    linkedSendingDomains: pulumi.all(component.links.map((link) => link.sendingDomain)),
  };
}
