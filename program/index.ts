/**
 * The root program: SparkPost custom tracking domains from stack configuration alone, for GitOps
 * repositories with no code to write. Each entry of the project key `trackingDomains` becomes one
 * CustomTrackingDomain; see program/README.md for the configuration and the sandbox stack.
 */
import "../provider/supportedNode";
import { rootProgram } from "./rootProgram";
import type { TrackingDomainSummary } from "./summary";

/**
 * One summary per tracking domain, keyed by the domain (lowercase): its `dnsRecord`, whether it is
 * `verified`, whether it `isDefault`, and its `linkedSendingDomains`.
 */
export const trackingDomains: Record<string, TrackingDomainSummary> = rootProgram().trackingDomains;
