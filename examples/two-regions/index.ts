/**
 * One DNS zone, two SparkPost accounts: a tracking domain in the US account (the unnamed
 * connection, `sparkpost:apiKey`) and one in the EU account (the named account "eu" of
 * `sparkpost:accounts`), each its own account's default, both CNAMEs in one Route53 zone. Each
 * record points at its account's region, so the preview shows `v2.spgo.io` for one and
 * `eu.v2.spgo.io` for the other; the keys stay in the provider process and out of the state.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "pulumi-sparkpost-tracking";

const config = new pulumi.Config();
const dns = { provider: "route53", zoneName: config.require("zoneName") } as const;

const us = new CustomTrackingDomain("us", {
  domain: config.require("usDomain"),
  dns,
  default: true,
  sendingDomains: config.requireObject<string[]>("usSendingDomains"),
});

const eu = new CustomTrackingDomain("eu", {
  domain: config.require("euDomain"),
  dns,
  // Every call of this domain goes to the "eu" account, and its region picks the CNAME target.
  // Each account has a default of its own: both components may set `default`.
  account: "eu",
  default: true,
  sendingDomains: config.requireObject<string[]>("euSendingDomains"),
});

/** The CNAMEs written into the zone, by account: name, type and value. */
export const dnsRecords = { us: us.dnsRecord, eu: eu.dnsRecord };
export const verified = { us: us.verified, eu: eu.verified };
