import { checkTrackingCname, PreflightMode, PreflightResult } from "../dns/preflight";
import {
  isNotFound,
  isSparkPostError,
  type Scope,
  type SparkPostClient,
  type VerifyResult,
} from "../sparkpost";
import { apiFailure, apiFailureMessage } from "./apiFailure";
import { describeVerifyResult, timeoutMessage, type Observations } from "./verificationReport";

export interface VerificationPlan {
  domain: string;
  scope: Scope;
  expectedTarget: string;
  timeoutSeconds: number;
  preflight: PreflightMode;
  nameservers?: string[];
  proxied: boolean;
  /**
   * Servers that stand in for the system resolvers, for tests of the fallbacks.
   * @internal
   */
  systemResolvers?: string[];
}

/**
 * How often to look. DNS is asked often because it is cheap and local; SparkPost's verify is asked
 * only once DNS is right, then with a doubling, capped pause, since each call makes SparkPost fetch
 * the domain over HTTP(S).
 *
 * The first verify also waits `propagationWaitMs` after the zone's nameservers first show the
 * record: SparkPost's resolvers may reach a nameserver (or an anycast node of one) that has not
 * caught up yet, and a verify that finds nothing makes them cache the record's absence for the
 * zone's negative TTL (often 5 to 30 minutes). A few seconds here cost far less than that.
 */
export interface PollTiming {
  preflightIntervalMs: number;
  propagationWaitMs: number;
  firstVerifyPauseMs: number;
  maxVerifyPauseMs: number;
}

/**
 * The default timing, scaled by `SPARKPOST_VERIFY_POLL_MS` (the DNS poll interval, default 5000)
 * so tests and impatient users can poll faster: DNS every interval, the first verify 2 intervals
 * after DNS first shows the record, then pauses of 6 intervals doubling up to 60.
 */
export function pollTiming(env: NodeJS.ProcessEnv = process.env): PollTiming {
  const configured = Number(env.SPARKPOST_VERIFY_POLL_MS);
  const interval = Number.isFinite(configured) && configured > 0 ? configured : 5000;
  return {
    preflightIntervalMs: interval,
    propagationWaitMs: 2 * interval,
    firstVerifyPauseMs: 6 * interval,
    maxVerifyPauseMs: 60 * interval,
  };
}

/** Where the wait looks for the record now: as planned, or a fallback when DNS is out of reach. */
type DnsSource = PreflightMode | "unreachable";

/**
 * Waits until SparkPost says the domain is verified, checking DNS before every verify call:
 * verifying too early makes SparkPost's resolvers cache the record's absence. Prints what it waits
 * for on stdout (the Pulumi CLI shows a dynamic provider's output); never prints a credential.
 *
 * It keeps waiting through everything that may pass (DNS not there yet, SparkPost rate limiting,
 * 5xx, timeouts, an HTTPS check that fails until a certificate is in place) until its own
 * deadline, which it overruns by at most one poll interval: every DNS query and verify call is
 * bounded by the time left. It gives up at once on what waiting cannot fix: a blocked domain, a
 * domain SparkPost no longer has, a key it refuses.
 *
 * When no nameserver can be reached for the preflight (UDP/53 blocked), it falls back from the
 * zone's nameservers to the system resolvers, then to verifying without a preflight on the verify
 * calls' own backoff, and says so.
 */
export async function waitForVerification(
  client: SparkPostClient,
  plan: VerificationPlan,
  timing: PollTiming = pollTiming(),
  log: (line: string) => void = (line) => console.log(line),
): Promise<VerifyResult> {
  const deadline = Date.now() + plan.timeoutSeconds * 1000;
  const left = () => deadline - Date.now();
  const seen: Observations = { propagationWaitMs: timing.propagationWaitMs };
  let source: DnsSource = plan.preflight;
  let nextVerifyAt = 0;
  let verifyPause = timing.firstVerifyPauseMs;
  for (;;) {
    if (source !== "off" && source !== "unreachable") {
      const dns = await checkDns(plan, source, timing, left());
      if (dns.summary !== seen.dns?.summary) log(`${plan.domain}: DNS preflight: ${dns.summary}`);
      seen.dns = dns;
      if (!dns.reachable) {
        source = fallBack(plan, source, log);
        seen.dnsFallback = source;
        continue;
      }
      if (!dns.ready) seen.dnsReadySince = undefined;
      else if (seen.dnsReadySince === undefined) {
        seen.dnsReadySince = Date.now();
        // A record that appears (or comes back) gets the whole wait; a longer verify pause stands.
        nextVerifyAt = Math.max(nextVerifyAt, seen.dnsReadySince + timing.propagationWaitMs);
        if (seen.verify === undefined && timing.propagationWaitMs > 0) {
          log(
            `${plan.domain}: waiting ${formatSeconds(timing.propagationWaitMs)} s for SparkPost's ` +
              "resolvers to see the record too before the first verify.",
          );
        }
      }
    }
    const dnsReady = source === "off" || source === "unreachable" || seen.dns?.ready === true;
    if (dnsReady && Date.now() >= nextVerifyAt && left() > 0) {
      const verified = await askSparkPost(client, plan, seen, log, left());
      if (verified) return verified;
      nextVerifyAt = Date.now() + verifyPause;
      verifyPause = Math.min(verifyPause * 2, timing.maxVerifyPauseMs);
    }
    if (left() <= 0) throw new Error(timeoutMessage(plan, seen));
    // Wake for the next poll, or earlier when a verify falls due before it.
    const untilVerify = dnsReady ? nextVerifyAt - Date.now() : Infinity;
    const sleepMs = Math.min(timing.preflightIntervalMs, Math.max(0, untilVerify), left());
    await new Promise((resolve) => setTimeout(resolve, sleepMs));
  }
}

/** Milliseconds as seconds for messages: `10`, `0.1`. */
function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** One preflight, bounded by the time left. */
function checkDns(
  plan: VerificationPlan,
  mode: PreflightMode,
  timing: PollTiming,
  timeLeftMs: number,
): Promise<PreflightResult> {
  const timeoutMs = Math.min(5000, Math.max(500, timing.preflightIntervalMs));
  return checkTrackingCname(plan.domain, plan.expectedTarget, {
    mode,
    // Given nameservers stand for the zone's authorities; the resolver fallback asks the system's.
    nameservers: mode === plan.preflight ? plan.nameservers : undefined,
    proxied: plan.proxied,
    timeoutMs: Math.max(100, Math.min(timeoutMs, timeLeftMs)),
    systemResolvers: plan.systemResolvers,
  });
}

/** The next place to look for the record when `from` reached no DNS server, said in the log. */
function fallBack(plan: VerificationPlan, from: PreflightMode, log: (line: string) => void) {
  if (from === "authoritative") {
    log(
      `${plan.domain}: no nameserver answered the preflight; asking the system resolvers instead.`,
    );
    return "resolver" as const;
  }
  log(
    `${plan.domain}: no DNS server answered the preflight either, so DNS cannot be checked from ` +
      "this machine: asking SparkPost to verify without it, backing off between calls.",
  );
  return "unreachable" as const;
}

/** True for a verify failure that may pass if the wait goes on: rate limits, 5xx, no answer. */
function isTransient(error: unknown): boolean {
  if (!isSparkPostError(error)) return false;
  if (error.kind !== "refused") return true;
  return error.status === 429 || (error.status ?? 0) >= 500;
}

/** One verify call: the result when verified, undefined to keep waiting, or a thrown final error. */
async function askSparkPost(
  client: SparkPostClient,
  plan: VerificationPlan,
  seen: Observations,
  log: (line: string) => void,
  timeLeftMs: number,
): Promise<VerifyResult | undefined> {
  const action = `verify tracking domain ${plan.domain}`;
  let result: VerifyResult;
  try {
    result = await client.verifyTrackingDomain(plan.domain, plan.scope, { budgetMs: timeLeftMs });
  } catch (error) {
    // A secure domain fails with 400 until its certificate works: that is worth waiting for.
    if (isSparkPostError(error) && error.kind === "refused" && error.status === 400) {
      seen.verifyRefusal = error.apiMessage;
      log(`${plan.domain}: SparkPost could not verify it yet: ${error.apiMessage}`);
      return undefined;
    }
    if (isTransient(error)) {
      seen.transientFailure = apiFailureMessage(action, error);
      log(
        `${plan.domain}: ${seen.transientFailure} Still waiting, ${Math.round(timeLeftMs / 1000)} s left.`,
      );
      return undefined;
    }
    const advice = isNotFound(error)
      ? "The tracking domain no longer exists: run `pulumi refresh`, then `pulumi up` to create it again."
      : undefined;
    throw apiFailure(action, error, advice);
  }
  seen.verify = result;
  seen.verifyRefusal = undefined;
  seen.transientFailure = undefined;
  if (result.verified) {
    log(`${plan.domain}: verified by SparkPost.`);
    return result;
  }
  if (result.compliance_status === "blocked") {
    throw new Error(
      `SparkPost blocked tracking domain ${plan.domain} (compliance_status: blocked). Waiting will not help: contact SparkPost support, or use another domain.`,
    );
  }
  log(`${plan.domain}: not verified yet (${describeVerifyResult(result)}); asking again later.`);
  return undefined;
}
