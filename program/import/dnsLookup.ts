/**
 * What public DNS says about each imported tracking domain: the zone holding it and that zone's
 * nameservers (whose names suggest the DNS provider), and the domain's CNAME (which may point at
 * an older SparkPost endpoint, kept as `cnameTarget`). Uses node:dns; never throws for DNS
 * outcomes, which become notes in the generated file.
 */
import type { Resolver } from "node:dns/promises";
import {
  askForTrackingRecord,
  createResolver,
  describeDnsFailure,
  isNegativeAnswer,
} from "../../provider/dns/askServer";
import { zoneCandidates } from "../../provider/dns/authorities";
import { normalizeHostname } from "../../provider/dns/hostname";
import type { Progress } from "./readAccount";
import type { DomainDnsFacts } from "./types";

/** How the lookups ask DNS. */
export interface DnsLookupOptions {
  /** Servers as "ip" or "ip:port"; the system's resolvers when absent. */
  servers?: string[];
  /** How long one query may take with its retry. @default 3000 */
  timeoutMs?: number;
}

/** Domains looked up at the same time: quick on big accounts, gentle on resolvers. */
const CONCURRENT_LOOKUPS = 8;

/** A progress line every this many domains, on accounts with more. */
export const DNS_PROGRESS_EVERY = 25;

type NsAnswer =
  { kind: "nameservers"; hosts: string[] } | { kind: "none" } | { kind: "failed"; reason: string };

/** NS lookups, each name asked once however many domains share its zone. */
class NameserverCache {
  private readonly answers = new Map<string, Promise<NsAnswer>>();

  constructor(
    private readonly resolver: Resolver,
    private readonly timeoutMs: number,
  ) {}

  of(name: string): Promise<NsAnswer> {
    let answer = this.answers.get(name);
    if (answer === undefined) {
      answer = this.ask(name);
      this.answers.set(name, answer);
    }
    return answer;
  }

  private async ask(name: string): Promise<NsAnswer> {
    try {
      const hosts = await this.resolver.resolveNs(name);
      return hosts.length === 0
        ? { kind: "none" }
        : { kind: "nameservers", hosts: [...new Set(hosts.map(normalizeHostname))].sort() };
    } catch (error) {
      if (isNegativeAnswer(error)) return { kind: "none" };
      return { kind: "failed", reason: describeDnsFailure(error, this.timeoutMs) };
    }
  }
}

/**
 * The zone of `domain`: its nearest parent with NS records, up to the registrable domain (the
 * walk starts at the parent, since asking for the NS records of a CNAME answers its target's).
 */
async function zoneOf(
  domain: string,
  cache: NameserverCache,
): Promise<Pick<DomainDnsFacts, "zone" | "nameservers" | "zoneProblem">> {
  const candidates = zoneCandidates(domain);
  for (const zone of candidates) {
    const answer = await cache.of(zone);
    if (answer.kind === "nameservers") return { zone, nameservers: answer.hosts };
    if (answer.kind === "failed") {
      return {
        nameservers: [],
        zoneProblem: `the resolver ${answer.reason} when asked for the NS records of ${zone}`,
      };
    }
  }
  return {
    nameservers: [],
    zoneProblem:
      candidates.length === 0
        ? "it is not a subdomain of a registrable domain"
        : `DNS knows no NS records for ${candidates.join(", ")}`,
  };
}

async function recordOf(
  domain: string,
  resolver: Resolver,
  timeoutMs: number,
): Promise<Pick<DomainDnsFacts, "cname" | "cnameNote">> {
  const answer = await askForTrackingRecord(resolver, domain, timeoutMs);
  switch (answer.kind) {
    case "cname":
      return { cname: answer.targets[0] };
    case "addresses":
      return { cnameNote: "no CNAME but address records (a proxied Cloudflare record?)" };
    case "absent":
      return { cnameNote: answer.nameExists ? "no CNAME record" : "the name is not in DNS" };
    case "failed":
      return { cnameNote: `the CNAME lookup failed: the resolver ${answer.reason}` };
  }
}

/**
 * The DNS facts of every domain in `domains`, by domain. Prints how far it got every
 * {@link DNS_PROGRESS_EVERY} domains when there are more than that.
 */
export async function lookUpDns(
  domains: readonly string[],
  options: DnsLookupOptions,
  progress: Progress,
): Promise<Map<string, DomainDnsFacts>> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const resolver = createResolver(options.servers, timeoutMs);
  const cache = new NameserverCache(resolver, timeoutMs);
  const facts = new Map<string, DomainDnsFacts>();
  if (domains.length === 0) return facts;
  const where = options.servers ? ` through ${options.servers.join(", ")}` : "";
  progress(
    `Looking up the zone and CNAME of ${domains.length === 1 ? "1 tracking domain" : `${domains.length} tracking domains`} in DNS${where}`,
  );
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < domains.length) {
      const domain = domains[next++];
      const [zone, record] = await Promise.all([
        zoneOf(domain, cache),
        recordOf(domain, resolver, timeoutMs),
      ]);
      facts.set(domain, { ...zone, ...record });
      done++;
      if (
        domains.length > DNS_PROGRESS_EVERY &&
        (done % DNS_PROGRESS_EVERY === 0 || done === domains.length)
      ) {
        progress(`  DNS: ${done} of ${domains.length} tracking domains done`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_LOOKUPS, domains.length) }, worker));
  resolver.cancel();
  return facts;
}
