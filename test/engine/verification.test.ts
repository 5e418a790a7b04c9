/**
 * TrackingDomainVerification through the real dynamic-provider host: the sandbox verifies by
 * resolving the CNAME at a DNS server on loopback, the same server the preflight asks.
 */
import { DnsTestServer, startDnsServer } from "../support/dnsServer";
import { failureOf } from "../support/failureOf";
import { HostResource } from "../support/hostResource";
import { ProviderHost } from "../support/providerHost";
import { EngineFixture, startEngineFixture, TEST_API_KEY } from "../support/engineFixture";

let dns: DnsTestServer;
let fixture: EngineFixture;

beforeAll(async () => {
  dns = await startDnsServer();
  fixture = await startEngineFixture({ sandbox: { dnsServers: [dns.address] } });
});
afterAll(async () => {
  await fixture.close();
  await dns.close();
});
beforeEach(() => {
  fixture.sandbox.reset();
  dns.remove("track.example.com");
});

async function createDomain(domain = "track.example.com"): Promise<void> {
  await fixture.resource("TrackingDomain", `domain-${domain}`).create({ domain });
  fixture.sandbox.clearLog();
}

function verifyCalls(): number {
  return fixture.sandbox.requests.filter((entry) => entry.path.endsWith("/verify")).length;
}

const verificationArgs = () => ({
  domain: "track.example.com",
  expectedTarget: "v2.spgo.io",
  nameservers: [dns.address],
  timeoutSeconds: 20,
});

test("with DNS already in place, verification spends exactly one verify call", async () => {
  await createDomain();
  dns.setCname("track.example.com", "v2.spgo.io");
  const verification = fixture.resource("TrackingDomainVerification", "verify");

  await verification.create(verificationArgs());

  expect(fixture.requestLines()).toEqual(["POST /tracking-domains/track.example.com/verify 200"]);
  const { __provider: _, ...outputs } = verification.state!.outputs;
  expect(outputs).toEqual({
    domain: "track.example.com",
    expectedTarget: "v2.spgo.io",
    nameservers: [dns.address],
    timeoutSeconds: 20,
    preflight: "authoritative",
    proxied: false,
    verified: true,
    cnameStatus: "",
    complianceStatus: "valid",
  });
  expect(fixture.sandbox.trackingDomain("track.example.com")?.status.verified).toBe(true);
});

test("a record that appears late is waited for, and SparkPost is asked only once it is there", async () => {
  await createDomain();
  const verification = fixture.resource("TrackingDomainVerification", "verify");
  const creating = verification.create(verificationArgs());
  // Let the preflight look a few times and find nothing before the record appears.
  await waitUntil(
    () => dns.queries.filter((query) => query.name === "track.example.com").length >= 3,
  );
  expect(verifyCalls()).toBe(0);
  dns.setCname("track.example.com", "v2.spgo.io");

  await creating;
  expect(verifyCalls()).toBe(1);
  expect(verification.state!.outputs.verified).toBe(true);
  expect(fixture.host.stdout).toContain("track.example.com: DNS preflight: ");
  expect(fixture.host.stdout).toContain("track.example.com: verified by SparkPost.");
});

test("the timeout says what DNS shows, what SparkPost last said and what to check", async () => {
  await createDomain();
  dns.setCname("track.example.com", "spgo.io");
  const verification = fixture.resource("TrackingDomainVerification", "verify");

  const error = await failureOf(verification.create({ ...verificationArgs(), timeoutSeconds: 1 }));

  expect(verifyCalls()).toBe(0);
  expect(error.message).toBe(
    "Timed out after 1 s waiting for SparkPost to verify tracking domain track.example.com. " +
      `DNS: ${dnsSummaryFor("spgo.io")}. ` +
      "SparkPost last said: nothing yet: verify was never called because DNS never showed the expected record. " +
      "Check that track.example.com is a CNAME to v2.spgo.io in the zone's authoritative DNS, then run `pulumi up` again (raise timeoutSeconds if DNS changes take long to publish).",
  );
  expect(verification.state).toBeUndefined();
});

test("with the preflight off, SparkPost's own answer is reported at the timeout", async () => {
  await createDomain();
  const verification = fixture.resource("TrackingDomainVerification", "verify");
  const error = await failureOf(
    verification.create({ ...verificationArgs(), preflight: "off", timeoutSeconds: 1 }),
  );
  expect(error.message).toContain(
    'SparkPost last said: verified: false, cname_status: "pending", compliance_status: "pending".',
  );
  // The first call is immediate, then the pause doubles from 6 polls: at most a few calls in 1 s.
  expect(verifyCalls()).toBeGreaterThanOrEqual(1);
});

test("a domain SparkPost blocked fails at once instead of waiting", async () => {
  await createDomain();
  dns.setCname("track.example.com", "v2.spgo.io");
  fixture.sandbox.setCompliance("track.example.com", "blocked");
  const verification = fixture.resource("TrackingDomainVerification", "verify");
  await expect(verification.create(verificationArgs())).rejects.toThrow(
    "SparkPost blocked tracking domain track.example.com (compliance_status: blocked). Waiting will not help: contact SparkPost support, or use another domain.",
  );
  expect(verifyCalls()).toBe(1);
});

test("a secure domain whose certificate does not work yet is waited for, and the timeout says so", async () => {
  await fixture
    .resource("TrackingDomain", "secure")
    .create({ domain: "track.example.com", secure: true });
  fixture.sandbox.clearLog();
  fixture.sandbox.updateSettings({ tlsReady: false });
  dns.setCname("track.example.com", "v2.spgo.io");
  const verification = fixture.resource("TrackingDomainVerification", "verify");
  try {
    const error = await failureOf(
      verification.create({ ...verificationArgs(), timeoutSeconds: 1 }),
    );
    expect(error.message).toBe(
      "Timed out after 1 s waiting for SparkPost to verify tracking domain track.example.com. " +
        `DNS: the given authoritative nameservers (${dns.address}) answer CNAME track.example.com -> v2.spgo.io. ` +
        "SparkPost last said: HTTP request to https://track.example.com:443 failed. Please verify that your redirect is functioning and that your SSL certificate is valid. " +
        "Check that track.example.com is a CNAME to v2.spgo.io in the zone's authoritative DNS, then run `pulumi up` again (raise timeoutSeconds if DNS changes take long to publish). " +
        "For an HTTPS (secure) domain, check that https://track.example.com serves a valid certificate.",
    );
    expect(verifyCalls()).toBeGreaterThanOrEqual(1);
  } finally {
    fixture.sandbox.updateSettings({ tlsReady: true });
  }
});

test("without expectedTarget, the preflight waits for the configured region's target", async () => {
  await createDomain();
  dns.setCname("track.example.com", "eu.v2.spgo.io");
  const euHost = await ProviderHost.start({ SPARKPOST_VERIFY_POLL_MS: "50" });
  try {
    await euHost.configure({
      "sparkpost:apiKey": TEST_API_KEY,
      "sparkpost:apiUrl": fixture.sandbox.apiUrl,
      "sparkpost:region": "eu",
    });
    const verification = new HostResource(
      euHost,
      fixture.serialized.TrackingDomainVerification,
      "TrackingDomainVerification",
      "verify",
    );
    const { expectedTarget: _, ...args } = verificationArgs();
    await verification.create(args);
    expect(verification.state!.outputs.expectedTarget).toBe("eu.v2.spgo.io");
    expect(verifyCalls()).toBe(1);
  } finally {
    await euHost.close();
  }
});

describe("refresh", () => {
  test("keeps a verification SparkPost still confirms, with one read", async () => {
    await createDomain();
    dns.setCname("track.example.com", "v2.spgo.io");
    const verification = fixture.resource("TrackingDomainVerification", "verify");
    await verification.create(verificationArgs());
    fixture.sandbox.clearLog();
    expect(await verification.refresh()).toBe("refreshed");
    expect(fixture.requestLines()).toEqual(["GET /tracking-domains/track.example.com 200"]);
    expect(await verification.preview(verificationArgs())).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  test("drops a verification SparkPost no longer confirms, so the next up verifies again", async () => {
    await createDomain();
    dns.setCname("track.example.com", "v2.spgo.io");
    const verification = fixture.resource("TrackingDomainVerification", "verify");
    await verification.create(verificationArgs());
    fixture.sandbox.patchTrackingDomain("track.example.com", {
      status: { verified: false, cname_status: "invalid" },
    });
    expect(await verification.refresh()).toBe("gone");
    fixture.sandbox.clearLog();
    await verification.create(verificationArgs());
    expect(verifyCalls()).toBe(1);
  });
});

test("changing triggers verifies again; changing wait settings touches nothing", async () => {
  await createDomain();
  dns.setCname("track.example.com", "v2.spgo.io");
  const verification = fixture.resource("TrackingDomainVerification", "verify");
  await verification.create({ ...verificationArgs(), triggers: ["v2.spgo.io"] });
  fixture.sandbox.clearLog();

  await verification.update({
    ...verificationArgs(),
    triggers: ["v2.spgo.io"],
    timeoutSeconds: 60,
  });
  expect(fixture.requestLines()).toEqual([]);
  expect(verification.state!.outputs.timeoutSeconds).toBe(60);

  await verification.replace({ ...verificationArgs(), triggers: ["eu.v2.spgo.io"] });
  expect(fixture.requestLines()).toEqual(["POST /tracking-domains/track.example.com/verify 200"]);
});

test("destroy asks SparkPost nothing", async () => {
  await createDomain();
  dns.setCname("track.example.com", "v2.spgo.io");
  const verification = fixture.resource("TrackingDomainVerification", "verify");
  await verification.create(verificationArgs());
  fixture.sandbox.clearLog();
  await verification.destroy();
  expect(fixture.requestLines()).toEqual([]);
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

function dnsSummaryFor(observed: string): string {
  return `the given authoritative nameservers (${dns.address}) answer CNAME track.example.com -> ${observed}, expected v2.spgo.io`;
}
