/**
 * HTTPS tracked links with SparkPost's managed certificate: SparkPost asks Let's Encrypt for the
 * domain's certificate once the domain is verified, serves it and renews it. No CDN, no cost, but
 * it cannot be undone: only deleting the tracking domain removes the certificate.
 *
 * DNS is manual here (create the CNAME from the `dnsRecord` output while `up` waits); with the
 * Route53 or (unproxied) Cloudflare DNS provider the record is written for you, and nothing else
 * changes.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();

const tracking = new CustomTrackingDomain("tracking", {
  domain: config.require("trackingDomain"),
  dns: { provider: "manual" },
  https: {
    mode: "managed",
    // Enabling SparkPost's managed certificate cannot be undone: say so, once, here.
    acknowledgeIrreversible: true,
    timeoutSeconds: config.getNumber("certificateTimeoutSeconds") ?? 1800,
  },
  default: true,
  sendingDomains: config.requireObject<string[]>("sendingDomains"),
  verification: { timeoutSeconds: 3600 },
});

/** The CNAME to create at your DNS host: it must point at SparkPost's v2 endpoint. */
export const dnsRecord = tracking.dnsRecord;
export const verified = tracking.verified;
/** "valid" once SparkPost serves the domain's certificate. */
export const tlsStatus = tracking.certificate!.tlsStatus;
export const certificateExpiresAt = tracking.certificate!.expiresAt;
