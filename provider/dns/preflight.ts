/**
 * The DNS preflight: before each SparkPost verify call, does the tracking domain's CNAME already
 * answer with the expected target where it matters? Verifying too early makes SparkPost's
 * resolvers cache the record's absence, which delays verification by the zone's negative TTL.
 *
 * Uses node's built-in `node:dns` Resolver (c-ares): it can ask chosen servers directly with
 * per-query timeouts, which is all this needs, and it adds no dependency to the provider.
 */
import { createResolver, askForTrackingRecord } from "./askServer";
import { findAuthorities } from "./authorities";
import { normalizeHostname } from "./hostname";
import { nameserverProblem } from "./nameserverAddress";
import { answerIsReady, CheckedRecord, NamedAnswer, summarizeAnswers } from "./preflightSummary";

/** Where the preflight looks for the record. */
export type PreflightMode = "authoritative" | "resolver" | "off";

/** How long one DNS query may take, both of its tries included, unless `timeoutMs` says otherwise. */
export const DEFAULT_PREFLIGHT_TIMEOUT_MS = 5000;

export interface PreflightOptions {
  /**
   * "authoritative": ask the zone's authoritative nameservers, which see a new record first
   * and never cache its absence. "resolver": ask the system's resolvers (what SparkPost's
   * resolvers will see, caches included). "off": do not check.
   */
  mode: PreflightMode;
  /**
   * Servers to ask instead ("ip" or "ip:port"). In "resolver" mode they replace the system
   * resolvers. In "authoritative" mode they ARE the authority: they are asked directly and the
   * search for the zone's nameservers is skipped; this is how tests and split-horizon DNS setups
   * point the preflight at one server.
   */
  nameservers?: string[];
  /**
   * The record is proxied (Cloudflare): the proxy's A/AAAA records show instead of the CNAME, so
   * any address answer counts as ready.
   */
  proxied?: boolean;
  /** How long one DNS query may take, in milliseconds. @default 5000 */
  timeoutMs?: number;
  /**
   * Servers that stand in for the system resolvers (the walk in "authoritative" mode, the
   * resolver in "resolver" mode). Tests only.
   * @internal
   */
  systemResolvers?: string[];
  /**
   * The port to ask the authoritative nameservers the walk finds on, instead of 53. Tests only.
   * @internal
   */
  authorityPort?: number;
}

export interface PreflightResult {
  /** Every server that answered shows the expected target (or, proxied, any address). */
  ready: boolean;
  /**
   * Some DNS server answered (yes or no). False when none could be reached: UDP/53 blocked, no
   * resolvers, every server timing out. DNS then cannot be checked from this machine at all.
   */
  reachable: boolean;
  /** The CNAME targets seen, and the addresses of servers that answered only A/AAAA records. */
  observed: string[];
  /** The servers asked: "ns1.example.com (192.0.2.1)", or "127.0.0.1:5353" as given. */
  askedServers: string[];
  /** One sentence for progress lines and timeout errors. */
  summary: string;
}

/** A server to ask, its name in summaries, and its label in `askedServers`. */
interface ServerToAsk {
  name: string;
  label: string;
  /** Absent when the server cannot be asked; then `failure` says why. */
  server?: string;
  failure?: string;
}

type ServerChoice =
  { group: string; servers: ServerToAsk[] } | { failure: string; unreachable: boolean };

function asGiven(servers: string[]): ServerToAsk[] {
  return servers.map((server) => ({ name: server, label: server, server }));
}

/** Which servers the mode asks; in "authoritative" mode without nameservers, after the walk. */
async function chooseServers(
  domain: string,
  options: PreflightOptions,
  timeoutMs: number,
): Promise<ServerChoice> {
  const given = options.nameservers?.length ? options.nameservers : undefined;
  if (options.mode === "resolver" && given) {
    return { group: "the given resolvers", servers: asGiven(given) };
  }
  if (given) {
    return { group: "the given authoritative nameservers", servers: asGiven(given) };
  }
  const systemResolver = createResolver(options.systemResolvers, timeoutMs);
  const systemServers = systemResolver.getServers();
  if (systemServers.length === 0) {
    return {
      failure: "the system has no DNS resolvers configured; set nameservers to ask others",
      unreachable: true,
    };
  }
  if (options.mode === "resolver") {
    return { group: "the system resolvers", servers: asGiven(systemServers) };
  }
  const resolverName = `the system resolvers (${systemServers.join(", ")})`;
  const search = await findAuthorities(
    domain,
    systemResolver,
    resolverName,
    timeoutMs,
    options.authorityPort,
  );
  if (!search.found) {
    return {
      failure: `could not find the authoritative nameservers of ${domain}: ${search.failure}`,
      unreachable: search.unreachable,
    };
  }
  const servers = search.authorities.map(({ host, server, failure }) => ({
    name: host,
    label: server === undefined ? host : `${host} (${server})`,
    server,
    failure,
  }));
  return { group: `authoritative nameservers of ${search.zone}`, servers };
}

function validateNameservers(nameservers: string[] | undefined): void {
  nameservers?.forEach((nameserver, index) => {
    const problem = nameserverProblem(nameserver);
    if (problem !== undefined) throw new Error(`nameservers[${index}] ${problem}`);
  });
}

/**
 * Checks whether `domain`'s CNAME answers `expectedTarget` (case and trailing dot ignored) where
 * `options.mode` says to look. Ready when at least one server answered and every server that
 * answered shows the target; servers that fail are named in the summary but do not block.
 * Never throws for DNS outcomes (no record, wrong record, timeouts, refusals); throws only for an
 * invalid `nameservers` entry.
 */
export async function checkTrackingCname(
  domain: string,
  expectedTarget: string,
  options: PreflightOptions,
): Promise<PreflightResult> {
  const record: CheckedRecord = {
    domain: normalizeHostname(domain),
    expectedTarget: normalizeHostname(expectedTarget),
    proxied: options.proxied ?? false,
  };
  if (options.mode === "off") {
    const summary = `DNS preflight is off, so ${record.domain} is verified without checking its CNAME first`;
    return { ready: true, reachable: true, observed: [], askedServers: [], summary };
  }
  validateNameservers(options.nameservers);
  const timeoutMs = options.timeoutMs ?? DEFAULT_PREFLIGHT_TIMEOUT_MS;
  const choice = await chooseServers(record.domain, options, timeoutMs);
  if ("failure" in choice) {
    const { failure: summary, unreachable } = choice;
    return { ready: false, reachable: !unreachable, observed: [], askedServers: [], summary };
  }
  const answers = await askEach(choice.servers, record.domain, timeoutMs);
  const answered = answers.filter(({ answer }) => answer.kind !== "failed");
  const ready =
    answered.length > 0 && answered.every(({ answer }) => answerIsReady(answer, record));
  return {
    ready,
    reachable: answered.length > 0,
    observed: observedValues(answers),
    askedServers: choice.servers.filter((s) => s.server !== undefined).map((s) => s.label),
    summary: summarizeAnswers(choice.group, answers, record, ready),
  };
}

/** Asks every server at once, so that servers that never answer cost one timeout in all. */
function askEach(
  servers: ServerToAsk[],
  domain: string,
  timeoutMs: number,
): Promise<NamedAnswer[]> {
  return Promise.all(
    servers.map(async ({ name, server, failure }) => {
      if (server === undefined) {
        return { name, answer: { kind: "failed", reason: failure ?? "cannot be asked" } as const };
      }
      const resolver = createResolver([server], timeoutMs);
      return { name, answer: await askForTrackingRecord(resolver, domain, timeoutMs) };
    }),
  );
}

/** The distinct CNAME targets and addresses the servers answered, in the order first seen. */
function observedValues(answers: NamedAnswer[]): string[] {
  const values = answers.flatMap(({ answer }) => {
    if (answer.kind === "cname") return answer.targets;
    if (answer.kind === "addresses") return answer.addresses;
    return [];
  });
  return [...new Set(values)];
}
