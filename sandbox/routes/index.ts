/** Maps an API request (method and path segments under `/api/v1`) to its handler. */
import { type Answer, NOT_FOUND } from "../http";
import type { ApiContext, ApiRequest } from "./context";
import {
  createTrackingDomain,
  deleteTrackingDomain,
  getTrackingDomain,
  listTrackingDomains,
  updateTrackingDomain,
} from "./trackingDomains";
import { checkCertificate, enableCertificate } from "./certificates";
import { verifyTrackingDomain } from "./verification";
import { getSendingDomain, updateSendingDomain } from "./sendingDomains";
import { listSendingDomains, listSubaccounts } from "./listings";

export type { ApiContext, ApiRequest } from "./context";

type DomainHandler = (
  context: ApiContext,
  request: ApiRequest,
  domain: string,
) => Answer | Promise<Answer>;

/** Handlers of `/tracking-domains/{domain}<suffix>`, keyed by `METHOD suffix`. */
const TRACKING_DOMAIN_ROUTES = new Map<string, DomainHandler>([
  ["GET ", getTrackingDomain],
  ["PUT ", updateTrackingDomain],
  ["DELETE ", deleteTrackingDomain],
  ["POST verify", verifyTrackingDomain],
  ["POST certificate/check", checkCertificate],
  ["POST certificate/enable", enableCertificate],
]);

/** Handlers of `/sending-domains/{domain}`. */
const SENDING_DOMAIN_ROUTES = new Map<string, DomainHandler>([
  ["GET ", getSendingDomain],
  ["PUT ", updateSendingDomain],
]);

const ROUTES_BY_COLLECTION = new Map([
  ["tracking-domains", TRACKING_DOMAIN_ROUTES],
  ["sending-domains", SENDING_DOMAIN_ROUTES],
]);

/** Answers an authorized API request; unknown paths and methods get the API's 404. */
export async function dispatch(context: ApiContext, request: ApiRequest): Promise<Answer> {
  const [collection, domain, ...rest] = request.segments;
  if (collection === "tracking-domains" && domain === undefined) {
    if (request.method === "POST") return createTrackingDomain(context, request);
    if (request.method === "GET") return listTrackingDomains(context, request);
    return NOT_FOUND;
  }
  if (domain === undefined && request.method === "GET") {
    if (collection === "sending-domains") return listSendingDomains(context, request);
    if (collection === "subaccounts") return listSubaccounts(context);
  }
  const routes = ROUTES_BY_COLLECTION.get(collection);
  if (!routes || domain === undefined) return NOT_FOUND;
  const handler = routes.get(`${request.method} ${rest.join("/")}`);
  return handler ? handler(context, request, domain) : NOT_FOUND;
}
