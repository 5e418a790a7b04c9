/**
 * Construction-time checks of the component's arguments. Values the program already knows are
 * checked here, so a mistake stops `pulumi preview` with the property at fault; Outputs are left
 * to each resource provider's `check`, which sees them once known.
 */
import { hostnameProblem, normalizeHostname, subdomainProblem } from "../dns/hostname";
import { CustomTrackingDomainArgs } from "./args";
import { describeValue, failProperty, isPlain } from "./plainValues";
import { validateDns } from "./validateDns";

/** The arguments the component must know as plain values, checked and normalized. */
export interface PlainArgs {
  makeDefault: boolean;
  /** Lowercase, without trailing dots, in the order given. */
  sendingDomains: string[];
}

/** Throws an InputPropertyError for the first problem found; returns the plain arguments. */
export function validateArgs(args: CustomTrackingDomainArgs): PlainArgs {
  validateHostname("domain", args.domain, subdomainProblem);
  if (args.cnameTarget !== undefined) {
    validateHostname("cnameTarget", args.cnameTarget, hostnameProblem);
  }
  validateDns(args.dns);
  const sendingDomains = validateSendingDomains(args.sendingDomains);
  validateNotOwnSendingDomain(args.domain, sendingDomains);
  return { makeDefault: validateDefault(args.default), sendingDomains };
}

/** A tracking domain is a CNAME to SparkPost: it cannot also be a sending domain linked to itself. */
function validateNotOwnSendingDomain(domain: unknown, sendingDomains: string[]): void {
  if (typeof domain !== "string") return;
  const index = sendingDomains.indexOf(normalizeHostname(domain));
  if (index < 0) return;
  failProperty(
    `sendingDomains[${index}]`,
    `sendingDomains[${index}] is the tracking domain ${JSON.stringify(sendingDomains[index])} itself: list the sending domains whose links and opens should go through it, such as "mail.example.com".`,
  );
}

function validateHostname(
  property: string,
  value: unknown,
  problemOf: (hostname: string) => string | undefined,
): void {
  if (!isPlain(value)) return;
  if (typeof value !== "string") {
    failProperty(
      property,
      `${property} must be a hostname such as "track.example.com", not ${describeValue(value)}.`,
    );
  }
  const problem = problemOf(value);
  if (problem !== undefined) failProperty(property, `${property} ${problem}`);
}

function validateDefault(value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") {
    failProperty(
      "default",
      `default must be a plain true or false, not ${describeValue(value)}: it decides whether a DefaultTrackingDomain is created.`,
    );
  }
  return value;
}

function validateSendingDomains(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    failProperty(
      "sendingDomains",
      `sendingDomains must be a plain list of hostnames such as ["mail.example.com"], not ${describeValue(value)}: each one becomes a SendingDomainLink.`,
    );
  }
  const firstIndexOf = new Map<string, number>();
  return value.map((item: unknown, index) => {
    const property = `sendingDomains[${index}]`;
    if (typeof item !== "string") {
      failProperty(
        property,
        `${property} must be a plain hostname such as "mail.example.com", not ${describeValue(item)}.`,
      );
    }
    const problem = hostnameProblem(item);
    if (problem !== undefined) failProperty(property, `${property} ${problem}`);
    const hostname = normalizeHostname(item);
    const first = firstIndexOf.get(hostname);
    if (first !== undefined) {
      failProperty(
        property,
        `${property} repeats "${hostname}" (sendingDomains[${first}]): list each sending domain once.`,
      );
    }
    firstIndexOf.set(hostname, index);
    return hostname;
  });
}
