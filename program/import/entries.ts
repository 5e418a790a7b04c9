/**
 * The root program's `trackingDomains` entries for what the import found, each with the comment
 * lines that explain it: every entry adopts (reads before it writes, so the first `pulumi up`
 * changes nothing), keeps the domain's `secure`, default flag and links, and writes DNS records
 * only through a provider the user confirmed.
 */
import { CNAME_TARGETS, LEGACY_CNAME_TARGETS } from "../../provider/dns/record";
import { hostnameProblem, subdomainProblem } from "../../provider/dns/hostname";
import { consistencyProblems } from "../consistency";
import { schemaProblems } from "../schema";
import type { TrackingDomainEntry, TrackingDomainEntryDns } from "../trackingDomainEntry";
import { dnsDecision, type DnsDecision, PROVIDER_NAMES } from "./dnsProviders";
import { plural } from "./readAccount";
import type {
  AccountSnapshot,
  DnsFacts,
  DomainDnsFacts,
  FoundTrackingDomain,
  GenerationChoices,
} from "./types";

/** One generated entry and the comment lines written above it. */
export interface GeneratedEntry {
  entry: TrackingDomainEntry;
  comments: string[];
}

/** The generated entries, and what the account holds that they leave out. */
export interface GeneratedEntries {
  entries: GeneratedEntry[];
  leftOut: string[];
}

type Choices = Pick<
  GenerationChoices,
  "region" | "confirmedDns" | "acceptSuggestions" | "dnsLookedUp" | "protect" | "retainOnDelete"
>;

/** SparkPost's CNAME targets, current and older; Enterprise tenants have their own below. */
const SPARKPOST_TARGETS = new Set([
  ...Object.values(CNAME_TARGETS),
  ...Object.values(LEGACY_CNAME_TARGETS),
]);

function isSparkPostTarget(target: string): boolean {
  return SPARKPOST_TARGETS.has(target) || target.endsWith(".et.e.sparkpost.com");
}

function accountName(snapshot: AccountSnapshot, subaccountId: number | undefined): string {
  if (subaccountId === undefined) return "primary account";
  const name = snapshot.subaccounts.find((subaccount) => subaccount.id === subaccountId)?.name;
  return name ? `subaccount ${subaccountId}, ${name}` : `subaccount ${subaccountId}`;
}

function summaryLine(snapshot: AccountSnapshot, found: FoundTrackingDomain): string {
  const account = found.subaccountId === undefined ? "account" : "subaccount";
  return [
    `${found.domain} (${accountName(snapshot, found.subaccountId)}):`,
    found.verified ? "verified," : "NOT verified,",
    found.isDefault ? `the ${account}'s default,` : "not a default,",
    found.secure ? "HTTPS," : "HTTP,",
    plural(found.sendingDomains.length, "linked sending domain"),
  ].join(" ");
}

function dnsOf(decision: DnsDecision): TrackingDomainEntryDns {
  switch (decision.choice) {
    case "route53":
      // The CNAME exists already: Route53 refuses to create it again unless told to take it over.
      return { provider: "route53", ...zoneName(decision), allowOverwrite: true };
    case "cloudflare":
      return { provider: "cloudflare", ...zoneName(decision) };
    case "manual":
      return { provider: "manual" };
  }
}

function zoneName(decision: DnsDecision): { zoneName?: string } {
  return decision.zone === undefined ? {} : { zoneName: decision.zone };
}

function dnsLines(decision: DnsDecision, facts: DomainDnsFacts | undefined, choices: Choices) {
  const { zone, suggestion, choice, reason } = decision;
  const served =
    suggestion === undefined || facts === undefined
      ? ""
      : suggestion === "other"
        ? ` is served by ${facts.nameservers.join(", ")}`
        : ` is served by ${PROVIDER_NAMES[suggestion]} (${facts.nameservers.join(", ")})`;
  const lines: string[] = [];
  const outcome = choice === "manual" ? "manual" : `the record goes through ${choice}`;
  if (reason === "confirmed") {
    lines.push(`DNS: zone ${zone}${served}; ${outcome} (--dns ${zone}=${choice})`);
  } else if (reason === "accepted") {
    lines.push(`DNS: zone ${zone}${served}; ${outcome} (--accept-dns-suggestions)`);
  } else if (!choices.dnsLookedUp) {
    lines.push("DNS: not looked up (--no-dns-lookup), so manual");
  } else if (zone === undefined) {
    lines.push(`DNS: no zone found (${facts?.zoneProblem ?? "not looked up"}), so manual`);
  } else if (suggestion === "route53" || suggestion === "cloudflare") {
    lines.push(
      `DNS: zone ${zone}${served}; manual until you confirm it: --dns ${zone}=${suggestion}`,
    );
  } else {
    lines.push(`DNS: zone ${zone}${served}, neither Route53 nor Cloudflare, so manual`);
  }
  if (choice === "route53") {
    lines.push("allowOverwrite: Route53 takes over the existing CNAME instead of failing on it");
  }
  if (choice === "cloudflare") {
    lines.push(
      "Cloudflare does not take over an existing record: delete the CNAME in Cloudflare just before the first `pulumi up` (tracked links fail until the up writes it again), or keep manual",
    );
  }
  return lines;
}

/** The record's target when it is not the region's default target, and the line saying why. */
function cnameTargetOf(
  facts: DomainDnsFacts | undefined,
  region: "us" | "eu",
): { cnameTarget?: string; lines: string[] } {
  if (facts?.cname === undefined) {
    return { lines: facts?.cnameNote === undefined ? [] : [`CNAME: ${facts.cnameNote}`] };
  }
  const target = facts.cname;
  if (target === CNAME_TARGETS[region]) return { lines: [] };
  const what = isSparkPostTarget(target)
    ? "a SparkPost endpoint other than the region's current one"
    : "not a SparkPost endpoint (a CDN or proxy for HTTPS?)";
  return {
    cnameTarget: target,
    lines: [`CNAME: points at ${target}, ${what}: kept as cnameTarget`],
  };
}

function unverifiedLine(found: FoundTrackingDomain): string[] {
  if (found.verified) return [];
  const status = found.cnameStatus === "" ? "" : ` (cname_status: ${found.cnameStatus})`;
  return [
    `Not verified in SparkPost${status}: the first \`pulumi up\` waits for its verification and asks SparkPost to verify it, which is not a read`,
  ];
}

function generate(
  snapshot: AccountSnapshot,
  found: FoundTrackingDomain,
  dnsFacts: DnsFacts,
  choices: Choices,
  leftOut: string[],
): GeneratedEntry {
  const facts = dnsFacts.get(found.domain);
  const decision = dnsDecision(found.domain, dnsFacts, choices);
  const target = cnameTargetOf(facts, choices.region);
  const sendingDomains = found.sendingDomains.filter((sendingDomain) => {
    const problem = hostnameProblem(sendingDomain);
    if (problem !== undefined) {
      leftOut.push(`the link of sending domain ${JSON.stringify(sendingDomain)}: it ${problem}`);
    }
    return problem === undefined;
  });
  const entry: TrackingDomainEntry = {
    domain: found.domain,
    ...(found.subaccountId === undefined ? {} : { subaccountId: found.subaccountId }),
    dns: dnsOf(decision),
    secure: found.secure,
    default: found.isDefault,
    ...(sendingDomains.length === 0 ? {} : { sendingDomains }),
    ...(target.cnameTarget === undefined ? {} : { cnameTarget: target.cnameTarget }),
    adopt: true,
    ...(choices.protect ? { protect: true } : {}),
    ...(choices.retainOnDelete ? { retainOnDelete: true } : {}),
  };
  const comments = [
    summaryLine(snapshot, found),
    ...dnsLines(decision, facts, choices),
    ...target.lines,
    ...unverifiedLine(found),
  ];
  return { entry, comments };
}

/**
 * One entry per tracking domain found, in the snapshot's order. A domain the root program could
 * not manage (an apex domain, a malformed name) is left out and said so.
 *
 * @throws an Error when the entries do not pass the root program's own checks (a bug here).
 */
export function generateEntries(
  snapshot: AccountSnapshot,
  dnsFacts: DnsFacts,
  choices: Choices,
): GeneratedEntries {
  const leftOut = [...snapshot.leftOut];
  const manageable = snapshot.trackingDomains.filter((found) => {
    const problem = subdomainProblem(found.domain);
    if (problem !== undefined) {
      leftOut.push(`tracking domain ${JSON.stringify(found.domain)}: it ${problem}`);
    }
    return problem === undefined;
  });
  // A tracking domain is a CNAME to SparkPost: the root program refuses it as a sending domain.
  const trackingNames = new Set(manageable.map((found) => found.domain));
  const entries = manageable.map((found) => {
    const sendingDomains = found.sendingDomains.filter((name) => {
      if (trackingNames.has(name)) {
        leftOut.push(
          `the link of sending domain ${name} to ${found.domain}: ${name} is a tracking domain too`,
        );
      }
      return !trackingNames.has(name);
    });
    return generate(snapshot, { ...found, sendingDomains }, dnsFacts, choices, leftOut);
  });
  const values = entries.map((generated) => generated.entry);
  const problems = [...schemaProblems(values), ...consistencyProblems(values)];
  if (problems.length > 0) {
    throw new Error(
      `The generated entries would not pass the root program's checks, a bug of the import: ${problems.join("; ")}`,
    );
  }
  return { entries, leftOut };
}
