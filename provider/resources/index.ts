export * from "./trackingDomain";
export * from "./trackingDomainVerification";
export * from "./defaultTrackingDomain";
export * from "./sendingDomainLink";
export * from "./trackingDomainCertificate";
