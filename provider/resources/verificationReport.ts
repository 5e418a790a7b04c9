/**
 * What the verification wait saw, and the message it gives when time runs out: what DNS showed,
 * what SparkPost last said, and what to check.
 */
import type { PreflightResult } from "../dns/preflight";
import type { VerifyResult } from "../sparkpost";
import type { VerificationPlan } from "./waitForVerification";

/** What the wait last saw, for progress lines and the timeout message. */
export interface Observations {
  dns?: PreflightResult;
  /** Where the wait fell back to when DNS could not be reached. */
  dnsFallback?: "resolver" | "unreachable";
  verify?: VerifyResult;
  /** SparkPost's words when it refused to verify (400: its HTTP(S) request failed). */
  verifyRefusal?: string;
  /** The last verify call that failed in a way worth waiting out (429, 5xx, no answer). */
  transientFailure?: string;
  /** When the preflight began to show the expected record without a break (ms since the epoch). */
  dnsReadySince?: number;
  /** How long the first verify waits after that, for SparkPost's resolvers to catch up. */
  propagationWaitMs?: number;
}

/** A verify answer in SparkPost's own field names. */
export function describeVerifyResult(result: VerifyResult): string {
  return `verified: ${result.verified}, cname_status: "${result.cname_status}", compliance_status: "${result.compliance_status}"`;
}

function sparkPostSaid(seen: Observations): string {
  if (seen.transientFailure) return seen.transientFailure.replace(/\.$/, "");
  if (seen.verify) return describeVerifyResult(seen.verify);
  if (seen.verifyRefusal) return seen.verifyRefusal.replace(/\.$/, "");
  if (seen.dnsReadySince !== undefined) {
    const wait = Math.round((seen.propagationWaitMs ?? 0) / 100) / 10;
    return (
      "nothing yet: DNS showed the expected record too close to the deadline, and the first verify " +
      `waits ${wait} s after that for SparkPost's resolvers to see the record too`
    );
  }
  return "nothing yet: verify was never called because DNS never showed the expected record";
}

function dnsSaid(seen: Observations): string {
  const summary = seen.dns?.summary ?? "not checked";
  if (seen.dnsFallback === "unreachable") {
    return `no DNS server could be reached from this machine (last: ${summary}), so SparkPost was asked without a preflight`;
  }
  if (seen.dnsFallback === "resolver") {
    return `no authoritative nameserver could be reached; the system resolvers say: ${summary}`;
  }
  return summary;
}

export function timeoutMessage(plan: VerificationPlan, seen: Observations): string {
  const secureHint = seen.verifyRefusal
    ? ` For an HTTPS (secure) domain, check that https://${plan.domain} serves a valid certificate.`
    : "";
  return (
    `Timed out after ${plan.timeoutSeconds} s waiting for SparkPost to verify tracking domain ${plan.domain}. ` +
    `DNS: ${dnsSaid(seen)}. SparkPost last said: ${sparkPostSaid(seen)}. ` +
    `Check that ${plan.domain} is a CNAME to ${plan.expectedTarget} in the zone's authoritative DNS, ` +
    `then run \`pulumi up\` again (raise timeoutSeconds if DNS changes take long to publish).${secureHint}`
  );
}
