/**
 * Failure paths through the real dynamic-provider host: answers that did not come from SparkPost's
 * API, settings that disagree with each other, adoption that must not change `secure`, advice
 * only where it applies, and state written by an earlier version's provider.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { EngineFixture, startEngineFixture, TEST_API_KEY } from "../support/engineFixture";
import { failureOf } from "../support/failureOf";
import { HostResource } from "../support/hostResource";
import { ProviderHost } from "../support/providerHost";

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngineFixture({
    sandbox: { verifyAfterSeconds: 0, sendingDomains: [{ domain: "mail.example.com" }] },
  });
});
afterAll(async () => fixture.close());
beforeEach(() => fixture.sandbox.reset());

/** Outputs without the stored provider. */
function outputsOf(resource: HostResource): Record<string, unknown> {
  const { __provider: _stored, ...outputs } = resource.state!.outputs;
  return outputs;
}

/** A second host, configured with `config` instead of the fixture's connection. */
async function hostWith(config: Record<string, string>): Promise<ProviderHost> {
  const host = await ProviderHost.start({
    SPARKPOST_API_KEY: undefined,
    SPARKPOST_API_URL: undefined,
    SPARKPOST_REGION: undefined,
  });
  await host.configure({ "sparkpost:apiKey": TEST_API_KEY, ...config });
  return host;
}

describe("a 404 means gone only when SparkPost's API says so", () => {
  test("an apiUrl without /api/v1 is refused before any request, showing the expected form", async () => {
    const host = await hostWith({ "sparkpost:apiUrl": fixture.sandbox.url });
    try {
      const domain = new HostResource(
        host,
        fixture.serialized.TrackingDomain,
        "TrackingDomain",
        "d",
      );
      const error = await failureOf(domain.create({ domain: "track.example.com" }));
      expect(error.message).toBe(
        `sparkpost:apiUrl must be the API base, ending in /api/v1, such as https://api.eu.sparkpost.com/api/v1, https://<tenant>.api.e.sparkpost.com/api/v1 or the sandbox's http://127.0.0.1:4010/api/v1; got "${fixture.sandbox.url}".`,
      );
      expect(fixture.sandbox.requests).toEqual([]);
    } finally {
      await host.close();
    }
  });

  test("a web server's 404 neither drops resources on refresh nor counts as deleted", async () => {
    const domain = fixture.resource("TrackingDomain", "d");
    await domain.create({ domain: "track.example.com" });
    const link = fixture.resource("SendingDomainLink", "l");
    await fixture.resource("TrackingDomainVerification", "v").create({
      domain: "track.example.com",
      preflight: "off",
    });
    await link.create({ sendingDomain: "mail.example.com", trackingDomain: "track.example.com" });
    const before = [domain.state, link.state];
    // The right host behind a wrong path: every request lands outside the API.
    const host = await hostWith({ "sparkpost:apiUrl": `${fixture.sandbox.url}/proxy/api/v1` });
    try {
      const elsewhere = (resource: HostResource, kind: "TrackingDomain" | "SendingDomainLink") => {
        const moved = new HostResource(host, fixture.serialized[kind], kind, "moved");
        moved.state = resource.state;
        return moved;
      };
      const movedDomain = elsewhere(domain, "TrackingDomain");
      const movedLink = elsewhere(link, "SendingDomainLink");

      const refreshError = await failureOf(movedDomain.refresh());
      const destroyError = await failureOf(movedLink.destroy());

      expect(refreshError.message).toBe(
        "Could not read tracking domain track.example.com: the answer (404) did not come from the SparkPost API: <html> <head><title>404 Not Found</title></head> <body> <center><h1>404 Not Found</h1></center> </body> </html>. Check sparkpost:apiUrl (the API base, ending in /api/v1) and any proxy in between.",
      );
      expect(destroyError.message).toBe(
        "Could not unlink sending domain mail.example.com from tracking domain track.example.com: the answer (404) did not come from the SparkPost API: <html> <head><title>404 Not Found</title></head> <body> <center><h1>404 Not Found</h1></center> </body> </html>. Check sparkpost:apiUrl (the API base, ending in /api/v1) and any proxy in between.",
      );
      expect([movedDomain.state, movedLink.state]).toEqual(before);
      expect(fixture.sandbox.sendingDomain("mail.example.com")?.trackingDomain).toBe(
        "track.example.com",
      );
    } finally {
      await host.close();
    }
  });
});

test("a region that contradicts the API host is refused before any request, naming both", async () => {
  const host = await hostWith({
    "sparkpost:apiUrl": "https://api.eu.sparkpost.com/api/v1",
    "sparkpost:region": "us",
  });
  try {
    const domain = new HostResource(host, fixture.serialized.TrackingDomain, "TrackingDomain", "d");
    const error = await failureOf(domain.create({ domain: "track.example.com" }));
    expect(error.message).toBe(
      'sparkpost:region is "us", but sparkpost:apiUrl https://api.eu.sparkpost.com/api/v1 is SparkPost\'s EU API: set sparkpost:region to "eu", or remove it, since the API host already says which region the account is in.',
    );
  } finally {
    await host.close();
  }
});

describe("adopt keeps what SparkPost has unless the program says otherwise", () => {
  async function existingSecureDomain(): Promise<void> {
    const response = await fetch(`${fixture.sandbox.apiUrl}/tracking-domains`, {
      method: "POST",
      headers: { Authorization: fixture.sandbox.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify({ domain: "track.example.com", secure: true }),
    });
    expect(response.status).toBe(200);
    fixture.sandbox.clearLog();
  }

  test("adopting without secure leaves a secure domain secure, with no write at all", async () => {
    await existingSecureDomain();
    const domain = fixture.resource("TrackingDomain", "d");

    await domain.create({ domain: "track.example.com", adopt: true });

    expect(fixture.requestLines()).toEqual(["GET /tracking-domains/track.example.com 200"]);
    expect(outputsOf(domain)).toMatchObject({ secure: true, port: 443, adopt: true });
    expect(fixture.sandbox.trackingDomain("track.example.com")?.secure).toBe(true);
    fixture.sandbox.clearLog();
    await domain.same({ domain: "track.example.com", adopt: true });
    await domain.refresh();
    await domain.same({ domain: "track.example.com", adopt: true });
    expect(fixture.requestLines()).toEqual(["GET /tracking-domains/track.example.com 200"]);
  });

  test("an explicit secure: false after adoption shows as an update and applies it", async () => {
    await existingSecureDomain();
    const domain = fixture.resource("TrackingDomain", "d");
    await domain.create({ domain: "track.example.com", adopt: true });

    expect(
      await domain.preview({ domain: "track.example.com", adopt: true, secure: false }),
    ).toEqual({ changes: "some", replaces: [], deleteBeforeReplace: false });
    await domain.update({ domain: "track.example.com", adopt: true, secure: false });

    expect(fixture.sandbox.trackingDomain("track.example.com")?.secure).toBe(false);
    expect(outputsOf(domain)).toMatchObject({ secure: false, port: 80 });
  });
});

describe("a link's advice comes only where it applies", () => {
  beforeEach(async () => {
    await fixture.resource("TrackingDomain", "d").create({ domain: "track.example.com" });
    await fixture.resource("TrackingDomainVerification", "v").create({
      domain: "track.example.com",
      preflight: "off",
    });
  });

  test.each([
    {
      title: "a refused key",
      fault: { status: 401, count: 1 },
      message:
        "SparkPost refused to link sending domain mail.example.com to tracking domain track.example.com (401): Unauthorized.",
    },
    {
      title: "SparkPost's 400",
      fault: { status: 400, count: 1 },
      message:
        "SparkPost refused to link sending domain mail.example.com to tracking domain track.example.com (400): Bad Request. Check that tracking domain track.example.com exists, is verified, and belongs to the primary account like the sending domain (make this link depend on its TrackingDomainVerification).",
    },
    {
      title: "a server error",
      fault: { status: 501, count: 1 },
      message:
        "SparkPost refused to link sending domain mail.example.com to tracking domain track.example.com (501): Not Implemented.",
    },
  ])("$title", async ({ fault, message }) => {
    fixture.sandbox.setFaults({
      inject: [{ method: "PUT", path: "/sending-domains/*", ...fault }],
    });
    const link = fixture.resource("SendingDomainLink", "l");

    const error = await failureOf(
      link.create({ sendingDomain: "mail.example.com", trackingDomain: "track.example.com" }),
    );

    expect(error.message).toBe(message);
    expect(link.state).toBeUndefined();
  });
});

test("state written by version 0.1.0 shows one update, which stores the shim", async () => {
  const legacyProvider = readFileSync(
    path.join(__dirname, "../fixtures/serializedProviders/legacy-0.1.0-TrackingDomain.js"),
    "utf8",
  );
  const domain = fixture.resource("TrackingDomain", "d");
  await domain.create({ domain: "track.example.com" });
  domain.state!.outputs.__provider = legacyProvider;
  fixture.sandbox.clearLog();

  expect(await domain.preview({ domain: "track.example.com" })).toEqual({
    changes: "some",
    replaces: [],
    deleteBeforeReplace: false,
  });
  await domain.update({ domain: "track.example.com" });
  await domain.same({ domain: "track.example.com" });

  expect(domain.state!.outputs.__provider).toBe(fixture.serialized.TrackingDomain);
  expect(fixture.sandbox.requests).toEqual([]);
});

test("adopting a whole setup made by hand reads and writes nothing, then keeps still", async () => {
  fixture.sandbox.seedSendingDomain("mail.example.com", { trackingDomain: "track.example.com" });
  const response = await fetch(`${fixture.sandbox.apiUrl}/tracking-domains`, {
    method: "POST",
    headers: { Authorization: fixture.sandbox.apiKey, "Content-Type": "application/json" },
    body: JSON.stringify({ domain: "track.example.com", secure: true }),
  });
  expect(response.status).toBe(200);
  fixture.sandbox.patchTrackingDomain("track.example.com", {
    default: true,
    status: { verified: true, cname_status: "valid", compliance_status: "valid" },
  });
  fixture.sandbox.clearLog();
  const before = fixture.sandbox.trackingDomain("track.example.com");
  const resources = {
    domain: fixture.resource("TrackingDomain", "d"),
    verification: fixture.resource("TrackingDomainVerification", "v"),
    flag: fixture.resource("DefaultTrackingDomain", "f"),
    link: fixture.resource("SendingDomainLink", "l"),
  };
  const args = {
    domain: { domain: "track.example.com", adopt: true },
    verification: { domain: "track.example.com", preflight: "off", adopt: true },
    flag: { domain: "track.example.com", adopt: true },
    link: { sendingDomain: "mail.example.com", trackingDomain: "track.example.com", adopt: true },
  };

  await resources.domain.create(args.domain);
  await resources.verification.create(args.verification);
  await resources.flag.create(args.flag);
  await resources.link.create(args.link);

  expect(fixture.requestLines()).toEqual([
    "GET /tracking-domains/track.example.com 200",
    "GET /tracking-domains/track.example.com 200",
    "GET /tracking-domains/track.example.com 200",
    "GET /sending-domains/mail.example.com 200",
  ]);
  expect(fixture.sandbox.trackingDomain("track.example.com")).toEqual(before);
  expect(outputsOf(resources.domain)).toMatchObject({ secure: true, isDefault: true });
  expect(outputsOf(resources.verification)).toMatchObject({ verified: true });
  fixture.sandbox.clearLog();
  await resources.domain.same(args.domain);
  await resources.verification.same(args.verification);
  await resources.flag.same(args.flag);
  await resources.link.same(args.link);
  expect(fixture.sandbox.requests).toEqual([]);
});
