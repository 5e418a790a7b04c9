/** `POST|GET /tracking-domains` and `GET|PUT|DELETE /tracking-domains/{domain}`. */
import { type Answer, NOT_FOUND, apiError, isObject, results } from "../http";
import { isBlacklisted, isValidDomain, normalizeDomain } from "../domainName";
import { ownerOf, renderTrackingDomain } from "../records";
import { canRead } from "../auth";
import {
  type ApiContext,
  type ApiRequest,
  readableTrackingDomain,
  writableTrackingDomain,
} from "./context";

function domainMustBeValid(status: number, value: unknown): Answer {
  return apiError(status, {
    message: "domain must be valid",
    param: "domain",
    value: value ?? null,
  });
}

/** A 422 for a field that must be a boolean when present; the API's wording for it is undocumented. */
function booleanFieldError(body: Record<string, unknown>, field: string): Answer | undefined {
  const value = body[field];
  if (value === undefined || typeof value === "boolean") return undefined;
  return apiError(422, { message: `${field} must be a boolean`, param: field, value });
}

/** Creates a tracking domain, owned by the `X-MSYS-SUBACCOUNT` subaccount when given. */
export function createTrackingDomain(context: ApiContext, request: ApiRequest): Answer {
  const body = isObject(request.body) ? request.body : {};
  if (typeof body.domain !== "string" || !isValidDomain(normalizeDomain(body.domain))) {
    return domainMustBeValid(422, body.domain);
  }
  const invalidSecure = booleanFieldError(body, "secure");
  if (invalidSecure) return invalidSecure;
  const domain = normalizeDomain(body.domain);
  if (isBlacklisted(domain, context.settings.blacklist)) {
    return apiError(400, { message: "domain is on a DNS blacklist" });
  }
  // Tracking domains are unique across the whole account, subaccounts included.
  if (context.account.findTrackingDomain(domain)) {
    return apiError(409, { message: "The tracking domain already exists" });
  }
  context.account.addTrackingDomain({
    domain,
    secure: body.secure === true,
    default: false,
    status: { verified: false, cname_status: "pending", compliance_status: "pending" },
    ...(request.subaccount ? { subaccountId: request.subaccount } : {}),
    createdAt: context.now(),
  });
  return results({ domain });
}

/** Lists tracking domains the request may see, filtered by `default=true` and `subaccounts`. */
export function listTrackingDomains(context: ApiContext, request: ApiRequest): Answer {
  const onlyDefaults = request.query.get("default") === "true";
  const owners = requestedOwners(request.query);
  const visible = context.account.trackingDomains().filter((record) => {
    const owner = ownerOf(record);
    if (!canRead(owner, request.subaccount)) return false;
    if (onlyDefaults && !record.default) return false;
    return owners === undefined || owners.includes(owner);
  });
  const now = context.now();
  return results(visible.map((record) => renderTrackingDomain(record, now)));
}

/** The `subaccounts` query list (0 = primary), split on `delimiter` (default `,`); undefined when absent. */
function requestedOwners(query: URLSearchParams): number[] | undefined {
  const list = query.get("subaccounts");
  if (list === null || list.trim() === "") return undefined;
  const delimiter = query.get("delimiter") || ",";
  return list
    .split(delimiter)
    .map((item) => item.trim())
    .filter((item) => /^\d+$/.test(item))
    .map(Number);
}

export function getTrackingDomain(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): Answer {
  if (!isValidDomain(normalizeDomain(domain))) return domainMustBeValid(400, domain);
  const record = readableTrackingDomain(context, request, domain);
  return record ? results(renderTrackingDomain(record, context.now())) : NOT_FOUND;
}

/** Changes `secure` and `default`; a default must be verified, and replaces the owner's previous one. */
export function updateTrackingDomain(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): Answer {
  const record = writableTrackingDomain(context, request, domain);
  if (!record) return NOT_FOUND;
  const body = isObject(request.body) ? request.body : {};
  const invalid = booleanFieldError(body, "secure") ?? booleanFieldError(body, "default");
  if (invalid) return invalid;
  if (body.default === true && !record.status.verified) {
    return apiError(422, { message: `Tracking domain '${record.domain}' unverified.` });
  }
  context.account.updateTrackingDomain(record, (changed) => {
    if (typeof body.secure === "boolean") changed.secure = body.secure;
    if (typeof body.default === "boolean") changed.default = body.default;
  });
  return results({ domain: record.domain });
}

export function deleteTrackingDomain(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): Answer {
  const record = writableTrackingDomain(context, request, domain);
  if (!record) return NOT_FOUND;
  context.account.deleteTrackingDomain(record);
  return { status: 204 };
}
