/**
 * TrackingDomain through the real dynamic-provider host against the sandbox: the whole lifecycle,
 * adoption, drift and the requests each step spends.
 */
import { failureOf } from "../support/failureOf";
import { EngineFixture, startEngineFixture } from "../support/engineFixture";

let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngineFixture();
});
afterAll(async () => fixture.close());
beforeEach(() => fixture.sandbox.reset());

const newDomainStatus = {
  verified: false,
  cnameStatus: "pending",
  complianceStatus: "pending",
};

describe("lifecycle", () => {
  test("create, no-op, update, refresh, replace and destroy spend exactly the requests they need", async () => {
    const domain = fixture.resource("TrackingDomain", "track");

    await domain.create({ domain: "Track.Example.com." });
    expect(fixture.requestLines()).toEqual([
      "POST /tracking-domains 200",
      "GET /tracking-domains/track.example.com 200",
    ]);
    expect(domain.state!.id).toBe("track.example.com");
    const { __provider, ...outputs } = domain.state!.outputs;
    expect(__provider).toBe(fixture.serialized.TrackingDomain);
    expect(outputs).toEqual({
      domain: "track.example.com",
      secure: false,
      adopt: false,
      port: 80,
      isDefault: false,
      status: newDomainStatus,
    });

    fixture.sandbox.clearLog();
    await domain.same({ domain: "track.example.com" });
    expect(fixture.requestLines()).toEqual([]);

    await domain.update({ domain: "track.example.com", secure: true });
    expect(fixture.requestLines()).toEqual([
      "PUT /tracking-domains/track.example.com 200",
      "GET /tracking-domains/track.example.com 200",
    ]);
    expect(fixture.sandbox.requests[0].body).toEqual({ secure: true });
    expect(domain.state!.outputs).toMatchObject({ secure: true, port: 443 });

    fixture.sandbox.clearLog();
    expect(await domain.refresh()).toBe("refreshed");
    expect(fixture.requestLines()).toEqual(["GET /tracking-domains/track.example.com 200"]);

    fixture.sandbox.clearLog();
    await domain.replace({ domain: "links.example.com", secure: true });
    expect(fixture.requestLines()).toEqual([
      "POST /tracking-domains 200",
      "GET /tracking-domains/links.example.com 200",
      "DELETE /tracking-domains/track.example.com 204",
    ]);
    expect(fixture.sandbox.trackingDomain("track.example.com")).toBeUndefined();

    fixture.sandbox.clearLog();
    await domain.destroy();
    expect(fixture.requestLines()).toEqual(["DELETE /tracking-domains/links.example.com 204"]);
    expect(fixture.sandbox.trackingDomain("links.example.com")).toBeUndefined();
  });

  test("moving to another subaccount deletes before it creates, since the name stays taken", async () => {
    const domain = fixture.resource("TrackingDomain", "track");
    await domain.create({ domain: "track.example.com", subaccountId: 7 });
    expect(await domain.preview({ domain: "track.example.com", subaccountId: 8 })).toEqual({
      changes: "some",
      replaces: ["subaccountId"],
      deleteBeforeReplace: true,
    });
    fixture.sandbox.clearLog();
    await domain.replace({ domain: "track.example.com", subaccountId: 8 });
    expect(fixture.sandbox.requests.map((entry) => `${entry.method} ${entry.subaccount}`)).toEqual([
      "DELETE 7",
      "POST 8",
      "GET 8",
    ]);
    expect(fixture.sandbox.trackingDomain("track.example.com")?.subaccount_id).toBe(8);
  });

  test("destroying a domain that is already gone succeeds", async () => {
    const domain = fixture.resource("TrackingDomain", "track");
    await domain.create({ domain: "track.example.com" });
    await fetch(`${fixture.sandbox.apiUrl}/tracking-domains/track.example.com`, {
      method: "DELETE",
      headers: { Authorization: fixture.sandbox.apiKey },
    });
    fixture.sandbox.clearLog();
    await domain.destroy();
    expect(fixture.requestLines()).toEqual(["DELETE /tracking-domains/track.example.com 404"]);
  });
});

describe("drift", () => {
  test("secure flipped by hand shows as an update that flips it back", async () => {
    const domain = fixture.resource("TrackingDomain", "track");
    await domain.create({ domain: "track.example.com" });
    fixture.sandbox.patchTrackingDomain("track.example.com", { secure: true });

    expect(await domain.refresh()).toBe("refreshed");
    expect(domain.state!.outputs).toMatchObject({ secure: true, port: 443 });
    expect(await domain.preview({ domain: "track.example.com" })).toEqual({
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    await domain.update({ domain: "track.example.com" });
    expect(fixture.sandbox.trackingDomain("track.example.com")?.secure).toBe(false);
  });

  test("a domain deleted by hand leaves state on refresh, and the next up creates it again", async () => {
    const domain = fixture.resource("TrackingDomain", "track");
    await domain.create({ domain: "track.example.com" });
    await fetch(`${fixture.sandbox.apiUrl}/tracking-domains/track.example.com`, {
      method: "DELETE",
      headers: { Authorization: fixture.sandbox.apiKey },
    });
    expect(await domain.refresh()).toBe("gone");
    await domain.create({ domain: "track.example.com" });
    expect(fixture.sandbox.trackingDomain("track.example.com")?.domain).toBe("track.example.com");
  });

  test("status and default changes made in SparkPost appear in the outputs after refresh", async () => {
    const domain = fixture.resource("TrackingDomain", "track");
    await domain.create({ domain: "track.example.com" });
    fixture.sandbox.patchTrackingDomain("track.example.com", {
      status: { verified: true, cname_status: "valid", compliance_status: "valid" },
      default: true,
    });
    await domain.refresh();
    expect(domain.state!.outputs).toMatchObject({
      isDefault: true,
      status: { verified: true, cnameStatus: "valid", complianceStatus: "valid" },
    });
    expect(await domain.preview({ domain: "track.example.com" })).toEqual({
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("adopt", () => {
  async function createByHand(body: object, subaccount?: number): Promise<void> {
    const headers: Record<string, string> = {
      Authorization: fixture.sandbox.apiKey,
      "Content-Type": "application/json",
    };
    if (subaccount !== undefined) headers["X-MSYS-SUBACCOUNT"] = String(subaccount);
    const response = await fetch(`${fixture.sandbox.apiUrl}/tracking-domains`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    fixture.sandbox.clearLog();
  }

  test("without adopt, an existing domain is a clear error that explains adopt", async () => {
    await createByHand({ domain: "track.example.com" });
    const domain = fixture.resource("TrackingDomain", "track");
    await expect(domain.create({ domain: "track.example.com" })).rejects.toThrow(
      "SparkPost refused to create tracking domain track.example.com in the primary account (409): The tracking domain already exists. Set adopt: true to manage the existing domain (Pulumi's import does not work for dynamic resources), or choose another domain.",
    );
    expect(domain.state).toBeUndefined();
  });

  test("with adopt, the existing domain is taken over and secure brought in line", async () => {
    await createByHand({ domain: "track.example.com", secure: false });
    const domain = fixture.resource("TrackingDomain", "track");
    await domain.create({ domain: "track.example.com", secure: true, adopt: true });
    // With adopt, create looks first: an existing domain takes no create attempt.
    expect(fixture.requestLines()).toEqual([
      "GET /tracking-domains/track.example.com 200",
      "PUT /tracking-domains/track.example.com 200",
      "GET /tracking-domains/track.example.com 200",
    ]);
    expect(domain.state!.outputs).toMatchObject({
      domain: "track.example.com",
      secure: true,
      adopt: true,
    });
  });

  test("adopting a domain of another subaccount is refused, naming the owner", async () => {
    await createByHand({ domain: "track.example.com" }, 12);
    const domain = fixture.resource("TrackingDomain", "track");
    await expect(domain.create({ domain: "track.example.com", adopt: true })).rejects.toThrow(
      "Cannot adopt tracking domain track.example.com: it belongs to subaccount 12, not the primary account. Set subaccountId to 12 to adopt it.",
    );
  });
});

describe("errors carry SparkPost's words", () => {
  test("a blacklisted domain", async () => {
    fixture.sandbox.updateSettings({ blacklist: ["blocked.example"] });
    const domain = fixture.resource("TrackingDomain", "track");
    await expect(domain.create({ domain: "track.blocked.example" })).rejects.toThrow(
      "SparkPost refused to create tracking domain track.blocked.example in the primary account (400): domain is on a DNS blacklist.",
    );
    fixture.sandbox.updateSettings({ blacklist: [] });
  });

  test("a create whose read-back fails is recorded, then finished by the next up", async () => {
    fixture.sandbox.setFaults({
      inject: [{ method: "GET", path: "/tracking-domains/*", status: 403, count: 1 }],
    });
    const domain = fixture.resource("TrackingDomain", "partial");
    const error = await failureOf(domain.create({ domain: "track.example.com" }));
    fixture.sandbox.setFaults({});

    expect(error.message).toBe(
      "SparkPost refused to read tracking domain track.example.com back after creating it (403): Forbidden. The domain is recorded in the stack's state; run `pulumi up` or `pulumi refresh` to complete it.",
    );
    const { __provider: _recorded, ...recorded } = domain.state!.outputs;
    expect(recorded).toEqual({ domain: "track.example.com", secure: false, adopt: false });
    fixture.sandbox.clearLog();

    await domain.finishPartialCreate({ domain: "track.example.com" });

    const { __provider: _finished, ...finished } = domain.state!.outputs;
    expect(finished).toEqual({
      domain: "track.example.com",
      secure: false,
      adopt: false,
      port: 80,
      isDefault: false,
      status: { verified: false, cnameStatus: "pending", complianceStatus: "pending" },
    });
    expect(fixture.requestLines()).toEqual(["GET /tracking-domains/track.example.com 200"]);
    expect(fixture.sandbox.trackingDomain("track.example.com")?.domain).toBe("track.example.com");
  });
});
