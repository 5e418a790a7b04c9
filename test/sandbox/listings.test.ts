/** `GET /sending-domains` and `GET /subaccounts`: the lists a tool reading a whole account uses. */
import { call, createTrackingDomain, markVerified, useSandbox } from "./apiClient";

const sendingStatus = {
  ownership_verified: true,
  dkim_status: "valid",
  cname_status: "valid",
  compliance_status: "valid",
};

/** A listed sending domain as the sandbox renders it. */
function listed(domain: string, extra: Record<string, unknown> = {}) {
  return {
    domain,
    ...("tracking_domain" in extra ? { tracking_domain: extra.tracking_domain } : {}),
    status: sendingStatus,
    shared_with_subaccounts: false,
    is_default_bounce_domain: false,
    ...("subaccount_id" in extra ? { subaccount_id: extra.subaccount_id } : {}),
  };
}

describe("GET /sending-domains", () => {
  const sandbox = useSandbox({
    sendingDomains: [
      { domain: "mail.example.com" },
      { domain: "mail.shop.example.com", subaccountId: 42 },
      { domain: "news.example.com", trackingDomain: "track.example.com" },
      { domain: "mail.brand.example.net", subaccountId: 7 },
    ],
  });

  it("lists every owner's sending domains without the header, each with its domain field", async () => {
    const reply = await call(sandbox(), "GET", "/sending-domains");
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      results: [
        listed("mail.example.com"),
        listed("mail.shop.example.com", { subaccount_id: 42 }),
        listed("news.example.com", { tracking_domain: "track.example.com" }),
        listed("mail.brand.example.net", { subaccount_id: 7 }),
      ],
    });
  });

  it.each([
    [0, ["mail.example.com", "news.example.com"]],
    [42, ["mail.shop.example.com"]],
    [99, []],
  ])("with X-MSYS-SUBACCOUNT %s lists only that owner's", async (subaccount, domains) => {
    const reply = await call(sandbox(), "GET", "/sending-domains/", { subaccount });
    const { results } = reply.json as { results: Array<{ domain: string }> };
    expect(results.map((domain) => domain.domain)).toEqual(domains);
  });

  it("shows links made through the API and drops them when the tracking domain is deleted", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    markVerified(sandbox(), "track.example.com");
    const link = await call(sandbox(), "PUT", "/sending-domains/mail.example.com", {
      body: { tracking_domain: "track.example.com" },
    });
    expect(link.status).toBe(200);
    const linked = await call(sandbox(), "GET", "/sending-domains", { subaccount: 0 });
    expect(linked.json).toEqual({
      results: [
        listed("mail.example.com", { tracking_domain: "track.example.com" }),
        listed("news.example.com", { tracking_domain: "track.example.com" }),
      ],
    });
    await call(sandbox(), "DELETE", "/tracking-domains/track.example.com");
    const unlinked = await call(sandbox(), "GET", "/sending-domains", { subaccount: 0 });
    expect(unlinked.json).toEqual({
      results: [listed("mail.example.com"), listed("news.example.com")],
    });
  });

  it.each([
    ["ownership_verified=true", 4],
    ["ownership_verified=false", 0],
    ["dkim_status=valid&compliance_status=valid", 4],
    ["cname_status=pending", 0],
    ["mx_status=unverified", 4],
    ["is_default_bounce_domain=true", 0],
    ["unknown_filter=1", 4],
  ])("filters by the documented query parameters: %s lists %s", async (query, count) => {
    const reply = await call(sandbox(), "GET", `/sending-domains?${query}`);
    expect((reply.json as { results: unknown[] }).results).toHaveLength(count);
  });

  it("logs the request like any other", async () => {
    await call(sandbox(), "GET", "/sending-domains?cname_status=valid", { subaccount: 42 });
    expect(sandbox().requests).toEqual([
      {
        method: "GET",
        path: "/sending-domains",
        query: { cname_status: "valid" },
        subaccount: "42",
        body: null,
        status: 200,
        authorized: true,
      },
    ]);
  });

  it("answers 401 without the key", async () => {
    const reply = await call(sandbox(), "GET", "/sending-domains", { authorization: null });
    expect(reply.status).toBe(401);
  });
});

describe("GET /subaccounts", () => {
  const sandbox = useSandbox({
    sendingDomains: [
      { domain: "mail.shop.example.com", subaccountId: 42 },
      { domain: "mail.example.com" },
    ],
  });

  it("lists the subaccounts owning a sending or tracking domain, by id", async () => {
    await createTrackingDomain(sandbox(), "click.brand.example.net", { subaccount: 7 });
    await createTrackingDomain(sandbox(), "track.example.com");
    const reply = await call(sandbox(), "GET", "/subaccounts");
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      results: [
        { id: 7, name: "Subaccount 7", status: "active", compliance_status: "active" },
        { id: 42, name: "Subaccount 42", status: "active", compliance_status: "active" },
      ],
    });
  });

  it("is the API's 404 for methods it does not model", async () => {
    const reply = await call(sandbox(), "POST", "/subaccounts", { body: { name: "x" } });
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ errors: [{ message: "resource not found" }] });
  });
});

describe("GET /subaccounts on an account without subaccount data", () => {
  const sandbox = useSandbox({ sendingDomains: [{ domain: "mail.example.com" }] });

  it("answers an empty list", async () => {
    await createTrackingDomain(sandbox(), "track.example.com");
    const reply = await call(sandbox(), "GET", "/subaccounts");
    expect(reply.json).toEqual({ results: [] });
  });
});
