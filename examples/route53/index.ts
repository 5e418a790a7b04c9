/**
 * One tracking domain for the whole account: its CNAME goes into the Route53 zone one label up
 * (example.com for track.example.com), it becomes the account's default tracking domain, and the
 * sending domains are linked to it.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();

const tracking = new CustomTrackingDomain("tracking", {
  domain: config.require("trackingDomain"),
  dns: { provider: "route53" },
  default: true,
  sendingDomains: config.requireObject<string[]>("sendingDomains"),
});

/** The CNAME written into Route53: name, type and value. */
export const dnsRecord = tracking.dnsRecord;
export const verified = tracking.verified;
export const linkedSendingDomains = pulumi.all(tracking.links.map((link) => link.sendingDomain));
