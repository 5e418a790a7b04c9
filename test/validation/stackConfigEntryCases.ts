/**
 * Bad `trackingDomains` entries the JSON schema cannot see: hostnames that break DNS rules, and
 * entries that disagree with each other (one domain twice, two defaults for one account...).
 */
import {
  HIDDEN_CHARACTER_CASES,
  HOSTNAME_CASES,
  HostnameCase,
  SUBDOMAIN_CASES,
  titled,
} from "./hostnameProblems";
import { NO_ACCOUNTS } from "./resourceCases";
import { first, route53, second, StackConfigCase } from "./stackConfigCases";

function hostname(field: string, { title, value, problem }: HostnameCase): StackConfigCase {
  return second(title, { [field]: value }, `trackingDomains[1].${field} ${problem}`);
}

export const STACK_CONFIG_ENTRY_CASES: readonly StackConfigCase[] = [
  // Hostnames.
  ...HOSTNAME_CASES.filter(
    titled([
      "a URL with scheme, path and query",
      "an IPv4 address",
      "a wildcard",
      "non-ASCII with a punycode form",
      "an invalid character",
      "a bell character inside, shown escaped",
      "a newline inside, shown escaped",
      "a single label",
      "a label with a trailing hyphen",
      "an all-digit top-level domain",
    ]),
  ).map((entry) => hostname("domain", entry)),
  ...SUBDOMAIN_CASES.map((entry) => hostname("domain", entry)),
  ...HIDDEN_CHARACTER_CASES.filter(
    titled([
      "a DEL character inside",
      "a soft hyphen inside",
      "a no-break space inside",
      "a byte order mark inside",
    ]),
  ).map((entry) => hostname("domain", entry)),
  ...HIDDEN_CHARACTER_CASES.filter(titled(["a C1 control sequence introducer inside"])).map(
    (entry) => hostname("cnameTarget", entry),
  ),
  ...HOSTNAME_CASES.filter(titled(["a port", "a tab inside, shown escaped"])).map((entry) =>
    hostname("cnameTarget", entry),
  ),
  ...HOSTNAME_CASES.filter(titled(["a path", "an empty label"])).map(({ title, value, problem }) =>
    second(title, { sendingDomains: [value] }, `trackingDomains[1].sendingDomains[0] ${problem}`),
  ),
  second(
    "the tracking domain itself as cnameTarget",
    { cnameTarget: "click.example.com" },
    'trackingDomains[1].cnameTarget is the entry\'s own domain "click.example.com", and a CNAME cannot point at its own name: leave cnameTarget out for the region\'s target, or set SparkPost\'s, such as "v2.spgo.io"',
  ),
  second(
    "the tracking domain itself as cnameTarget, written differently",
    { cnameTarget: "CLICK.example.com." },
    'trackingDomains[1].cnameTarget is the entry\'s own domain "click.example.com", and a CNAME cannot point at its own name: leave cnameTarget out for the region\'s target, or set SparkPost\'s, such as "v2.spgo.io"',
  ),

  // Entries that disagree with each other.
  {
    title: "the same domain twice, however written",
    value: [first, { domain: "TRACK.example.com.", dns: { provider: "manual" } }],
    problem:
      'trackingDomains[1].domain "track.example.com" is already declared by trackingDomains[0]: declare each tracking domain once',
  },
  {
    title: "two defaults for the primary account",
    value: [
      { ...first, default: true },
      { domain: "click.example.com", dns: route53, default: true },
    ],
    problem:
      "trackingDomains[1].default is true, but trackingDomains[0] is already the default of the primary account, which has only one: keep default: true on one of them",
  },
  {
    title: "two defaults for one subaccount",
    value: [
      { ...first, subaccountId: 9, default: true },
      { domain: "click.example.com", dns: route53, subaccountId: 9, default: true },
    ],
    problem:
      "trackingDomains[1].default is true, but trackingDomains[0] is already the default of subaccount 9, which has only one: keep default: true on one of them",
  },
  {
    title: "a sending domain listed by two entries",
    value: [
      { ...first, sendingDomains: ["mail.example.com"] },
      { domain: "click.example.com", dns: route53, sendingDomains: ["Mail.Example.com."] },
    ],
    problem:
      'trackingDomains[1].sendingDomains[0] "mail.example.com" is already listed at trackingDomains[0].sendingDomains[0]: a sending domain has one tracking domain, so list it once',
  },
  second(
    "a sending domain listed twice by one entry",
    { sendingDomains: ["news.example.com", "news.example.com"] },
    'trackingDomains[1].sendingDomains[1] "news.example.com" is already listed at trackingDomains[1].sendingDomains[0]: a sending domain has one tracking domain, so list it once',
  ),
  second(
    "a sending domain equal to its entry's domain",
    { sendingDomains: ["mail.example.com", "CLICK.example.com"] },
    'trackingDomains[1].sendingDomains[1] is the entry\'s own tracking domain "click.example.com": list the sending domains whose links and opens should go through it, such as "mail.example.com"',
  ),
  second(
    "another entry's tracking domain as a sending domain",
    { sendingDomains: ["track.example.com"] },
    'trackingDomains[1].sendingDomains[0] "track.example.com" is the tracking domain of trackingDomains[0]: a tracking domain is a CNAME to SparkPost and cannot send mail; list a sending domain such as "mail.example.com"',
  ),
  second(
    "an account the stack config lacks",
    { account: "eu" },
    `trackingDomains[1].account ${NO_ACCOUNTS}`,
  ),
  {
    title: "a later entry's tracking domain as a sending domain, however written",
    value: [
      { ...first, sendingDomains: ["mail.example.com", "Click.Example.com."] },
      { domain: "click.example.com", dns: route53 },
    ],
    problem:
      'trackingDomains[0].sendingDomains[1] "click.example.com" is the tracking domain of trackingDomains[1]: a tracking domain is a CNAME to SparkPost and cannot send mail; list a sending domain such as "mail.example.com"',
  },
];
