/**
 * Finds the nameservers that are the authority for a tracking domain's record: walks up from the
 * domain asking the resolver for NS records, then resolves each nameserver's address.
 */
import type { Resolver } from "node:dns/promises";
import { getDomain } from "tldts";
import { describeDnsFailure, isNegativeAnswer, recordsOrNone } from "./askServer";
import { normalizeHostname } from "./hostname";

/** One authoritative nameserver: where to ask it, or why it cannot be asked. */
export interface Authority {
  /** The nameserver's hostname, e.g. "ns1.example.com". */
  host: string;
  /** "ip" or "ip:port" for Resolver.setServers; absent when the host has no address. */
  server?: string;
  /** Why the host cannot be asked (reads after its name); set exactly when `server` is not. */
  failure?: string;
}

/**
 * The zone the walk found and its nameservers, or why the walk found none. `unreachable` tells
 * "the resolvers did not answer" (DNS cannot be checked from here) from an answer that there is
 * no such zone.
 */
export type AuthoritySearch =
  | { found: true; zone: string; authorities: Authority[] }
  | { found: false; failure: string; unreachable: boolean };

/**
 * The names whose NS records may make them the zone of `domain`, nearest first: its parent up to
 * its registrable domain ("track.a.example.co.uk" gives "a.example.co.uk", "example.co.uk").
 *
 * The walk starts at the parent because a CNAME cannot sit at a zone apex, and asking a resolver
 * for the NS records of a name that is a CNAME answers the NS records of the CNAME's target
 * (the legacy "spgo.io" is itself an apex). It stops at the registrable domain so that a missing
 * zone is reported as missing instead of asking the nameservers of "co.uk" or "com".
 */
export function zoneCandidates(domain: string): string[] {
  const hostname = normalizeHostname(domain);
  const registrable = getDomain(hostname, { allowPrivateDomains: false });
  if (registrable === null || registrable === hostname) return [];
  const labels = hostname.split(".");
  const candidates: string[] = [];
  for (let start = 1; start < labels.length - 1; start++) {
    const candidate = labels.slice(start).join(".");
    candidates.push(candidate);
    if (candidate === registrable) break;
  }
  return candidates;
}

/**
 * Asks `resolver` for the NS records of each zone candidate of `domain` until one has them, then
 * resolves those nameservers to addresses (A, else AAAA) through the same resolver.
 * `authorityPort` replaces port 53 when asking the authorities (tests run them on other ports).
 * Never throws for DNS outcomes. `resolverName` names the resolver in failure sentences.
 */
export async function findAuthorities(
  domain: string,
  resolver: Resolver,
  resolverName: string,
  timeoutMs: number,
  authorityPort?: number,
): Promise<AuthoritySearch> {
  const candidates = zoneCandidates(domain);
  for (const zone of candidates) {
    let hosts: string[];
    try {
      hosts = await resolver.resolveNs(zone);
    } catch (error) {
      // No such name, or a name without NS records: not a zone apex, so go on up.
      if (isNegativeAnswer(error)) continue;
      const why = describeDnsFailure(error, timeoutMs);
      return {
        found: false,
        failure: `${resolverName} ${why} when asked for the NS records of ${zone}`,
        unreachable: true,
      };
    }
    if (hosts.length === 0) continue;
    const authorities = await Promise.all(
      hosts.map((host) =>
        locateAuthority(normalizeHostname(host), resolver, timeoutMs, authorityPort),
      ),
    );
    return { found: true, zone, authorities };
  }
  if (candidates.length === 0) {
    return {
      found: false,
      failure: "it is not a subdomain of a registrable domain",
      unreachable: false,
    };
  }
  return {
    found: false,
    failure: `${resolverName} know no NS records for ${candidates.join(", ")}`,
    unreachable: false,
  };
}

async function locateAuthority(
  host: string,
  resolver: Resolver,
  timeoutMs: number,
  authorityPort: number | undefined,
): Promise<Authority> {
  try {
    const ipv4 = await recordsOrNone(resolver.resolve4(host));
    const [address] = ipv4.length > 0 ? ipv4 : await recordsOrNone(resolver.resolve6(host));
    if (address === undefined) return { host, failure: "has no address record" };
    return { host, server: withPort(address, authorityPort) };
  } catch (error) {
    return { host, failure: `could not be resolved: ${describeDnsFailure(error, timeoutMs)}` };
  }
}

function withPort(address: string, port: number | undefined): string {
  if (port === undefined) return address;
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}
