/**
 * The root program: SparkPost custom tracking domains from stack configuration alone, for GitOps
 * repositories with no code to write. Each entry of the project key `trackingDomains` becomes one
 * CustomTrackingDomain; see program/README.md for the configuration and the sandbox stack.
 */
import "../provider/supportedNode";
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "../provider";
import { normalizeHostname } from "../provider/dns/hostname";
import { readTrackingDomains } from "./config";
import { resourceNameFor } from "./resourceName";
import { summarize, TrackingDomainSummary } from "./summary";

const entries = readTrackingDomains(new pulumi.Config());

/**
 * One summary per tracking domain, keyed by the domain (lowercase): its `dnsRecord`, whether it is
 * `verified`, whether it `isDefault`, and its `linkedSendingDomains`.
 */
export const trackingDomains: Record<string, TrackingDomainSummary> = Object.fromEntries(
  entries.map((entry) => {
    const component = new CustomTrackingDomain(resourceNameFor(entry.domain), entry);
    return [normalizeHostname(entry.domain), summarize(component)];
  }),
);
