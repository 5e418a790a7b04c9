/**
 * A tracking domain in SparkPost EU, owned by a subaccount and made that subaccount's default.
 * DNS is handled outside Pulumi (`manual`): preview shows the CNAME to create, and `up` waits
 * for it before SparkPost verifies the domain.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();

const tracking = new CustomTrackingDomain("tracking", {
  domain: config.require("trackingDomain"),
  dns: { provider: "manual" },
  subaccountId: config.requireNumber("subaccountId"),
  default: true,
  sendingDomains: config.requireObject<string[]>("sendingDomains"),
  // Time to create the record by hand while `up` waits; the preflight then sees it first.
  verification: { timeoutSeconds: 3600, preflight: "resolver" },
});

/** The CNAME to create at your DNS host: name, type and value (eu.v2.spgo.io). */
export const dnsRecord = tracking.dnsRecord;
export const verified = tracking.verified;
