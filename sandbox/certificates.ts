/**
 * SparkPost's managed certificates as the sandbox models them, from the support article "Managed
 * HTTPS for Tracking Domains" and the API reference: `certificate/enable` on a verified domain
 * makes it secure and starts issuance (tls_status "pending"); Let's Encrypt answers after a while
 * with a certificate ("valid", 90 days, `tls_certificate.issued_at`/`expires_at`) or a failure
 * ("failed" with `tls_certificate.error_code`); a renewal that fails later leaves it "expired".
 * Only v2 endpoints (`v2.spgo.io`, `eu.v2.spgo.io`) support managed certificates.
 *
 * The docs do not give the values of `error_code`, nor what `enable` answers on a domain that
 * already has a certificate: the sandbox accepts it again, restarting an issuance that failed or
 * expired and changing nothing otherwise.
 */
import type { TlsStatus } from "./apiObjects";
import type { CertificateRecord, TrackingDomainRecord } from "./records";
import type { SandboxSettings } from "./types";

/** Let's Encrypt's certificates are valid for 90 days. */
export const CERTIFICATE_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/** The endpoints whose domains SparkPost issues managed certificates for. */
export const MANAGED_HTTPS_TARGETS = ["v2.spgo.io", "eu.v2.spgo.io"];

/** `status.tls_status` and `tls_certificate` of a domain, as the API renders them. */
export interface TlsView {
  tlsStatus: TlsStatus;
  tlsCertificate?: { issued_at?: string; expires_at?: string; error_code?: string };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The certificate's state at `now`; undefined for a domain without a modelled certificate. */
export function tlsView(record: TrackingDomainRecord, now: number): TlsView | undefined {
  const certificate = record.certificate;
  if (!record.usesManagedCertificate || certificate === undefined) return undefined;
  if (certificate.expired !== undefined) {
    return {
      tlsStatus: "expired",
      tlsCertificate: {
        issued_at: iso(certificate.expired.at - CERTIFICATE_LIFETIME_MS),
        expires_at: iso(certificate.expired.at),
        error_code: certificate.expired.errorCode,
      },
    };
  }
  if (now < certificate.settlesAt) return { tlsStatus: "pending" };
  if (certificate.errorCode !== undefined) {
    return { tlsStatus: "failed", tlsCertificate: { error_code: certificate.errorCode } };
  }
  return {
    tlsStatus: "valid",
    tlsCertificate: {
      issued_at: iso(certificate.settlesAt),
      expires_at: iso(certificate.settlesAt + CERTIFICATE_LIFETIME_MS),
    },
  };
}

/** Whether the domain serves HTTPS with its managed certificate at `now`. */
export function certificateServes(record: TrackingDomainRecord, now: number): boolean {
  const view = tlsView(record, now);
  return view === undefined ? record.status.tls_status === "valid" : view.tlsStatus === "valid";
}

/** Whether `enable` starts a new issuance: none yet, or the last one failed or expired. */
export function needsIssuance(record: TrackingDomainRecord, now: number): boolean {
  if (!record.usesManagedCertificate) return true;
  const status = tlsView(record, now)?.tlsStatus;
  return status === "failed" || status === "expired";
}

/** A new issuance, settling after the configured delay, failing with the configured code. */
export function newIssuance(settings: SandboxSettings, now: number): CertificateRecord {
  const issuance: CertificateRecord = {
    requestedAt: now,
    settlesAt: now + (settings.certificateIssueSeconds ?? 0) * 1000,
  };
  if (settings.certificateErrorCode !== undefined) {
    issuance.errorCode = settings.certificateErrorCode;
  }
  return issuance;
}
