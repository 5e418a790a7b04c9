/**
 * How the sandbox decides a tracking domain's CNAME status. SparkPost follows an HTTP redirect
 * through the CNAME; the sandbox only resolves the CNAME, which is what the user controls.
 */
import { Resolver } from "node:dns/promises";
import type { SandboxSettings } from "./types";
import type { TrackingDomainRecord } from "./records";

/** The CNAME part of a verification: no record, a wrong target, or an accepted one. */
export type CnameCheck = "pending" | "invalid" | "valid";

/** SparkPost's tracking endpoints (US, EU, new and older). */
export const DEFAULT_ACCEPTED_TARGETS = ["v2.spgo.io", "spgo.io", "eu.v2.spgo.io", "eu.spgo.io"];

/** DNS error codes that mean "no such record": the answers resolvers cache (RFC 2308). */
const NEGATIVE_ANSWER_CODES = ["ENOTFOUND", "ENODATA"];

/**
 * Resolves CNAME records through the given servers, or the system resolver when none are given.
 * Like a recursive resolver, it can remember "no such record" for a negative TTL: a verify that
 * looked too early keeps failing until that TTL has passed, even once the record is published.
 */
export class CnameResolver {
  private readonly resolver: Resolver;
  /** Names whose absence is cached, and until when (sandbox clock, ms). */
  private readonly absentUntil = new Map<string, number>();

  constructor(dnsServers?: readonly string[]) {
    // One short try: a sandbox answers at once or not at all, and callers should not hang.
    this.resolver = new Resolver({ timeout: 2000, tries: 1 });
    if (dnsServers && dnsServers.length > 0) this.resolver.setServers([...dnsServers]);
  }

  /**
   * The CNAME target of a name without its trailing dot, or undefined when there is none. With
   * `negativeCacheSeconds`, an answer of "no such name" or "no CNAME" is remembered for that long
   * from `now` and given again without asking DNS; timeouts and refusals are not remembered.
   */
  async target(
    name: string,
    cache: { now: number; negativeCacheSeconds?: number } = { now: Date.now() },
  ): Promise<string | undefined> {
    const key = name.toLowerCase().replace(/\.$/, "");
    if ((this.absentUntil.get(key) ?? -Infinity) > cache.now) return undefined;
    this.absentUntil.delete(key);
    try {
      const [target] = await this.resolver.resolveCname(name);
      return target?.toLowerCase().replace(/\.$/, "");
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const seconds = cache.negativeCacheSeconds ?? 0;
      if (seconds > 0 && typeof code === "string" && NEGATIVE_ANSWER_CODES.includes(code)) {
        this.absentUntil.set(key, cache.now + seconds * 1000);
      }
      // NXDOMAIN, no CNAME, timeouts and refusals all look to SparkPost like "no working record".
      return undefined;
    }
  }

  /** Forgets every cached absence. */
  forgetCachedAnswers(): void {
    this.absentUntil.clear();
  }

  cancel(): void {
    this.resolver.cancel();
  }
}

/**
 * Decides the CNAME status: through the demo switch `verifyAfterSeconds` (time since creation,
 * no DNS) when set, else through DNS.
 */
export async function checkCname(
  record: TrackingDomainRecord,
  settings: SandboxSettings,
  now: number,
  resolver: CnameResolver,
): Promise<CnameCheck> {
  if (settings.verifyAfterSeconds !== undefined) {
    return now - record.createdAt >= settings.verifyAfterSeconds * 1000 ? "valid" : "pending";
  }
  const target = await resolver.target(record.domain, {
    now,
    negativeCacheSeconds: settings.negativeCacheSeconds,
  });
  if (target === undefined) return "pending";
  const accepted = settings.acceptedTargets.map((name) => name.toLowerCase().replace(/\.$/, ""));
  return accepted.includes(target) ? "valid" : "invalid";
}
