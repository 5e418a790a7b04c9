/** `GET|PUT /sending-domains/{domain}`: reading and (un)linking tracking domains. */
import type { CodedErrorDetail } from "../apiObjects";
import { type Answer, apiError, isObject, results } from "../http";
import { normalizeDomain } from "../domainName";
import { ownerOf, renderSendingDomain } from "../records";
import { canRead, canWrite } from "../auth";
import type { SendingDomainState } from "../types";
import type { ApiContext, ApiRequest } from "./context";

/** Sending-domain errors use the older shape: message, description and a string code. */
function invalidParams(description: string): Answer {
  const detail: CodedErrorDetail = { message: "invalid params", description, code: "1200" };
  return apiError(400, detail);
}

function sendingDomainNotFound(domain: string): Answer {
  return apiError(404, {
    message: "resource not found",
    description: `Domain '${normalizeDomain(domain)}' does not exist`,
    code: "1600",
  });
}

export function getSendingDomain(context: ApiContext, request: ApiRequest, domain: string): Answer {
  const sendingDomain = context.account.findSendingDomain(domain);
  if (!sendingDomain || !canRead(ownerOf(sendingDomain), request.subaccount))
    return sendingDomainNotFound(domain);
  return results(renderSendingDomain(sendingDomain));
}

/** Links (or with `""` unlinks) a tracking domain; other fields of the body are ignored. */
export function updateSendingDomain(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): Answer {
  const sendingDomain = context.account.findSendingDomain(domain);
  if (!sendingDomain || !canWrite(ownerOf(sendingDomain), request.subaccount))
    return sendingDomainNotFound(domain);
  const body = isObject(request.body) ? request.body : {};
  const requested = body.tracking_domain;
  if (requested !== undefined) {
    if (typeof requested !== "string") return invalidParams("tracking_domain must be a string");
    const refusal = linkRefusal(context, sendingDomain, requested);
    if (refusal) return refusal;
    context.account.linkSendingDomain(
      sendingDomain,
      requested === "" ? undefined : normalizeDomain(requested),
    );
  }
  return results({ message: "Successfully Updated Domain.", domain: sendingDomain.domain });
}

/**
 * Why a link is refused, or undefined. Only the "not registered" wording is documented; the other
 * two are the sandbox's own, in the same shape.
 */
function linkRefusal(
  context: ApiContext,
  sendingDomain: SendingDomainState,
  requested: string,
): Answer | undefined {
  if (requested === "") return undefined;
  const trackingDomain = context.account.findTrackingDomain(requested);
  if (!trackingDomain)
    return invalidParams(`Tracking domain '${requested}' is not a registered tracking domain`);
  if (ownerOf(trackingDomain) !== ownerOf(sendingDomain)) {
    return invalidParams(
      `Tracking domain '${trackingDomain.domain}' and sending domain '${sendingDomain.domain}' ` +
        "must belong to the same subaccount",
    );
  }
  if (!trackingDomain.status.verified) {
    return invalidParams(`Tracking domain '${trackingDomain.domain}' is not verified`);
  }
  return undefined;
}
