/** Sending domains: reading, linking rules, unlinking, and deletion of a linked tracking domain. */
import { call, createTrackingDomain, markVerified, useSandbox } from "./apiClient";

const sendingStatus = {
  ownership_verified: true,
  dkim_status: "valid",
  cname_status: "valid",
  compliance_status: "valid",
};

function invalidParams(description: string) {
  return { errors: [{ message: "invalid params", description, code: "1200" }] };
}

describe("sending domains", () => {
  const sandbox = useSandbox({
    sendingDomains: [
      { domain: "example.com" },
      { domain: "five.example.net", subaccountId: 5 },
      { domain: "linked.example.org", trackingDomain: "Seeded.Example.org" },
    ],
  });

  beforeEach(async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    markVerified(sandbox(), "track.example.com");
  });

  describe("GET /sending-domains/{domain}", () => {
    it("answers the object without its domain field and without tracking_domain when unlinked", async () => {
      const reply = await call(sandbox(), "GET", "/sending-domains/Example.COM/");
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({
        results: {
          status: sendingStatus,
          shared_with_subaccounts: false,
          is_default_bounce_domain: false,
        },
      });
    });

    it("shows the linked tracking domain and the subaccount", async () => {
      sandbox().seedSendingDomain("five.example.net", {
        subaccountId: 5,
        trackingDomain: "t.example.net",
      });
      const reply = await call(sandbox(), "GET", "/sending-domains/five.example.net");
      expect(reply.json).toEqual({
        results: {
          tracking_domain: "t.example.net",
          status: sendingStatus,
          shared_with_subaccounts: false,
          is_default_bounce_domain: false,
          subaccount_id: 5,
        },
      });
    });

    it("answers 404 in the sending-domain error shape", async () => {
      const reply = await call(sandbox(), "GET", "/sending-domains/unknown.example.com");
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({
        errors: [
          {
            message: "resource not found",
            description: "Domain 'unknown.example.com' does not exist",
            code: "1600",
          },
        ],
      });
    });

    it("hides a subaccount's sending domain from another subaccount and from header 0", async () => {
      expect((await call(sandbox(), "GET", "/sending-domains/five.example.net")).status).toBe(200);
      expect(
        (await call(sandbox(), "GET", "/sending-domains/five.example.net", { subaccount: 5 }))
          .status,
      ).toBe(200);
      expect(
        (await call(sandbox(), "GET", "/sending-domains/five.example.net", { subaccount: 0 }))
          .status,
      ).toBe(404);
      expect(
        (await call(sandbox(), "GET", "/sending-domains/five.example.net", { subaccount: 6 }))
          .status,
      ).toBe(404);
    });
  });

  describe("PUT /sending-domains/{domain}", () => {
    it("links a verified tracking domain of the same owner, lowercased", async () => {
      const reply = await call(sandbox(), "PUT", "/sending-domains/EXAMPLE.com", {
        body: { tracking_domain: "Track.Example.com", shared_with_subaccounts: true },
      });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({
        results: { message: "Successfully Updated Domain.", domain: "example.com" },
      });
      expect(sandbox().sendingDomain("example.com")).toEqual({
        domain: "example.com",
        trackingDomain: "track.example.com",
      });
    });

    it('unlinks with ""', async () => {
      const reply = await call(sandbox(), "PUT", "/sending-domains/linked.example.org", {
        body: { tracking_domain: "" },
      });
      expect(reply.status).toBe(200);
      expect(sandbox().sendingDomain("linked.example.org")).toEqual({
        domain: "linked.example.org",
      });
    });

    it("changes nothing when tracking_domain is absent", async () => {
      const reply = await call(sandbox(), "PUT", "/sending-domains/linked.example.org", {
        body: { dkim: {} },
      });
      expect(reply.status).toBe(200);
      expect(sandbox().sendingDomain("linked.example.org")).toEqual({
        domain: "linked.example.org",
        trackingDomain: "seeded.example.org",
      });
    });

    it("refuses an unregistered tracking domain with the documented 1200 error", async () => {
      const reply = await call(sandbox(), "PUT", "/sending-domains/example.com", {
        body: { tracking_domain: "Other.example.com" },
      });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual(
        invalidParams("Tracking domain 'Other.example.com' is not a registered tracking domain"),
      );
      expect(sandbox().sendingDomain("example.com")).toEqual({ domain: "example.com" });
    });

    it("refuses an unverified tracking domain", async () => {
      await createTrackingDomain(sandbox(), "new.example.com");
      const reply = await call(sandbox(), "PUT", "/sending-domains/example.com", {
        body: { tracking_domain: "new.example.com" },
      });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual(
        invalidParams("Tracking domain 'new.example.com' is not verified"),
      );
    });

    it("refuses a tracking domain of another owner", async () => {
      const reply = await call(sandbox(), "PUT", "/sending-domains/five.example.net", {
        subaccount: 5,
        body: { tracking_domain: "track.example.com" },
      });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual(
        invalidParams(
          "Tracking domain 'track.example.com' and sending domain 'five.example.net' must belong to the same subaccount",
        ),
      );
    });

    it("links within a subaccount with its header", async () => {
      await createTrackingDomain(sandbox(), "t.example.net", { subaccount: 5 });
      markVerified(sandbox(), "t.example.net");
      const reply = await call(sandbox(), "PUT", "/sending-domains/five.example.net", {
        subaccount: 5,
        body: { tracking_domain: "t.example.net" },
      });
      expect(reply.status).toBe(200);
      expect(sandbox().sendingDomain("five.example.net")).toEqual({
        domain: "five.example.net",
        subaccountId: 5,
        trackingDomain: "t.example.net",
      });
    });

    it("answers 404 to a change of a subaccount's sending domain without the header", async () => {
      const reply = await call(sandbox(), "PUT", "/sending-domains/five.example.net", {
        body: { tracking_domain: "" },
      });
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({
        errors: [
          {
            message: "resource not found",
            description: "Domain 'five.example.net' does not exist",
            code: "1600",
          },
        ],
      });
    });

    it("answers 400 when tracking_domain is not a string", async () => {
      const reply = await call(sandbox(), "PUT", "/sending-domains/linked.example.org", {
        body: { tracking_domain: null },
      });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual(invalidParams("tracking_domain must be a string"));
      expect(sandbox().sendingDomain("linked.example.org")?.trackingDomain).toBe(
        "seeded.example.org",
      );
    });
  });

  it("unlinks a deleted tracking domain from every sending domain", async () => {
    sandbox().seedSendingDomain("also.example.com", { trackingDomain: "track.example.com" });
    await call(sandbox(), "PUT", "/sending-domains/example.com", {
      body: { tracking_domain: "track.example.com" },
    });
    const reply = await call(sandbox(), "DELETE", "/tracking-domains/track.example.com");
    expect(reply.status).toBe(204);
    expect(sandbox().sendingDomain("example.com")).toEqual({ domain: "example.com" });
    expect(sandbox().sendingDomain("also.example.com")).toEqual({ domain: "also.example.com" });
    expect(sandbox().sendingDomain("linked.example.org")).toEqual({
      domain: "linked.example.org",
      trackingDomain: "seeded.example.org",
    });
    const got = await call(sandbox(), "GET", "/sending-domains/example.com");
    expect(got.json).not.toHaveProperty("results.tracking_domain");
  });
});
