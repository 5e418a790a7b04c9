/**
 * The root program's body, as a function: each entry of the project key `trackingDomains` becomes
 * one CustomTrackingDomain. program/index.ts runs it once at load (the nodejs language host's way);
 * Automation API inline programs call it on every run of one process (the real-engine tests,
 * `npm run sandbox:up`), which a module that does its work at load cannot serve.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "../provider";
import { normalizeHostname } from "../provider/dns/hostname";
import { readTrackingDomains } from "./config";
import { resourceNameFor } from "./resourceName";
import { summarize, TrackingDomainSummary } from "./summary";

/** What the root program exports as stack outputs. */
export interface RootProgramOutputs {
  /**
   * One summary per tracking domain, keyed by the domain (lowercase): its `dnsRecord`, whether it
   * is `verified`, whether it `isDefault`, and its `linkedSendingDomains`.
   */
  trackingDomains: Record<string, TrackingDomainSummary>;
}

/**
 * Declares the stack's tracking domains from its configuration and returns the stack outputs.
 * @throws StackConfigError listing every problem of the configuration, before declaring anything.
 */
export function rootProgram(): RootProgramOutputs {
  const entries = readTrackingDomains(new pulumi.Config());
  return {
    trackingDomains: Object.fromEntries(
      entries.map(({ protect, retainOnDelete, ...args }) => {
        // Resource options, which the children inherit: the engine neither deletes nor replaces a
        // protected resource, and forgets a retained one instead of deleting it.
        const component = new CustomTrackingDomain(resourceNameFor(args.domain), args, {
          protect,
          retainOnDelete,
        });
        return [normalizeHostname(args.domain), summarize(component)];
      }),
    ),
  };
}
