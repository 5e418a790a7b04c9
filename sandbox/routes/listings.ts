/**
 * `GET /sending-domains` and `GET /subaccounts`: the lists SparkPost documents (API reference
 * `sending-domains`, "List all Sending Domains"; `subaccounts`, "List all Subaccounts"), which a
 * tool reading a whole account needs.
 */
import type { SendingDomainListItem, SubaccountObject } from "../apiObjects";
import { type Answer, results } from "../http";
import { ownerOf, renderSendingDomain } from "../records";
import { canRead } from "../auth";
import type { ApiContext, ApiRequest } from "./context";

/**
 * The documented filters of the sending-domain list, each read from the rendered object. Status
 * fields the sandbox does not model (`mx_status`...) read as their documented default,
 * `unverified`.
 */
const SENDING_DOMAIN_FILTERS: Readonly<Record<string, (domain: SendingDomainListItem) => string>> =
  {
    ownership_verified: (domain) => String(domain.status.ownership_verified),
    dkim_status: (domain) => domain.status.dkim_status,
    cname_status: (domain) => domain.status.cname_status,
    mx_status: () => "unverified",
    abuse_at_status: () => "unverified",
    postmaster_at_status: () => "unverified",
    compliance_status: (domain) => domain.status.compliance_status,
    is_default_bounce_domain: (domain) => String(domain.is_default_bounce_domain),
  };

/**
 * Every sending domain the request may see (all owners without `X-MSYS-SUBACCOUNT`, one owner
 * with it), each with its `domain` field, in the order they were added, filtered by the
 * documented query parameters.
 */
export function listSendingDomains(context: ApiContext, request: ApiRequest): Answer {
  const filters = Object.entries(SENDING_DOMAIN_FILTERS).flatMap(([name, read]) => {
    const wanted = request.query.get(name);
    return wanted === null ? [] : [(domain: SendingDomainListItem) => read(domain) === wanted];
  });
  const listed = context.account
    .snapshot()
    .sendingDomains.filter((sendingDomain) => canRead(ownerOf(sendingDomain), request.subaccount))
    .map((sendingDomain): SendingDomainListItem => ({
      domain: sendingDomain.domain,
      ...renderSendingDomain(sendingDomain),
    }))
    .filter((domain) => filters.every((matches) => matches(domain)));
  return results(listed);
}

/**
 * The subaccounts of the account. The sandbox has no subaccount objects (any number in the
 * header is one): it lists every subaccount that owns a tracking or sending domain, by id, named
 * "Subaccount <id>" and active.
 */
export function listSubaccounts(context: ApiContext): Answer {
  const { trackingDomains, sendingDomains } = context.account.snapshot();
  const ids = new Set([...trackingDomains, ...sendingDomains].map(ownerOf));
  ids.delete(0);
  const subaccounts = [...ids]
    .sort((a, b) => a - b)
    .map((id): SubaccountObject => ({
      id,
      name: `Subaccount ${id}`,
      status: "active",
      compliance_status: "active",
    }));
  return results(subaccounts);
}
