/**
 * The SparkPost API objects the sandbox serves, written from the public API reference
 * (/work/shared/reference/sparkpost-api.md), not from the client: a stand-in that borrowed the
 * client's types would share the client's misunderstandings of the API.
 */

/** `status.cname_status` of a stored tracking domain, as documented. */
export type CnameStatus = "unverified" | "pending" | "invalid" | "valid";

/** `status.compliance_status`, as documented. */
export type ComplianceStatus = "pending" | "valid" | "blocked";

/** `status.tls_status`, documented since 2026 for managed HTTPS. */
export type TlsStatus = "unknown" | "unavailable" | "pending" | "failed" | "expired" | "valid";

/** The `status` object of a tracking domain. */
export interface TrackingDomainStatus {
  verified: boolean;
  cname_status: CnameStatus;
  compliance_status: ComplianceStatus;
  tls_status?: TlsStatus;
}

/** A tracking domain as `GET /tracking-domains[/{domain}]` renders it. */
export interface TrackingDomainObject {
  domain: string;
  /** 443 when `secure`, else 80: derived, never set on its own. */
  port: 80 | 443;
  secure: boolean;
  default: boolean;
  status: TrackingDomainStatus;
  /** Present only when the domain belongs to a subaccount (set at creation by the header). */
  subaccount_id?: number;
  uses_managed_certificate?: boolean;
  tls_certificate?: { issued_at?: string; expires_at?: string; error_code?: string };
}

/**
 * `POST /tracking-domains/{domain}/verify` results. The docs contradict themselves: `cname_status`
 * is listed with the four values above, yet the official success example answers `""`.
 */
export interface VerifyResults {
  verified: boolean;
  cname_status: CnameStatus | "";
  compliance_status: ComplianceStatus;
}

/**
 * `GET /sending-domains/{domain}` results: the sending domain object without its `domain` field.
 * `tracking_domain` is absent when none is linked.
 */
export interface SendingDomainObject {
  tracking_domain?: string;
  status: {
    ownership_verified: boolean;
    dkim_status: string;
    cname_status: string;
    compliance_status: string;
  };
  shared_with_subaccounts: boolean;
  is_default_bounce_domain: boolean;
  subaccount_id?: number;
}

/** A tracking-domain error: a message, sometimes the offending `param` and its `value`; no code. */
export interface TrackingDomainErrorDetail {
  message: string;
  param?: string;
  value?: unknown;
}

/** A sending-domain (and older API) error: message, description and a string `code`. */
export interface CodedErrorDetail {
  message: string;
  description: string;
  code: string;
}

/** One entry of the `{"errors": [...]}` body every API error carries. */
export type ApiErrorDetail = TrackingDomainErrorDetail | CodedErrorDetail;

/** One entry of `GET /sending-domains`: the sending domain object, with its `domain`. */
export interface SendingDomainListItem extends SendingDomainObject {
  domain: string;
}

/** A subaccount as `GET /subaccounts` lists it. */
export interface SubaccountObject {
  id: number;
  name: string;
  status: "active" | "suspended" | "terminated";
  compliance_status: string;
}
