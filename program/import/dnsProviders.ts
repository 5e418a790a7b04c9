/**
 * Which DNS provider serves each zone, as its nameservers' names suggest, and which one the
 * generated entry uses: `manual` until the user confirms a provider for the zone, since writing
 * records through the wrong provider (or a zone the stack should not own) is worse than none.
 */
import type {
  DnsChoice,
  DnsFacts,
  DnsSuggestion,
  DomainDnsFacts,
  GenerationChoices,
} from "./types";

/** Names for messages. */
export const PROVIDER_NAMES: Readonly<Record<DnsSuggestion, string>> = {
  route53: "Route53",
  cloudflare: "Cloudflare",
  other: "another DNS provider",
};

/**
 * The provider `nameservers` belong to: Route53's are `ns-<n>.awsdns-<n>.<tld>`, Cloudflare's
 * `<name>.ns.cloudflare.com`; anything else, or a mix, is `other`.
 */
export function suggestedProvider(nameservers: readonly string[]): DnsSuggestion | undefined {
  if (nameservers.length === 0) return undefined;
  if (nameservers.every((host) => /(^|\.)awsdns-\d+\./.test(host))) return "route53";
  if (nameservers.every((host) => host.endsWith(".ns.cloudflare.com"))) return "cloudflare";
  return "other";
}

/** How an entry's DNS was decided. */
export type DnsDecisionReason =
  /** `--dns <zone>=<provider>` named its zone. */
  | "confirmed"
  /** `--accept-dns-suggestions` took the suggestion. */
  | "accepted"
  /** Nothing confirmed it: manual. */
  | "unconfirmed";

/** The DNS settings of one entry, and why. */
export interface DnsDecision {
  /** The zone the record belongs to: the one DNS named, or the `--dns` zone that holds it. */
  zone?: string;
  suggestion?: DnsSuggestion;
  choice: DnsChoice;
  reason: DnsDecisionReason;
}

/** True when `domain` is `zone` or below it. */
function isWithin(domain: string, zone: string): boolean {
  return domain === zone || domain.endsWith(`.${zone}`);
}

/**
 * The zone of `domain` for `--dns`: the one DNS found, else (no lookup, or it failed) the
 * longest confirmed zone holding the domain.
 */
function zoneFor(
  domain: string,
  facts: DomainDnsFacts | undefined,
  confirmed: ReadonlyMap<string, DnsChoice>,
): string | undefined {
  if (facts?.zone !== undefined) return facts.zone;
  return [...confirmed.keys()]
    .filter((zone) => isWithin(domain, zone))
    .sort((a, b) => b.length - a.length)[0];
}

/** The DNS decision for `domain`. */
export function dnsDecision(
  domain: string,
  dnsFacts: DnsFacts,
  choices: Pick<GenerationChoices, "confirmedDns" | "acceptSuggestions">,
): DnsDecision {
  const facts = dnsFacts.get(domain);
  const zone = zoneFor(domain, facts, choices.confirmedDns);
  const suggestion = facts === undefined ? undefined : suggestedProvider(facts.nameservers);
  const confirmed = zone === undefined ? undefined : choices.confirmedDns.get(zone);
  if (confirmed !== undefined) return { zone, suggestion, choice: confirmed, reason: "confirmed" };
  if (choices.acceptSuggestions && (suggestion === "route53" || suggestion === "cloudflare")) {
    return { zone, suggestion, choice: suggestion, reason: "accepted" };
  }
  return { zone, suggestion, choice: "manual", reason: "unconfirmed" };
}

/** The zones named with `--dns` that hold none of `domains`, sorted: a typo, or the wrong zone. */
export function unusedConfirmations(
  domains: readonly string[],
  dnsFacts: DnsFacts,
  confirmed: ReadonlyMap<string, DnsChoice>,
): string[] {
  const used = new Set(domains.map((domain) => zoneFor(domain, dnsFacts.get(domain), confirmed)));
  return [...confirmed.keys()].filter((zone) => !used.has(zone)).sort();
}
