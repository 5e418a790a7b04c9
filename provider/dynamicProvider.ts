/**
 * `pulumi-sparkpost-tracking/dynamic-provider`: the implementation of every dynamic resource of
 * this package, by kind. The providers stored in state (see resources/providerShim.ts) load it by
 * this name when the Pulumi provider host runs them, so it is public and stable: later versions
 * keep this entry, its `providers` export and the kind names, and serve resources created by any
 * earlier version.
 */
import "./supportedNode";
import type { ResourceKind } from "./resources/providerShim";
import { defaultTrackingDomainProvider } from "./resources/defaultTrackingDomain";
import { sendingDomainLinkProvider } from "./resources/sendingDomainLink";
import { trackingDomainProvider } from "./resources/trackingDomain";
import { trackingDomainCertificateProvider } from "./resources/trackingDomainCertificate";
import { trackingDomainVerificationProvider } from "./resources/trackingDomainVerification";

export type { ResourceKind } from "./resources/providerShim";

/** The provider implementation of each resource kind. */
export const providers = {
  TrackingDomain: trackingDomainProvider,
  TrackingDomainVerification: trackingDomainVerificationProvider,
  DefaultTrackingDomain: defaultTrackingDomainProvider,
  SendingDomainLink: sendingDomainLinkProvider,
  TrackingDomainCertificate: trackingDomainCertificateProvider,
} satisfies Record<ResourceKind, object>;
