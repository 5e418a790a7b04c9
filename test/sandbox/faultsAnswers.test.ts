/** Faults that answer something other than the API would: counted 429s and 200s that lie. */
import type { Sandbox } from "../../sandbox";
import { call, createTrackingDomain, useSandbox } from "./apiClient";

const CREATE = { body: { domain: "track.example.com" } };
const create = (sandbox: Sandbox) => call(sandbox, "POST", "/tracking-domains", CREATE);
const faultLog = (sandbox: Sandbox) =>
  sandbox.requests.map((entry) => `${entry.method} ${entry.status} ${entry.fault ?? "-"}`);

describe("faults that answer", () => {
  // Half a second past midnight: HTTP-dates have whole seconds, so the sandbox rounds up.
  let now = Date.UTC(2026, 0, 1, 0, 0, 0, 500);
  const sandbox = useSandbox({ clock: () => now });
  beforeEach(() => {
    now = Date.UTC(2026, 0, 1, 0, 0, 0, 500);
  });

  describe("tooManyRequests", () => {
    it.each([
      ["no Retry-After", {}, undefined],
      ["Retry-After in seconds", { retryAfter: 7 }, "7"],
      [
        "an HTTP-date Retry-After",
        { retryAfter: { httpDateInSeconds: 3 } },
        "Thu, 01 Jan 2026 00:00:04 GMT",
      ],
      [
        "a Retry-After given as text",
        { retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT" },
        "Wed, 21 Oct 2015 07:28:00 GMT",
      ],
    ])("answers 429 with %s, unprocessed, count times", async (_case, options, header) => {
      sandbox().setFaults({ tooManyRequests: [{ method: "POST", count: 2, ...options }] });
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const limited = await create(sandbox());
        expect(limited.status).toBe(429);
        expect(limited.headers["retry-after"]).toBe(header);
        expect(limited.text).toBe("");
        expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
      }
      expect((await create(sandbox())).status).toBe(200);
      expect(faultLog(sandbox())).toEqual([
        "POST 429 too-many-requests",
        "POST 429 too-many-requests",
        "POST 200 -",
      ]);
    });

    it("sends SparkPost's JSON error when asked", async () => {
      sandbox().setFaults({ tooManyRequests: [{ body: "json" }] });
      const limited = await create(sandbox());
      expect(limited.headers["content-type"]).toBe("application/json");
      expect(limited.json).toEqual({ errors: [{ message: "Too many requests" }] });
    });
  });

  it("gives the rate limit an HTTP-date Retry-After too", async () => {
    sandbox().setFaults({
      rateLimit: { maxRequestsPerSecond: 0, retryAfter: { httpDateInSeconds: 1 } },
    });
    const limited = await call(sandbox(), "GET", "/tracking-domains");
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("Thu, 01 Jan 2026 00:00:02 GMT");
    expect(faultLog(sandbox())).toEqual(["GET 429 rate-limit"]);
  });

  describe("malformed200", () => {
    it("processes the request, then answers 200 with an HTML page", async () => {
      sandbox().setFaults({ malformed200: [{ method: "POST" }] });
      const reply = await create(sandbox());
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toBe("text/html");
      expect(reply.text).toBe(
        "<!DOCTYPE html>\n<html><head><title>Scheduled maintenance</title></head>" +
          "<body><h1>We will be back shortly.</h1></body></html>\n",
      );
      expect(sandbox().trackingDomain("track.example.com")?.domain).toBe("track.example.com");
      expect((await create(sandbox())).status).toBe(409);
      expect(faultLog(sandbox())).toEqual(["POST 200 malformed-200", "POST 409 -"]);
    });

    it("sends the body and content type given", async () => {
      sandbox().setFaults({
        malformed200: [{ body: '{"results":', contentType: "application/json" }],
      });
      const reply = await call(sandbox(), "GET", "/tracking-domains");
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(reply.text).toBe('{"results":');
      expect(reply.json).toBeUndefined();
    });
  });

  describe("wrongShape200", () => {
    it.each([
      ['{"results":{}}', { results: {} }],
      ["{}", {}],
      ['{"results":[]} where an object is expected', { results: [] }],
      ["null", null],
    ])("answers a read with %s", async (_case, json) => {
      await createTrackingDomain(sandbox(), "track.example.com");
      sandbox().setFaults({
        wrongShape200: [{ method: "GET", path: "/tracking-domains/*", json }],
      });
      const reply = await call(sandbox(), "GET", "/tracking-domains/track.example.com");
      expect(reply.status).toBe(200);
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(reply.text).toBe(JSON.stringify(json));
      expect(faultLog(sandbox())).toEqual(["POST 200 -", "GET 200 wrong-shape-200"]);
    });

    it("processes the request first by default", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      sandbox().setFaults({ wrongShape200: [{ method: "PUT", json: {} }] });
      const reply = await call(sandbox(), "PUT", "/tracking-domains/track.example.com", {
        body: { secure: true },
      });
      expect(reply.json).toEqual({});
      expect(sandbox().trackingDomain("track.example.com")?.secure).toBe(true);
    });

    it("does not process the request with takesEffect: false", async () => {
      sandbox().setFaults({
        wrongShape200: [{ method: "POST", json: { results: {} }, takesEffect: false }],
      });
      const reply = await create(sandbox());
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ results: {} });
      expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
      expect(faultLog(sandbox())).toEqual(["POST 200 wrong-shape-200"]);
    });
  });

  it("lets one fault decide a request, leaving the others' counts for later requests", async () => {
    sandbox().setFaults({
      inject: [{ method: "POST", status: 500 }],
      malformed200: [{ method: "POST" }],
      tooManyRequests: [{ method: "POST", retryAfter: 1 }],
    });
    expect((await create(sandbox())).status).toBe(500);
    expect((await create(sandbox())).status).toBe(429);
    expect((await create(sandbox())).text).toContain("<!DOCTYPE html>");
    expect((await create(sandbox())).status).toBe(409);
    expect(faultLog(sandbox())).toEqual([
      "POST 500 injected",
      "POST 429 too-many-requests",
      "POST 200 malformed-200",
      "POST 409 -",
    ]);
  });
});
