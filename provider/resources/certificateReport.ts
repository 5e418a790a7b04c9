/**
 * SparkPost's managed certificate as the resources see it, and how its states are said to users:
 * `tls_status` and `tls_certificate.error_code` in plain words, and the timeout message.
 *
 * SparkPost documents the statuses ("Managed HTTPS for Tracking Domains": pending while Let's
 * Encrypt issues it, valid, failed when issuance failed, expired when a renewal failed,
 * unavailable when Let's Encrypt's policy excludes the domain) and the common causes of failure,
 * but not the values of `error_code`. So the code is always quoted as SparkPost sent it, and
 * explained when its words name one of the documented causes.
 */
import type { TrackingDomainObject } from "../sparkpost";

/** The managed certificate part of a tracking domain, as SparkPost last showed it. */
export interface CertificateState {
  /** `uses_managed_certificate`: certificate/enable was accepted (there is no way back). */
  usesManagedCertificate: boolean;
  /** `status.tls_status`; "unknown" when SparkPost sends none. */
  tlsStatus: string;
  /** The domain's `secure`: SparkPost sets it when it accepts certificate/enable. */
  secure: boolean;
  issuedAt?: string;
  expiresAt?: string;
  errorCode?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The certificate fields of a tracking domain; SparkPost may leave any of them out. */
export function certificateStateOf(object: TrackingDomainObject): CertificateState {
  const certificate: Record<string, unknown> =
    typeof object.tls_certificate === "object" && object.tls_certificate !== null
      ? object.tls_certificate
      : {};
  return {
    usesManagedCertificate: object.uses_managed_certificate === true,
    tlsStatus: text(object.status.tls_status) ?? "unknown",
    secure: object.secure,
    issuedAt: text(certificate.issued_at),
    expiresAt: text(certificate.expires_at),
    errorCode: text(certificate.error_code),
  };
}

/** Documented causes, recognised by the words of an (undocumented) error code. */
const CAUSES: readonly { pattern: RegExp; words: (domain: string) => string }[] = [
  {
    pattern: /caa/i,
    words: (domain) =>
      `a CAA record of ${domain} or a parent domain does not allow Let's Encrypt to issue certificates: add a CAA record "0 issue \\"letsencrypt.org\\"" next to the others, or remove them`,
  },
  {
    pattern: /rate.?limit|too.?many/i,
    words: () =>
      "Let's Encrypt's rate limits for this registered domain were reached: wait (its limits reset within a week) and try again",
  },
  {
    pattern: /cname|dns|nxdomain|servfail|no.?such|not.?found|resolv/i,
    words: (domain) =>
      `DNS: ${domain} must be a CNAME to SparkPost's v2 endpoint (v2.spgo.io, or eu.v2.spgo.io in the EU), visible everywhere`,
  },
  {
    pattern: /polic|unavailable|not.?allowed|forbidden|reject/i,
    words: () =>
      'Let\'s Encrypt\'s policy excludes this domain: serve HTTPS through a CDN instead (https.mode "cloudflare-proxy" or "cloudfront")',
  },
  {
    pattern: /unauthori[sz]ed|challenge|http.?01|acme|validat|connect|timeout|timed.?out/i,
    words: (domain) =>
      `Let's Encrypt could not check that SparkPost answers for ${domain} (its HTTP-01 challenge over http://${domain}/.well-known/acme-challenge/): nothing may stand between the domain and SparkPost (no proxy, CDN or redirect)`,
  },
];

/** `error_code` in plain words: what it points at and what to do, or a quote when unrecognised. */
export function describeErrorCode(domain: string, errorCode: string | undefined): string {
  if (errorCode === undefined) {
    return "SparkPost gave no error_code; its documented causes are a CNAME that is not SparkPost's v2 endpoint, CAA records that exclude Let's Encrypt, and Let's Encrypt failing to reach SparkPost through the domain";
  }
  const cause = CAUSES.find(({ pattern }) => pattern.test(errorCode));
  const quotedCode = `error_code "${errorCode}"`;
  return cause === undefined
    ? `${quotedCode}, which SparkPost does not document; its documented causes are a CNAME that is not SparkPost's v2 endpoint, CAA records that exclude Let's Encrypt, and Let's Encrypt failing to reach SparkPost through the domain`
    : `${quotedCode}: ${cause.words(domain)}`;
}

/**
 * The error for a certificate SparkPost will not issue or renew, in plain words: the status, what
 * its error code means, what to do.
 */
export function certificateFailureMessage(domain: string, state: CertificateState): string {
  const what =
    state.tlsStatus === "expired"
      ? `SparkPost's managed certificate for ${domain} expired: its renewal failed (tls_status: expired)`
      : state.tlsStatus === "unavailable"
        ? `SparkPost cannot issue a managed certificate for ${domain} (tls_status: unavailable: Let's Encrypt's policy excludes the domain)`
        : `SparkPost could not issue a managed certificate for ${domain} (tls_status: ${state.tlsStatus})`;
  return (
    `${what}. ${capitalized(describeErrorCode(domain, state.errorCode))}. ` +
    "Fix the cause, re-verify the domain if its DNS changed, then run `pulumi up` again: it asks SparkPost for the certificate once more. " +
    "The certificate stays enabled meanwhile (it cannot be undone), so links are served over HTTPS without a valid certificate until then."
  );
}

function capitalized(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** "tls_status "pending"" plus the certificate's dates and error code when SparkPost gave them. */
export function describeCertificateState(state: CertificateState): string {
  const parts = [`tls_status "${state.tlsStatus}"`];
  if (state.issuedAt) parts.push(`issued ${state.issuedAt}`);
  if (state.expiresAt) parts.push(`expires ${state.expiresAt}`);
  if (state.errorCode) parts.push(`error_code "${state.errorCode}"`);
  return parts.join(", ");
}

/** What the wait saw last, for the timeout message. */
export interface CertificateObservations {
  state?: CertificateState;
  /** certificate/enable was sent; it may have taken effect even when its answer was lost. */
  enableSent: boolean;
  /** The last failure worth waiting out (429, 5xx, no answer), as a sentence. */
  transientFailure?: string;
}

export function certificateTimeoutMessage(
  domain: string,
  timeoutSeconds: number,
  seen: CertificateObservations,
): string {
  const said =
    seen.transientFailure?.replace(/\.$/, "") ??
    (seen.state ? describeCertificateState(seen.state) : "nothing yet");
  const requested = seen.enableSent
    ? "The certificate was requested and stays requested (it cannot be undone): the next `pulumi up` waits for it again without asking anew. "
    : "";
  return (
    `Timed out after ${timeoutSeconds} s waiting for SparkPost's managed certificate for ${domain}. ` +
    `SparkPost last said: ${said}. ${requested}` +
    "Issuance usually takes up to 15 minutes: if it stays pending, check that the domain is a CNAME to SparkPost's v2 endpoint, that no CAA record excludes letsencrypt.org, " +
    "then run `pulumi up` again (raise timeoutSeconds if issuance takes longer)."
  );
}
