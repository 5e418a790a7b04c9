/** Fidelity of the tracking-domain routes to the documented bodies and status codes. */
import { call, createTrackingDomain, markVerified, useSandbox } from "./apiClient";

const pendingStatus = { verified: false, cname_status: "pending", compliance_status: "pending" };

describe("tracking domains", () => {
  const sandbox = useSandbox({ blacklist: ["spam.example"] });

  describe("POST /tracking-domains", () => {
    it("creates an http domain and answers only its name", async () => {
      const reply = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "track.example.com" },
      });
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(reply.json).toEqual({ results: { domain: "track.example.com" } });
      expect(sandbox().trackingDomain("track.example.com")).toEqual({
        domain: "track.example.com",
        port: 80,
        secure: false,
        default: false,
        status: pendingStatus,
      });
    });

    it("derives port 443 from secure and stores the name lowercase, ignoring unknown fields", async () => {
      const reply = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "Click.Example.COM", secure: true, port: 8080, colour: "blue" },
      });
      expect(reply.json).toEqual({ results: { domain: "click.example.com" } });
      expect(sandbox().trackingDomain("click.example.com")).toEqual({
        domain: "click.example.com",
        port: 443,
        secure: true,
        default: false,
        status: pendingStatus,
      });
    });

    it("answers 409 when the domain exists, whatever its case", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      const reply = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "TRACK.example.com" },
      });
      expect(reply.status).toBe(409);
      expect(reply.json).toEqual({ errors: [{ message: "The tracking domain already exists" }] });
    });

    it("answers 409 when a subaccount already owns the domain", async () => {
      await createTrackingDomain(sandbox(), "track.example.com", { subaccount: 4 });
      const reply = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "track.example.com" },
      });
      expect(reply.status).toBe(409);
    });

    it.each([
      ["a name with invalid characters", "exa*mple&.com", "exa*mple&.com"],
      ["a single label", "localhost", "localhost"],
      ["a label starting with a hyphen", "-track.example.com", "-track.example.com"],
      ["a non-string", 42, 42],
      ["a missing domain", undefined, null],
    ])("answers 422 for %s", async (_case, domain, value) => {
      const reply = await call(sandbox(), "POST", "/tracking-domains", { body: { domain } });
      expect(reply.status).toBe(422);
      expect(reply.json).toEqual({
        errors: [{ message: "domain must be valid", param: "domain", value }],
      });
      expect(sandbox().requests).toHaveLength(1);
    });

    it("answers 422 when secure is not a boolean", async () => {
      const reply = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "track.example.com", secure: "yes" },
      });
      expect(reply.status).toBe(422);
      expect(reply.json).toEqual({
        errors: [{ message: "secure must be a boolean", param: "secure", value: "yes" }],
      });
      expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
    });

    it.each(["spam.example", "click.spam.example"])(
      "answers 400 for %s on the blacklist",
      async (domain) => {
        const reply = await call(sandbox(), "POST", "/tracking-domains", { body: { domain } });
        expect(reply.status).toBe(400);
        expect(reply.json).toEqual({ errors: [{ message: "domain is on a DNS blacklist" }] });
        expect(sandbox().trackingDomain(domain)).toBeUndefined();
      },
    );
  });

  describe("GET /tracking-domains/{domain}", () => {
    it("answers the object, case-insensitively and with a trailing slash", async () => {
      await createTrackingDomain(sandbox(), "track.example.com", { secure: true });
      const reply = await call(sandbox(), "GET", "/tracking-domains/Track.EXAMPLE.com/");
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({
        results: {
          domain: "track.example.com",
          port: 443,
          secure: true,
          default: false,
          status: pendingStatus,
        },
      });
    });

    it("answers 404 for an unknown domain", async () => {
      const reply = await call(sandbox(), "GET", "/tracking-domains/nowhere.example.com");
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ errors: [{ message: "resource not found" }] });
    });

    it("answers 400 for an invalid name", async () => {
      const reply = await call(sandbox(), "GET", "/tracking-domains/not_a_domain");
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({
        errors: [{ message: "domain must be valid", param: "domain", value: "not_a_domain" }],
      });
    });
  });

  describe("GET /tracking-domains", () => {
    it("lists every domain in creation order, ignoring unknown query parameters", async () => {
      await createTrackingDomain(sandbox(), "b.example.com");
      await createTrackingDomain(sandbox(), "a.example.com", { secure: true });
      const reply = await call(sandbox(), "GET", "/tracking-domains?page=2");
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({
        results: [
          {
            domain: "b.example.com",
            port: 80,
            secure: false,
            default: false,
            status: pendingStatus,
          },
          {
            domain: "a.example.com",
            port: 443,
            secure: true,
            default: false,
            status: pendingStatus,
          },
        ],
      });
    });

    it("answers an empty list for an empty account", async () => {
      const reply = await call(sandbox(), "GET", "/tracking-domains/");
      expect(reply.json).toEqual({ results: [] });
    });

    it("restricts to defaults with default=true and to nothing with default=false", async () => {
      await createTrackingDomain(sandbox(), "a.example.com");
      await createTrackingDomain(sandbox(), "b.example.com");
      sandbox().patchTrackingDomain("b.example.com", { default: true });
      const defaults = await call(sandbox(), "GET", "/tracking-domains?default=true");
      expect(
        (defaults.json as { results: Array<{ domain: string }> }).results.map((d) => d.domain),
      ).toEqual(["b.example.com"]);
      const all = await call(sandbox(), "GET", "/tracking-domains?default=false");
      expect((all.json as { results: unknown[] }).results).toHaveLength(2);
    });
  });

  describe("PUT /tracking-domains/{domain}", () => {
    it("changes secure and answers the domain name", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      const reply = await call(sandbox(), "PUT", "/tracking-domains/TRACK.example.com", {
        body: { secure: true, unknown: 1 },
      });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ results: { domain: "track.example.com" } });
      expect(sandbox().trackingDomain("track.example.com")).toMatchObject({
        secure: true,
        port: 443,
      });
    });

    it("refuses default on an unverified domain with 422 and changes nothing", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      const reply = await call(sandbox(), "PUT", "/tracking-domains/track.example.com", {
        body: { secure: true, default: true },
      });
      expect(reply.status).toBe(422);
      expect(reply.json).toEqual({
        errors: [{ message: "Tracking domain 'track.example.com' unverified." }],
      });
      expect(sandbox().trackingDomain("track.example.com")).toMatchObject({
        secure: false,
        default: false,
      });
    });

    it("sets and unsets default on a verified domain", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      markVerified(sandbox(), "track.example.com");
      await call(sandbox(), "PUT", "/tracking-domains/track.example.com", {
        body: { default: true },
      });
      expect(sandbox().trackingDomain("track.example.com")?.default).toBe(true);
      await call(sandbox(), "PUT", "/tracking-domains/track.example.com", {
        body: { default: false },
      });
      expect(sandbox().trackingDomain("track.example.com")?.default).toBe(false);
    });

    it("answers 422 for a non-boolean default", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      const reply = await call(sandbox(), "PUT", "/tracking-domains/track.example.com", {
        body: { default: "on" },
      });
      expect(reply.status).toBe(422);
      expect(reply.json).toEqual({
        errors: [{ message: "default must be a boolean", param: "default", value: "on" }],
      });
    });

    it("answers 404 for an unknown domain", async () => {
      const reply = await call(sandbox(), "PUT", "/tracking-domains/nowhere.example.com", {
        body: { secure: true },
      });
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ errors: [{ message: "resource not found" }] });
    });
  });

  describe("DELETE /tracking-domains/{domain}", () => {
    it("answers 204 with no body and forgets the domain", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      const reply = await call(sandbox(), "DELETE", "/tracking-domains/Track.Example.com/");
      expect(reply.status).toBe(204);
      expect(reply.text).toBe("");
      expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
    });

    it("answers 404 the second time", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      await call(sandbox(), "DELETE", "/tracking-domains/track.example.com");
      const reply = await call(sandbox(), "DELETE", "/tracking-domains/track.example.com");
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ errors: [{ message: "resource not found" }] });
    });
  });

  it.each([
    ["an unknown path", "GET", "/templates"],
    ["an unknown sub-route", "POST", "/tracking-domains/track.example.com/refresh"],
    ["an unsupported method", "PATCH", "/tracking-domains/track.example.com"],
  ])("answers 404 for %s", async (_case, method, path) => {
    await createTrackingDomain(sandbox(), "track.example.com");
    const reply = await call(sandbox(), method, path);
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ errors: [{ message: "resource not found" }] });
  });
});
