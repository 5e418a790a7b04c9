/**
 * The root program with named accounts: an entry's `account` reaches every SparkPost resource of
 * its domain and picks its CNAME target; the checks of the list know the stack's accounts (an
 * unknown one is refused, listing those there are) and keep one default per (account,
 * subaccount).
 */
import * as path from "node:path";
import { trackingDomainsProblems } from "../../program/config";
import { resourceNamed, runMockedProgram } from "./mockedProgram";

const PROJECT = "pulumi-sparkpost-tracking";
const PROGRAM = path.resolve(__dirname, "../../program/index.ts");
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
const manual = { provider: "manual" };

const twoRegions = [
  {
    domain: "track.example.com",
    dns: manual,
    default: true,
    sendingDomains: ["mail.example.com"],
  },
  {
    domain: "track.example.eu",
    dns: manual,
    account: "eu",
    default: true,
    sendingDomains: ["mail.example.eu"],
  },
];

test("a domain in each region: the EU entry's resources go to its account, its record to the EU target", async () => {
  const run = await runMockedProgram({
    programPath: PROGRAM,
    project: PROJECT,
    config: {
      [`${PROJECT}:trackingDomains`]: twoRegions,
      "sparkpost:accounts": { eu: { region: "eu", apiKey: "program-test-key-eu" } },
    },
  });

  expect(run.outputs).toEqual({
    trackingDomains: {
      "track.example.com": {
        dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
        verified: true,
        isDefault: true,
        linkedSendingDomains: ["mail.example.com"],
      },
      "track.example.eu": {
        dnsRecord: { name: "track.example.eu", type: "CNAME", value: "eu.v2.spgo.io" },
        verified: true,
        isDefault: true,
        linkedSendingDomains: ["mail.example.eu"],
      },
    },
  });
  const sparkPost = run.resources.filter((resource) => resource.type.startsWith(DYNAMIC));
  const accounts = sparkPost.map((resource) => [resource.name, resource.inputs.account]);
  expect(accounts.sort()).toEqual([
    ["track-example-com-default", undefined],
    ["track-example-com-domain", undefined],
    ["track-example-com-link-mail.example.com", undefined],
    ["track-example-com-verification", undefined],
    ["track-example-eu-default", "eu"],
    ["track-example-eu-domain", "eu"],
    ["track-example-eu-link-mail.example.eu", "eu"],
    ["track-example-eu-verification", "eu"],
  ]);
  expect(resourceNamed(run, "track-example-eu-verification").inputs.expectedTarget).toBe(
    "eu.v2.spgo.io",
  );
  expect(JSON.stringify(run.resources)).not.toContain("program-test-key-eu");
});

const EU = { names: ["eu"] };
const ADD_AP =
  "`pulumi config set --path sparkpost:accounts.ap.region <us or eu>` and " +
  "`pulumi config set --path --secret sparkpost:accounts.ap.apiKey <key>`";

test.each<[string, unknown[], { names: string[]; problem?: string }, string[]]>([
  ["a default in each account", twoRegions, EU, []],
  [
    "a default per subaccount of each account",
    [
      { domain: "a.example.eu", dns: manual, account: "eu", subaccountId: 7, default: true },
      { domain: "b.example.eu", dns: manual, account: "eu", default: true },
      { domain: "c.example.com", dns: manual, subaccountId: 7, default: true },
    ],
    EU,
    [],
  ],
  [
    "two defaults in the primary account of one account",
    [
      { domain: "a.example.eu", dns: manual, account: "eu", default: true },
      { domain: "b.example.eu", dns: manual, account: "eu", subaccountId: 0, default: true },
    ],
    EU,
    [
      'trackingDomains[1].default is true, but trackingDomains[0] is already the default of the primary account of account "eu", which has only one: keep default: true on one of them',
    ],
  ],
  [
    "an account the stack does not have",
    [{ domain: "a.example.eu", dns: manual, account: "ap" }],
    { names: ["eu", "us"] },
    [
      `trackingDomains[0].account names "ap", an account sparkpost:accounts does not have (it has "eu", "us"): correct the name, or add the account with ${ADD_AP}`,
    ],
  ],
  [
    "an account when sparkpost:accounts cannot be read",
    [{ domain: "a.example.eu", dns: manual, account: "eu" }],
    { names: [], problem: 'sparkpost:accounts has an account named "EU": ...' },
    [
      'trackingDomains[0].account cannot be checked: sparkpost:accounts has an account named "EU": ..',
    ],
  ],
])("%s", (_title, entries, accounts, problems) => {
  expect(trackingDomainsProblems(entries, accounts)).toEqual(problems);
});

test("the stack's own sparkpost:accounts is what entries are checked against", async () => {
  const run = runMockedProgram({
    programPath: PROGRAM,
    project: PROJECT,
    config: {
      [`${PROJECT}:trackingDomains`]: [{ domain: "a.example.eu", dns: manual, account: "ap" }],
      "sparkpost:accounts": { eu: { region: "eu" } },
    },
  });

  await expect(run).rejects.toThrow(
    [
      'The stack configuration "trackingDomains" has 1 problem:',
      `  - trackingDomains[0].account names "ap", an account sparkpost:accounts does not have (it has "eu"): correct the name, or add the account with ${ADD_AP}`,
      "Fix Pulumi.test.yaml (see program/README.md) and run again.",
    ].join("\n"),
  );
});
