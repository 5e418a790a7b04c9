/** The `/_sandbox/` control endpoints and their in-process counterparts. */
import { isLoopback } from "../../sandbox/control";
import { call, createTrackingDomain, useSandbox } from "./apiClient";

const pendingStatus = { verified: false, cname_status: "pending", compliance_status: "pending" };

describe("control endpoints", () => {
  const sandbox = useSandbox({ sendingDomains: [{ domain: "seeded.example.com" }] });

  it("seeds a sending domain with POST /_sandbox/sending-domains", async () => {
    const reply = await call(sandbox(), "POST", "/_sandbox/sending-domains", {
      body: { domain: "Mail.Example.net", subaccountId: 3 },
    });
    expect(reply.status).toBe(204);
    expect(sandbox().sendingDomain("mail.example.net")).toEqual({
      domain: "mail.example.net",
      subaccountId: 3,
    });
    expect(
      (await call(sandbox(), "GET", "/sending-domains/mail.example.net", { subaccount: 3 })).status,
    ).toBe(200);
  });

  it.each([
    [{}, "The body must be {domain, subaccountId?, trackingDomain?}."],
    [
      { domain: "mail.example.net", subaccountId: -1 },
      "subaccountId must be a non-negative integer.",
    ],
    [{ domain: "mail.example.net", trackingDomain: 5 }, "trackingDomain must be a string."],
  ])("refuses the sending domain %j", async (body, message) => {
    const reply = await call(sandbox(), "POST", "/_sandbox/sending-domains", { body });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ errors: [{ message }] });
  });

  it("patches a tracking domain as the UI would, keeping one default per owner", async () => {
    await createTrackingDomain(sandbox(), "old.example.com", { subaccount: 4 });
    await createTrackingDomain(sandbox(), "track.example.com");
    sandbox().patchTrackingDomain("old.example.com", { default: true });
    const reply = await call(sandbox(), "PATCH", "/_sandbox/tracking-domains/Track.Example.com", {
      body: { secure: true, default: true, subaccountId: 4, status: { cname_status: "invalid" } },
    });
    expect(reply.status).toBe(204);
    expect(sandbox().trackingDomain("track.example.com")).toEqual({
      domain: "track.example.com",
      port: 443,
      secure: true,
      default: true,
      status: { ...pendingStatus, cname_status: "invalid" },
      subaccount_id: 4,
    });
    expect(sandbox().trackingDomain("old.example.com")?.default).toBe(false);
    await call(sandbox(), "PATCH", "/_sandbox/tracking-domains/track.example.com", {
      body: { subaccountId: null },
    });
    expect(sandbox().trackingDomain("track.example.com")).not.toHaveProperty("subaccount_id");
  });

  it("sets compliance: blocked unverifies, valid restores a valid CNAME's verification", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    sandbox().patchTrackingDomain("track.example.com", {
      status: { verified: true, cname_status: "valid" },
    });
    await call(sandbox(), "PATCH", "/_sandbox/tracking-domains/track.example.com", {
      body: { compliance: "blocked" },
    });
    expect(sandbox().trackingDomain("track.example.com")?.status).toEqual({
      verified: false,
      cname_status: "valid",
      compliance_status: "blocked",
    });
    sandbox().setCompliance("track.example.com", "valid");
    expect(sandbox().trackingDomain("track.example.com")?.status).toEqual({
      verified: true,
      cname_status: "valid",
      compliance_status: "valid",
    });
  });

  it("answers 404 to a patch of an unknown domain, and the in-process call throws", async () => {
    const reply = await call(sandbox(), "PATCH", "/_sandbox/tracking-domains/nowhere.example.com", {
      body: { secure: true },
    });
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({
      errors: [{ message: "The sandbox has no tracking domain nowhere.example.com." }],
    });
    expect(() => sandbox().patchTrackingDomain("nowhere.example.com", {})).toThrow(
      "The sandbox has no tracking domain nowhere.example.com.",
    );
  });

  it.each([
    [
      { verified: true },
      "Unknown field verified: use secure, default, subaccountId, status, compliance, tlsCertificate.",
    ],
    [{ secure: "yes" }, "Field secure has an invalid value."],
    [{ compliance: "ok" }, "Field compliance has an invalid value."],
    [
      { constructor: 1 },
      "Unknown field constructor: use secure, default, subaccountId, status, compliance, tlsCertificate.",
    ],
  ])("refuses the patch %j", async (body, message) => {
    await createTrackingDomain(sandbox(), "track.example.com");
    const reply = await call(sandbox(), "PATCH", "/_sandbox/tracking-domains/track.example.com", {
      body,
    });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ errors: [{ message }] });
  });

  it("changes settings with PATCH /_sandbox/settings", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    const set = await call(sandbox(), "PATCH", "/_sandbox/settings", {
      body: { verifyAfterSeconds: 0 },
    });
    expect(set.status).toBe(204);
    const verify = await call(sandbox(), "POST", "/tracking-domains/track.example.com/verify");
    expect(verify.json).toEqual({
      results: { verified: true, cname_status: "", compliance_status: "valid" },
    });
  });

  it.each([
    [{ tlsReady: "no" }, "Setting tlsReady is unknown or has an invalid value."],
    [{ verifyAfterSeconds: -5 }, "Setting verifyAfterSeconds is unknown or has an invalid value."],
    [{ dnsServers: [] }, "Setting dnsServers is unknown or has an invalid value."],
  ])("refuses the settings %j", async (body, message) => {
    const reply = await call(sandbox(), "PATCH", "/_sandbox/settings", { body });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ errors: [{ message }] });
  });

  it("resets the account to its seeds, and clears the log and the faults", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    await call(sandbox(), "PUT", "/_sandbox/faults", { body: { inject: [{ status: 503 }] } });
    await call(sandbox(), "POST", "/_sandbox/sending-domains", {
      body: { domain: "extra.example.com" },
    });
    const reply = await call(sandbox(), "POST", "/_sandbox/reset");
    expect(reply.status).toBe(204);
    expect(sandbox().requests).toEqual([]);
    expect(sandbox().sendingDomain("extra.example.com")).toBeUndefined();
    expect(sandbox().sendingDomain("seeded.example.com")).toEqual({ domain: "seeded.example.com" });
    const list = await call(sandbox(), "GET", "/tracking-domains");
    expect(list.status).toBe(200);
    expect(list.json).toEqual({ results: [] });
  });

  it("answers 404 to an unknown control endpoint and 400 to a body that is not JSON", async () => {
    const unknown = await call(sandbox(), "GET", "/_sandbox/nothing");
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ errors: [{ message: "No control endpoint GET /nothing" }] });
    const broken = await call(sandbox(), "PUT", "/_sandbox/faults", { rawBody: "{" });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ errors: [{ message: "The body is not valid JSON." }] });
  });
});

describe("isLoopback", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.1", false],
    ["::ffff:192.168.1.2", false],
    ["fe80::1", false],
    [undefined, false],
  ])("%s is loopback: %s", (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
