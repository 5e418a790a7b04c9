/**
 * Reads one SparkPost account for the import: its subaccounts (when asked for), its tracking
 * domains and its sending domains, three list calls in all, whatever the number of domains. Only
 * reads: nothing here writes to SparkPost.
 */
import { apiFailure, statusOf } from "../../provider/resources/apiFailure";
import type {
  SendingDomainListEntry,
  SparkPostClient,
  SubaccountObject,
  TrackingDomainObject,
} from "../../provider/sparkpost";
import { normalizeHostname } from "../../provider/dns/hostname";
import type {
  AccountSnapshot,
  FoundTrackingDomain,
  ImportedSubaccount,
  SubaccountSelection,
} from "./types";
import { accountLabel } from "../../provider/resources/providerSupport";

/** The permission each list call needs, named in the advice of a 403. */
const PERMISSIONS = {
  subaccounts: "subaccounts/view",
  trackingDomains: "tracking_domains/view",
  sendingDomains: "sending_domains/view",
} as const;

/** Advice for a failed list call: a key without the permission (403), or a wrong key (401). */
function adviceFor(permission: string): (error: unknown) => string | undefined {
  return (error) => {
    switch (statusOf(error)) {
      case 401:
        return "Check the API key (SPARKPOST_API_KEY or --api-key-file) and that --region or --api-url names the account's region: US and EU accounts have separate keys.";
      case 403:
        return `The API key lacks the ${permission} permission: give it that permission in SparkPost (API keys), or use a key that has it. The import only reads.`;
      default:
        return undefined;
    }
  };
}

async function read<T>(action: string, permission: string, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw apiFailure(action, error, adviceFor(permission)(error));
  }
}

/** "the primary account and every subaccount", for progress lines. */
export function selectionLabel(selection: SubaccountSelection): string {
  switch (selection.kind) {
    case "none":
      return "the primary account";
    case "all":
      return "the primary account and every subaccount";
    case "listed":
      return `the primary account and subaccount${selection.ids.length === 1 ? "" : "s"} ${selection.ids.join(", ")}`;
  }
}

/** The subaccounts to read, checked against the account's list; throws for an unknown id. */
async function selectedSubaccounts(
  client: SparkPostClient,
  selection: SubaccountSelection,
): Promise<ImportedSubaccount[]> {
  if (selection.kind === "none") return [];
  const listed: SubaccountObject[] = await read(
    "list the subaccounts",
    PERMISSIONS.subaccounts,
    client.listSubaccounts(),
  );
  const known = listed
    .map((subaccount) => ({ id: subaccount.id, name: subaccount.name }))
    .sort((a, b) => a.id - b.id);
  if (selection.kind === "all") return known;
  const missing = selection.ids.filter((id) => !known.some((subaccount) => subaccount.id === id));
  if (missing.length > 0) {
    const existing = known.map((subaccount) => subaccount.id).join(", ") || "none";
    throw new Error(
      `The account has no subaccount ${missing.join(", ")} (its subaccounts: ${existing}): correct --subaccounts.`,
    );
  }
  return known.filter((subaccount) => selection.ids.includes(subaccount.id));
}

function ownerOf(object: { subaccount_id?: number }): number | undefined {
  return object.subaccount_id || undefined;
}

/**
 * The tracking domains of the selected accounts with their links. A link is kept only when the
 * sending domain and the tracking domain belong to the same account, as SparkPost requires and as
 * a SendingDomainLink reads it; others are reported in `leftOut`.
 */
function assemble(
  trackingDomains: TrackingDomainObject[],
  sendingDomains: SendingDomainListEntry[],
  isSelected: (owner: number | undefined) => boolean,
): { found: FoundTrackingDomain[]; leftOut: string[] } {
  const leftOut: string[] = [];
  const byName = new Map<string, FoundTrackingDomain>();
  for (const object of trackingDomains) {
    const owner = ownerOf(object);
    if (!isSelected(owner)) continue;
    const domain = normalizeHostname(object.domain);
    byName.set(domain, {
      domain,
      secure: object.secure,
      ...(owner === undefined ? {} : { subaccountId: owner }),
      isDefault: object.default === true,
      verified: object.status.verified,
      cnameStatus: object.status.cname_status ?? "",
      sendingDomains: [],
    });
  }
  const allNames = new Set(trackingDomains.map((object) => normalizeHostname(object.domain)));
  for (const sendingDomain of sendingDomains) {
    const owner = ownerOf(sendingDomain);
    if (!isSelected(owner) || !sendingDomain.tracking_domain) continue;
    const name = normalizeHostname(sendingDomain.domain);
    const linked = normalizeHostname(sendingDomain.tracking_domain);
    const trackingDomain = byName.get(linked);
    if (trackingDomain === undefined) {
      if (!allNames.has(linked)) {
        leftOut.push(
          `the link of sending domain ${name} (${accountLabel(owner)}) to ${linked}, a tracking domain SparkPost does not list`,
        );
      }
      continue;
    }
    if (trackingDomain.subaccountId !== owner) {
      leftOut.push(
        `the link of sending domain ${name} (${accountLabel(owner)}) to ${linked} (${accountLabel(trackingDomain.subaccountId)}): SparkPost links domains of one account only, so a SendingDomainLink could not read it`,
      );
      continue;
    }
    trackingDomain.sendingDomains.push(name);
  }
  const found = [...byName.values()].sort(
    (a, b) => (a.subaccountId ?? 0) - (b.subaccountId ?? 0) || a.domain.localeCompare(b.domain),
  );
  for (const domain of found) domain.sendingDomains.sort();
  return { found, leftOut };
}

/** Receives one progress line at a time. */
export type Progress = (line: string) => void;

/**
 * Reads the selected accounts: `GET /subaccounts` (only when subaccounts are asked for), then
 * `GET /tracking-domains` and `GET /sending-domains`, each once. Scoped to the primary account
 * (`X-MSYS-SUBACCOUNT: 0`) when no subaccount is asked for; unscoped otherwise, SparkPost's way of
 * answering for every account at once.
 *
 * @throws an Error whose message says what failed and what to do (a 403 names the permission).
 */
export async function readAccount(
  client: SparkPostClient,
  apiUrl: string,
  selection: SubaccountSelection,
  progress: Progress,
): Promise<AccountSnapshot> {
  progress(`Reading ${selectionLabel(selection)} at ${apiUrl}`);
  const subaccounts = await selectedSubaccounts(client, selection);
  if (selection.kind !== "none") {
    const names = subaccounts.map((subaccount) =>
      subaccount.name ? `${subaccount.id} (${subaccount.name})` : String(subaccount.id),
    );
    progress(
      subaccounts.length === 0
        ? "The account has no subaccounts"
        : `Subaccounts: ${names.join(", ")}`,
    );
  }
  const scope = selection.kind === "none" ? { subaccountId: 0 } : undefined;
  const where = selection.kind === "none" ? "of the primary account" : "of every account";
  const trackingDomains = await read(
    `list the tracking domains ${where}`,
    PERMISSIONS.trackingDomains,
    client.listTrackingDomains({}, scope),
  );
  const sendingDomains = await read(
    `list the sending domains ${where}`,
    PERMISSIONS.sendingDomains,
    client.listSendingDomains(scope),
  );
  // "all" takes every owner the lists show, even one `GET /subaccounts` left out.
  const selected = new Set<number | undefined>([
    undefined,
    ...subaccounts.map((subaccount) => subaccount.id),
  ]);
  const { found, leftOut } = assemble(
    trackingDomains,
    sendingDomains,
    (owner) => selection.kind === "all" || selected.has(owner),
  );
  const links = found.reduce((count, domain) => count + domain.sendingDomains.length, 0);
  progress(
    `Found ${plural(found.length, "tracking domain")} and ${plural(links, "linked sending domain")}`,
  );
  return { apiUrl, subaccounts, trackingDomains: found, leftOut };
}

/** "1 tracking domain", "3 tracking domains". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
