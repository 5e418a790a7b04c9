/**
 * Bad inputs of the dynamic resources, as their providers' `check` must refuse them through
 * the real provider host: the failing property and the whole sentence, which ends with a period.
 */
import type { ResourceKind } from "../support/engineFixture";
import type { BadInput } from "./badInput";
import {
  HIDDEN_CHARACTER_CASES,
  HOSTNAME_CASES,
  HostnameCase,
  SUBDOMAIN_CASES,
  titled,
} from "./hostnameProblems";

export interface ResourceCase extends BadInput {
  kind: ResourceKind;
  args: Record<string, unknown>;
  property: string;
  reason: string;
}

/** Valid arguments of each kind, which every case spoils in one place. */
export const VALID_ARGS: Readonly<Record<ResourceKind, Record<string, unknown>>> = {
  TrackingDomain: { domain: "track.example.com" },
  TrackingDomainVerification: { domain: "track.example.com" },
  DefaultTrackingDomain: { domain: "track.example.com" },
  SendingDomainLink: { sendingDomain: "mail.example.com", trackingDomain: "track.example.com" },
  TrackingDomainCertificate: { domain: "track.example.com", acknowledgeIrreversible: true },
};

function spoil(
  kind: ResourceKind,
  property: string,
  value: unknown,
  reason: string,
  title: string,
  failingPath = property,
): ResourceCase {
  const args = { ...VALID_ARGS[kind], [property]: value };
  return { kind, title, args, property: failingPath, reason };
}

function hostnameCase(
  kind: ResourceKind,
  property: string,
  { title, value, problem }: HostnameCase,
): ResourceCase {
  return spoil(kind, property, value, `${property} ${problem}.`, title);
}

const SUBACCOUNT_RANGE =
  "must be a whole number from 0 to 2147483647 (the SparkPost subaccount id)";
const NAMESERVER_FORM =
  'must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353"';

function subaccount(kind: ResourceKind, value: unknown, rendered: string): ResourceCase {
  return spoil(
    kind,
    "subaccountId",
    value,
    `subaccountId ${SUBACCOUNT_RANGE}, not ${rendered}; leave it unset for the primary account.`,
    `subaccountId ${rendered}`,
  );
}

function verification(
  property: string,
  value: unknown,
  reason: string,
  failingPath = property,
): ResourceCase {
  const title = `${property} ${JSON.stringify(value)}`;
  return spoil("TrackingDomainVerification", property, value, reason, title, failingPath);
}

function timeout(value: unknown, rendered: string): ResourceCase {
  return verification(
    "timeoutSeconds",
    value,
    `timeoutSeconds must be a whole number of seconds from 1 to 86400, not ${rendered}.`,
  );
}

function nameserver(value: string[], failingPath: string, rendered: string): ResourceCase {
  const reason = `${failingPath} ${NAMESERVER_FORM}, not ${rendered}.`;
  return verification("nameservers", value, reason, failingPath);
}

const REQUIRED = 'is required: give the hostname, e.g. "track.example.com".';

/** What an account names when the stack config has no `sparkpost:accounts`. */
export const NO_ACCOUNTS =
  'names "eu", but sparkpost:accounts has no accounts: add it with `pulumi config set --path sparkpost:accounts.eu.region <us or eu>` and `pulumi config set --path --secret sparkpost:accounts.eu.apiKey <key>`, or leave account unset for the default connection (sparkpost:apiKey, sparkpost:region, sparkpost:apiUrl)';

/** What every refusal of a missing acknowledgement says after the value. */
const IRREVERSIBLE_TEXT =
  "enabling SparkPost's managed certificate cannot be undone: SparkPost has no way to disable it, the domain stays secure (HTTPS links) from then on, and `pulumi destroy` leaves the certificate in place; only deleting the tracking domain removes it. Set acknowledgeIrreversible: true to go ahead.";

export const RESOURCE_CASES: readonly ResourceCase[] = [
  // Every hostname rule, on the tracking domain itself.
  ...HOSTNAME_CASES.map((entry) => hostnameCase("TrackingDomain", "domain", entry)),
  ...SUBDOMAIN_CASES.map((entry) => hostnameCase("TrackingDomain", "domain", entry)),
  ...HIDDEN_CHARACTER_CASES.map((entry) => hostnameCase("TrackingDomain", "domain", entry)),
  {
    kind: "TrackingDomain",
    title: "no domain",
    args: {},
    property: "domain",
    reason: `domain ${REQUIRED}`,
  },
  spoil("TrackingDomain", "domain", "", `domain ${REQUIRED}`, "an empty domain"),
  spoil(
    "TrackingDomain",
    "domain",
    ["track.example.com"],
    'domain must be a string such as "track.example.com", not a list.',
    "a list as domain",
  ),
  spoil(
    "TrackingDomain",
    "domain",
    { name: "track.example.com" },
    'domain must be a string such as "track.example.com", not an object.',
    "an object as domain",
  ),
  spoil(
    "TrackingDomain",
    "secure",
    "true",
    'secure must be true or false, not "true".',
    "secure as a string",
  ),
  spoil(
    "TrackingDomain",
    "adopt",
    "false",
    'adopt must be true or false, not "false".',
    "adopt as a string",
  ),
  subaccount("TrackingDomain", -1, "-1"),
  subaccount("TrackingDomain", 2.5, "2.5"),
  subaccount("TrackingDomain", "7", '"7"'),
  subaccount("TrackingDomain", 2147483648, "2147483648"),

  // The other resources' hostnames: a sample of the rules on each property.
  {
    kind: "TrackingDomainVerification",
    title: "the domain itself as expectedTarget",
    args: { domain: "track.example.com", expectedTarget: "TRACK.example.com." },
    property: "expectedTarget",
    reason:
      'expectedTarget is the tracking domain "track.example.com" itself, and a CNAME cannot point at its own name: leave expectedTarget unset for the region\'s target, or set SparkPost\'s, such as "v2.spgo.io".',
  },
  spoil(
    "TrackingDomainVerification",
    "expectedTarget",
    ["v2.spgo.io"],
    'expectedTarget must be a string such as "v2.spgo.io", not a list.',
    "a list as expectedTarget",
  ),
  ...HOSTNAME_CASES.filter(
    titled(["a port", "an IPv4 address", "a newline inside, shown escaped"]),
  ).map((entry) => hostnameCase("DefaultTrackingDomain", "domain", entry)),
  ...SUBDOMAIN_CASES.map((entry) => hostnameCase("DefaultTrackingDomain", "domain", entry)),
  {
    kind: "DefaultTrackingDomain",
    title: "no domain",
    args: {},
    property: "domain",
    reason: `domain ${REQUIRED}`,
  },
  subaccount("DefaultTrackingDomain", -3, "-3"),
  subaccount("DefaultTrackingDomain", "0", '"0"'),
  ...HOSTNAME_CASES.filter(titled(["a wildcard", "a single label"])).map((entry) =>
    hostnameCase("TrackingDomainVerification", "domain", entry),
  ),
  ...SUBDOMAIN_CASES.filter(titled(["a public suffix"])).map((entry) =>
    hostnameCase("TrackingDomainVerification", "domain", entry),
  ),
  {
    kind: "TrackingDomainVerification",
    title: "no domain",
    args: {},
    property: "domain",
    reason: `domain ${REQUIRED}`,
  },
  ...HOSTNAME_CASES.filter(
    titled(["a URL with scheme, path and query", "a port", "an IPv4 address"]),
  ).map((entry) => hostnameCase("TrackingDomainVerification", "expectedTarget", entry)),
  ...HIDDEN_CHARACTER_CASES.filter(
    titled(["a DEL character inside", "a right-to-left override inside"]),
  ).map((entry) => hostnameCase("TrackingDomainVerification", "expectedTarget", entry)),
  ...HIDDEN_CHARACTER_CASES.filter(titled(["a soft hyphen inside"])).map((entry) =>
    hostnameCase("SendingDomainLink", "sendingDomain", entry),
  ),
  ...HOSTNAME_CASES.filter(
    titled([
      "a path",
      "a port",
      "a tab inside, shown escaped",
      "a single label",
      "an empty label",
      "non-ASCII with a punycode form",
    ]),
  ).map((entry) => hostnameCase("SendingDomainLink", "sendingDomain", entry)),
  ...SUBDOMAIN_CASES.map((entry) => hostnameCase("SendingDomainLink", "trackingDomain", entry)),
  ...HOSTNAME_CASES.filter(titled(["a bell character inside, shown escaped"])).map((entry) =>
    hostnameCase("SendingDomainLink", "trackingDomain", entry),
  ),
  spoil(
    "SendingDomainLink",
    "trackingDomain",
    undefined,
    `trackingDomain ${REQUIRED}`,
    "no trackingDomain",
  ),
  spoil(
    "SendingDomainLink",
    "sendingDomain",
    undefined,
    'sendingDomain is required: give the sending domain to link, e.g. "mail.example.com".',
    "no sendingDomain",
  ),
  spoil(
    "SendingDomainLink",
    "sendingDomain",
    25,
    'sendingDomain must be a string such as "mail.example.com", not 25.',
    "a number as sendingDomain",
  ),
  subaccount("SendingDomainLink", 2147483648.5, "2147483648.5"),
  subaccount("SendingDomainLink", true, "true"),

  // A sending domain cannot be linked to itself, however it is written.
  {
    kind: "SendingDomainLink",
    title: "a sending domain linked to itself",
    args: { sendingDomain: "track.example.com", trackingDomain: "track.example.com" },
    property: "trackingDomain",
    reason:
      'trackingDomain and sendingDomain are both "track.example.com": link the sending domain to a separate tracking domain, such as "track.track.example.com".',
  },
  {
    kind: "SendingDomainLink",
    title: "a sending domain linked to itself, written differently",
    args: { sendingDomain: "Click.Example.COM.", trackingDomain: "click.example.com" },
    property: "trackingDomain",
    reason:
      'trackingDomain and sendingDomain are both "click.example.com": link the sending domain to a separate tracking domain, such as "track.click.example.com".',
  },

  // How verification waits.
  timeout(0, "0"),
  timeout(86401, "86401"),
  timeout(1.5, "1.5"),
  timeout("60", '"60"'),
  timeout("6\u200b0", '"6\\u200b0"'),
  timeout(-60, "-60"),
  verification(
    "preflight",
    "dns",
    'preflight must be one of "authoritative", "resolver", "off", not "dns".',
  ),
  verification(
    "preflight",
    "Resolver",
    'preflight must be one of "authoritative", "resolver", "off", not "Resolver".',
  ),
  verification(
    "preflight",
    false,
    'preflight must be one of "authoritative", "resolver", "off", not false.',
  ),
  verification("proxied", "true", 'proxied must be true or false, not "true".'),
  nameserver(["ns1.example.com"], "nameservers[0]", '"ns1.example.com"'),
  nameserver(["127.0.0.1:5353", "127.0.0.1:0"], "nameservers[1]", '"127.0.0.1:0"'),
  nameserver(["[::1]:65536"], "nameservers[0]", '"[::1]:65536"'),
  nameserver(["192.0.2.53:dns"], "nameservers[0]", '"192.0.2.53:dns"'),
  verification(
    "nameservers",
    "192.0.2.53",
    'nameservers must be a list of strings, not "192.0.2.53".',
  ),
  verification(
    "nameservers",
    { primary: "192.0.2.53" },
    "nameservers must be a list of strings, not an object.",
  ),
  verification("nameservers", [53], "nameservers[0] must be a string, not 53.", "nameservers[0]"),
  verification(
    "cloudflareSslMode",
    "strict",
    'cloudflareSslMode is "strict", but SparkPost\'s HTTPS tracking through Cloudflare\'s proxy needs the zone\'s SSL/TLS encryption mode "full" ("Full"): set it in the zone\'s SSL/TLS overview, or set https.sslMode to "set" to let the stack set it for the whole zone, or to "skip" when a Configuration Rule sets "Full" for this host alone.',
  ),
  verification("cloudflareSslMode", 1, "cloudflareSslMode must be a string, not 1."),

  // The managed certificate: its irreversibility acknowledged, a v2 target, a bounded wait.
  spoil(
    "TrackingDomainCertificate",
    "acknowledgeIrreversible",
    "true",
    `acknowledgeIrreversible must be true, not "true": ${IRREVERSIBLE_TEXT}`,
    "acknowledgeIrreversible as a string",
  ),
  spoil(
    "TrackingDomainCertificate",
    "acknowledgeIrreversible",
    undefined,
    `acknowledgeIrreversible must be true, not unset: ${IRREVERSIBLE_TEXT}`,
    "no acknowledgeIrreversible",
  ),
  spoil(
    "TrackingDomainCertificate",
    "cnameTarget",
    "eu.spgo.io",
    'cnameTarget is "eu.spgo.io", a legacy SparkPost endpoint, which offers no managed certificates: SparkPost issues them only to domains whose CNAME points at a v2 endpoint ("v2.spgo.io" or "eu.v2.spgo.io"). Leave cnameTarget unset for the region\'s v2 endpoint (the record is updated), or serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront").',
    "a legacy cnameTarget",
  ),
  spoil(
    "TrackingDomainCertificate",
    "cnameTarget",
    "click.example.net",
    'cnameTarget is "click.example.net", which is not one of SparkPost\'s v2 endpoints ("v2.spgo.io" or "eu.v2.spgo.io"), the only ones that offer managed certificates: leave cnameTarget unset for the region\'s, or serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront").',
    "a cnameTarget that is no SparkPost endpoint",
  ),
  spoil(
    "TrackingDomainCertificate",
    "timeoutSeconds",
    0,
    "timeoutSeconds must be a whole number of seconds from 1 to 86400, not 0.",
    "a timeout of 0",
  ),
  ...SUBDOMAIN_CASES.filter(titled(["a public suffix"])).map((entry) =>
    hostnameCase("TrackingDomainCertificate", "domain", entry),
  ),
  // The account: a name, and one the stack config has (this host's config has none).
  ...(Object.keys(VALID_ARGS) as ResourceKind[]).flatMap((kind) => [
    spoil(
      kind,
      "account",
      7,
      'account must be the name of an account in sparkpost:accounts, such as "eu", not 7; leave it unset for the default connection.',
      "a number as account",
    ),
    spoil(kind, "account", "eu", `account ${NO_ACCOUNTS}.`, "an account the stack config lacks"),
  ]),
  {
    kind: "TrackingDomain",
    title: "secure false with a managed certificate",
    args: { domain: "track.example.com", managedCertificate: true, secure: false },
    property: "secure",
    reason:
      "secure must be true or unset with managedCertificate: true: SparkPost's managed certificate serves the domain over HTTPS and cannot be turned off.",
  },
];
