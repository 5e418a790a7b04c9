/**
 * Managed certificates in the sandbox: certificate/check by endpoint, certificate/enable, the
 * tls_status progression (pending, then valid or failed after the configured delay), expiry and
 * failure set by hand, enable again after a failure, and HTTPS verification that waits for it.
 */
import { startDnsServer, type DnsTestServer } from "../support/dnsServer";
import { call, createTrackingDomain, markVerified, useSandbox } from "./apiClient";

const DOMAIN = "track.example.com";
const DAY = 24 * 3600 * 1000;
const verifiedStatus = { verified: true, cname_status: "valid", compliance_status: "valid" };
const iso = (ms: number) => new Date(ms).toISOString();

/** The sandbox's clock, moved by the tests. */
let now = Date.UTC(2026, 0, 1);
beforeEach(() => {
  now = Date.UTC(2026, 0, 1);
});

describe("the tls_status progression", () => {
  const sandbox = useSandbox({
    verifyAfterSeconds: 0,
    certificateIssueSeconds: 600,
    clock: () => now,
  });
  const enable = () => call(sandbox(), "POST", `/tracking-domains/${DOMAIN}/certificate/enable`);
  const get = async () => (await call(sandbox(), "GET", `/tracking-domains/${DOMAIN}`)).json;

  beforeEach(async () => {
    await createTrackingDomain(sandbox(), DOMAIN);
    markVerified(sandbox(), DOMAIN);
  });

  it("is pending while Let's Encrypt issues it, secure at once, then valid for 90 days", async () => {
    const enabled = await enable();
    expect(enabled.json).toEqual({
      results: { message: `Certificate issuance initiated for ${DOMAIN}` },
    });
    expect(await get()).toEqual({
      results: {
        domain: DOMAIN,
        port: 443,
        secure: true,
        default: false,
        status: { ...verifiedStatus, tls_status: "pending" },
        uses_managed_certificate: true,
      },
    });
    now += 599_000;
    expect(sandbox().trackingDomain(DOMAIN)?.status.tls_status).toBe("pending");
    now += 1_000;
    const issuedAt = now;
    expect(await get()).toMatchObject({
      results: {
        status: { tls_status: "valid" },
        tls_certificate: { issued_at: iso(issuedAt), expires_at: iso(issuedAt + 90 * DAY) },
      },
    });
  });

  it("fails with the configured error_code, and enable starts it over", async () => {
    sandbox().updateSettings({ certificateErrorCode: "caa_forbids_issuance" });
    await enable();
    now += 600_000;
    expect(sandbox().trackingDomain(DOMAIN)).toMatchObject({
      secure: true,
      status: { tls_status: "failed" },
      tls_certificate: { error_code: "caa_forbids_issuance" },
    });

    sandbox().updateSettings({ certificateErrorCode: undefined });
    expect((await enable()).status).toBe(200);
    expect(sandbox().trackingDomain(DOMAIN)?.status.tls_status).toBe("pending");
    expect(sandbox().trackingDomain(DOMAIN)?.tls_certificate).toBeUndefined();
    now += 600_000;
    expect(sandbox().trackingDomain(DOMAIN)?.status.tls_status).toBe("valid");
  });

  it("enable on a pending or valid certificate changes nothing", async () => {
    await enable();
    now += 300_000;
    await enable();
    now += 300_000;
    expect(sandbox().trackingDomain(DOMAIN)?.status.tls_status).toBe("valid");
    const before = sandbox().trackingDomain(DOMAIN);
    now += 1_000;
    await enable();
    expect(sandbox().trackingDomain(DOMAIN)).toEqual(before);
  });

  it("expires when a renewal fails (set by hand), with the dates and the error code", async () => {
    await enable();
    now += 600_000;
    const reply = await call(sandbox(), "PATCH", `/_sandbox/tracking-domains/${DOMAIN}`, {
      body: { tlsCertificate: { status: "expired", errorCode: "dns_lookup_failed" } },
    });
    expect(reply.status).toBe(204);
    expect(sandbox().trackingDomain(DOMAIN)).toMatchObject({
      status: { tls_status: "expired" },
      tls_certificate: {
        issued_at: iso(now - 90 * DAY),
        expires_at: iso(now),
        error_code: "dns_lookup_failed",
      },
    });
    await enable();
    expect(sandbox().trackingDomain(DOMAIN)?.status.tls_status).toBe("pending");
  });

  it("a failure set by hand shows as failed", async () => {
    await enable();
    sandbox().patchTrackingDomain(DOMAIN, {
      tlsCertificate: { status: "failed", errorCode: "urn:ietf:params:acme:error:unauthorized" },
    });
    expect(sandbox().trackingDomain(DOMAIN)).toMatchObject({
      status: { tls_status: "failed" },
      tls_certificate: { error_code: "urn:ietf:params:acme:error:unauthorized" },
    });
  });

  it.each<[unknown, string]>([
    [{ status: "valid", errorCode: "x" }, "Field tlsCertificate has an invalid value."],
    [{ status: "expired" }, "Field tlsCertificate has an invalid value."],
    [{ status: "failed", errorCode: "x", at: 5 }, "Field tlsCertificate has an invalid value."],
  ])("the control endpoint refuses tlsCertificate %j", async (tlsCertificate, message) => {
    await enable();
    const reply = await call(sandbox(), "PATCH", `/_sandbox/tracking-domains/${DOMAIN}`, {
      body: { tlsCertificate },
    });
    expect([reply.status, reply.json]).toEqual([400, { errors: [{ message }] }]);
  });

  it("a certificate cannot expire on a domain that has none", async () => {
    const reply = await call(sandbox(), "PATCH", `/_sandbox/tracking-domains/${DOMAIN}`, {
      body: { tlsCertificate: { status: "expired", errorCode: "x" } },
    });
    expect([reply.status, reply.json]).toEqual([
      400,
      { errors: [{ message: `Tracking domain ${DOMAIN} uses no managed certificate.` }] },
    ]);
  });

  it.each<[Record<string, unknown>, number]>([
    [{ certificateIssueSeconds: -1 }, 400],
    [{ certificateIssueSeconds: "soon" }, 400],
    [{ certificateErrorCode: 5 }, 400],
    [{ certificateIssueSeconds: 0.5, certificateErrorCode: null }, 204],
  ])("PATCH /_sandbox/settings %j answers %d", async (settings, status) => {
    const reply = await call(sandbox(), "PATCH", "/_sandbox/settings", { body: settings });
    expect(reply.status).toBe(status);
  });

  it("deleting the domain removes the certificate with it", async () => {
    await enable();
    await call(sandbox(), "DELETE", `/tracking-domains/${DOMAIN}`);
    await createTrackingDomain(sandbox(), DOMAIN);
    expect(sandbox().trackingDomain(DOMAIN)).toEqual({
      domain: DOMAIN,
      port: 80,
      secure: false,
      default: false,
      status: { verified: false, cname_status: "pending", compliance_status: "pending" },
    });
  });
});

describe("certificate/check and HTTPS verification through DNS", () => {
  let dns: DnsTestServer;
  beforeAll(async () => {
    dns = await startDnsServer();
  });
  afterAll(async () => {
    await dns.close();
  });
  beforeEach(() => dns.remove(DOMAIN));

  const sandbox = useSandbox(() => ({
    dnsServers: [dns.address],
    certificateIssueSeconds: 60,
    clock: () => now,
  }));
  const check = async () =>
    (await call(sandbox(), "POST", `/tracking-domains/${DOMAIN}/certificate/check`)).json;

  it.each([
    ["v2.spgo.io", true],
    ["eu.v2.spgo.io", true],
    ["spgo.io", false],
    ["eu.spgo.io", false],
  ])(
    "a verified domain pointing at %s: supportsManagedCertificate %s",
    async (target, supported) => {
      await createTrackingDomain(sandbox(), DOMAIN);
      dns.setCname(DOMAIN, target);
      await call(sandbox(), "POST", `/tracking-domains/${DOMAIN}/verify`);
      expect(await check()).toEqual({
        results: { domain: DOMAIN, supportsManagedCertificate: supported },
      });
    },
  );

  it("a secure domain's verify fails over HTTPS until its managed certificate is valid", async () => {
    await createTrackingDomain(sandbox(), DOMAIN);
    dns.setCname(DOMAIN, "v2.spgo.io");
    const verify = () => call(sandbox(), "POST", `/tracking-domains/${DOMAIN}/verify`);
    expect((await verify()).status).toBe(200);
    await call(sandbox(), "POST", `/tracking-domains/${DOMAIN}/certificate/enable`);

    expect((await verify()).status).toBe(400);
    now += 60_000;
    expect((await verify()).json).toEqual({
      results: { verified: true, cname_status: "", compliance_status: "valid" },
    });
  });
});
