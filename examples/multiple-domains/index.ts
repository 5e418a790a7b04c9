/**
 * One tracking domain per brand, so each brand's links show its own hostname: every brand's
 * sending domains are linked to its tracking domain, and one brand's tracking domain is also the
 * account default, for sending domains not listed here.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain } from "pulumi-sparkpost-tracking";

interface Brand {
  /** Short name, used to name the brand's resources. */
  name: string;
  trackingDomain: string;
  sendingDomains: string[];
  /** Whether its tracking domain is the account default; one brand at most. */
  isAccountDefault?: boolean;
}

const brands: Brand[] = [
  {
    name: "acme",
    trackingDomain: "click.acme.example",
    sendingDomains: ["mail.acme.example", "news.acme.example"],
    isAccountDefault: true,
  },
  {
    name: "globex",
    trackingDomain: "click.globex.example",
    sendingDomains: ["mail.globex.example"],
  },
  {
    name: "initech",
    trackingDomain: "links.initech.example",
    sendingDomains: ["billing.initech.example", "support.initech.example"],
  },
];

/** Per brand: the CNAME written, whether SparkPost verified the domain, the linked domains. */
export const brandTracking = Object.fromEntries(
  brands.map((brand) => {
    const tracking = new CustomTrackingDomain(brand.name, {
      domain: brand.trackingDomain,
      // Each brand's zone is the tracking domain's parent (acme.example...), looked up by name.
      dns: { provider: "route53" },
      default: brand.isAccountDefault ?? false,
      sendingDomains: brand.sendingDomains,
    });
    const summary = {
      dnsRecord: tracking.dnsRecord,
      verified: tracking.verified,
      sendingDomains: pulumi.all(tracking.links.map((link) => link.sendingDomain)),
    };
    return [brand.name, summary];
  }),
);
