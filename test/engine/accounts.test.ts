/**
 * Named accounts through the real dynamic-provider host, with two sandboxes: the unnamed
 * connection on one playing the US region, the account "eu" on one playing the EU region (see
 * twoAccounts.ts). Every call goes to its resource's account with that account's key, the
 * verification waits for that account's region's target, check refuses an account the stack
 * config lacks before any call, and changing the account is a replacement.
 */
import type { Sandbox } from "../../sandbox";
import { RESOURCE_KINDS, type ResourceKind } from "../support/engineFixture";
import { failureOf } from "../support/failureOf";
import { CheckFailedError, HostResource } from "../support/hostResource";
import type { Props } from "../support/providerHost";
import { EU_API_KEY, startTwoAccounts, TwoAccountsFixture } from "../support/twoAccounts";

const US_DOMAIN = "track.example.com";
const EU_DOMAIN = "track.example.eu";

let fixture: TwoAccountsFixture;

beforeAll(async () => {
  fixture = await startTwoAccounts({
    us: [{ domain: "mail.example.com" }],
    eu: [{ domain: "mail.example.eu" }],
  });
});
afterAll(async () => fixture.close());
beforeEach(() => {
  fixture.us.reset();
  fixture.eu.reset();
  fixture.dns.remove(US_DOMAIN);
  fixture.dns.remove(EU_DOMAIN);
});

/** The four resources of one domain, in the order the component creates them. */
interface DomainChain {
  resources: HostResource[];
  args: Props[];
}

function chain(domain: string, sendingDomain: string, account?: string): DomainChain {
  const prefix = account ?? "unnamed";
  return {
    resources: [
      fixture.resource("TrackingDomain", `${prefix}-domain`),
      fixture.resource("TrackingDomainVerification", `${prefix}-verification`),
      fixture.resource("DefaultTrackingDomain", `${prefix}-default`),
      fixture.resource("SendingDomainLink", `${prefix}-link`),
    ],
    args: [
      { domain, account },
      // No expectedTarget: the account's region decides it.
      { domain, account, nameservers: [fixture.dns.address], timeoutSeconds: 20 },
      { domain, account },
      { sendingDomain, trackingDomain: domain, account },
    ],
  };
}

function withoutProvider(props: Props): Props {
  const { __provider: _provider, ...rest } = props;
  return rest;
}

function lifecycleLines(domain: string, sendingDomain: string): string[] {
  return [
    "POST /tracking-domains 200",
    `GET /tracking-domains/${domain} 200`,
    `POST /tracking-domains/${domain}/verify 200`,
    `PUT /tracking-domains/${domain} 200`,
    `PUT /sending-domains/${sendingDomain} 200`,
  ];
}

test("a domain in each account, end to end: each call goes to its account with its key, and each verification waits for its region's target", async () => {
  fixture.dns.setCname(US_DOMAIN, "v2.spgo.io");
  fixture.dns.setCname(EU_DOMAIN, "eu.v2.spgo.io");
  const us = chain(US_DOMAIN, "mail.example.com");
  const eu = chain(EU_DOMAIN, "mail.example.eu", "eu");

  for (const [index, resource] of us.resources.entries()) await resource.create(us.args[index]);
  for (const [index, resource] of eu.resources.entries()) await resource.create(eu.args[index]);

  expect(fixture.requestLines(fixture.us)).toEqual(lifecycleLines(US_DOMAIN, "mail.example.com"));
  expect(fixture.requestLines(fixture.eu)).toEqual(lifecycleLines(EU_DOMAIN, "mail.example.eu"));
  for (const sandbox of [fixture.us, fixture.eu]) {
    expect(sandbox.requests.every((entry) => entry.authorized)).toBe(true);
  }
  expect(withoutProvider(us.resources[1].state!.outputs)).toMatchObject({
    expectedTarget: "v2.spgo.io",
    verified: true,
  });
  expect(withoutProvider(eu.resources[1].state!.outputs)).toMatchObject({
    account: "eu",
    expectedTarget: "eu.v2.spgo.io",
    verified: true,
  });
  // The account is an input like any other, kept in state; a stack without one stores none.
  for (const resource of eu.resources) expect(resource.state!.outputs.account).toBe("eu");
  for (const resource of us.resources)
    expect(resource.state!.outputs).not.toHaveProperty("account");
  expect(fixture.us.trackingDomain(US_DOMAIN)).toMatchObject({ default: true });
  expect(fixture.eu.trackingDomain(EU_DOMAIN)).toMatchObject({ default: true });
  expect(fixture.us.sendingDomain("mail.example.com")?.trackingDomain).toBe(US_DOMAIN);
  expect(fixture.eu.sendingDomain("mail.example.eu")?.trackingDomain).toBe(EU_DOMAIN);

  // A no-op run: nothing changes, nothing is asked.
  fixture.us.clearLog();
  fixture.eu.clearLog();
  for (const { resources, args } of [us, eu]) {
    for (const [index, resource] of resources.entries()) await resource.same(args[index]);
  }
  // Refresh reads each resource from its own account.
  for (const { resources } of [us, eu]) {
    for (const resource of resources) expect(await resource.refresh()).toBe("refreshed");
  }
  const refreshLines = (domain: string, sendingDomain: string) => [
    `GET /tracking-domains/${domain} 200`,
    `GET /tracking-domains/${domain} 200`,
    "GET /tracking-domains 200",
    `GET /sending-domains/${sendingDomain} 200`,
  ];
  expect(fixture.requestLines(fixture.us)).toEqual(refreshLines(US_DOMAIN, "mail.example.com"));
  expect(fixture.requestLines(fixture.eu)).toEqual(refreshLines(EU_DOMAIN, "mail.example.eu"));
  for (const resource of eu.resources) expect(resource.state!.outputs.account).toBe("eu");

  // Destroy, in reverse: each account ends empty.
  for (const { resources } of [eu, us]) {
    for (const resource of [...resources].reverse()) await resource.destroy();
  }
  expect(fixture.us.trackingDomain(US_DOMAIN)).toBeUndefined();
  expect(fixture.eu.trackingDomain(EU_DOMAIN)).toBeUndefined();
  expect(fixture.us.sendingDomain("mail.example.com")?.trackingDomain).toBeUndefined();
  expect(fixture.eu.sendingDomain("mail.example.eu")?.trackingDomain).toBeUndefined();
});

/** Valid arguments of each kind but for the account. */
const ARGS: Record<ResourceKind, Props> = {
  TrackingDomain: { domain: EU_DOMAIN },
  TrackingDomainVerification: { domain: EU_DOMAIN },
  DefaultTrackingDomain: { domain: EU_DOMAIN },
  SendingDomainLink: { sendingDomain: "mail.example.eu", trackingDomain: EU_DOMAIN },
  TrackingDomainCertificate: { domain: EU_DOMAIN, acknowledgeIrreversible: true },
};

function noRequests(...sandboxes: Sandbox[]): void {
  for (const sandbox of sandboxes) expect(sandbox.requests).toEqual([]);
}

describe("check", () => {
  test.each(RESOURCE_KINDS)(
    "%s: an account the stack config lacks is refused before any call, listing those it has",
    async (kind) => {
      const error = await failureOf(
        fixture.resource(kind, "x").check({ ...ARGS[kind], account: "ap" }),
      );

      expect(error).toBeInstanceOf(CheckFailedError);
      expect((error as unknown as CheckFailedError).failures).toEqual([
        {
          property: "account",
          reason:
            'account names "ap", an account sparkpost:accounts does not have (it has "eu"): correct the name, or add the account with `pulumi config set --path sparkpost:accounts.ap.region <us or eu>` and `pulumi config set --path --secret sparkpost:accounts.ap.apiKey <key>`.',
        },
      ]);
      noRequests(fixture.us, fixture.eu);
    },
  );

  test.each(RESOURCE_KINDS)("%s: an account that is not a string is refused", async (kind) => {
    const error = await failureOf(fixture.resource(kind, "x").check({ ...ARGS[kind], account: 7 }));

    expect((error as unknown as CheckFailedError).failures).toEqual([
      {
        property: "account",
        reason:
          'account must be the name of an account in sparkpost:accounts, such as "eu", not 7; leave it unset for the default connection.',
      },
    ]);
  });

  test.each(RESOURCE_KINDS)(
    "%s: a configured account passes, and stays in the inputs",
    async (kind) => {
      const inputs = await fixture.resource(kind, "x").check({ ...ARGS[kind], account: "eu" });

      expect(inputs.account).toBe("eu");
      const unnamed = await fixture.resource(kind, "x").check(ARGS[kind]);
      expect(unnamed).not.toHaveProperty("account");
    },
  );

  test("an account whose region is wrong is refused at check, naming the setting", async () => {
    const host = await fixture.startHost({
      "sparkpost:accounts": JSON.stringify({ eu: { apiKey: EU_API_KEY, region: "ap" } }),
    });
    const resource = new HostResource(
      host,
      fixture.serialized.TrackingDomain,
      "TrackingDomain",
      "x",
    );

    const error = await failureOf(resource.check({ domain: EU_DOMAIN, account: "eu" }));

    expect((error as unknown as CheckFailedError).failures).toEqual([
      {
        property: "account",
        reason:
          'sparkpost:accounts.eu.region is "ap", but it must be "us" or "eu": fix it with `pulumi config set --path sparkpost:accounts.eu.region eu`, or remove it for "us".',
      },
    ]);
  });
});

describe("changing the account", () => {
  test.each(RESOURCE_KINDS)("%s: replaces, setting it and unsetting it alike", async (kind) => {
    const resource = fixture.resource(kind, "x");
    const unnamed = await resource.check(ARGS[kind]);
    const named = await resource.check({ ...ARGS[kind], account: "eu" });

    for (const [olds, news] of [
      [unnamed, named],
      [named, unnamed],
    ]) {
      const diff = await fixture.host.diff(
        kind,
        resource.urn,
        { ...olds, tlsStatus: "valid" },
        news,
      );
      expect(diff).toMatchObject({ changes: "some", replaces: ["account"] });
    }
    const same = await fixture.host.diff(
      kind,
      resource.urn,
      { ...named, tlsStatus: "valid" },
      named,
    );
    expect(same).toMatchObject({ changes: "none", replaces: [] });
  });

  test("the tracking domain leaves the old account before it is created in the new one", async () => {
    const domain = fixture.resource("TrackingDomain", "moving");
    await domain.create({ domain: EU_DOMAIN });
    expect(await domain.preview({ domain: EU_DOMAIN, account: "eu" })).toEqual({
      changes: "some",
      replaces: ["account"],
      deleteBeforeReplace: true,
    });
    fixture.us.clearLog();

    await domain.replace({ domain: EU_DOMAIN, account: "eu" });

    expect(fixture.requestLines(fixture.us)).toEqual([`DELETE /tracking-domains/${EU_DOMAIN} 204`]);
    expect(fixture.requestLines(fixture.eu)).toEqual([
      "POST /tracking-domains 200",
      `GET /tracking-domains/${EU_DOMAIN} 200`,
    ]);
    expect(fixture.us.trackingDomain(EU_DOMAIN)).toBeUndefined();
    expect(fixture.eu.trackingDomain(EU_DOMAIN)).toMatchObject({ domain: EU_DOMAIN });
    expect(domain.state!.outputs.account).toBe("eu");
    await domain.destroy();
  });
});

describe("the account's key", () => {
  test("comes from SPARKPOST_EU_API_KEY (and its API from SPARKPOST_EU_API_URL) when the stack config has only the region", async () => {
    const host = await fixture.startHost(
      { "sparkpost:accounts": JSON.stringify({ eu: { region: "eu" } }) },
      { SPARKPOST_EU_API_KEY: EU_API_KEY, SPARKPOST_EU_API_URL: fixture.eu.apiUrl },
    );
    const domain = new HostResource(host, fixture.serialized.TrackingDomain, "TrackingDomain", "x");

    await domain.create({ domain: EU_DOMAIN, account: "eu" });

    expect(fixture.requestLines(fixture.eu)).toEqual([
      "POST /tracking-domains 200",
      `GET /tracking-domains/${EU_DOMAIN} 200`,
    ]);
    expect(fixture.eu.requests.every((entry) => entry.authorized)).toBe(true);
    noRequests(fixture.us);
    await domain.destroy();
  });

  test("missing everywhere, is one clear error naming the account and both ways to set it", async () => {
    const host = await fixture.startHost({
      "sparkpost:apiKey": fixture.config["sparkpost:apiKey"],
      "sparkpost:apiUrl": fixture.us.apiUrl,
      "sparkpost:accounts": JSON.stringify({ eu: { region: "eu", apiUrl: fixture.eu.apiUrl } }),
    });
    const domain = new HostResource(host, fixture.serialized.TrackingDomain, "TrackingDomain", "x");

    const error = await failureOf(domain.create({ domain: EU_DOMAIN, account: "eu" }));

    expect(error.message).toBe(
      'No SparkPost API key is configured for account "eu": run `pulumi config set --path --secret sparkpost:accounts.eu.apiKey <key>` or set the SPARKPOST_EU_API_KEY environment variable.',
    );
    noRequests(fixture.us, fixture.eu);
  });
});
