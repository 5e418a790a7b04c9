/**
 * The generator's rules on their own, without SparkPost or DNS: which provider nameservers
 * suggest, which DNS an entry gets, `cnameTarget`, the comment lines, what is left out, and the
 * YAML scalars. The whole file for a real account is in generator.test.ts.
 */
import {
  dnsDecision,
  suggestedProvider,
  unusedConfirmations,
} from "../../program/import/dnsProviders";
import { generateEntries } from "../../program/import/entries";
import { stackFileText, yamlScalar } from "../../program/import/stackFileText";
import type {
  AccountSnapshot,
  DomainDnsFacts,
  FoundTrackingDomain,
  GenerationChoices,
} from "../../program/import/types";
import { wrapWords } from "../../program/import/wrapText";

const ROUTE53 = ["ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk"];
const CLOUDFLARE = ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"];

test.each<[string, string[], string | undefined]>([
  ["Route53", ROUTE53, "route53"],
  ["Cloudflare", CLOUDFLARE, "cloudflare"],
  ["another provider", ["ns1.dnsimple.com", "ns2.dnsimple.com"], "other"],
  ["a mix of Route53 and another", ["ns-1.awsdns-01.org", "ns1.example.net"], "other"],
  ["a mix of Route53 and Cloudflare", ["ns-1.awsdns-01.org", "ada.ns.cloudflare.com"], "other"],
  ["a name that merely contains awsdns", ["notawsdns-1.example.net"], "other"],
  ["no nameservers", [], undefined],
])("nameservers of %s suggest %s", (_title, nameservers, suggestion) => {
  expect(suggestedProvider(nameservers)).toBe(suggestion);
});

const facts = (zone: string, nameservers: string[], cname = "v2.spgo.io"): DomainDnsFacts => ({
  zone,
  nameservers,
  cname,
});

const CHOICES: GenerationChoices = {
  project: "tracking",
  stack: "prod",
  region: "us",
  confirmedDns: new Map(),
  acceptSuggestions: false,
  dnsLookedUp: true,
  protect: true,
  retainOnDelete: false,
};

describe("the DNS of an entry", () => {
  const dnsFacts = new Map([
    ["track.example.com", facts("example.com", ROUTE53)],
    ["click.shop.example.com", facts("shop.example.com", CLOUDFLARE)],
    ["links.example.org", facts("example.org", ["ns1.example.net"])],
  ]);

  test.each<[string, Partial<GenerationChoices>, string, object]>([
    ["unconfirmed, manual", {}, "track.example.com", { choice: "manual", reason: "unconfirmed" }],
    [
      "confirmed for its zone",
      { confirmedDns: new Map([["example.com", "route53"]]) },
      "track.example.com",
      { choice: "route53", reason: "confirmed" },
    ],
    [
      "confirmed as another provider than suggested",
      { confirmedDns: new Map([["example.com", "cloudflare"]]) },
      "track.example.com",
      { choice: "cloudflare", reason: "confirmed" },
    ],
    [
      "a parent zone confirmed, but the domain's zone is a delegated one",
      { confirmedDns: new Map([["example.com", "route53"]]) },
      "click.shop.example.com",
      { choice: "manual", reason: "unconfirmed" },
    ],
    [
      "suggestions accepted",
      { acceptSuggestions: true },
      "click.shop.example.com",
      { choice: "cloudflare", reason: "accepted" },
    ],
    [
      "suggestions accepted, but the zone is elsewhere",
      { acceptSuggestions: true },
      "links.example.org",
      { choice: "manual", reason: "unconfirmed" },
    ],
    [
      "--dns wins over an accepted suggestion",
      { acceptSuggestions: true, confirmedDns: new Map([["shop.example.com", "manual"]]) },
      "click.shop.example.com",
      { choice: "manual", reason: "confirmed" },
    ],
  ])("%s", (_title, choices, domain, expected) => {
    expect(dnsDecision(domain, dnsFacts, { ...CHOICES, ...choices })).toMatchObject(expected);
  });

  test("an entry's DNS line says what was confirmed, manual included", () => {
    const generated = generateEntries(
      snapshot([domain("track.example.com"), domain("click.shop.example.com")]),
      dnsFacts,
      {
        ...CHOICES,
        confirmedDns: new Map([
          ["example.com", "route53"],
          ["shop.example.com", "manual"],
        ]),
      },
    );
    expect(generated.entries.map(({ comments }) => comments[1])).toEqual([
      "DNS: zone example.com is served by Route53 (ns-1.awsdns-01.org, ns-2.awsdns-02.co.uk); the record goes through route53 (--dns example.com=route53)",
      "DNS: zone shop.example.com is served by Cloudflare (ada.ns.cloudflare.com, bob.ns.cloudflare.com); manual (--dns shop.example.com=manual)",
    ]);
  });

  test("without a lookup, --dns applies to the domains below its zone, the longest zone first", () => {
    const confirmed = new Map([
      ["example.com", "route53"],
      ["shop.example.com", "cloudflare"],
    ] as const);
    const choices = { ...CHOICES, confirmedDns: confirmed, dnsLookedUp: false };
    expect(dnsDecision("click.shop.example.com", new Map(), choices)).toEqual({
      zone: "shop.example.com",
      choice: "cloudflare",
      reason: "confirmed",
    });
    expect(dnsDecision("track.example.com", new Map(), choices)).toEqual({
      zone: "example.com",
      choice: "route53",
      reason: "confirmed",
    });
    expect(dnsDecision("links.example.org", new Map(), choices)).toEqual({
      choice: "manual",
      reason: "unconfirmed",
    });
  });

  test("a --dns zone holding none of the domains is reported, however close its name", () => {
    const confirmed = new Map([
      ["example.com", "route53"],
      ["xample.com", "route53"],
      ["example.net", "manual"],
    ] as const);
    expect(unusedConfirmations(["track.example.com"], dnsFacts, confirmed)).toEqual([
      "example.net",
      "xample.com",
    ]);
  });
});

function domain(name: string, settings: Partial<FoundTrackingDomain> = {}): FoundTrackingDomain {
  return {
    domain: name,
    secure: false,
    isDefault: false,
    verified: true,
    cnameStatus: "valid",
    sendingDomains: [],
    ...settings,
  };
}

function snapshot(
  trackingDomains: FoundTrackingDomain[],
  extra: Partial<AccountSnapshot> = {},
): AccountSnapshot {
  return {
    apiUrl: "https://api.sparkpost.com/api/v1",
    subaccounts: [],
    trackingDomains,
    leftOut: [],
    ...extra,
  };
}

describe("cnameTarget and the CNAME line", () => {
  test.each<[string, "us" | "eu", DomainDnsFacts, string | undefined, string[]]>([
    ["the region's target: nothing to say", "us", facts("example.com", ROUTE53), undefined, []],
    [
      "the EU target in the EU",
      "eu",
      facts("example.com", ROUTE53, "eu.v2.spgo.io"),
      undefined,
      [],
    ],
    [
      "the US target in the EU",
      "eu",
      facts("example.com", ROUTE53, "v2.spgo.io"),
      "v2.spgo.io",
      [
        "CNAME: points at v2.spgo.io, a SparkPost endpoint other than the region's current one: kept as cnameTarget",
      ],
    ],
    [
      "an Enterprise tenant",
      "us",
      facts("example.com", ROUTE53, "acme.et.e.sparkpost.com"),
      "acme.et.e.sparkpost.com",
      [
        "CNAME: points at acme.et.e.sparkpost.com, a SparkPost endpoint other than the region's current one: kept as cnameTarget",
      ],
    ],
    [
      "a CDN in front of SparkPost",
      "us",
      facts("example.com", ROUTE53, "d111abcdef8.cloudfront.net"),
      "d111abcdef8.cloudfront.net",
      [
        "CNAME: points at d111abcdef8.cloudfront.net, not a SparkPost endpoint (a CDN or proxy for HTTPS?): kept as cnameTarget",
      ],
    ],
    [
      "a proxied record",
      "us",
      {
        zone: "example.com",
        nameservers: CLOUDFLARE,
        cnameNote: "no CNAME but address records (a proxied Cloudflare record?)",
      },
      undefined,
      ["CNAME: no CNAME but address records (a proxied Cloudflare record?)"],
    ],
  ])("%s", (_title, region, domainFacts, cnameTarget, lines) => {
    const generated = generateEntries(
      snapshot([domain("track.example.com")]),
      new Map([["track.example.com", domainFacts]]),
      { ...CHOICES, region },
    );
    const [{ entry, comments }] = generated.entries;
    expect(entry.cnameTarget).toBe(cnameTarget);
    expect(comments.filter((line) => line.startsWith("CNAME:"))).toEqual(lines);
  });
});

test("every setting of a domain is kept, in the entry and its summary line", () => {
  const generated = generateEntries(
    snapshot(
      [
        domain("track.example.com", {
          secure: true,
          isDefault: true,
          subaccountId: 7,
          sendingDomains: ["a.example.com", "b.example.com"],
        }),
      ],
      { subaccounts: [{ id: 7, name: "Brand" }] },
    ),
    new Map(),
    { ...CHOICES, dnsLookedUp: false, protect: false, retainOnDelete: true },
  );
  expect(generated.entries).toEqual([
    {
      entry: {
        domain: "track.example.com",
        subaccountId: 7,
        dns: { provider: "manual" },
        secure: true,
        default: true,
        sendingDomains: ["a.example.com", "b.example.com"],
        adopt: true,
        retainOnDelete: true,
      },
      comments: [
        "track.example.com (subaccount 7, Brand): verified, the subaccount's default, HTTPS, 2 linked sending domains",
        "DNS: not looked up (--no-dns-lookup), so manual",
      ],
    },
  ]);
});

test("an unverified domain says that the first up is not only reads", () => {
  const generated = generateEntries(
    snapshot([domain("track.example.com", { verified: false, cnameStatus: "pending" })]),
    new Map([["track.example.com", facts("example.com", ROUTE53)]]),
    CHOICES,
  );
  expect(generated.entries[0].comments).toEqual([
    "track.example.com (primary account): NOT verified, not a default, HTTP, 0 linked sending domains",
    "DNS: zone example.com is served by Route53 (ns-1.awsdns-01.org, ns-2.awsdns-02.co.uk); manual until you confirm it: --dns example.com=route53",
    "Not verified in SparkPost (cname_status: pending): the first `pulumi up` waits for its verification and asks SparkPost to verify it, which is not a read",
  ]);
});

test("a zone that could not be found says why", () => {
  const generated = generateEntries(
    snapshot([domain("track.example.com")]),
    new Map([
      [
        "track.example.com",
        {
          nameservers: [],
          zoneProblem:
            "the resolver did not answer within 3000 ms when asked for the NS records of example.com",
          cnameNote: "the CNAME lookup failed: the resolver did not answer within 3000 ms",
        },
      ],
    ]),
    CHOICES,
  );
  expect(generated.entries[0].comments.slice(1)).toEqual([
    "DNS: no zone found (the resolver did not answer within 3000 ms when asked for the NS records of example.com), so manual",
    "CNAME: the CNAME lookup failed: the resolver did not answer within 3000 ms",
  ]);
});

test("what the root program could not manage is left out and listed", () => {
  const generated = generateEntries(
    snapshot(
      [
        domain("example.net"),
        domain("track.example.com", { sendingDomains: ["click.example.com", "mail.example.com"] }),
        domain("click.example.com"),
      ],
      {
        leftOut: [
          "the link of sending domain x.example.com (the primary account) to gone.example.com, a tracking domain SparkPost does not list",
        ],
      },
    ),
    new Map(),
    { ...CHOICES, dnsLookedUp: false },
  );
  expect(generated.entries.map(({ entry }) => [entry.domain, entry.sendingDomains])).toEqual([
    ["track.example.com", ["mail.example.com"]],
    ["click.example.com", undefined],
  ]);
  expect(generated.leftOut).toEqual([
    "the link of sending domain x.example.com (the primary account) to gone.example.com, a tracking domain SparkPost does not list",
    'tracking domain "example.net": it must be a subdomain such as "track.example.net" of a domain you own, not "example.net" itself, since a CNAME record cannot sit at the root of a domain',
    "the link of sending domain click.example.com to track.example.com: click.example.com is a tracking domain too",
  ]);
});

test("an account without tracking domains gives an empty list, and the file says what was read", () => {
  const empty = snapshot([]);
  const generated = generateEntries(empty, new Map(), CHOICES);
  expect(stackFileText(empty, generated, { ...CHOICES, regionSetting: "eu" })).toBe(
    [
      "# Generated by `pulumi-sparkpost-tracking import` for stack prod of the root program, from",
      "# https://api.sparkpost.com/api/v1 (the primary account): 0 tracking domains, 0 linked sending",
      "# domains.",
      "#",
      "# Every entry has adopt: true: the first `pulumi up` takes over what exists and only reads from",
      "# SparkPost, since everything already is as written here.",
      "# protect: true makes `pulumi destroy`, or an `up` without the entry, fail instead of deleting the",
      "# domain, its default flag or its links (see program/README.md to remove an entry).",
      "# DNS stays manual until you confirm a zone's provider: see each entry's DNS line, then run the",
      "# import again with --dns <zone>=<provider>.",
      "# The API key is not written here: `pulumi config set --secret sparkpost:apiKey`, or set",
      "# SPARKPOST_API_KEY.",
      "config:",
      "  sparkpost:region: eu",
      "  tracking:trackingDomains: []",
      "",
    ].join("\n"),
  );
});

test.each<[string | number | boolean, string]>([
  ["track.example.com", "track.example.com"],
  ["v2.spgo.io", "v2.spgo.io"],
  ["http://127.0.0.1:4010/api/v1", '"http://127.0.0.1:4010/api/v1"'],
  ["yes", '"yes"'],
  ["off", '"off"'],
  ["null", '"null"'],
  ["1.5", '"1.5"'],
  ["12", '"12"'],
  ["1e3", '"1e3"'],
  ["a b", '"a b"'],
  ["", '""'],
  ["-lead", '"-lead"'],
  [true, "true"],
  [42, "42"],
])("YAML scalar %j is written %s", (value, text) => {
  expect(yamlScalar(value)).toBe(text);
});

test.each<[string, number, string[]]>([
  ["one two three", 20, ["one two three"]],
  ["one two three", 7, ["one two", "  three"]],
  [
    "a https://very.long.example.com/path/beyond/the/width b",
    10,
    ["a", "  https://very.long.example.com/path/beyond/the/width", "  b"],
  ],
])("wraps %j at %d columns", (text, width, lines) => {
  expect(wrapWords(text, width, "  ")).toEqual(lines);
});
