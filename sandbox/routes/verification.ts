/** `POST /tracking-domains/{d}/verify`. */
import type { VerifyResults } from "../apiObjects";
import { type Answer, NOT_FOUND, apiError, results } from "../http";
import { certificateServes } from "../certificates";
import { checkCname } from "../verification";
import { type ApiContext, type ApiRequest, writableTrackingDomain } from "./context";

/**
 * Verifies through the CNAME (or the demo switch). A secure domain whose CNAME is right but whose
 * TLS is not ready fails as SparkPost's HTTPS request would: 400, status unchanged.
 */
export async function verifyTrackingDomain(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): Promise<Answer> {
  const record = writableTrackingDomain(context, request, domain);
  if (!record) return NOT_FOUND;
  const cname = await checkCname(record, context.settings, context.now(), context.resolver);
  // A managed certificate serves HTTPS once issued; any other secure domain as `tlsReady` says.
  const tlsWorks = record.usesManagedCertificate
    ? certificateServes(record, context.now())
    : context.settings.tlsReady;
  if (cname === "valid" && record.secure && !tlsWorks) {
    return apiError(400, {
      message:
        `HTTP request to https://${record.domain}:443 failed. ` +
        "Please verify that your redirect is functioning and that your SSL certificate is valid.",
    });
  }
  const blocked = record.status.compliance_status === "blocked";
  const verified = cname === "valid" && !blocked;
  const compliance = blocked ? "blocked" : verified ? "valid" : "pending";
  context.account.updateTrackingDomain(record, (changed) => {
    changed.status = {
      ...changed.status,
      verified,
      cname_status: cname,
      compliance_status: compliance,
    };
  });
  // The documented success example answers an empty cname_status while GET then shows "valid".
  const answer: VerifyResults = {
    verified,
    cname_status: verified ? "" : cname,
    compliance_status: compliance,
  };
  return results(answer);
}
