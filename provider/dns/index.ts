export { hostnameProblem, normalizeHostname, parentDomain, subdomainProblem } from "./hostname";
export {
  CNAME_TARGETS,
  cnameTarget,
  LEGACY_CNAME_TARGETS,
  SPARKPOST_REGIONS,
  trackingDnsRecord,
} from "./record";
export type { SparkPostRegion, TrackingDnsRecord } from "./record";
export { nameserverProblem } from "./nameserverAddress";
export { checkTrackingCname, DEFAULT_PREFLIGHT_TIMEOUT_MS } from "./preflight";
export type { PreflightMode, PreflightOptions, PreflightResult } from "./preflight";
