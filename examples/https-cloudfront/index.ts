/**
 * HTTPS tracked links through AWS CloudFront, as SparkPost documents it: an ACM certificate in
 * us-east-1 validated through Route53, a distribution whose origin is SparkPost's endpoint (with
 * the X-Forwarded-Host header, a 1 to 10 s cache, User-Agent and query strings forwarded), and a
 * Route53 alias from the tracking domain to the distribution. You hold the certificate (AWS
 * renews it); CloudFront bills per request.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain, type CloudFrontPriceClass } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();

const tracking = new CustomTrackingDomain("tracking", {
  domain: config.require("trackingDomain"),
  dns: { provider: "route53" },
  https: {
    mode: "cloudfront",
    priceClass: config.require<CloudFrontPriceClass>("priceClass"),
  },
  default: true,
  sendingDomains: config.requireObject<string[]>("sendingDomains"),
  // CloudFront takes a few minutes to deploy before SparkPost can verify over HTTPS.
  verification: { timeoutSeconds: 3600 },
});

/** SparkPost's endpoint, the distribution's origin (the domain itself is an alias to CloudFront). */
export const origin = tracking.dnsRecord.value;
export const verified = tracking.verified;
