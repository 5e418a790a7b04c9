import {
  isNotFound,
  isSparkPostError,
  type Scope,
  type SparkPostClient,
  type TrackingDomainObject,
} from "../sparkpost";
import { apiFailure, apiFailureMessage } from "./apiFailure";
import {
  certificateFailureMessage,
  certificateStateOf,
  certificateTimeoutMessage,
  describeCertificateState,
  type CertificateObservations,
  type CertificateState,
} from "./certificateReport";

export interface CertificatePlan {
  domain: string;
  scope: Scope;
  timeoutSeconds: number;
}

/**
 * How often SparkPost is asked about the certificate: every 6 DNS poll intervals of the
 * verification (`SPARKPOST_VERIFY_POLL_MS`, default 5000), so 30 s by default. Issuance takes
 * minutes (Let's Encrypt, "usually within 15 minutes"), and each look is one cheap GET.
 */
export function certificatePollMs(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.SPARKPOST_VERIFY_POLL_MS);
  return 6 * (Number.isFinite(configured) && configured > 0 ? configured : 5000);
}

/** A failure that may pass if the wait goes on: rate limits, 5xx, no answer, a garbled answer. */
function mayPass(error: unknown): boolean {
  if (!isSparkPostError(error)) return false;
  if (error.kind !== "refused") return true;
  return error.status === 429 || (error.status ?? 0) >= 500;
}

const NOT_VERIFIED_ADVICE =
  "The domain must be verified first: let its TrackingDomainVerification finish (or run `pulumi refresh` if it was verified before and is not any more), then run `pulumi up` again.";

/** Advice for a refused certificate call, chosen from SparkPost's answer. */
function refusalAdvice(error: unknown): string | undefined {
  if (isNotFound(error)) {
    return "The tracking domain no longer exists: run `pulumi refresh`, then `pulumi up` to create it again.";
  }
  if (!isSparkPostError(error) || error.kind !== "refused") return undefined;
  if (error.status === 400) return NOT_VERIFIED_ADVICE;
  if (error.status === 403) {
    return 'SparkPost refuses managed certificates for domains Let\'s Encrypt\'s policy excludes, and to keys without the tracking_domains/manage permission: check the key, or serve HTTPS through a CDN instead (https.mode "cloudflare-proxy" or "cloudfront").';
  }
  return undefined;
}

/**
 * Gets SparkPost's managed certificate for a verified tracking domain and waits until it is valid:
 * reads the domain first (a certificate already enabled is only waited for), then
 * `certificate/check` and `certificate/enable` when it is not enabled yet, or `enable` again when
 * its issuance or renewal failed earlier, then reads the domain until `tls_status` is `valid`.
 * Prints what it waits for on stdout, as the verification does.
 *
 * Like the verification it keeps waiting through what may pass (429, 5xx, no answer) until its own
 * deadline, which it overruns by at most one poll interval: every call is bounded by the time
 * left. It stops at once on what waiting cannot fix: a domain gone or unverified, a refused key,
 * a certificate SparkPost says it cannot issue. `seen` tells the caller, when it throws, whether
 * `enable` was sent (it cannot be undone, so the caller must record it) and what was seen last.
 */
export async function waitForCertificate(
  client: SparkPostClient,
  plan: CertificatePlan,
  seen: CertificateObservations,
  pollMs: number = certificatePollMs(),
  log: (line: string) => void = (line) => console.log(line),
): Promise<CertificateState> {
  const { domain, scope } = plan;
  const deadline = Date.now() + plan.timeoutSeconds * 1000;
  const left = () => Math.max(1, deadline - Date.now());
  /** Whether this wait had certificate/enable accepted: a failure after it is final. */
  let requested = false;
  let lastSaid: string | undefined;
  const say = (line: string) => {
    if (line !== lastSaid) log(`${domain}: ${line}`);
    lastSaid = line;
  };
  /** Runs one call: its answer, or undefined after a failure that may pass (noted and said). */
  const tolerate = async <T>(
    action: string,
    call: () => Promise<T>,
  ): Promise<{ answer: T } | undefined> => {
    try {
      const answer = await call();
      seen.transientFailure = undefined;
      return { answer };
    } catch (error) {
      if (!mayPass(error)) throw apiFailure(action, error, refusalAdvice(error));
      seen.transientFailure = apiFailureMessage(action, error);
      say(`${seen.transientFailure} Still waiting, ${Math.round(left() / 1000)} s left.`);
      return undefined;
    }
  };

  for (;;) {
    const read = await tolerate(`read tracking domain ${domain}`, () =>
      client.getTrackingDomain(domain, scope, { budgetMs: left() }),
    );
    if (read !== undefined) {
      const state = checkedState(domain, read.answer);
      seen.state = state;
      if (state.tlsStatus === "valid" && state.usesManagedCertificate) {
        say(`managed certificate is valid (${describeCertificateState(state)}).`);
        return state;
      }
      const failed = ["failed", "expired", "unavailable"].includes(state.tlsStatus);
      if (failed && (requested || state.tlsStatus === "unavailable")) {
        throw new Error(certificateFailureMessage(domain, state));
      }
      if (!state.usesManagedCertificate || failed) {
        if (failed) say(`${certificateFailureMessage(domain, state)} Asking SparkPost again.`);
        requested = await request(state);
      } else {
        say(
          `managed certificate: ${describeCertificateState(state)}: Let's Encrypt is issuing it ` +
            `(usually within 15 minutes); looking again every ${formatSeconds(pollMs)} s, for up to ${plan.timeoutSeconds} s.`,
        );
      }
    }
    const timedOut = () => deadline - Date.now() <= 0;
    if (!timedOut()) await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left())));
    // No call starts at the deadline: it could only fail for want of time and hide what was seen.
    if (timedOut()) throw new Error(certificateTimeoutMessage(domain, plan.timeoutSeconds, seen));
  }

  /** check (only for a domain never enabled) and enable; true once enable was accepted. */
  async function request(state: CertificateState): Promise<boolean> {
    if (!state.usesManagedCertificate) {
      const checked = await tolerate(
        `check whether SparkPost can manage ${domain}'s certificate`,
        () => client.checkTrackingDomainCertificate(domain, scope, { budgetMs: left() }),
      );
      if (checked === undefined) return false;
      if (!checked.answer.supportsManagedCertificate) {
        throw new Error(
          `SparkPost cannot manage the certificate of ${domain} (certificate/check: supportsManagedCertificate: false). ` +
            "Managed certificates need the domain's CNAME to point at SparkPost's v2 endpoint (v2.spgo.io, or eu.v2.spgo.io in the EU) and a domain Let's Encrypt's policy allows: " +
            'fix the CNAME and run `pulumi up` again, or serve HTTPS through a CDN instead (https.mode "cloudflare-proxy" or "cloudfront"). Nothing was enabled.',
        );
      }
    }
    say(
      "enabling SparkPost's managed certificate (certificate/enable). This cannot be undone: SparkPost has no way to disable it, and only deleting the tracking domain removes it.",
    );
    seen.enableSent = true;
    const enabled = await tolerate(`enable the managed certificate of ${domain}`, () =>
      client.enableTrackingDomainCertificate(domain, scope, { budgetMs: left() }),
    );
    // An answer that never came may still have enabled it: the next read tells.
    return enabled !== undefined;
  }
}

/** "30" for 30000 ms, "0.3" for 300 ms. */
function formatSeconds(ms: number): string {
  return String(ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10);
}

/** The certificate state of the domain just read, or a final error when it is gone or unverified. */
function checkedState(domain: string, object: TrackingDomainObject | undefined): CertificateState {
  if (object === undefined) {
    throw new Error(
      `SparkPost no longer has tracking domain ${domain}, so it cannot have a managed certificate: run \`pulumi refresh\`, then \`pulumi up\` to create the domain again.`,
    );
  }
  if (!object.status.verified) {
    throw new Error(
      `Tracking domain ${domain} is not verified, and SparkPost enables managed certificates only for verified domains. ${NOT_VERIFIED_ADVICE}`,
    );
  }
  return certificateStateOf(object);
}
