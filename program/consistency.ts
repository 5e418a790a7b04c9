/**
 * The checks of `trackingDomains` that a JSON schema cannot express: hostname rules, settings
 * that depend on each other, agreement between entries (each domain once, one default per
 * account and subaccount, each sending domain linked by one entry and never another entry's
 * tracking domain), and agreement with the stack's named accounts (`sparkpost:accounts`).
 * Runs on entries whose shape the schema already accepted.
 */
import { CLOUDFLARE_AUTOMATIC_TTL } from "../provider/dns/cloudflare";
import { hostnameProblem, normalizeHostname, subdomainProblem } from "../provider/dns/hostname";
import { nameserverProblem } from "../provider/dns/nameserverAddress";
import { quoted } from "../provider/dns/visibleText";
import { httpsProblems } from "../provider/https/rules";
import { unknownAccountProblem } from "../provider/sparkpost/accounts";
import { TRACKING_DOMAINS_KEY } from "./schema";
import type { TrackingDomainEntry } from "./trackingDomainEntry";
import { accountLabel } from "../provider/resources/providerSupport";

function entryPath(index: number, field?: string): string {
  const entry = `${TRACKING_DOMAINS_KEY}[${index}]`;
  return field === undefined ? entry : `${entry}.${field}`;
}

/** The named accounts of the stack (`sparkpost:accounts`), as far as they could be read. */
export interface StackAccounts {
  /** The configured names. */
  names: readonly string[];
  /** Why `sparkpost:accounts` could not be read, when it could not (a sentence). */
  problem?: string;
}

/** The problem of an entry's `account`, when it names none the stack has. */
function accountProblem(
  entry: TrackingDomainEntry,
  index: number,
  accounts: StackAccounts,
): string | undefined {
  if (entry.account === undefined) return undefined;
  const path = entryPath(index, "account");
  if (accounts.problem !== undefined) {
    return `${path} cannot be checked: ${accounts.problem.replace(/\.$/, "")}`;
  }
  const problem = unknownAccountProblem(entry.account, accounts.names);
  return problem === undefined ? undefined : `${path} ${problem}`;
}

/** Problems of one entry on its own: each hostname and nameserver it names. */
function hostnameProblems(entry: TrackingDomainEntry, index: number): string[] {
  const problems: string[] = [];
  const report = (field: string, problem: string | undefined) => {
    if (problem !== undefined) problems.push(`${entryPath(index, field)} ${problem}`);
  };
  report("domain", subdomainProblem(entry.domain));
  if (entry.cnameTarget !== undefined) report("cnameTarget", hostnameProblem(entry.cnameTarget));
  if (entry.dns.provider !== "manual" && entry.dns.zoneName !== undefined) {
    report("dns.zoneName", hostnameProblem(entry.dns.zoneName));
  }
  entry.sendingDomains?.forEach((sendingDomain, position) =>
    report(`sendingDomains[${position}]`, hostnameProblem(sendingDomain)),
  );
  entry.verification?.nameservers?.forEach((nameserver, position) =>
    report(`verification.nameservers[${position}]`, nameserverProblem(nameserver)),
  );
  return problems;
}

/** Problems of settings of one entry that depend on each other; its hostnames are valid. */
function settingProblems(entry: TrackingDomainEntry, index: number): string[] {
  const problems: string[] = [];
  const domain = normalizeHostname(entry.domain);
  if (entry.cnameTarget !== undefined && normalizeHostname(entry.cnameTarget) === domain) {
    problems.push(
      `${entryPath(index, "cnameTarget")} is the entry's own domain ${quoted(domain)}, and a CNAME cannot point at its own name: leave cnameTarget out for the region's target, or set SparkPost's, such as "v2.spgo.io"`,
    );
  }
  const { dns } = entry;
  if (
    dns.provider === "cloudflare" &&
    dns.proxied === true &&
    dns.ttl !== undefined &&
    dns.ttl !== CLOUDFLARE_AUTOMATIC_TTL
  ) {
    problems.push(
      `${entryPath(index, "dns.ttl")} must be 1 (automatic) or unset when dns.proxied is true`,
    );
  }
  if (entry.https !== undefined) {
    const settings = dns as Partial<Record<"proxied" | "ttl", unknown>>;
    for (const { path, text } of httpsProblems({
      mode: entry.https.mode,
      dnsProvider: dns.provider,
      dnsProxied: settings.proxied,
      dnsTtl: settings.ttl,
      secure: entry.secure,
      cnameTarget: entry.cnameTarget,
    })) {
      problems.push(`${entryPath(index, path)} ${text}`);
    }
  }
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
 * do, in list order; an empty list when they can be deployed together. `accounts` are the
 * stack's named accounts, which entries' `account` must name (none unless given).
 */
export function consistencyProblems(
  entries: readonly TrackingDomainEntry[],
  accounts: StackAccounts = { names: [] },
): string[] {
  const domains = new FirstSeen();
  const defaults = new FirstSeen();
  const sendingDomains = new FirstSeen();
  const ownProblems = entries.map(hostnameProblems);
  // Every valid tracking domain and its first entry, to refuse it as any entry's sending domain.
  const trackingDomainEntries = new Map<string, string>();
  entries.forEach((entry, index) => {
    const domain = normalizeHostname(entry.domain);
    if (ownProblems[index].length === 0 && !trackingDomainEntries.has(domain)) {
      trackingDomainEntries.set(domain, entryPath(index));
    }
  });
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    problems.push(...ownProblems[index]);
    if (ownProblems[index].length > 0) return;
    problems.push(...settingProblems(entry, index));
    const wrongAccount = accountProblem(entry, index, accounts);
    if (wrongAccount !== undefined) problems.push(wrongAccount);

    const domain = normalizeHostname(entry.domain);
    const sameDomain = domains.earlier(domain, entryPath(index));
    if (sameDomain !== undefined) {
      problems.push(
        `${entryPath(index, "domain")} ${quoted(domain)} is already declared by ${sameDomain}: declare each tracking domain once`,
      );
    }

    // One default per subaccount of each account: the named account's, or the unnamed one's.
    const subaccount = entry.subaccountId ?? 0;
    if (entry.default === true) {
      const key = JSON.stringify([entry.account ?? null, subaccount]);
      const otherDefault = defaults.earlier(key, entryPath(index));
      if (otherDefault !== undefined) {
        problems.push(
          `${entryPath(index, "default")} is true, but ${otherDefault} is already the default of ${accountLabel(subaccount, entry.account)}, which has only one: keep default: true on one of them`,
        );
      }
    }

    (entry.sendingDomains ?? []).forEach((name, position) => {
      const sendingDomain = normalizeHostname(name);
      const field = `sendingDomains[${position}]`;
      if (sendingDomain === domain) {
        problems.push(
          `${entryPath(index, field)} is the entry's own tracking domain ${quoted(domain)}: list the sending domains whose links and opens should go through it, such as "mail.example.com"`,
        );
        return;
      }
      // A tracking domain is a CNAME to SparkPost: no entry can send mail from it.
      const trackingEntry = trackingDomainEntries.get(sendingDomain);
      if (trackingEntry !== undefined) {
        problems.push(
          `${entryPath(index, field)} ${quoted(sendingDomain)} is the tracking domain of ${trackingEntry}: a tracking domain is a CNAME to SparkPost and cannot send mail; list a sending domain such as "mail.example.com"`,
        );
        return;
      }
      const linkedBy = sendingDomains.earlier(sendingDomain, entryPath(index, field));
      if (linkedBy !== undefined) {
        problems.push(
          `${entryPath(index, field)} ${quoted(sendingDomain)} is already listed at ${linkedBy}: a sending domain has one tracking domain, so list it once`,
        );
      }
    });
  });
  return problems;
}
