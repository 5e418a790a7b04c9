/**
 * An existing SparkPost setup, made by hand over the years, for the import's tests: a sandbox
 * state file holding it, and the DNS that serves its zones. Primary account: track.example.com
 * (the default, linked to two sending domains), click.example.com (HTTPS, one link) and
 * links.example.org (still on the older spgo.io endpoint); subaccount 42: click.shop.example.com
 * (its default, one link). Zones: example.com on Route53, shop.example.com delegated to
 * Cloudflare, example.org elsewhere.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { DnsTestServer } from "./dnsServer";

const VERIFIED = { verified: true, cname_status: "valid", compliance_status: "valid" } as const;
/** Long before any test runs, as a setup made by hand would be. */
const CREATED_AT = Date.UTC(2024, 0, 15);

/** The account as the sandbox stores it (`.sandbox-state.json`). */
export const EXISTING_ACCOUNT = {
  trackingDomains: [
    {
      domain: "track.example.com",
      secure: false,
      default: true,
      status: VERIFIED,
      createdAt: CREATED_AT,
    },
    {
      domain: "click.example.com",
      secure: true,
      default: false,
      status: VERIFIED,
      createdAt: CREATED_AT,
    },
    {
      domain: "links.example.org",
      secure: false,
      default: false,
      status: VERIFIED,
      createdAt: CREATED_AT,
    },
    {
      domain: "click.shop.example.com",
      secure: false,
      default: true,
      status: VERIFIED,
      subaccountId: 42,
      createdAt: CREATED_AT,
    },
  ],
  sendingDomains: [
    { domain: "mail.example.com", trackingDomain: "track.example.com" },
    { domain: "news.example.com", trackingDomain: "track.example.com" },
    { domain: "promo.example.com", trackingDomain: "click.example.com" },
    { domain: "unlinked.example.com" },
    { domain: "mail.shop.example.com", subaccountId: 42, trackingDomain: "click.shop.example.com" },
  ],
};

/** The nameservers of each zone. */
export const EXISTING_ZONES: Readonly<Record<string, string[]>> = {
  "example.com": ["ns-1024.awsdns-00.org", "ns-512.awsdns-00.net"],
  "shop.example.com": ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
  "example.org": ["ns1.dns-host.example.net", "ns2.dns-host.example.net"],
};

/** Each tracking domain's CNAME. */
export const EXISTING_CNAMES: Readonly<Record<string, string>> = {
  "track.example.com": "v2.spgo.io",
  "click.example.com": "v2.spgo.io",
  "links.example.org": "spgo.io",
  "click.shop.example.com": "v2.spgo.io",
};

/** Writes the account to a fresh state file in a temporary folder and returns its path. */
export function existingAccountStateFile(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "existing-account-"));
  const file = path.join(folder, "sandbox-state.json");
  fs.writeFileSync(file, JSON.stringify(EXISTING_ACCOUNT, null, 2));
  return file;
}

/** Serves the account's zones and records from `server`. */
export function serveExistingDns(server: DnsTestServer): void {
  for (const [zone, hosts] of Object.entries(EXISTING_ZONES)) server.setNameservers(zone, hosts);
  for (const [name, target] of Object.entries(EXISTING_CNAMES)) server.setCname(name, target);
}
