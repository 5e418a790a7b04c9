/**
 * Takes over a tracking domain that was set up by hand: the SparkPost domain is adopted instead
 * of created (Pulumi's `import` does not work for dynamic resources), the existing CNAME in
 * Route53 is overwritten with the same value, and the domain keeps its current CNAME target.
 * Everything is protected, so a `pulumi destroy` cannot delete the domain links depend on.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();

const tracking = new CustomTrackingDomain(
  "tracking",
  {
    domain: config.require("trackingDomain"),
    adopt: true,
    // Adopting sets `secure` to this value: match what the domain has today.
    secure: config.requireBoolean("secure"),
    // Keep the record's current value: a domain created before December 2025 points at spgo.io.
    cnameTarget: config.require("cnameTarget"),
    dns: { provider: "route53", allowOverwrite: true },
  },
  // Inherited by every child: destroy and replacements stop with an error instead of deleting.
  { protect: true },
);

/** The CNAME, as it already is in Route53. */
export const dnsRecord = tracking.dnsRecord;
export const verified = tracking.verified;
