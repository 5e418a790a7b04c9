/**
 * The DNS record a tracking domain needs, computed without any API call so that `pulumi preview`
 * can show it.
 */
import { hostnameProblem, normalizeHostname } from "./hostname";

/** A SparkPost region, as `sparkpost:region` / `SPARKPOST_REGION` name it. */
export type SparkPostRegion = "us" | "eu";

/** The regions, in the order error messages list them. */
export const SPARKPOST_REGIONS: readonly SparkPostRegion[] = ["us", "eu"];

/** Where tracking domains created since December 2025 point: the managed-HTTPS endpoints. */
export const CNAME_TARGETS: Readonly<Record<SparkPostRegion, string>> = {
  us: "v2.spgo.io",
  eu: "eu.v2.spgo.io",
};

/**
 * Where older tracking domains point (no managed HTTPS). Adopted domains may still use them; pass
 * one as `target` to keep such a record as it is.
 */
export const LEGACY_CNAME_TARGETS: Readonly<Record<SparkPostRegion, string>> = {
  us: "spgo.io",
  eu: "eu.spgo.io",
};

/** The record a tracking domain needs: a CNAME from the domain to a SparkPost endpoint. */
export interface TrackingDnsRecord {
  /** The tracking domain, normalized (lowercase, no trailing dot). */
  name: string;
  type: "CNAME";
  /** The CNAME target, normalized the same way. */
  value: string;
}

function isRegion(region: string): region is SparkPostRegion {
  return (SPARKPOST_REGIONS as readonly string[]).includes(region);
}

/**
 * The CNAME target of new tracking domains in `region`: "v2.spgo.io" for "us" (the default) and
 * "eu.v2.spgo.io" for "eu". Throws for any other region.
 */
export function cnameTarget(region: string = "us"): string {
  if (!isRegion(region)) {
    const allowed = SPARKPOST_REGIONS.map((name) => `"${name}"`).join(" or ");
    throw new Error(`Unknown SparkPost region "${region}": use ${allowed}`);
  }
  return CNAME_TARGETS[region];
}

/**
 * The CNAME record for tracking domain `domain`. Its value is `options.target` when given (an
 * Enterprise `<tenant>.et.e.sparkpost.com` or a legacy target), else `cnameTarget(options.region)`.
 * Throws when `domain` or `target` is not a valid hostname, or `region` is unknown.
 */
export function trackingDnsRecord(
  domain: string,
  options: { region?: string; target?: string } = {},
): TrackingDnsRecord {
  const domainProblem = hostnameProblem(domain);
  if (domainProblem !== undefined) throw new Error(`domain ${domainProblem}`);
  // The region is checked even when a target overrides it: a wrong region is wrong everywhere.
  const regionalTarget = cnameTarget(options.region);
  if (options.target === undefined) {
    return { name: normalizeHostname(domain), type: "CNAME", value: regionalTarget };
  }
  const targetProblem = hostnameProblem(options.target);
  if (targetProblem !== undefined) throw new Error(`target ${targetProblem}`);
  return {
    name: normalizeHostname(domain),
    type: "CNAME",
    value: normalizeHostname(options.target),
  };
}
