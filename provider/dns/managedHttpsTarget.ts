/**
 * Which CNAME targets SparkPost's managed certificates work with. SparkPost issues them only to
 * tracking domains that point at a v2 endpoint; the older endpoints and Enterprise tenants' own
 * endpoints serve HTTPS only through a CDN or proxy that holds the certificate.
 */
import { normalizeHostname } from "./hostname";
import { CNAME_TARGETS, LEGACY_CNAME_TARGETS } from "./record";
import { quoted } from "./visibleText";

/** What a user can do instead, for every message below. */
const INSTEAD =
  'or serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront")';

const V2_TARGETS = Object.values(CNAME_TARGETS);
const V2_LIST = V2_TARGETS.map((target) => quoted(target)).join(" or ");

/**
 * Why a domain whose CNAME points at `target` cannot have a managed certificate, as text that
 * reads after the property's name ("cnameTarget is ..."), or undefined for a v2 endpoint.
 */
export function managedHttpsTargetProblem(target: string): string | undefined {
  const name = normalizeHostname(target);
  if (V2_TARGETS.includes(name)) return undefined;
  if (Object.values(LEGACY_CNAME_TARGETS).includes(name)) {
    return (
      `is ${quoted(name)}, a legacy SparkPost endpoint, which offers no managed certificates: ` +
      `SparkPost issues them only to domains whose CNAME points at a v2 endpoint (${V2_LIST}). ` +
      `Leave cnameTarget unset for the region's v2 endpoint (the record is updated), ${INSTEAD}`
    );
  }
  if (name.endsWith(".et.e.sparkpost.com")) {
    return (
      `is ${quoted(name)}, an Enterprise endpoint, which offers no managed certificates ` +
      `(only SparkPost's v2 endpoints ${V2_LIST} do): ${INSTEAD.replace(/^or /, "")}`
    );
  }
  return (
    `is ${quoted(name)}, which is not one of SparkPost's v2 endpoints (${V2_LIST}), the only ` +
    `ones that offer managed certificates: leave cnameTarget unset for the region's, ${INSTEAD}`
  );
}
