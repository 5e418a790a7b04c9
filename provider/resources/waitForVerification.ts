import { checkTrackingCname, PreflightMode, PreflightResult } from "../dns/preflight";
import {
  isSparkPostError,
  type Scope,
  type SparkPostClient,
  type VerifyResult,
} from "../sparkpost";
import { apiFailure, statusOf } from "./apiFailure";

export interface VerificationPlan {
  domain: string;
  scope: Scope;
  expectedTarget: string;
  timeoutSeconds: number;
  preflight: PreflightMode;
  nameservers?: string[];
  proxied: boolean;
}

/**
 * How often to look. DNS is asked often because it is cheap and local; SparkPost's verify is asked
 * only once DNS is right, then with a doubling, capped pause, since each call makes SparkPost fetch
 * the domain over HTTP(S).
 */
export interface PollTiming {
  preflightIntervalMs: number;
  firstVerifyPauseMs: number;
  maxVerifyPauseMs: number;
}

/**
 * The default timing, scaled by `SPARKPOST_VERIFY_POLL_MS` (the DNS poll interval, default 5000)
 * so tests and impatient users can poll faster.
 */
export function pollTiming(env: NodeJS.ProcessEnv = process.env): PollTiming {
  const configured = Number(env.SPARKPOST_VERIFY_POLL_MS);
  const interval = Number.isFinite(configured) && configured > 0 ? configured : 5000;
  return {
    preflightIntervalMs: interval,
    firstVerifyPauseMs: 6 * interval,
    maxVerifyPauseMs: 60 * interval,
  };
}

/** What the wait last saw, for progress lines and the timeout message. */
interface Observations {
  dns?: PreflightResult;
  verify?: VerifyResult;
  verifyRefusal?: string;
}

/**
 * Waits until SparkPost says the domain is verified, checking DNS before every verify call:
 * verifying too early makes SparkPost's resolvers cache the record's absence. Prints what it waits
 * for on stdout (the Pulumi CLI shows a dynamic provider's output); never prints a credential.
 */
export async function waitForVerification(
  client: SparkPostClient,
  plan: VerificationPlan,
  timing: PollTiming = pollTiming(),
  log: (line: string) => void = (line) => console.log(line),
): Promise<VerifyResult> {
  const deadline = Date.now() + plan.timeoutSeconds * 1000;
  const seen: Observations = {};
  let nextVerifyAt = 0;
  let verifyPause = timing.firstVerifyPauseMs;
  for (;;) {
    const dns = await checkTrackingCname(plan.domain, plan.expectedTarget, {
      mode: plan.preflight,
      nameservers: plan.nameservers,
      proxied: plan.proxied,
      timeoutMs: Math.min(5000, Math.max(500, timing.preflightIntervalMs)),
    });
    if (dns.summary !== seen.dns?.summary) log(`${plan.domain}: DNS preflight: ${dns.summary}`);
    seen.dns = dns;
    if (dns.ready && Date.now() >= nextVerifyAt) {
      const verified = await askSparkPost(client, plan, seen, log);
      if (verified) return verified;
      nextVerifyAt = Date.now() + verifyPause;
      verifyPause = Math.min(verifyPause * 2, timing.maxVerifyPauseMs);
    }
    if (Date.now() + timing.preflightIntervalMs > deadline)
      throw new Error(timeoutMessage(plan, seen));
    await new Promise((resolve) => setTimeout(resolve, timing.preflightIntervalMs));
  }
}

/** One verify call: the result when verified, undefined to keep waiting, or a thrown final error. */
async function askSparkPost(
  client: SparkPostClient,
  plan: VerificationPlan,
  seen: Observations,
  log: (line: string) => void,
): Promise<VerifyResult | undefined> {
  let result: VerifyResult;
  try {
    result = await client.verifyTrackingDomain(plan.domain, plan.scope);
  } catch (error) {
    // A secure domain fails with 400 until its certificate works: that is worth waiting for.
    if (isSparkPostError(error) && error.status === 400) {
      seen.verifyRefusal = error.apiMessage;
      log(`${plan.domain}: SparkPost could not verify it yet: ${error.apiMessage}`);
      return undefined;
    }
    const advice =
      statusOf(error) === 404
        ? "The tracking domain no longer exists: run `pulumi refresh`, then `pulumi up` to create it again."
        : undefined;
    throw apiFailure(`verify tracking domain ${plan.domain}`, error, advice);
  }
  seen.verify = result;
  seen.verifyRefusal = undefined;
  if (result.verified) {
    log(`${plan.domain}: verified by SparkPost.`);
    return result;
  }
  if (result.compliance_status === "blocked") {
    throw new Error(
      `SparkPost blocked tracking domain ${plan.domain} (compliance_status: blocked). Waiting will not help: contact SparkPost support, or use another domain.`,
    );
  }
  log(`${plan.domain}: not verified yet (${sparkPostSaid(result)}); asking again later.`);
  return undefined;
}

function sparkPostSaid(result: VerifyResult): string {
  return `verified: ${result.verified}, cname_status: "${result.cname_status}", compliance_status: "${result.compliance_status}"`;
}

function timeoutMessage(plan: VerificationPlan, seen: Observations): string {
  const sparkPost = seen.verify
    ? sparkPostSaid(seen.verify)
    : seen.verifyRefusal
      ? seen.verifyRefusal.replace(/\.$/, "")
      : "nothing yet: verify was never called because DNS never showed the expected record";
  const secureHint = seen.verifyRefusal
    ? ` For an HTTPS (secure) domain, check that https://${plan.domain} serves a valid certificate.`
    : "";
  return (
    `Timed out after ${plan.timeoutSeconds} s waiting for SparkPost to verify tracking domain ${plan.domain}. ` +
    `DNS: ${seen.dns?.summary ?? "not checked"}. SparkPost last said: ${sparkPost}. ` +
    `Check that ${plan.domain} is a CNAME to ${plan.expectedTarget} in the zone's authoritative DNS, ` +
    `then run \`pulumi up\` again (raise timeoutSeconds if DNS changes take long to publish).${secureHint}`
  );
}
