/**
 * `check` through the real dynamic-provider host: every bad input is refused before anything
 * changes, naming the property and saying what to do; normalisation alone never makes a diff.
 */
import { UNKNOWN_VALUE } from "../../provider/resources/inputChecker";
import * as pulumi from "@pulumi/pulumi";
import { EngineFixture, ResourceKind, startEngineFixture } from "../support/engineFixture";
import { urnOf } from "../support/providerHost";

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngineFixture();
});
afterAll(async () => fixture.close());

async function failures(kind: ResourceKind, news: Record<string, unknown>) {
  const result = await fixture.host.check(
    urnOf(kind, "x"),
    {},
    {
      ...news,
      __provider: fixture.serialized[kind],
    },
  );
  return result.failures;
}

const hostnameHint = 'such as "track.example.com"';
const long63 = "a".repeat(64);

test.each<[ResourceKind, Record<string, unknown>, string, string]>([
  [
    "TrackingDomain",
    {},
    "domain",
    'domain is required: give the hostname, e.g. "track.example.com".',
  ],
  [
    "TrackingDomain",
    { domain: "" },
    "domain",
    'domain is required: give the hostname, e.g. "track.example.com".',
  ],
  [
    "TrackingDomain",
    { domain: 42 },
    "domain",
    'domain must be a string such as "track.example.com", not 42.',
  ],
  [
    "TrackingDomain",
    { domain: "https://track.example.com" },
    "domain",
    `domain must be a bare hostname ${hostnameHint}, without "https://".`,
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com/path" },
    "domain",
    `domain must be a bare hostname ${hostnameHint}, without a path ("/path").`,
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com:8080" },
    "domain",
    `domain must be a bare hostname ${hostnameHint}, without a port (":8080").`,
  ],
  [
    "TrackingDomain",
    { domain: "*.example.com" },
    "domain",
    `domain must be one hostname ${hostnameHint}, not a wildcard ("*.example.com").`,
  ],
  [
    "TrackingDomain",
    { domain: "192.168.0.1" },
    "domain",
    `domain must be a hostname ${hostnameHint}, not an IP address ("192.168.0.1").`,
  ],
  [
    "TrackingDomain",
    { domain: "localhost" },
    "domain",
    `domain must be a fully qualified hostname ${hostnameHint}, not the single label "localhost".`,
  ],
  [
    "TrackingDomain",
    { domain: "a..example.com" },
    "domain",
    'domain must not contain empty labels; remove the extra dot from "a..example.com".',
  ],
  [
    "TrackingDomain",
    { domain: "-a.example.com" },
    "domain",
    'domain must not have a label that starts or ends with a hyphen, like "-a".',
  ],
  [
    "TrackingDomain",
    { domain: "track_1.example.com" },
    "domain",
    'domain may contain only letters, digits, hyphens and dots, but "track_1.example.com" contains "_".',
  ],
  [
    "TrackingDomain",
    { domain: `${long63}.example.com` },
    "domain",
    `domain must have labels of at most 63 characters, but "${long63}" has 64.`,
  ],
  [
    "TrackingDomain",
    { domain: `${"abcdefghi.".repeat(25)}example.com` },
    "domain",
    "domain must be at most 253 characters long, but has 261.",
  ],
  [
    "TrackingDomain",
    { domain: "track.example.123" },
    "domain",
    'domain must end in a top-level domain made of letters, not "123".',
  ],
  [
    "TrackingDomain",
    { domain: "träck.example.com" },
    "domain",
    'domain must be written in ASCII; use the punycode form "xn--trck-moa.example.com" of "träck.example.com".',
  ],
  [
    "TrackingDomain",
    { domain: "example.com" },
    "domain",
    'domain must be a subdomain such as "track.example.com" of a domain you own, not "example.com" itself, since a CNAME record cannot sit at the root of a domain.',
  ],
  [
    "TrackingDomain",
    { domain: "example.co.uk" },
    "domain",
    'domain must be a subdomain such as "track.example.co.uk" of a domain you own, not "example.co.uk" itself, since a CNAME record cannot sit at the root of a domain.',
  ],
  [
    "TrackingDomain",
    { domain: "co.uk" },
    "domain",
    'domain must be a subdomain such as "track.example.co.uk" of a domain you own; "co.uk" is a public suffix, which no one owns.',
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com", secure: "yes" },
    "secure",
    'secure must be true or false, not "yes".',
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com", adopt: 1 },
    "adopt",
    "adopt must be true or false, not 1.",
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com", subaccountId: -1 },
    "subaccountId",
    "subaccountId must be a whole number from 0 to 2147483647 (the SparkPost subaccount id), not -1; leave it unset for the primary account.",
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com", subaccountId: 1.5 },
    "subaccountId",
    "subaccountId must be a whole number from 0 to 2147483647 (the SparkPost subaccount id), not 1.5; leave it unset for the primary account.",
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com", subaccountId: 2147483648 },
    "subaccountId",
    "subaccountId must be a whole number from 0 to 2147483647 (the SparkPost subaccount id), not 2147483648; leave it unset for the primary account.",
  ],
  [
    "TrackingDomain",
    { domain: "track.example.com", subaccountId: "5" },
    "subaccountId",
    'subaccountId must be a whole number from 0 to 2147483647 (the SparkPost subaccount id), not "5"; leave it unset for the primary account.',
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", timeoutSeconds: 0 },
    "timeoutSeconds",
    "timeoutSeconds must be a whole number of seconds from 1 to 86400, not 0.",
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", timeoutSeconds: 86401 },
    "timeoutSeconds",
    "timeoutSeconds must be a whole number of seconds from 1 to 86400, not 86401.",
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", timeoutSeconds: 2.5 },
    "timeoutSeconds",
    "timeoutSeconds must be a whole number of seconds from 1 to 86400, not 2.5.",
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", preflight: "dns" },
    "preflight",
    'preflight must be one of "authoritative", "resolver", "off", not "dns".',
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", nameservers: "127.0.0.1" },
    "nameservers",
    'nameservers must be a list of strings, not "127.0.0.1".',
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", nameservers: ["ns1.example.com"] },
    "nameservers[0]",
    'nameservers[0] must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353", not "ns1.example.com".',
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", nameservers: ["127.0.0.1:5353", "127.0.0.1:99999"] },
    "nameservers[1]",
    'nameservers[1] must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353", not "127.0.0.1:99999".',
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", expectedTarget: "https://v2.spgo.io" },
    "expectedTarget",
    `expectedTarget must be a bare hostname ${hostnameHint}, without "https://".`,
  ],
  [
    "TrackingDomainVerification",
    { domain: "track.example.com", proxied: "no" },
    "proxied",
    'proxied must be true or false, not "no".',
  ],
  [
    "DefaultTrackingDomain",
    { domain: "example.com" },
    "domain",
    'domain must be a subdomain such as "track.example.com" of a domain you own, not "example.com" itself, since a CNAME record cannot sit at the root of a domain.',
  ],
  [
    "DefaultTrackingDomain",
    { domain: "track.example.com", subaccountId: true },
    "subaccountId",
    "subaccountId must be a whole number from 0 to 2147483647 (the SparkPost subaccount id), not true; leave it unset for the primary account.",
  ],
  [
    "SendingDomainLink",
    { trackingDomain: "track.example.com" },
    "sendingDomain",
    'sendingDomain is required: give the sending domain to link, e.g. "mail.example.com".',
  ],
  [
    "SendingDomainLink",
    { sendingDomain: "mail example.com", trackingDomain: "track.example.com" },
    "sendingDomain",
    'sendingDomain may contain only letters, digits, hyphens and dots, but "mail example.com" contains " ".',
  ],
  [
    "SendingDomainLink",
    { sendingDomain: "example.com", trackingDomain: "example.com" },
    "trackingDomain",
    'trackingDomain must be a subdomain such as "track.example.com" of a domain you own, not "example.com" itself, since a CNAME record cannot sit at the root of a domain.',
  ],
])("%s %j is refused: %s", async (kind, news, property, reason) => {
  expect(await failures(kind, news)).toEqual([{ property, reason }]);
});

test("every problem is reported at once, so one fix round is enough", async () => {
  expect(
    await failures("TrackingDomain", { domain: "https://x", secure: "true", subaccountId: -2 }),
  ).toEqual([
    {
      property: "domain",
      reason: `domain must be a bare hostname ${hostnameHint}, without "https://".`,
    },
    { property: "secure", reason: 'secure must be true or false, not "true".' },
    {
      property: "subaccountId",
      reason:
        "subaccountId must be a whole number from 0 to 2147483647 (the SparkPost subaccount id), not -2; leave it unset for the primary account.",
    },
  ]);
});

test("values not known yet (preview) pass without failures", async () => {
  const result = await fixture.host.check(
    urnOf("TrackingDomain", "x"),
    {},
    {
      domain: UNKNOWN_VALUE,
      secure: UNKNOWN_VALUE,
      subaccountId: UNKNOWN_VALUE,
      __provider: fixture.serialized.TrackingDomain,
    },
  );
  expect(result.failures).toEqual([]);
  expect(result.inputs).toMatchObject({
    domain: UNKNOWN_VALUE,
    secure: UNKNOWN_VALUE,
    adopt: false,
  });
});

test("a CNAME target is compared with the domain only once both are known", async () => {
  expect(
    await failures("TrackingDomainVerification", {
      domain: UNKNOWN_VALUE,
      expectedTarget: "track.example.com",
    }),
  ).toEqual([]);
});

test("the unknown sentinel is the SDK's own", () => {
  expect(UNKNOWN_VALUE).toBe(pulumi.runtime.unknownValue);
});

describe("normalisation alone never produces a diff", () => {
  test.each<[ResourceKind, Record<string, unknown>, Record<string, unknown>]>([
    ["TrackingDomain", { domain: "track.example.com" }, { domain: " TRACK.Example.COM. " }],
    [
      "TrackingDomain",
      { domain: "track.example.com" },
      { domain: "track.example.com", secure: false, adopt: false },
    ],
    [
      "TrackingDomain",
      { domain: "track.example.com" },
      { domain: "track.example.com", subaccountId: 0 },
    ],
    [
      "TrackingDomainVerification",
      { domain: "track.example.com" },
      { domain: "Track.Example.com", timeoutSeconds: 1800, preflight: "authoritative" },
    ],
    [
      "DefaultTrackingDomain",
      { domain: "track.example.com", subaccountId: 0 },
      { domain: "TRACK.example.com." },
    ],
    [
      "SendingDomainLink",
      { sendingDomain: "mail.example.com", trackingDomain: "track.example.com" },
      { sendingDomain: "Mail.Example.Com.", trackingDomain: "TRACK.EXAMPLE.COM" },
    ],
  ])("%s %j then %j", async (kind, first, second) => {
    const resource = fixture.resource(kind, "x");
    const olds = await resource.check(first);
    const news = await resource.check(second);
    // Diff receives the old outputs, which carry the checked inputs.
    expect(await fixture.host.diff("x", resource.urn, olds, news)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("a provider code change alone is no diff either", async () => {
    const resource = fixture.resource("TrackingDomain", "x");
    const inputs = await resource.check({ domain: "track.example.com" });
    const changedCode = { ...inputs, __provider: `${String(inputs.__provider)}\n// a new version` };
    expect(await fixture.host.diff("x", resource.urn, inputs, changedCode)).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});
