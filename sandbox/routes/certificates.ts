/** `POST /tracking-domains/{d}/certificate/check` and `.../certificate/enable` (see certificates.ts). */
import { MANAGED_HTTPS_TARGETS, needsIssuance, newIssuance } from "../certificates";
import { type Answer, NOT_FOUND, apiError, results } from "../http";
import { type ApiContext, type ApiRequest, writableTrackingDomain } from "./context";

/**
 * Whether SparkPost can manage the domain's certificate: only a verified domain, and, when the
 * sandbox verifies through DNS, only one whose CNAME points at a v2 endpoint. With the demo
 * switch `verifyAfterSeconds` there is no DNS to look at, and every verified domain can.
 */
export async function checkCertificate(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): Promise<Answer> {
  const record = writableTrackingDomain(context, request, domain);
  if (!record) return NOT_FOUND;
  let supported = record.status.verified;
  if (supported && context.settings.verifyAfterSeconds === undefined) {
    const target = await context.resolver.target(record.domain);
    supported = target !== undefined && MANAGED_HTTPS_TARGETS.includes(target);
  }
  return results({ domain: record.domain, supportsManagedCertificate: supported });
}

/**
 * Enables the managed certificate of a verified domain: irreversible, makes it secure at once,
 * and starts issuance (pending for `certificateIssueSeconds`). Accepted again on a domain that
 * has one: an issuance that failed or expired starts over, anything else is left as it is.
 */
export function enableCertificate(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): Answer {
  const record = writableTrackingDomain(context, request, domain);
  if (!record) return NOT_FOUND;
  if (!record.status.verified) {
    return apiError(400, {
      message: "Domain must be verified before enabling managed certificates",
    });
  }
  const now = context.now();
  if (needsIssuance(record, now)) {
    context.account.updateTrackingDomain(record, (changed) => {
      changed.secure = true;
      changed.usesManagedCertificate = true;
      changed.certificate = newIssuance(context.settings, now);
      const { tls_status: _stored, ...status } = changed.status;
      changed.status = status;
    });
  }
  return results({ message: `Certificate issuance initiated for ${record.domain}` });
}
