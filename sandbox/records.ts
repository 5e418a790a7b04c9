/** The stored form of the account's objects and how they render as API objects. */
import type { SendingDomainObject, TrackingDomainObject, TrackingDomainStatus } from "./apiObjects";
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

/** The API object for a tracking domain: `port` derived from `secure`, `subaccount_id` only when set. */
export function renderTrackingDomain(record: TrackingDomainRecord): TrackingDomainObject {
  const object: TrackingDomainObject = {
    domain: record.domain,
    port: record.secure ? 443 : 80,
    secure: record.secure,
    default: record.default,
    status: { ...record.status },
  };
  if (record.subaccountId !== undefined) object.subaccount_id = record.subaccountId;
  if (record.usesManagedCertificate) object.uses_managed_certificate = true;
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
