/**
 * Shapes of the SparkPost API objects this package uses, as the API sends them (snake_case).
 * See ../../README.md and the SparkPost API reference for tracking-domains and sending-domains.
 */

export type CnameStatus = "unverified" | "pending" | "invalid" | "valid" | "";
export type ComplianceStatus = "pending" | "valid" | "blocked";
export type TlsStatus = "unknown" | "unavailable" | "pending" | "failed" | "expired" | "valid";

export interface TrackingDomainStatus {
  verified: boolean;
  cname_status: CnameStatus;
  compliance_status: ComplianceStatus;
  /** Present on accounts with managed HTTPS (since 2026). */
  tls_status?: TlsStatus;
}

/** `GET /tracking-domains/{domain}` results. */
export interface TrackingDomainObject {
  domain: string;
  port: number;
  secure: boolean;
  default: boolean;
  status: TrackingDomainStatus;
  /** Present only when the domain belongs to a subaccount. */
  subaccount_id?: number;
  uses_managed_certificate?: boolean;
  tls_certificate?: { issued_at?: string; expires_at?: string; error_code?: string };
}

/** `POST /tracking-domains/{domain}/verify` results. */
export interface VerifyResult {
  verified: boolean;
  cname_status: CnameStatus;
  compliance_status: ComplianceStatus;
}

/** `GET /sending-domains/{domain}` results: the object without its `domain` field. */
export interface SendingDomainObject {
  /** Absent when no tracking domain is linked. */
  tracking_domain?: string;
  subaccount_id?: number;
  status?: Record<string, unknown>;
  [field: string]: unknown;
}

/** One entry of `GET /sending-domains`: the sending domain object, with its `domain`. */
export interface SendingDomainListEntry extends SendingDomainObject {
  domain: string;
}

/** One entry of `GET /subaccounts`. */
export interface SubaccountObject {
  id: number;
  /** Display name, up to 64 characters. */
  name?: string;
  /** `active`, `suspended` or `terminated`. */
  status?: string;
  compliance_status?: string;
}

/** One entry of SparkPost's `{"errors": [...]}` body, in either documented shape. */
export interface ApiErrorDetail {
  message: string;
  description?: string;
  code?: string;
  param?: string;
  value?: unknown;
}

/** Scopes a call to a subaccount (`X-MSYS-SUBACCOUNT`); absent means the primary account. */
export interface Scope {
  subaccountId?: number;
}

/** `POST /tracking-domains/{domain}/certificate/check` results. */
export interface CertificateCheckResult {
  domain: string;
  supportsManagedCertificate: boolean;
}

/** `POST /tracking-domains/{domain}/certificate/enable` results. */
export interface CertificateEnableResult {
  message: string;
}
