/**
 * DefaultTrackingDomain and SendingDomainLink through the real dynamic-provider host: they need a
 * verified tracking domain, own exactly one flag or link each, and give back only what is theirs.
 */
import { EngineFixture, startEngineFixture } from "../support/engineFixture";

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngineFixture({
    sandbox: {
      sendingDomains: [
        { domain: "mail.example.com" },
        { domain: "news.example.com", subaccountId: 5 },
      ],
    },
  });
});
afterAll(async () => fixture.close());
beforeEach(() => fixture.sandbox.reset());

async function verifiedDomain(domain: string, subaccountId?: number): Promise<void> {
  await fixture.resource("TrackingDomain", domain).create({ domain, subaccountId });
  fixture.sandbox.patchTrackingDomain(domain, {
    status: { verified: true, cname_status: "valid", compliance_status: "valid" },
  });
  fixture.sandbox.clearLog();
}

describe("DefaultTrackingDomain", () => {
  test("refuses an unverified domain with SparkPost's words and the fix", async () => {
    await fixture.resource("TrackingDomain", "t").create({ domain: "track.example.com" });
    const flag = fixture.resource("DefaultTrackingDomain", "default");
    await expect(flag.create({ domain: "track.example.com" })).rejects.toThrow(
      "SparkPost refused to make track.example.com the default tracking domain of the primary account (422): Tracking domain 'track.example.com' unverified. Verify the domain first: make this resource depend on its TrackingDomainVerification (CustomTrackingDomain does this for you).",
    );
  });

  test("sets, moves in place, finds drift and unsets only what it still holds", async () => {
    await verifiedDomain("track.example.com");
    await verifiedDomain("links.example.com");
    const flag = fixture.resource("DefaultTrackingDomain", "default");

    await flag.create({ domain: "track.example.com" });
    expect(fixture.requestLines()).toEqual(["PUT /tracking-domains/track.example.com 200"]);
    expect(fixture.sandbox.requests[0].body).toEqual({ default: true });
    expect(flag.state!.id).toBe("primary");

    fixture.sandbox.clearLog();
    await flag.update({ domain: "links.example.com" });
    expect(fixture.requestLines()).toEqual(["PUT /tracking-domains/links.example.com 200"]);
    expect(fixture.sandbox.trackingDomain("track.example.com")?.default).toBe(false);

    // Someone moves the default back by hand: refresh shows it, the next up moves it again.
    fixture.sandbox.patchTrackingDomain("track.example.com", { default: true });
    fixture.sandbox.clearLog();
    expect(await flag.refresh()).toBe("refreshed");
    expect(fixture.requestLines()).toEqual(["GET /tracking-domains 200"]);
    expect(fixture.sandbox.requests[0]).toMatchObject({
      query: { default: "true" },
      subaccount: "0",
    });
    expect(flag.state!.outputs).toMatchObject({ domain: "track.example.com" });
    await flag.update({ domain: "links.example.com" });
    expect(fixture.sandbox.trackingDomain("links.example.com")?.default).toBe(true);

    fixture.sandbox.clearLog();
    await flag.destroy();
    expect(fixture.requestLines()).toEqual([
      "GET /tracking-domains/links.example.com 200",
      "PUT /tracking-domains/links.example.com 200",
    ]);
    expect(fixture.sandbox.requests[1].body).toEqual({ default: false });
    expect(fixture.sandbox.trackingDomain("links.example.com")?.default).toBe(false);
  });

  test("leaves a default that moved elsewhere alone on destroy", async () => {
    await verifiedDomain("track.example.com");
    await verifiedDomain("links.example.com");
    const flag = fixture.resource("DefaultTrackingDomain", "default");
    await flag.create({ domain: "track.example.com" });
    fixture.sandbox.patchTrackingDomain("links.example.com", { default: true });
    fixture.sandbox.clearLog();
    await flag.destroy();
    expect(fixture.requestLines()).toEqual(["GET /tracking-domains/track.example.com 200"]);
    expect(fixture.sandbox.trackingDomain("links.example.com")?.default).toBe(true);
  });

  test("a subaccount's default is scoped by the subaccount header", async () => {
    await verifiedDomain("track.example.com", 5);
    const flag = fixture.resource("DefaultTrackingDomain", "default");
    await flag.create({ domain: "track.example.com", subaccountId: 5 });
    expect(flag.state!.id).toBe("subaccount-5");
    expect(fixture.sandbox.requests.map((entry) => entry.subaccount)).toEqual(["5"]);
    fixture.sandbox.clearLog();
    expect(await flag.refresh()).toBe("refreshed");
    expect(fixture.sandbox.requests[0]).toMatchObject({
      path: "/tracking-domains",
      subaccount: "5",
    });
  });

  test("a default unset by hand leaves state on refresh", async () => {
    await verifiedDomain("track.example.com");
    const flag = fixture.resource("DefaultTrackingDomain", "default");
    await flag.create({ domain: "track.example.com" });
    fixture.sandbox.patchTrackingDomain("track.example.com", { default: false });
    expect(await flag.refresh()).toBe("gone");
  });
});

describe("SendingDomainLink", () => {
  test("links, relinks in place, finds drift and unlinks only its own link", async () => {
    await verifiedDomain("track.example.com");
    await verifiedDomain("links.example.com");
    const link = fixture.resource("SendingDomainLink", "link");

    await link.create({ sendingDomain: "Mail.Example.com", trackingDomain: "track.example.com" });
    expect(fixture.requestLines()).toEqual(["PUT /sending-domains/mail.example.com 200"]);
    expect(fixture.sandbox.requests[0].body).toEqual({ tracking_domain: "track.example.com" });
    expect(link.state!.id).toBe("mail.example.com");

    fixture.sandbox.clearLog();
    await link.update({ sendingDomain: "mail.example.com", trackingDomain: "links.example.com" });
    expect(fixture.sandbox.sendingDomain("mail.example.com")?.trackingDomain).toBe(
      "links.example.com",
    );

    await fetch(`${fixture.sandbox.apiUrl}/sending-domains/mail.example.com`, {
      method: "PUT",
      headers: { Authorization: fixture.sandbox.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify({ tracking_domain: "track.example.com" }),
    });
    fixture.sandbox.clearLog();
    expect(await link.refresh()).toBe("refreshed");
    expect(fixture.requestLines()).toEqual(["GET /sending-domains/mail.example.com 200"]);
    expect(link.state!.outputs).toMatchObject({ trackingDomain: "track.example.com" });
    expect(
      await link.preview({
        sendingDomain: "mail.example.com",
        trackingDomain: "links.example.com",
      }),
    ).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });

    // State now says track.example.com (refreshed); destroy clears it because it still points there.
    fixture.sandbox.clearLog();
    await link.destroy();
    expect(fixture.requestLines()).toEqual([
      "GET /sending-domains/mail.example.com 200",
      "PUT /sending-domains/mail.example.com 200",
    ]);
    expect(fixture.sandbox.requests[1].body).toEqual({ tracking_domain: "" });
    expect(fixture.sandbox.sendingDomain("mail.example.com")?.trackingDomain).toBeUndefined();
  });

  test("a link changed by someone else since is left alone on destroy", async () => {
    await verifiedDomain("track.example.com");
    await verifiedDomain("links.example.com");
    const link = fixture.resource("SendingDomainLink", "link");
    await link.create({ sendingDomain: "mail.example.com", trackingDomain: "track.example.com" });
    fixture.sandbox.seedSendingDomain("mail.example.com", { trackingDomain: "links.example.com" });
    fixture.sandbox.clearLog();
    await link.destroy();
    expect(fixture.requestLines()).toEqual(["GET /sending-domains/mail.example.com 200"]);
    expect(fixture.sandbox.sendingDomain("mail.example.com")?.trackingDomain).toBe(
      "links.example.com",
    );
  });

  test("a missing sending domain names the fix", async () => {
    await verifiedDomain("track.example.com");
    const link = fixture.resource("SendingDomainLink", "link");
    await expect(
      link.create({ sendingDomain: "nope.example.com", trackingDomain: "track.example.com" }),
    ).rejects.toThrow(
      "SparkPost refused to link sending domain nope.example.com to tracking domain track.example.com (404): resource not found: Domain 'nope.example.com' does not exist (code 1600). Sending domain nope.example.com does not exist in the primary account: create and verify it in SparkPost first (this package links sending domains, it does not create them).",
    );
  });

  test("an unregistered tracking domain gives SparkPost's words and the fix", async () => {
    const link = fixture.resource("SendingDomainLink", "link");
    await expect(
      link.create({ sendingDomain: "mail.example.com", trackingDomain: "ghost.example.com" }),
    ).rejects.toThrow(
      "SparkPost refused to link sending domain mail.example.com to tracking domain ghost.example.com (400): invalid params: Tracking domain 'ghost.example.com' is not a registered tracking domain (code 1200). Check that tracking domain ghost.example.com exists, is verified, and belongs to the primary account like the sending domain (make this link depend on its TrackingDomainVerification).",
    );
  });

  test("an unverified tracking domain gives SparkPost's words and the fix", async () => {
    await fixture.resource("TrackingDomain", "t").create({ domain: "track.example.com" });
    const link = fixture.resource("SendingDomainLink", "link");
    await expect(
      link.create({ sendingDomain: "mail.example.com", trackingDomain: "track.example.com" }),
    ).rejects.toThrow(
      "SparkPost refused to link sending domain mail.example.com to tracking domain track.example.com (400): invalid params: Tracking domain 'track.example.com' is not verified (code 1200). Check that tracking domain track.example.com exists, is verified, and belongs to the primary account like the sending domain (make this link depend on its TrackingDomainVerification).",
    );
    expect(link.state).toBeUndefined();
  });

  test("deleting the tracking domain unlinks it, and refresh drops the link", async () => {
    await verifiedDomain("track.example.com");
    const link = fixture.resource("SendingDomainLink", "link");
    await link.create({ sendingDomain: "mail.example.com", trackingDomain: "track.example.com" });
    await fetch(`${fixture.sandbox.apiUrl}/tracking-domains/track.example.com`, {
      method: "DELETE",
      headers: { Authorization: fixture.sandbox.apiKey },
    });
    expect(await link.refresh()).toBe("gone");
  });

  test("a subaccount's sending domain is linked with the subaccount header", async () => {
    await verifiedDomain("track.example.com", 5);
    const link = fixture.resource("SendingDomainLink", "link");
    await link.create({
      sendingDomain: "news.example.com",
      trackingDomain: "track.example.com",
      subaccountId: 5,
    });
    expect(fixture.sandbox.requests.map((entry) => `${entry.method} ${entry.subaccount}`)).toEqual([
      "PUT 5",
    ]);
    expect(fixture.sandbox.sendingDomain("news.example.com")?.trackingDomain).toBe(
      "track.example.com",
    );
  });
});
