/**
 * One DNS server's view of a tracking domain: its CNAME, or the addresses a proxy shows instead,
 * or nothing yet, or why the server could not tell. Uses node's built-in resolver (c-ares).
 */
import { Resolver } from "node:dns/promises";

/** What one server said about the tracking domain. */
export type ServerAnswer =
  | { kind: "cname"; targets: string[] }
  /** No CNAME, but A/AAAA records: a proxied (Cloudflare) record, or a plain address record. */
  | { kind: "addresses"; addresses: string[] }
  /** `nameExists` tells NXDOMAIN (false) from a name that has only other record types (true). */
  | { kind: "absent"; nameExists: boolean }
  /** The server did not answer usefully; `reason` reads after the server's name. */
  | { kind: "failed"; reason: string };

/** A DNS error as node:dns reports it (`code` is one of the `dns.*` error codes). */
interface DnsError {
  code?: unknown;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as DnsError | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A resolver asking `servers` (node:dns syntax: "ip", "ip:port", "[ipv6]:port"), or the system's
 * resolvers when `servers` is undefined. Each query gets two tries sharing `timeoutMs`, so a lost
 * UDP packet is retried and a silent server costs about `timeoutMs`.
 */
export function createResolver(servers: string[] | undefined, timeoutMs: number): Resolver {
  const perTry = Math.max(1, Math.ceil(timeoutMs / 2));
  const resolver = new Resolver({ timeout: perTry, tries: 2, maxTimeout: perTry });
  if (servers !== undefined) resolver.setServers(servers);
  return resolver;
}

/** Why a query failed, as a phrase that reads after a server's name ("ns1 did not answer ..."). */
export function describeDnsFailure(error: unknown, timeoutMs: number): string {
  const code = codeOf(error);
  switch (code) {
    case "ETIMEOUT":
      return `did not answer within ${timeoutMs} ms`;
    case "ECONNREFUSED":
      return "refused the connection (nothing listens there)";
    case "EREFUSED":
      return "refused the query (REFUSED)";
    case "ESERVFAIL":
      return "answered with a server failure (SERVFAIL)";
    default:
      return `failed (${code ?? String(error)})`;
  }
}

/** True for "no such name" and "no record of that type": answers, not failures. */
export function isNegativeAnswer(error: unknown): boolean {
  const code = codeOf(error);
  return code === "ENOTFOUND" || code === "ENODATA";
}

/** `query`'s records, or [] for a negative answer (the other failures propagate). */
export async function recordsOrNone(query: Promise<string[]>): Promise<string[]> {
  try {
    return await query;
  } catch (error) {
    if (isNegativeAnswer(error)) return [];
    throw error;
  }
}

/**
 * Asks `resolver` for the CNAME of `domain`, and when there is none, for its A then AAAA records
 * (a proxied Cloudflare record shows only the proxy's addresses). Never throws: a server that
 * fails becomes a `failed` answer.
 */
export async function askForTrackingRecord(
  resolver: Resolver,
  domain: string,
  timeoutMs: number,
): Promise<ServerAnswer> {
  try {
    const targets = await resolver.resolveCname(domain);
    // An answer without CNAME records is "no CNAME here": look for addresses below.
    if (targets.length > 0) return { kind: "cname", targets: targets.map(normalizeTarget) };
  } catch (error) {
    if (codeOf(error) === "ENOTFOUND") return { kind: "absent", nameExists: false };
    if (codeOf(error) !== "ENODATA") {
      return { kind: "failed", reason: describeDnsFailure(error, timeoutMs) };
    }
  }
  try {
    let addresses = await recordsOrNone(resolver.resolve4(domain));
    if (addresses.length === 0) addresses = await recordsOrNone(resolver.resolve6(domain));
    return addresses.length > 0
      ? { kind: "addresses", addresses }
      : { kind: "absent", nameExists: true };
  } catch (error) {
    return { kind: "failed", reason: describeDnsFailure(error, timeoutMs) };
  }
}

function normalizeTarget(target: string): string {
  return target.toLowerCase().replace(/\.$/, "");
}
