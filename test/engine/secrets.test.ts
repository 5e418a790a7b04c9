/**
 * The API keys never leave the host process: not in the serialized providers, inputs, outputs,
 * state, host output or error messages, whichever way they were given, for the unnamed
 * connection and for every named account (`sparkpost:accounts`) alike.
 */
import { startSandbox } from "../../sandbox";
import { DnsTestServer, startDnsServer } from "../support/dnsServer";
import {
  EngineFixture,
  serializedProviders,
  startEngineFixture,
  TEST_API_KEY,
} from "../support/engineFixture";
import { HostCallError, ProviderHost, urnOf } from "../support/providerHost";
import { setStackConnectionConfig } from "../../provider/sparkpost";
import { HostResource } from "../support/hostResource";
import { failureOf } from "../support/failureOf";
import { EU_API_KEY, startTwoAccounts, US_API_KEY } from "../support/twoAccounts";

let dns: DnsTestServer;
let fixture: EngineFixture;
const seen: string[] = [];

beforeAll(async () => {
  dns = await startDnsServer();
  fixture = await startEngineFixture({
    sandbox: { dnsServers: [dns.address], sendingDomains: [{ domain: "mail.example.com" }] },
  });
});
afterAll(async () => {
  await fixture.close();
  await dns.close();
});

function remember(value: unknown): void {
  seen.push(typeof value === "string" ? value : JSON.stringify(value));
}

test("whole lifecycles of every kind of resource leave the key nowhere", async () => {
  dns.setCname("track.example.com", "v2.spgo.io");
  const domain = fixture.resource("TrackingDomain", "domain");
  const verification = fixture.resource("TrackingDomainVerification", "verification");
  const flag = fixture.resource("DefaultTrackingDomain", "default");
  const link = fixture.resource("SendingDomainLink", "link");
  const certificate = fixture.resource("TrackingDomainCertificate", "certificate");
  const all = [domain, verification, certificate, flag, link];

  await domain.create({ domain: "track.example.com" });
  await verification.create({
    domain: "track.example.com",
    nameservers: [dns.address],
    expectedTarget: "v2.spgo.io",
  });
  await certificate.create({ domain: "track.example.com", acknowledgeIrreversible: true });
  await flag.create({ domain: "track.example.com" });
  await link.create({ sendingDomain: "mail.example.com", trackingDomain: "track.example.com" });
  all.forEach((resource) => remember(resource.state));
  await domain.update({ domain: "track.example.com", secure: true });
  for (const resource of all) await resource.refresh();
  all.forEach((resource) => remember(resource.state));
  // Errors too: a refused relink and a refused create, both answered by the host.
  const refusals = [
    await failureOf(
      link.update({ sendingDomain: "mail.example.com", trackingDomain: "ghost.example.com" }),
    ),
    await failureOf(
      fixture.resource("TrackingDomain", "dup").create({ domain: "track.example.com" }),
    ),
  ];
  for (const error of refusals) {
    expect(error).toBeInstanceOf(HostCallError);
    remember(error.message);
  }
  for (const resource of [...all].reverse()) await resource.destroy();

  remember(fixture.serialized);
  remember(fixture.host.stdout);
  remember(fixture.host.stderr);
  expect(seen.length).toBeGreaterThan(10);
  const leaks = seen.filter((text) => text.includes(TEST_API_KEY));
  expect(leaks).toEqual([]);
  // The sandbox saw the key on every request, so the lifecycle really authenticated.
  expect(fixture.sandbox.requests.every((entry) => entry.authorized)).toBe(true);
});

test("serializing while the key is live in this process captures nothing of it", async () => {
  setStackConnectionConfig({ apiKey: TEST_API_KEY, apiUrl: fixture.sandbox.apiUrl });
  process.env.SPARKPOST_API_KEY = TEST_API_KEY;
  try {
    // The stored providers, serialized as the resources serialize them (the shim of each kind).
    const serialized = await serializedProviders();
    const texts = Object.values(serialized);
    expect(texts).toHaveLength(5);
    expect(texts.filter((text) => text.includes(TEST_API_KEY))).toEqual([]);
    expect(texts.every((text) => text.includes("exports.handler"))).toBe(true);
    // Byte for byte what was serialized before the key was live: nothing of it got in.
    expect(serialized).toEqual(fixture.serialized);
  } finally {
    setStackConnectionConfig({});
    delete process.env.SPARKPOST_API_KEY;
  }
});

test("a wrong key is refused with SparkPost's words and without the key", async () => {
  const wrongKey = "spk-wrong-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  const host = await ProviderHost.start({ SPARKPOST_VERIFY_POLL_MS: "50" });
  try {
    await host.configure({
      "sparkpost:apiKey": wrongKey,
      "sparkpost:apiUrl": fixture.sandbox.apiUrl,
    });
    const resource = new HostResource(
      host,
      fixture.serialized.TrackingDomain,
      "TrackingDomain",
      "x",
    );
    const error = await failureOf(resource.create({ domain: "other.example.com" }));
    expect(error.message).toBe(
      "SparkPost refused to create tracking domain other.example.com in the primary account (401): Unauthorized.",
    );
    expect(`${host.stdout}${host.stderr}${error.message}`).not.toContain(wrongKey);
  } finally {
    await host.close();
  }
});

test("the key can come from SPARKPOST_API_KEY in the host's environment", async () => {
  const sandbox = await startSandbox({ apiKey: TEST_API_KEY });
  const host = await ProviderHost.start({
    SPARKPOST_API_KEY: TEST_API_KEY,
    SPARKPOST_API_URL: sandbox.apiUrl,
  });
  try {
    await host.configure({});
    const provider = fixture.serialized.TrackingDomain;
    const resource = new HostResource(host, provider, "TrackingDomain", "x");
    await resource.create({ domain: "track.example.com" });
    expect(JSON.stringify(resource.state)).not.toContain(TEST_API_KEY);
  } finally {
    await host.close();
    await sandbox.close();
  }
});

test("no key anywhere is one clear error naming both ways to set it", async () => {
  const host = await ProviderHost.start({ SPARKPOST_API_KEY: undefined });
  try {
    await host.configure({});
    const provider = fixture.serialized.TrackingDomain;
    const error = await failureOf(
      host.create(urnOf("TrackingDomain", "x"), {
        domain: "track.example.com",
        secure: false,
        adopt: false,
        __provider: provider,
      }),
    );
    expect(error.message).toBe(
      "No SparkPost API key is configured: run `pulumi config set --secret sparkpost:apiKey <key>` or set the SPARKPOST_API_KEY environment variable.",
    );
  } finally {
    await host.close();
  }
});

describe("with named accounts", () => {
  test("whole lifecycles in two accounts leave neither key anywhere", async () => {
    const accounts = await startTwoAccounts({
      us: [{ domain: "mail.example.com" }],
      eu: [{ domain: "mail.example.eu" }],
    });
    const texts: string[] = [];
    const keep = (value: unknown) =>
      texts.push(typeof value === "string" ? value : JSON.stringify(value));
    try {
      for (const [domain, sendingDomain, target, account] of [
        ["track.example.com", "mail.example.com", "v2.spgo.io", undefined],
        ["track.example.eu", "mail.example.eu", "eu.v2.spgo.io", "eu"],
      ] as const) {
        accounts.dns.setCname(domain, target);
        const name = account ?? "unnamed";
        const all = [
          accounts.resource("TrackingDomain", `${name}-domain`),
          accounts.resource("TrackingDomainVerification", `${name}-verification`),
          accounts.resource("TrackingDomainCertificate", `${name}-certificate`),
          accounts.resource("DefaultTrackingDomain", `${name}-default`),
          accounts.resource("SendingDomainLink", `${name}-link`),
        ];
        const [trackingDomain, verification, certificate, flag, link] = all;
        await trackingDomain.create({ domain, account });
        await verification.create({ domain, account, nameservers: [accounts.dns.address] });
        await certificate.create({ domain, account, acknowledgeIrreversible: true });
        await flag.create({ domain, account });
        await link.create({ sendingDomain, trackingDomain: domain, account });
        all.forEach((resource) => keep(resource.state));
        for (const resource of all) await resource.refresh();
        all.forEach((resource) => keep(resource.state));
        const refused = await failureOf(
          accounts.resource("TrackingDomain", `${name}-dup`).create({ domain, account }),
        );
        expect(refused).toBeInstanceOf(HostCallError);
        keep(refused.message);
        for (const resource of [...all].reverse()) await resource.destroy();
      }
      keep(accounts.serialized);
      keep(accounts.host.stdout);
      keep(accounts.host.stderr);

      expect(texts.length).toBeGreaterThan(20);
      for (const key of [US_API_KEY, EU_API_KEY]) {
        expect(texts.filter((text) => text.includes(key))).toEqual([]);
      }
      // Each account authenticated every request with its own key.
      for (const sandbox of [accounts.us, accounts.eu]) {
        expect(sandbox.requests.length).toBeGreaterThan(5);
        expect(sandbox.requests.every((entry) => entry.authorized)).toBe(true);
      }
    } finally {
      await accounts.close();
    }
  });

  test("serializing while every account's key is live captures none of them", async () => {
    setStackConnectionConfig({
      apiKey: US_API_KEY,
      accounts: JSON.stringify({ eu: { apiKey: EU_API_KEY, region: "eu" } }),
    });
    process.env.SPARKPOST_EU_API_KEY = EU_API_KEY;
    try {
      const serialized = await serializedProviders();
      const texts = Object.values(serialized);
      for (const key of [US_API_KEY, EU_API_KEY]) {
        expect(texts.filter((text) => text.includes(key))).toEqual([]);
      }
      expect(serialized).toEqual(fixture.serialized);
    } finally {
      setStackConnectionConfig({});
      delete process.env.SPARKPOST_EU_API_KEY;
    }
  });
});
