/**
 * pulumi-sparkpost-tracking: SparkPost custom tracking domains as Pulumi resources.
 * Everything a user imports is exported here by name.
 */
import "./supportedNode";
export { TrackingDomain } from "./resources/trackingDomain";
export type {
  TrackingDomainArgs,
  TrackingDomainOutputs,
  TrackingDomainStatusOutputs,
} from "./resources/trackingDomain";
export { TrackingDomainVerification } from "./resources/trackingDomainVerification";
export type {
  TrackingDomainVerificationArgs,
  TrackingDomainVerificationOutputs,
} from "./resources/trackingDomainVerification";
export { DefaultTrackingDomain } from "./resources/defaultTrackingDomain";
export type { DefaultTrackingDomainArgs } from "./resources/defaultTrackingDomain";
export { SendingDomainLink } from "./resources/sendingDomainLink";
export type { SendingDomainLinkArgs } from "./resources/sendingDomainLink";
export { TrackingDomainCertificate } from "./resources/trackingDomainCertificate";
export type {
  TrackingDomainCertificateArgs,
  TrackingDomainCertificateOutputs,
} from "./resources/trackingDomainCertificate";
export { cnameTarget, trackingDnsRecord } from "./dns/record";
export type { TrackingDnsRecord } from "./dns/record";
export * from "./component";
