/**
 * Construction-time checks of the component's arguments. Values the program already knows are
 * checked here, so a mistake stops `pulumi preview` with the property at fault; Outputs are left
 * to each resource provider's `check`, which sees them once known. Arguments handed on to the
 * SparkPost resources are checked by the very rules those resources' `check` applies
 * (inputChecker.ts), under the component's own property paths.
 */
import { hostnameProblem, normalizeHostname, subdomainProblem } from "../dns/hostname";
import { nameserverProblem } from "../dns/nameserverAddress";
import { quoted } from "../dns/visibleText";
import {
  booleanProblem,
  cnameToItselfProblem,
  oneOfProblem,
  stringItemProblem,
  stringListProblem,
  subaccountIdProblem,
  wholeNumberProblem,
} from "../resources/inputChecker";
import {
  PREFLIGHT_MODES,
  VERIFICATION_TIMEOUT_BOUNDS,
} from "../resources/trackingDomainVerification";
import type { HttpsMode } from "../https/args";
import { ACCOUNTS_KEY, unknownAccountProblem } from "../sparkpost/accounts";
import { CustomTrackingDomainArgs } from "./args";
import { describeValue, failProperty, isPlain, isSetAndPlain } from "./plainValues";
import { programAccountNames } from "./programDnsRecord";
import { validateDns } from "./validateDns";
import { validateHttps } from "./validateHttps";

/** The arguments the component must know as plain values, checked and normalized. */
export interface PlainArgs {
  makeDefault: boolean;
  /** Lowercase, without trailing dots, in the order given. */
  sendingDomains: string[];
  /** `https.mode`, when HTTPS is asked for. */
  httpsMode?: HttpsMode;
  /** The named account, one the stack config has; undefined for the unnamed connection. */
  account?: string;
}

/** Throws an InputPropertyError for the first problem found; returns the plain arguments. */
export function validateArgs(args: CustomTrackingDomainArgs): PlainArgs {
  validateDomain(args.domain);
  validateCnameTarget(args.cnameTarget, args.domain);
  validateDns(args.dns);
  const sendingDomains = validateSendingDomains(args.sendingDomains);
  validateNotOwnSendingDomain(args.domain, sendingDomains);
  const makeDefault = validateDefault(args.default);
  validateKnown("secure", args.secure, booleanProblem);
  validateKnown("subaccountId", args.subaccountId, subaccountIdProblem);
  validateVerification(args.verification);
  validateKnown("adopt", args.adopt, booleanProblem);
  const httpsMode = validateHttps(args);
  const account = validateAccount(args.account);
  return { makeDefault, sendingDomains, httpsMode, account };
}

/**
 * A named account the stack config has. Plain, since the record the preview shows follows its
 * region, and the one-default rule is kept per account.
 */
function validateAccount(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    failProperty(
      "account",
      `account must be a plain string naming an account in ${ACCOUNTS_KEY}, such as "eu", not ${describeValue(value)}: the CNAME target a preview shows follows the account's region.`,
    );
  }
  let configured: string[];
  try {
    configured = programAccountNames();
  } catch (error) {
    failProperty("account", (error as Error).message);
  }
  const problem = unknownAccountProblem(value, configured);
  if (problem !== undefined) failProperty("account", `account ${problem}.`);
  return value;
}

/**
 * Fails `propertyPath` with `problemOf`'s sentence when `value` is known and wrong. Unset (undefined
 * or null, which the resources read as unset too) and Outputs pass.
 */
function validateKnown(
  propertyPath: string,
  value: unknown,
  problemOf: (value: unknown) => string | undefined,
): void {
  if (!isSetAndPlain(value)) return;
  const problem = problemOf(value);
  if (problem !== undefined) failProperty(propertyPath, `${propertyPath} ${problem}.`);
}

function validateDomain(value: unknown): void {
  if (!isPlain(value)) return;
  if (typeof value !== "string") {
    failProperty(
      "domain",
      `domain must be a hostname such as "track.example.com", not ${describeValue(value)}.`,
    );
  }
  const problem = subdomainProblem(value);
  if (problem !== undefined) failProperty("domain", `domain ${problem}`);
}

/** SparkPost's CNAME target: a hostname, and never the tracking domain itself. */
function validateCnameTarget(value: unknown, domain: unknown): void {
  if (value === undefined || !isPlain(value)) return;
  if (typeof value !== "string") {
    failProperty(
      "cnameTarget",
      `cnameTarget must be a hostname such as "v2.spgo.io", not ${describeValue(value)}.`,
    );
  }
  if (value.trim() === "") {
    failProperty(
      "cnameTarget",
      `cnameTarget must not be empty: leave it unset for the region's target, or set SparkPost's, such as "v2.spgo.io".`,
    );
  }
  const problem = hostnameProblem(value);
  if (problem !== undefined) failProperty("cnameTarget", `cnameTarget ${problem}`);
  if (typeof domain !== "string") return;
  const itself = cnameToItselfProblem(
    "cnameTarget",
    normalizeHostname(value),
    normalizeHostname(domain),
  );
  if (itself !== undefined) failProperty("cnameTarget", itself);
}

/** A tracking domain is a CNAME to SparkPost: it cannot also be a sending domain linked to itself. */
function validateNotOwnSendingDomain(domain: unknown, sendingDomains: string[]): void {
  if (typeof domain !== "string") return;
  const index = sendingDomains.indexOf(normalizeHostname(domain));
  if (index < 0) return;
  failProperty(
    `sendingDomains[${index}]`,
    `sendingDomains[${index}] is the tracking domain ${quoted(sendingDomains[index])} itself: list the sending domains whose links and opens should go through it, such as "mail.example.com".`,
  );
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
        `${property} repeats ${quoted(hostname)} (sendingDomains[${first}]): list each sending domain once.`,
      );
    }
    firstIndexOf.set(hostname, index);
    return hostname;
  });
}

/** The settings handed to the TrackingDomainVerification, by its own rules. */
function validateVerification(value: unknown): void {
  if (!isSetAndPlain(value)) return;
  if (typeof value !== "object" || Array.isArray(value)) {
    failProperty(
      "verification",
      `verification must be an object such as { timeoutSeconds: 1800, preflight: "authoritative" }, not ${describeValue(value)}.`,
    );
  }
  const { timeoutSeconds, preflight, nameservers } = value as Record<string, unknown>;
  validateKnown("verification.timeoutSeconds", timeoutSeconds, (seconds) =>
    wholeNumberProblem(seconds, VERIFICATION_TIMEOUT_BOUNDS),
  );
  validateKnown("verification.preflight", preflight, (mode) => oneOfProblem(mode, PREFLIGHT_MODES));
  validateKnown("verification.nameservers", nameservers, stringListProblem);
  if (!Array.isArray(nameservers)) return;
  nameservers.forEach((item: unknown, index) => {
    // An item of the list is never "unset": only Outputs are left to the resource.
    if (!isPlain(item)) return;
    const problem = stringItemProblem(item, nameserverProblem);
    const propertyPath = `verification.nameservers[${index}]`;
    if (problem !== undefined) failProperty(propertyPath, `${propertyPath} ${problem}.`);
  });
}
