/** Verification through a real loopback DNS server, the demo switch, TLS, compliance and certificates. */
import { startDnsServer, type DnsTestServer } from "../support/dnsServer";
import { call, createTrackingDomain, markVerified, useSandbox } from "./apiClient";

const verifiedReply = { results: { verified: true, cname_status: "", compliance_status: "valid" } };
const verifiedStatus = { verified: true, cname_status: "valid", compliance_status: "valid" };
const tlsFailure = {
  errors: [
    {
      message:
        "HTTP request to https://track.example.com:443 failed. " +
        "Please verify that your redirect is functioning and that your SSL certificate is valid.",
    },
  ],
};

describe("verification through DNS", () => {
  let dns: DnsTestServer;
  beforeAll(async () => {
    dns = await startDnsServer();
  });
  afterAll(async () => {
    await dns.close();
  });
  beforeEach(() => dns.remove("track.example.com"));

  const sandbox = useSandbox(() => ({ dnsServers: [dns.address] }));
  const verify = (domain = "track.example.com", subaccount?: number) =>
    call(sandbox(), "POST", `/tracking-domains/${domain}/verify`, { subaccount });

  it.each(["v2.spgo.io", "spgo.io", "eu.v2.spgo.io", "eu.spgo.io", "V2.SPGO.IO."])(
    "verifies a CNAME to %s and answers like the documented example",
    async (target) => {
      await createTrackingDomain(sandbox(), "track.example.com");
      dns.setCname("track.example.com", target);
      const reply = await verify("Track.Example.com");
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual(verifiedReply);
      expect(sandbox().trackingDomain("track.example.com")?.status).toEqual(verifiedStatus);
    },
  );

  it("answers invalid for a CNAME to another target", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    dns.setCname("track.example.com", "elsewhere.example.net");
    const reply = await verify();
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      results: { verified: false, cname_status: "invalid", compliance_status: "pending" },
    });
    expect(sandbox().trackingDomain("track.example.com")?.status).toEqual({
      verified: false,
      cname_status: "invalid",
      compliance_status: "pending",
    });
  });

  it.each([
    ["no record", () => undefined],
    ["an A record instead of a CNAME", () => dns.setAddress("track.example.com", "192.0.2.10")],
  ])("answers pending for %s", async (_case, arrange) => {
    await createTrackingDomain(sandbox(), "track.example.com");
    arrange();
    const reply = await verify();
    expect(reply.json).toEqual({
      results: { verified: false, cname_status: "pending", compliance_status: "pending" },
    });
  });

  it("takes verification back when the record disappears and the domain is verified again", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    dns.setCname("track.example.com", "v2.spgo.io");
    expect((await verify()).json).toEqual(verifiedReply);
    dns.remove("track.example.com");
    expect((await verify()).json).toEqual({
      results: { verified: false, cname_status: "pending", compliance_status: "pending" },
    });
  });

  it("accepts only the configured targets", async () => {
    sandbox().updateSettings({ acceptedTargets: ["tenant.et.e.sparkpost.com"] });
    await createTrackingDomain(sandbox(), "track.example.com");
    dns.setCname("track.example.com", "spgo.io");
    expect((await verify()).json).toEqual({
      results: { verified: false, cname_status: "invalid", compliance_status: "pending" },
    });
    dns.setCname("track.example.com", "tenant.et.e.sparkpost.com");
    expect((await verify()).json).toEqual(verifiedReply);
  });

  it("fails a secure domain with the documented 400 when TLS is not ready, leaving its status", async () => {
    sandbox().updateSettings({ tlsReady: false });
    await createTrackingDomain(sandbox(), "track.example.com", { secure: true });
    dns.setCname("track.example.com", "v2.spgo.io");
    const reply = await verify();
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual(tlsFailure);
    expect(sandbox().trackingDomain("track.example.com")?.status).toEqual({
      verified: false,
      cname_status: "pending",
      compliance_status: "pending",
    });
  });

  it("verifies an http domain whatever the TLS flag", async () => {
    sandbox().updateSettings({ tlsReady: false });
    await createTrackingDomain(sandbox(), "track.example.com");
    dns.setCname("track.example.com", "v2.spgo.io");
    expect((await verify()).json).toEqual(verifiedReply);
  });

  it("keeps a domain blocked by compliance unverified", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    sandbox().setCompliance("track.example.com", "blocked");
    dns.setCname("track.example.com", "v2.spgo.io");
    const reply = await verify();
    expect(reply.json).toEqual({
      results: { verified: false, cname_status: "valid", compliance_status: "blocked" },
    });
  });

  it("verifies a subaccount's domain only with its header", async () => {
    await createTrackingDomain(sandbox(), "track.example.com", { subaccount: 3 });
    dns.setCname("track.example.com", "v2.spgo.io");
    const withoutHeader = await verify();
    expect(withoutHeader.status).toBe(404);
    expect(withoutHeader.json).toEqual({ errors: [{ message: "resource not found" }] });
    expect((await verify("track.example.com", 3)).json).toEqual(verifiedReply);
  });
});

describe("negative caching in verification's view of DNS", () => {
  let dns: DnsTestServer;
  /** The sandbox's clock, moved by the tests. */
  let now = 1_000_000;
  beforeAll(async () => {
    dns = await startDnsServer();
  });
  afterAll(async () => {
    await dns.close();
  });
  beforeEach(() => {
    dns.remove("track.example.com");
    now = 1_000_000;
  });

  const sandbox = useSandbox(() => ({
    dnsServers: [dns.address],
    negativeCacheSeconds: 300,
    clock: () => now,
  }));
  const verify = () => call(sandbox(), "POST", "/tracking-domains/track.example.com/verify");
  const pending = {
    results: { verified: false, cname_status: "pending", compliance_status: "pending" },
  };
  const cnameQueries = () =>
    dns.queries.filter((query) => query.name === "track.example.com" && query.type === "CNAME")
      .length;

  it("answers pending for a record published after a verify, until the negative TTL has passed", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    const queriesBefore = cnameQueries();
    expect((await verify()).json).toEqual(pending);
    dns.setCname("track.example.com", "v2.spgo.io");

    now += 299_999;
    expect((await verify()).json).toEqual(pending);
    expect(cnameQueries() - queriesBefore).toBe(1);

    now += 1;
    expect((await verify()).json).toEqual(verifiedReply);
    expect(cnameQueries() - queriesBefore).toBe(2);
  });

  it("caches a name without a CNAME (an A record) as well", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    dns.setAddress("track.example.com", "192.0.2.10");
    expect((await verify()).json).toEqual(pending);
    dns.setCname("track.example.com", "v2.spgo.io");
    now += 1000;
    expect((await verify()).json).toEqual(pending);
  });

  it("does not cache a record that was there at the first verify", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    dns.setCname("track.example.com", "v2.spgo.io");
    expect((await verify()).json).toEqual(verifiedReply);
    dns.remove("track.example.com");
    expect((await verify()).json).toEqual(pending);
  });

  it("is turned off with PATCH /_sandbox/settings negativeCacheSeconds 0, and reset forgets the cache", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    expect((await verify()).json).toEqual(pending);
    dns.setCname("track.example.com", "v2.spgo.io");
    sandbox().reset();
    await createTrackingDomain(sandbox(), "track.example.com");
    expect((await verify()).json).toEqual(verifiedReply);

    dns.remove("track.example.com");
    const off = await call(sandbox(), "PATCH", "/_sandbox/settings", {
      body: { negativeCacheSeconds: 0 },
    });
    expect(off.status).toBe(204);
    expect((await verify()).json).toEqual(pending);
    dns.setCname("track.example.com", "v2.spgo.io");
    expect((await verify()).json).toEqual(verifiedReply);
  });

  it("refuses a negative negativeCacheSeconds", async () => {
    const reply = await call(sandbox(), "PATCH", "/_sandbox/settings", {
      body: { negativeCacheSeconds: -1 },
    });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      errors: [{ message: "Setting negativeCacheSeconds is unknown or has an invalid value." }],
    });
  });
});

describe("verification through the demo switch", () => {
  let now = Date.UTC(2026, 0, 1);
  const sandbox = useSandbox({ verifyAfterSeconds: 30, clock: () => now });

  it("stays pending until the delay has passed since creation, without DNS", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    now += 29_000;
    const early = await call(sandbox(), "POST", "/tracking-domains/track.example.com/verify");
    expect(early.json).toEqual({
      results: { verified: false, cname_status: "pending", compliance_status: "pending" },
    });
    now += 1_000;
    const onTime = await call(sandbox(), "POST", "/tracking-domains/track.example.com/verify");
    expect(onTime.json).toEqual(verifiedReply);
    expect(sandbox().trackingDomain("track.example.com")?.status).toEqual(verifiedStatus);
  });
});

describe("managed certificates", () => {
  const sandbox = useSandbox({ verifyAfterSeconds: 0 });

  it("reports support only for verified domains", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    const before = await call(
      sandbox(),
      "POST",
      "/tracking-domains/track.example.com/certificate/check",
    );
    expect(before.json).toEqual({
      results: { domain: "track.example.com", supportsManagedCertificate: false },
    });
    markVerified(sandbox(), "track.example.com");
    const after = await call(
      sandbox(),
      "POST",
      "/tracking-domains/Track.example.com/certificate/check/",
    );
    expect(after.status).toBe(200);
    expect(after.json).toEqual({
      results: { domain: "track.example.com", supportsManagedCertificate: true },
    });
  });

  it("refuses to enable on an unverified domain", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    const reply = await call(
      sandbox(),
      "POST",
      "/tracking-domains/track.example.com/certificate/enable",
    );
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      errors: [{ message: "Domain must be verified before enabling managed certificates" }],
    });
  });

  it("enables on a verified domain, making it secure with a valid certificate", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    await call(sandbox(), "POST", "/tracking-domains/track.example.com/verify");
    const reply = await call(
      sandbox(),
      "POST",
      "/tracking-domains/track.example.com/certificate/enable",
    );
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      results: { message: "Certificate issuance initiated for track.example.com" },
    });
    const issued = sandbox().trackingDomain("track.example.com")!;
    expect(issued).toEqual({
      domain: "track.example.com",
      port: 443,
      secure: true,
      default: false,
      status: { ...verifiedStatus, tls_status: "valid" },
      uses_managed_certificate: true,
      tls_certificate: {
        issued_at: expect.any(String),
        expires_at: expect.any(String),
      },
    });
    const { issued_at, expires_at } = issued.tls_certificate!;
    expect(Date.parse(expires_at!) - Date.parse(issued_at!)).toBe(90 * 24 * 3600 * 1000);
  });

  it.each(["verify", "certificate/check", "certificate/enable"])(
    "answers 404 to %s on an unknown domain",
    async (route) => {
      const reply = await call(sandbox(), "POST", `/tracking-domains/nowhere.example.com/${route}`);
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ errors: [{ message: "resource not found" }] });
    },
  );
});
