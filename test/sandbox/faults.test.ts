/** Fault injection: rate limits, injected statuses, latency and responses lost after processing. */
import type { Faults } from "../../sandbox";
import { call, createTrackingDomain, useSandbox } from "./apiClient";

describe("faults", () => {
  let now = Date.UTC(2026, 0, 1);
  // A fixed clock: every request of a test arrives "within one second" until the test moves it.
  const sandbox = useSandbox({ clock: () => now });
  const list = () => call(sandbox(), "GET", "/tracking-domains");

  describe("rate limit", () => {
    it("answers 429 with no body and no Retry-After once more than the limit arrive within a second", async () => {
      sandbox().setFaults({ rateLimit: { maxRequestsPerSecond: 2 } });
      expect((await list()).status).toBe(200);
      expect((await list()).status).toBe(200);
      const limited = await list();
      expect(limited.status).toBe(429);
      expect(limited.text).toBe("");
      expect(limited.headers["retry-after"]).toBeUndefined();
      now += 1000;
      expect((await list()).status).toBe(200);
      expect(sandbox().requests.map((entry) => [entry.status, entry.fault])).toEqual([
        [200, undefined],
        [200, undefined],
        [429, "rate-limit"],
        [200, undefined],
      ]);
    });

    it("adds Retry-After and the JSON body when configured", async () => {
      sandbox().setFaults({
        rateLimit: { maxRequestsPerSecond: 0, retryAfterSeconds: 3, body: "json" },
      });
      const limited = await list();
      expect(limited.status).toBe(429);
      expect(limited.headers["retry-after"]).toBe("3");
      expect(limited.json).toEqual({ errors: [{ message: "Too many requests" }] });
    });

    it("does not process a limited request", async () => {
      sandbox().setFaults({ rateLimit: { maxRequestsPerSecond: 0 } });
      const reply = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "track.example.com" },
      });
      expect(reply.status).toBe(429);
      expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
    });
  });

  describe("injected statuses", () => {
    it("answers the next K matching requests with the status and a JSON error, then processes again", async () => {
      sandbox().setFaults({
        inject: [{ method: "post", path: "/tracking-domains", status: 503, count: 2 }],
      });
      const create = () =>
        call(sandbox(), "POST", "/tracking-domains/", { body: { domain: "track.example.com" } });
      const first = await create();
      expect(first.status).toBe(503);
      expect(first.json).toEqual({ errors: [{ message: "Service Unavailable" }] });
      expect((await list()).status).toBe(200);
      expect((await create()).status).toBe(503);
      expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
      expect((await create()).status).toBe(200);
      expect(
        sandbox().requests.map((entry) => `${entry.method} ${entry.status} ${entry.fault ?? "-"}`),
      ).toEqual(["POST 503 injected", "GET 200 -", "POST 503 injected", "POST 200 -"]);
    });

    it("sends a non-JSON body as given", async () => {
      sandbox().setFaults({
        inject: [{ status: 502, body: "<html><body>Bad Gateway</body></html>" }],
      });
      const reply = await list();
      expect(reply.status).toBe(502);
      expect(reply.headers["content-type"]).toBe("text/html");
      expect(reply.text).toBe("<html><body>Bad Gateway</body></html>");
      expect((await list()).status).toBe(200);
    });

    it("matches * within one path segment only", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      sandbox().setFaults({ inject: [{ path: "/tracking-domains/*", status: 500, count: 5 }] });
      expect(
        (await call(sandbox(), "POST", "/tracking-domains/track.example.com/certificate/check"))
          .status,
      ).toBe(200);
      expect((await call(sandbox(), "GET", "/tracking-domains")).status).toBe(200);
      expect((await call(sandbox(), "GET", "/tracking-domains/TRACK.example.com/")).status).toBe(
        500,
      );
    });

    it("stops when the faults are replaced", async () => {
      sandbox().setFaults({ inject: [{ status: 503, count: 10 }] });
      expect((await list()).status).toBe(503);
      sandbox().setFaults({});
      expect((await list()).status).toBe(200);
    });
  });

  it("delays requests by the configured latency and still answers", async () => {
    sandbox().setFaults({ latencyMs: 20 });
    const reply = await list();
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ results: [] });
  });

  describe("dropped after processing", () => {
    it("changes state, then closes the socket without an answer, once", async () => {
      sandbox().setFaults({ dropAfterProcessing: { method: "POST", path: "/tracking-domains" } });
      const lost = call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "track.example.com" },
      });
      await expect(lost).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
      expect(sandbox().trackingDomain("track.example.com")).toMatchObject({
        domain: "track.example.com",
      });
      const retry = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "track.example.com" },
      });
      expect(retry.status).toBe(409);
      expect(sandbox().requests.map((entry) => [entry.status, entry.fault])).toEqual([
        [200, "dropped"],
        [409, undefined],
      ]);
    });

    it("leaves non-matching requests alone", async () => {
      sandbox().setFaults({ dropAfterProcessing: { method: "DELETE" } });
      expect((await list()).status).toBe(200);
    });
  });

  describe("over HTTP", () => {
    it("sets faults with PUT /_sandbox/faults", async () => {
      const set = await call(sandbox(), "PUT", "/_sandbox/faults", {
        body: { inject: [{ status: 503 }] },
      });
      expect(set.status).toBe(204);
      expect((await list()).status).toBe(503);
      expect((await list()).status).toBe(200);
    });

    it("sets every kind of fault over HTTP, as the in-process call does", async () => {
      now = Date.UTC(2026, 0, 1, 12);
      const set = await call(sandbox(), "PUT", "/_sandbox/faults", {
        body: {
          tooManyRequests: [{ method: "GET", retryAfter: { httpDateInSeconds: 2 } }],
          resetBeforeProcessing: [{ method: "DELETE" }],
          hang: [{ method: "PATCH" }],
          dropAfterProcessing: [{ method: "PUT" }],
          resetAfterProcessing: [{ method: "PUT", path: "/sending-domains/*" }],
          stallBody: [{ method: "POST", path: "/tracking-domains/*/verify" }],
          malformed200: [{ method: "POST", path: "/tracking-domains/*/certificate/check" }],
          wrongShape200: [{ method: "POST", json: { results: [] }, takesEffect: false }],
        },
      });
      expect(set.status).toBe(204);
      const limited = await list();
      expect([limited.status, limited.headers["retry-after"]]).toEqual([
        429,
        "Thu, 01 Jan 2026 12:00:02 GMT",
      ]);
      const created = await call(sandbox(), "POST", "/tracking-domains", {
        body: { domain: "track.example.com" },
      });
      expect(created.json).toEqual({ results: [] });
      expect(sandbox().requests.map((entry) => entry.fault)).toEqual([
        "too-many-requests",
        "wrong-shape-200",
      ]);
    });

    const badFaults: Array<[unknown, string]> = [
      [
        { rateLimit: {} },
        'rateLimit must be {maxRequestsPerSecond, retryAfterSeconds? or retryAfter?, body?: "none" | "json"}, with maxRequestsPerSecond a number of at least 0.',
      ],
      [
        { rateLimit: { maxRequestsPerSecond: 1, retryAfterSeconds: 1, retryAfter: 2 } },
        'rateLimit must be {maxRequestsPerSecond, retryAfterSeconds? or retryAfter?, body?: "none" | "json"}, with maxRequestsPerSecond a number of at least 0.',
      ],
      [
        { inject: [{ path: "/x" }] },
        "inject must be a list of {method?, path?, status, count?, body?, contentType?}.",
      ],
      [
        { inject: [{ status: 429, retryAfter: 3 }] },
        "inject must be a list of {method?, path?, status, count?, body?, contentType?}.",
      ],
      [
        { tooManyRequests: [{ retryAfter: { httpDate: 3 } }] },
        'tooManyRequests must be a list of {method?, path?, count?, retryAfter?, body?: "none" | "json"}, where retryAfter is a number of seconds, {httpDateInSeconds}, or the header\'s text.',
      ],
      [
        { tooManyRequests: { count: 2 } },
        'tooManyRequests must be a list of {method?, path?, count?, retryAfter?, body?: "none" | "json"}, where retryAfter is a number of seconds, {httpDateInSeconds}, or the header\'s text.',
      ],
      [{ latencyMs: -1 }, "latencyMs must be a number of at least 0."],
      [
        { dropAfterProcessing: { count: "1" } },
        "dropAfterProcessing must be {method?, path?, count?} or a list of them.",
      ],
      [
        { resetBeforeProcessing: [{ count: -1 }] },
        "resetBeforeProcessing must be a list of {method?, path?, count?}.",
      ],
      [
        { resetAfterProcessing: [{ when: "after" }] },
        "resetAfterProcessing must be a list of {method?, path?, count?}.",
      ],
      [{ hang: [{ method: 1 }] }, "hang must be a list of {method?, path?, count?}."],
      [
        { stallBody: [{ bytes: 1.5 }] },
        "stallBody must be a list of {method?, path?, count?, bytes?}.",
      ],
      [
        { malformed200: [{ body: { html: true } }] },
        "malformed200 must be a list of {method?, path?, count?, body?, contentType?}.",
      ],
      [
        { wrongShape200: [{ method: "GET" }] },
        "wrongShape200 must be a list of {method?, path?, count?, json, takesEffect?}, json being the body to send.",
      ],
      [
        { wrongShape200: [{ json: {}, takesEffect: "no" }] },
        "wrongShape200 must be a list of {method?, path?, count?, json, takesEffect?}, json being the body to send.",
      ],
      [
        { dropAfterProccessing: {} },
        "Unknown fault switch dropAfterProccessing: use latencyMs, rateLimit, inject, tooManyRequests, resetBeforeProcessing, hang, dropAfterProcessing, resetAfterProcessing, stallBody, malformed200, wrongShape200.",
      ],
      [[], "The body must be a JSON object of faults."],
    ];

    it.each(badFaults)("refuses %j over HTTP", async (body, message) => {
      const reply = await call(sandbox(), "PUT", "/_sandbox/faults", { body });
      expect(reply.status).toBe(400);
      expect(reply.json).toEqual({ errors: [{ message }] });
    });

    it.each(badFaults)(
      "refuses %j in process, keeping the previous faults",
      async (faults, message) => {
        sandbox().setFaults({ inject: [{ status: 503 }] });
        expect(() => sandbox().setFaults(faults as Faults)).toThrow(message);
        expect((await list()).status).toBe(503);
      },
    );
  });
});

describe("faults given at start", () => {
  const sandbox = useSandbox({ faults: { inject: [{ method: "GET", status: 503 }] } });

  it("apply from the first request", async () => {
    expect((await call(sandbox(), "GET", "/tracking-domains")).status).toBe(503);
    expect((await call(sandbox(), "GET", "/tracking-domains")).status).toBe(200);
  });
});
