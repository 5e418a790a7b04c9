/**
 * Bad arguments of the CustomTrackingDomain component: each must stop its construction with a
 * `pulumi.InputPropertyError` at the argument's path, before anything is declared.
 */
import type { BadInput } from "./badInput";
import {
  HIDDEN_CHARACTER_CASES,
  HOSTNAME_CASES,
  HostnameCase,
  SUBDOMAIN_CASES,
  titled,
} from "./hostnameProblems";
import { NO_ACCOUNTS } from "./resourceCases";

export interface ComponentCase extends BadInput {
  args: Record<string, unknown>;
  propertyPath: string;
  reason: string;
}

export const route53 = { provider: "route53" };
export const VALID_COMPONENT_ARGS = { domain: "track.example.com", dns: route53 };

export function spoil(
  title: string,
  changes: Record<string, unknown>,
  propertyPath: string,
  reason: string,
): ComponentCase {
  return { title, args: { ...VALID_COMPONENT_ARGS, ...changes }, propertyPath, reason };
}

function hostname(property: string, { title, value, problem }: HostnameCase): ComponentCase {
  return spoil(title, { [property]: value }, property, `${property} ${problem}`);
}

function sendingDomain(entry: HostnameCase): ComponentCase {
  const changes = { sendingDomains: ["mail.example.com", entry.value] };
  return spoil(entry.title, changes, "sendingDomains[1]", `sendingDomains[1] ${entry.problem}`);
}

const SUBACCOUNT =
  "subaccountId must be a whole number from 0 to 2147483647 (the SparkPost subaccount id)";
const TIMEOUT = "verification.timeoutSeconds must be a whole number of seconds from 1 to 86400";
const NAMESERVER =
  'must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353"';

export const COMPONENT_ARGUMENT_CASES: readonly ComponentCase[] = [
  // domain
  ...HOSTNAME_CASES.filter(
    titled([
      "a URL with scheme, path and query",
      "a port",
      "an IPv6 address in brackets",
      "a wildcard",
      "non-ASCII with a punycode form",
      "non-ASCII without a punycode form",
      "a newline inside, shown escaped",
      "a tab inside, shown escaped",
      "a single label",
      "a label over 63 characters",
      "a name over 253 characters",
      "an all-digit top-level domain",
    ]),
  ).map((entry) => hostname("domain", entry)),
  ...SUBDOMAIN_CASES.map((entry) => hostname("domain", entry)),
  ...HIDDEN_CHARACTER_CASES.filter(
    titled([
      "a DEL character inside",
      "a right-to-left override inside",
      "a zero-width space inside",
      "a double quote inside",
    ]),
  ).map((entry) => hostname("domain", entry)),
  spoil(
    "an empty domain",
    { domain: "" },
    "domain",
    'domain must not be empty; set it to a hostname such as "track.example.com"',
  ),
  spoil(
    "a number as domain",
    { domain: 7 },
    "domain",
    'domain must be a hostname such as "track.example.com", not 7.',
  ),
  spoil(
    "no domain",
    { domain: undefined },
    "domain",
    'domain must be a hostname such as "track.example.com", not undefined.',
  ),

  // cnameTarget
  ...HOSTNAME_CASES.filter(
    titled(["a port", "a bell character inside, shown escaped", "an empty label"]),
  ).map((entry) => hostname("cnameTarget", entry)),
  ...HIDDEN_CHARACTER_CASES.filter(titled(["a soft hyphen inside"])).map((entry) =>
    hostname("cnameTarget", entry),
  ),
  spoil(
    "an empty cnameTarget",
    { cnameTarget: "" },
    "cnameTarget",
    "cnameTarget must not be empty: leave it unset for the region's target, or set SparkPost's, such as \"v2.spgo.io\".",
  ),
  spoil(
    "a list as cnameTarget",
    { cnameTarget: ["v2.spgo.io"] },
    "cnameTarget",
    'cnameTarget must be a hostname such as "v2.spgo.io", not a list.',
  ),
  spoil(
    "the tracking domain itself as cnameTarget",
    { cnameTarget: "Track.Example.com" },
    "cnameTarget",
    'cnameTarget is the tracking domain "track.example.com" itself, and a CNAME cannot point at its own name: leave cnameTarget unset for the region\'s target, or set SparkPost\'s, such as "v2.spgo.io".',
  ),
  spoil(
    "the tracking domain itself as cnameTarget, written differently",
    { domain: "Click.Example.com.", cnameTarget: "click.example.COM" },
    "cnameTarget",
    'cnameTarget is the tracking domain "click.example.com" itself, and a CNAME cannot point at its own name: leave cnameTarget unset for the region\'s target, or set SparkPost\'s, such as "v2.spgo.io".',
  ),

  // sendingDomains
  ...HOSTNAME_CASES.filter(
    titled([
      "a path",
      "an IPv4 address",
      "a leading dot",
      "a bell character inside, shown escaped",
    ]),
  ).map(sendingDomain),
  spoil(
    "sendingDomains as an object",
    { sendingDomains: { mail: "mail.example.com" } },
    "sendingDomains",
    'sendingDomains must be a plain list of hostnames such as ["mail.example.com"], not an object: each one becomes a SendingDomainLink.',
  ),
  spoil(
    "a number in sendingDomains",
    { sendingDomains: ["mail.example.com", 25] },
    "sendingDomains[1]",
    'sendingDomains[1] must be a plain hostname such as "mail.example.com", not 25.',
  ),
  spoil(
    "a sending domain listed twice, written differently",
    { sendingDomains: ["news.example.com", "NEWS.example.com."] },
    "sendingDomains[1]",
    'sendingDomains[1] repeats "news.example.com" (sendingDomains[0]): list each sending domain once.',
  ),
  spoil(
    "its own tracking domain as a sending domain",
    { sendingDomains: ["mail.example.com", "track.example.com"] },
    "sendingDomains[1]",
    'sendingDomains[1] is the tracking domain "track.example.com" itself: list the sending domains whose links and opens should go through it, such as "mail.example.com".',
  ),
  spoil(
    "its own tracking domain as a sending domain, written differently",
    { domain: "Click.Example.com.", sendingDomains: ["click.example.COM"] },
    "sendingDomains[0]",
    'sendingDomains[0] is the tracking domain "click.example.com" itself: list the sending domains whose links and opens should go through it, such as "mail.example.com".',
  ),

  // default
  spoil(
    "default as a string",
    { default: "true" },
    "default",
    'default must be a plain true or false, not "true": it decides whether a DefaultTrackingDomain is created.',
  ),
  spoil(
    "default as a number",
    { default: 1 },
    "default",
    "default must be a plain true or false, not 1: it decides whether a DefaultTrackingDomain is created.",
  ),
  spoil(
    "default as a Promise",
    { default: Promise.resolve(true) },
    "default",
    "default must be a plain true or false, not an Output or a Promise: it decides whether a DefaultTrackingDomain is created.",
  ),

  // Arguments handed to the SparkPost resources.
  spoil(
    "secure as a string",
    { secure: "yes" },
    "secure",
    'secure must be true or false, not "yes".',
  ),
  spoil("adopt as a string", { adopt: "no" }, "adopt", 'adopt must be true or false, not "no".'),
  spoil(
    "a number as account",
    { account: 7 },
    "account",
    'account must be a plain string naming an account in sparkpost:accounts, such as "eu", not 7: the CNAME target a preview shows follows the account\'s region.',
  ),
  spoil(
    "a Promise as account",
    { account: Promise.resolve("eu") },
    "account",
    'account must be a plain string naming an account in sparkpost:accounts, such as "eu", not an Output or a Promise: the CNAME target a preview shows follows the account\'s region.',
  ),
  spoil(
    "an account the stack config lacks",
    { account: "eu" },
    "account",
    `account ${NO_ACCOUNTS}.`,
  ),
  spoil(
    "a negative subaccountId",
    { subaccountId: -1 },
    "subaccountId",
    `${SUBACCOUNT}, not -1; leave it unset for the primary account.`,
  ),
  spoil(
    "a fractional subaccountId",
    { subaccountId: 1.5 },
    "subaccountId",
    `${SUBACCOUNT}, not 1.5; leave it unset for the primary account.`,
  ),
  spoil(
    "a subaccountId as a string",
    { subaccountId: "5" },
    "subaccountId",
    `${SUBACCOUNT}, not "5"; leave it unset for the primary account.`,
  ),
  spoil(
    "a subaccountId above 2147483647",
    { subaccountId: 2147483648 },
    "subaccountId",
    `${SUBACCOUNT}, not 2147483648; leave it unset for the primary account.`,
  ),
  spoil(
    "a timeout of 0",
    { verification: { timeoutSeconds: 0 } },
    "verification.timeoutSeconds",
    `${TIMEOUT}, not 0.`,
  ),
  spoil(
    "a timeout above a day",
    { verification: { timeoutSeconds: 86401 } },
    "verification.timeoutSeconds",
    `${TIMEOUT}, not 86401.`,
  ),
  spoil(
    "a fractional timeout",
    { verification: { timeoutSeconds: 1.5 } },
    "verification.timeoutSeconds",
    `${TIMEOUT}, not 1.5.`,
  ),
  spoil(
    "a timeout as a string",
    { verification: { timeoutSeconds: "60" } },
    "verification.timeoutSeconds",
    `${TIMEOUT}, not "60".`,
  ),
  spoil(
    "an unknown preflight",
    { verification: { preflight: "dig" } },
    "verification.preflight",
    'verification.preflight must be one of "authoritative", "resolver", "off", not "dig".',
  ),
  spoil(
    "a hostname as nameserver",
    { verification: { nameservers: ["ns1.example.com"] } },
    "verification.nameservers[0]",
    `verification.nameservers[0] ${NAMESERVER}, not "ns1.example.com".`,
  ),
  spoil(
    "a nameserver with port 0",
    { verification: { nameservers: ["192.0.2.53:0"] } },
    "verification.nameservers[0]",
    `verification.nameservers[0] ${NAMESERVER}, not "192.0.2.53:0".`,
  ),
  spoil(
    "nameservers not a list",
    { verification: { nameservers: "192.0.2.53" } },
    "verification.nameservers",
    'verification.nameservers must be a list of strings, not "192.0.2.53".',
  ),
  spoil(
    "a nameserver not a string",
    { verification: { nameservers: [53] } },
    "verification.nameservers[0]",
    "verification.nameservers[0] must be a string, not 53.",
  ),
  spoil(
    "a bad nameserver after a good one",
    { verification: { nameservers: ["192.0.2.53", "[::1]:65536"] } },
    "verification.nameservers[1]",
    `verification.nameservers[1] ${NAMESERVER}, not "[::1]:65536".`,
  ),
  spoil(
    "a null nameserver",
    { verification: { nameservers: [null] } },
    "verification.nameservers[0]",
    "verification.nameservers[0] must be a string, not null.",
  ),
  spoil(
    "verification as a string",
    { verification: "authoritative" },
    "verification",
    'verification must be an object such as { timeoutSeconds: 1800, preflight: "authoritative" }, not "authoritative".',
  ),
  spoil(
    "verification as a list",
    { verification: [{ timeoutSeconds: 60 }] },
    "verification",
    'verification must be an object such as { timeoutSeconds: 1800, preflight: "authoritative" }, not a list.',
  ),
  spoil(
    "a subaccountId as a boolean",
    { subaccountId: true },
    "subaccountId",
    `${SUBACCOUNT}, not true; leave it unset for the primary account.`,
  ),
  spoil(
    "secure as a string with a hidden character",
    { secure: "tr\u202eue" },
    "secure",
    'secure must be true or false, not "tr\\u202eue".',
  ),
];
