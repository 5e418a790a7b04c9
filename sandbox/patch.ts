/** Changes "made by hand in the SparkPost UI": they bypass the API's checks, not its invariants. */
import type { Account } from "./account";
import type { CertificateRecord } from "./records";
import type { TrackingDomainPatch } from "./types";
import { isObject } from "./http";

/** Applies a patch to a tracking domain; throws when the domain does not exist. */
export function patchTrackingDomain(
  account: Account,
  domain: string,
  patch: TrackingDomainPatch,
  now: number = Date.now(),
): void {
  const record = account.findTrackingDomain(domain);
  if (!record) throw new Error(`The sandbox has no tracking domain ${domain}.`);
  if (patch.tlsCertificate !== undefined && !record.usesManagedCertificate) {
    throw new Error(`Tracking domain ${domain} uses no managed certificate.`);
  }
  account.updateTrackingDomain(record, (changed) => {
    if (patch.secure !== undefined) changed.secure = patch.secure;
    if (patch.default !== undefined) changed.default = patch.default;
    if (patch.subaccountId === null || patch.subaccountId === 0) delete changed.subaccountId;
    else if (patch.subaccountId !== undefined) changed.subaccountId = patch.subaccountId;
    if (patch.status) changed.status = { ...changed.status, ...patch.status };
    if (patch.compliance !== undefined) {
      // A blocked domain cannot be used, so it stops counting as verified.
      const verified = patch.compliance !== "blocked" && changed.status.cname_status === "valid";
      changed.status = { ...changed.status, compliance_status: patch.compliance, verified };
    }
    if (patch.tlsCertificate !== undefined) {
      changed.certificate = certificateAfter(changed.certificate, patch.tlsCertificate, now);
    }
  });
}

/** The certificate after a renewal failed (`expired`) or its issuance failed (`failed`) at `now`. */
function certificateAfter(
  certificate: CertificateRecord | undefined,
  outcome: NonNullable<TrackingDomainPatch["tlsCertificate"]>,
  now: number,
): CertificateRecord {
  const { errorCode } = outcome;
  if (outcome.status === "expired") {
    return {
      requestedAt: certificate?.requestedAt ?? now,
      settlesAt: now,
      expired: { at: now, errorCode },
    };
  }
  return { requestedAt: certificate?.requestedAt ?? now, settlesAt: now, errorCode };
}

const PATCH_FIELDS: Record<keyof TrackingDomainPatch, (value: unknown) => boolean> = {
  secure: (value) => typeof value === "boolean",
  default: (value) => typeof value === "boolean",
  subaccountId: (value) => value === null || (Number.isInteger(value) && (value as number) >= 0),
  status: (value) => isObject(value),
  compliance: (value) => value === "pending" || value === "valid" || value === "blocked",
  tlsCertificate: (value) =>
    isObject(value) &&
    (value.status === "expired" || value.status === "failed") &&
    typeof value.errorCode === "string" &&
    Object.keys(value).every((key) => key === "status" || key === "errorCode"),
};

/** Checks a patch that arrived over HTTP; returns a sentence saying what is wrong, or undefined. */
export function patchProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "The body must be a JSON object.";
  for (const [field, item] of Object.entries(value)) {
    const valid = Object.hasOwn(PATCH_FIELDS, field)
      ? PATCH_FIELDS[field as keyof TrackingDomainPatch]
      : undefined;
    if (!valid) return `Unknown field ${field}: use ${Object.keys(PATCH_FIELDS).join(", ")}.`;
    if (!valid(item)) return `Field ${field} has an invalid value.`;
  }
  return undefined;
}
