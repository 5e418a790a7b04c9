import { normalizeHostname } from "../provider/dns/hostname";

/**
 * The Pulumi resource name of the CustomTrackingDomain for `domain`: "track.example.com" gives
 * "track-example-com". Hyphens are doubled first ("my-brand.example.com" gives
 * "my--brand-example-com") so that no two hostnames share a name: a hostname's labels never
 * start or end with a hyphen, so a single hyphen in the name can only stand for a dot.
 *
 * The name is part of every child's URN: changing this function replaces every resource.
 */
export function resourceNameFor(domain: string): string {
  return normalizeHostname(domain).replaceAll("-", "--").replaceAll(".", "-");
}
