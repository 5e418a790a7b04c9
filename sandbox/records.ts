/** The stored form of the account's objects and how they render as API objects. */
import type { SendingDomainObject, TrackingDomainObject, TrackingDomainStatus } from "./apiObjects";
import { tlsView } from "./certificates";
import type { SendingDomainState } from "./types";

/** A tracking domain as the sandbox stores it (and writes it to the state file). */
export interface TrackingDomainRecord {
  domain: string;
  secure: boolean;
  default: boolean;
  status: TrackingDomainStatus;
  /** Absent for the primary account. */
  subaccountId?: number;
  /** Creation time in milliseconds since the epoch, for `verifyAfterSeconds`. */
  createdAt: number;
  /** Set once `certificate/enable` succeeded; there is no way back but deletion. */
  usesManagedCertificate?: boolean;
  /** The latest issuance of the managed certificate (see certificates.ts). */
  certificate?: CertificateRecord;
}

/** One issuance of a managed certificate, and what became of it. */
export interface CertificateRecord {
  /** When `certificate/enable` started it, in milliseconds since the epoch. */
  requestedAt: number;
  /** When Let's Encrypt answers: `tls_status` is "pending" until then. */
  settlesAt: number;
  /** The `error_code` issuance ends with; absent when a certificate is issued at `settlesAt`. */
  errorCode?: string;
  /** Set when a renewal failed: the certificate expired at `at`, with `errorCode`. */
  expired?: { at: number; errorCode: string };
}

/** Everything one sandbox account holds; the state file is this object as JSON. */
export interface AccountState {
  trackingDomains: TrackingDomainRecord[];
  sendingDomains: SendingDomainState[];
}

/** Account owner number: 0 is the primary account, any other number a subaccount. */
export function ownerOf(object: { subaccountId?: number }): number {
  return object.subaccountId ?? 0;
}

/**
 * The API object for a tracking domain at `now`: `port` derived from `secure`, `subaccount_id`
 * only when set, the managed certificate's `tls_status` and `tls_certificate` when it has one.
 */
export function renderTrackingDomain(
  record: TrackingDomainRecord,
  now: number = Date.now(),
): TrackingDomainObject {
  const object: TrackingDomainObject = {
    domain: record.domain,
    port: record.secure ? 443 : 80,
    secure: record.secure,
    default: record.default,
    status: { ...record.status },
  };
  if (record.subaccountId !== undefined) object.subaccount_id = record.subaccountId;
  if (record.usesManagedCertificate) object.uses_managed_certificate = true;
  const tls = tlsView(record, now);
  if (tls !== undefined) {
    object.status.tls_status = tls.tlsStatus;
    if (tls.tlsCertificate !== undefined) object.tls_certificate = tls.tlsCertificate;
  }
  return object;
}

/**
 * The `GET /sending-domains/{d}` results: the object without its `domain` field, with
 * `tracking_domain` only when linked. DKIM and the other verification details are not modelled:
 * the status is fixed to a verified domain.
 */
export function renderSendingDomain(sendingDomain: SendingDomainState): SendingDomainObject {
  const { trackingDomain, subaccountId } = sendingDomain;
  return {
    ...(trackingDomain === undefined ? {} : { tracking_domain: trackingDomain }),
    status: {
      ownership_verified: true,
      dkim_status: "valid",
      cname_status: "valid",
      compliance_status: "valid",
    },
    shared_with_subaccounts: false,
    is_default_bounce_domain: false,
    ...(subaccountId === undefined ? {} : { subaccount_id: subaccountId }),
  };
}
