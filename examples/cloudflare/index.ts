/**
 * A tracking domain whose CNAME lives in Cloudflare. Proxied (the orange cloud), Cloudflare's edge
 * certificate serves the tracked links over HTTPS, so the domain is made `secure` as well.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();
const proxied = config.requireBoolean("proxied");

const tracking = new CustomTrackingDomain("tracking", {
  domain: config.require("trackingDomain"),
  dns: { provider: "cloudflare", zoneId: config.require("zoneId"), proxied },
  secure: proxied,
  sendingDomains: config.requireObject<string[]>("sendingDomains"),
});

/** The CNAME written into Cloudflare: name, type and value. */
export const dnsRecord = tracking.dnsRecord;
export const verified = tracking.verified;
