/**
 * HTTPS tracked links through Cloudflare's proxy: the tracking domain's CNAME to SparkPost is
 * proxied (the orange cloud), Cloudflare's edge certificate serves the domain, and Cloudflare
 * reaches SparkPost over HTTPS. The zone's SSL/TLS encryption mode must be "Full": by default it
 * is read and the preview stops when it is anything else; `sslMode: set` sets it for the zone.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain, type CloudflareSslModeHandling } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();

const tracking = new CustomTrackingDomain("tracking", {
  domain: config.require("trackingDomain"),
  dns: { provider: "cloudflare", zoneId: config.require("zoneId") },
  https: {
    mode: "cloudflare-proxy",
    sslMode: config.require<CloudflareSslModeHandling>("sslMode"),
  },
  sendingDomains: config.requireObject<string[]>("sendingDomains"),
});

/** The proxied CNAME written into Cloudflare: name, type and value. */
export const dnsRecord = tracking.dnsRecord;
export const verified = tracking.verified;
