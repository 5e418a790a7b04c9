/**
 * Hostname rules for tracking domains, sending domains and CNAME targets. Each rule answers with
 * one sentence that reads after a property name ("domain must be ..."), so `check` can report
 * `${property} ${problem}` as is. Every value a sentence echoes is written by `quoted`, so that no
 * character of it hides or acts on the terminal.
 */
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { parse as parseDomain } from "tldts";
import { firstHiddenCharacter, quoted } from "./visibleText";

const MAX_HOSTNAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const EXAMPLE = '"track.example.com"';

/** Trims, lowercases and strips one trailing dot (the fully qualified form means the same name). */
export function normalizeHostname(value: string): string {
  const trimmed = value.trim().toLowerCase();
  return trimmed.endsWith(".") ? trimmed.slice(0, -1) : trimmed;
}

/**
 * Why `value` is not a usable hostname, or undefined when it is one (after normalizeHostname).
 * Catches characters that cannot be seen first (controls, then invisible ones such as a soft
 * hyphen or a bidi override: the punycode rule would silently drop some of them, or suggest a name
 * that looks the same as the one given), then what people paste by mistake (a URL, a port, a
 * wildcard, an IP address), then the DNS rules: at most 253 characters, at least two labels,
 * labels of 1 to 63 ASCII letters, digits and inner hyphens, and a top-level domain that is not
 * all digits.
 */
export function hostnameProblem(value: string): string | undefined {
  const hostname = normalizeHostname(value);
  if (hostname === "") return `must not be empty; set it to a hostname such as ${EXAMPLE}`;
  return (
    controlCharacterProblem(hostname) ??
    invisibleCharacterProblem(hostname) ??
    pastedUrlProblem(hostname) ??
    characterProblem(hostname) ??
    structureProblem(hostname)
  );
}

/** Control characters: a pasted newline, a tab, an escape sequence, DEL, a C1 control. */
function controlCharacterProblem(hostname: string): string | undefined {
  const control = /\p{Cc}/u.exec(hostname);
  if (!control) return undefined;
  return `must not contain control characters, but ${quoted(hostname)} contains ${quoted(control[0])}`;
}

/**
 * Characters that print as nothing, or as a plain space: a soft hyphen or zero-width space pasted
 * from a web page, a bidi override, a no-break space. Named before the punycode rule, which would
 * drop some of them and suggest a name that looks exactly like the one given.
 */
function invisibleCharacterProblem(hostname: string): string | undefined {
  const hidden = firstHiddenCharacter(hostname);
  if (hidden === undefined) return undefined;
  return `must not contain invisible characters, but ${quoted(hostname)} contains ${quoted(hidden)}`;
}

/** Parts of a URL or an address that do not belong in a hostname. */
function pastedUrlProblem(hostname: string): string | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(hostname);
  if (scheme) return `must be a bare hostname such as ${EXAMPLE}, without ${quoted(scheme[0])}`;
  const pathStart = hostname.search(/[/?#]/);
  if (pathStart >= 0) {
    const rest = hostname.slice(pathStart);
    const what = rest.startsWith("/") ? "a path" : "a query or fragment";
    return `must be a bare hostname such as ${EXAMPLE}, without ${what} (${quoted(rest)})`;
  }
  if (isIP(hostname.replace(/^\[(.*)\]$/, "$1")) !== 0) {
    return `must be a hostname such as ${EXAMPLE}, not an IP address (${quoted(hostname)})`;
  }
  const port = /:[^:]*$/.exec(hostname);
  if (port)
    return `must be a bare hostname such as ${EXAMPLE}, without a port (${quoted(port[0])})`;
  if (hostname.includes("*")) {
    return `must be one hostname such as ${EXAMPLE}, not a wildcard (${quoted(hostname)})`;
  }
  return undefined;
}

/** Characters DNS names cannot carry; internationalized names must be written in punycode. */
function characterProblem(hostname: string): string | undefined {
  const nonAscii = /[^\x00-\x7f]/u.exec(hostname);
  if (nonAscii) {
    const ascii = domainToASCII(hostname);
    if (ascii !== "") {
      return `must be written in ASCII; use the punycode form ${quoted(ascii)} of ${quoted(hostname)}`;
    }
    const codePoint = nonAscii[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return `may contain only ASCII letters, digits, hyphens and dots, but ${quoted(hostname)} contains U+${codePoint}`;
  }
  const invalid = /[^a-z0-9.-]/.exec(hostname);
  if (invalid) {
    return `may contain only letters, digits, hyphens and dots, but ${quoted(hostname)} contains ${quoted(invalid[0])}`;
  }
  return undefined;
}

/** Length and label rules (RFC 1035 section 2.3.4, RFC 1123 section 2.1, RFC 3696 section 2). */
function structureProblem(hostname: string): string | undefined {
  if (hostname.length > MAX_HOSTNAME_LENGTH) {
    return `must be at most ${MAX_HOSTNAME_LENGTH} characters long, but has ${hostname.length}`;
  }
  const labels = hostname.split(".");
  if (labels.length === 1) {
    return `must be a fully qualified hostname such as ${EXAMPLE}, not the single label ${quoted(hostname)}`;
  }
  if (labels.includes("")) {
    return `must not contain empty labels; remove the extra dot from ${quoted(hostname)}`;
  }
  const longLabel = labels.find((label) => label.length > MAX_LABEL_LENGTH);
  if (longLabel !== undefined) {
    return `must have labels of at most ${MAX_LABEL_LENGTH} characters, but ${quoted(longLabel)} has ${longLabel.length}`;
  }
  const hyphenated = labels.find((label) => label.startsWith("-") || label.endsWith("-"));
  if (hyphenated !== undefined) {
    return `must not have a label that starts or ends with a hyphen, like ${quoted(hyphenated)}`;
  }
  const topLevel = labels[labels.length - 1];
  if (/^[0-9]+$/.test(topLevel)) {
    return `must end in a top-level domain made of letters, not ${quoted(topLevel)}`;
  }
  return undefined;
}

/**
 * Why `value` cannot be a tracking domain, or undefined when it can: it must be a valid hostname
 * (see hostnameProblem) below a registrable domain, because its CNAME record cannot sit at the
 * apex of a domain (where the zone's SOA and NS records live).
 *
 * Registrable domains come from the ICANN section of the public suffix list (tldts). Entries of
 * the private section (hosting platforms such as "github.io", or CentralNic names such as "uk.com")
 * are not treated as suffixes: this check blocks `pulumi up` with no way around it, so it must
 * never reject a name someone can really use (a platform's own "track.vercel.app", say). The
 * price is that an apex such as "example.uk.com" passes here and is refused later by the DNS
 * provider, which will not put a CNAME at a zone's apex.
 *
 * A top-level domain missing from the list (an internal one like "corp", or one newer than the
 * installed list) follows the list's default rule: it counts as a public suffix of one label, so
 * "track.example.corp" passes and "example.corp" fails like "example.com" does.
 */
export function subdomainProblem(value: string): string | undefined {
  const problem = hostnameProblem(value);
  if (problem !== undefined) return problem;
  const hostname = normalizeHostname(value);
  const { domain, publicSuffix } = parseDomain(hostname, {
    allowPrivateDomains: false,
    extractHostname: false,
  });
  if (domain === null || domain === "") {
    const example = quoted(`track.example.${publicSuffix ?? hostname}`);
    return `must be a subdomain such as ${example} of a domain you own; ${quoted(hostname)} is a public suffix, which no one owns`;
  }
  if (domain === hostname) {
    return `must be a subdomain such as ${quoted(`track.${hostname}`)} of a domain you own, not ${quoted(hostname)} itself, since a CNAME record cannot sit at the root of a domain`;
  }
  return undefined;
}

/**
 * The domain one label up: "track.example.com" gives "example.com" (the DNS zone the component
 * looks for by default). Throws for a single label, which has no parent.
 */
export function parentDomain(domain: string): string {
  const hostname = normalizeHostname(domain);
  const firstDot = hostname.indexOf(".");
  if (firstDot < 0 || firstDot === hostname.length - 1) {
    throw new Error(`${quoted(hostname)} has no parent domain`);
  }
  return hostname.slice(firstDot + 1);
}
