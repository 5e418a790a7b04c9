/**
 * The checks of `trackingDomains` that a JSON schema cannot express: hostname rules, and
 * agreement between entries (each domain once, one default per account, each sending domain
 * linked by one entry). Runs on entries whose shape the schema already accepted.
 */
import { hostnameProblem, normalizeHostname, subdomainProblem } from "../provider/dns/hostname";
import { nameserverProblem } from "../provider/dns/nameserverAddress";
import { TRACKING_DOMAINS_KEY } from "./schema";
import type { TrackingDomainEntry } from "./trackingDomainEntry";

function entryPath(index: number, field?: string): string {
  const entry = `${TRACKING_DOMAINS_KEY}[${index}]`;
  return field === undefined ? entry : `${entry}.${field}`;
}

function accountLabel(subaccountId: number | undefined): string {
  return subaccountId === undefined || subaccountId === 0
    ? "the primary account"
    : `subaccount ${subaccountId}`;
}

/** Problems of one entry on its own: each hostname and nameserver it names. */
function hostnameProblems(entry: TrackingDomainEntry, index: number): string[] {
  const problems: string[] = [];
  const report = (field: string, problem: string | undefined) => {
    if (problem !== undefined) problems.push(`${entryPath(index, field)} ${problem}`);
  };
  report("domain", subdomainProblem(entry.domain));
  if (entry.cnameTarget !== undefined) report("cnameTarget", hostnameProblem(entry.cnameTarget));
  entry.sendingDomains?.forEach((sendingDomain, position) =>
    report(`sendingDomains[${position}]`, hostnameProblem(sendingDomain)),
  );
  entry.verification?.nameservers?.forEach((nameserver, position) =>
    report(`verification.nameservers[${position}]`, nameserverProblem(nameserver)),
  );
  return problems;
}

/** Remembers the first place each key was seen, to name it when the key comes again. */
class FirstSeen {
  private readonly places = new Map<string, string>();

  /** The place `key` was first seen, or undefined (and `place` remembered) when it is new. */
  earlier(key: string, place: string): string | undefined {
    const first = this.places.get(key);
    if (first === undefined) this.places.set(key, place);
    return first;
  }
}

/**
 * Every problem of `entries`, one sentence each that names the entry and field and says what to
 * do, in list order; an empty list when they can be deployed together.
 */
export function consistencyProblems(entries: readonly TrackingDomainEntry[]): string[] {
  const domains = new FirstSeen();
  const defaults = new FirstSeen();
  const sendingDomains = new FirstSeen();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const ownProblems = hostnameProblems(entry, index);
    problems.push(...ownProblems);
    if (ownProblems.length > 0) return;

    const domain = normalizeHostname(entry.domain);
    const sameDomain = domains.earlier(domain, entryPath(index));
    if (sameDomain !== undefined) {
      problems.push(
        `${entryPath(index, "domain")} "${domain}" is already declared by ${sameDomain}: declare each tracking domain once`,
      );
    }

    const account = entry.subaccountId ?? 0;
    if (entry.default === true) {
      const otherDefault = defaults.earlier(String(account), entryPath(index));
      if (otherDefault !== undefined) {
        problems.push(
          `${entryPath(index, "default")} is true, but ${otherDefault} is already the default of ${accountLabel(account)}, which has only one: keep default: true on one of them`,
        );
      }
    }

    (entry.sendingDomains ?? []).forEach((name, position) => {
      const sendingDomain = normalizeHostname(name);
      const field = `sendingDomains[${position}]`;
      if (sendingDomain === domain) {
        problems.push(
          `${entryPath(index, field)} is the entry's own tracking domain "${domain}": list the sending domains whose links and opens should go through it, such as "mail.example.com"`,
        );
        return;
      }
      const linkedBy = sendingDomains.earlier(sendingDomain, entryPath(index, field));
      if (linkedBy !== undefined) {
        problems.push(
          `${entryPath(index, field)} "${sendingDomain}" is already listed at ${linkedBy}: a sending domain has one tracking domain, so list it once`,
        );
      }
    });
  });
  return problems;
}
