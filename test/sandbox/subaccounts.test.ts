/** X-MSYS-SUBACCOUNT semantics and the one-default-per-owner rule. */
import { call, createTrackingDomain, markVerified, useSandbox } from "./apiClient";
import type { Sandbox } from "../../sandbox";

const pendingStatus = { verified: false, cname_status: "pending", compliance_status: "pending" };

async function listedDomains(
  sandbox: Sandbox,
  path: string,
  subaccount?: number,
): Promise<string[]> {
  const reply = await call(sandbox, "GET", path, { subaccount });
  expect(reply.status).toBe(200);
  return (reply.json as { results: Array<{ domain: string }> }).results.map(
    (object) => object.domain,
  );
}

describe("subaccounts", () => {
  const sandbox = useSandbox();

  beforeEach(async () => {
    await createTrackingDomain(sandbox(), "primary.example.com");
    await createTrackingDomain(sandbox(), "five.example.com", { subaccount: 5 });
    await createTrackingDomain(sandbox(), "seven.example.com", { subaccount: 7 });
  });

  it("sets subaccount_id at creation from the header, and omits it for the primary account", async () => {
    await createTrackingDomain(sandbox(), "zero.example.com", { subaccount: 0 });
    expect(sandbox().trackingDomain("five.example.com")).toEqual({
      domain: "five.example.com",
      port: 80,
      secure: false,
      default: false,
      status: pendingStatus,
      subaccount_id: 5,
    });
    expect(sandbox().trackingDomain("primary.example.com")).not.toHaveProperty("subaccount_id");
    expect(sandbox().trackingDomain("zero.example.com")).not.toHaveProperty("subaccount_id");
  });

  it.each([
    ["no header", undefined, ["primary.example.com", "five.example.com", "seven.example.com"]],
    ["header 0", 0, ["primary.example.com"]],
    ["header 5", 5, ["five.example.com"]],
    ["an unused subaccount", 9, []],
  ])("lists with %s", async (_case, subaccount, expected) => {
    expect(await listedDomains(sandbox(), "/tracking-domains", subaccount)).toEqual(expected);
  });

  it.each([
    [
      "subaccounts=5,7",
      "/tracking-domains?subaccounts=5,7",
      ["five.example.com", "seven.example.com"],
    ],
    [
      "subaccounts=0 (the primary account)",
      "/tracking-domains?subaccounts=0",
      ["primary.example.com"],
    ],
    [
      "a custom delimiter",
      "/tracking-domains?subaccounts=7;0&delimiter=;",
      ["primary.example.com", "seven.example.com"],
    ],
  ])("filters the list with %s", async (_case, path, expected) => {
    expect(await listedDomains(sandbox(), path)).toEqual(expected);
  });

  it("shows every owner's domain to GET without the header, only the owner's with it", async () => {
    expect((await call(sandbox(), "GET", "/tracking-domains/five.example.com")).status).toBe(200);
    expect(
      (await call(sandbox(), "GET", "/tracking-domains/five.example.com", { subaccount: 5 }))
        .status,
    ).toBe(200);
    expect(
      (await call(sandbox(), "GET", "/tracking-domains/five.example.com", { subaccount: 0 }))
        .status,
    ).toBe(404);
    expect(
      (await call(sandbox(), "GET", "/tracking-domains/five.example.com", { subaccount: 7 }))
        .status,
    ).toBe(404);
    expect(
      (await call(sandbox(), "GET", "/tracking-domains/primary.example.com", { subaccount: 5 }))
        .status,
    ).toBe(404);
  });

  it.each([
    ["PUT", { secure: true }],
    ["DELETE", undefined],
    ["POST", undefined],
  ])("answers 404 to %s on a subaccount's domain without the header", async (method, body) => {
    const path =
      method === "POST"
        ? "/tracking-domains/five.example.com/verify"
        : "/tracking-domains/five.example.com";
    const reply = await call(sandbox(), method, path, { body });
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ errors: [{ message: "resource not found" }] });
    expect(sandbox().trackingDomain("five.example.com")).toMatchObject({ secure: false });
  });

  it("lets the owning subaccount change and delete its domain, and no other", async () => {
    const foreign = await call(sandbox(), "DELETE", "/tracking-domains/five.example.com", {
      subaccount: 7,
    });
    expect(foreign.status).toBe(404);
    const changed = await call(sandbox(), "PUT", "/tracking-domains/five.example.com", {
      subaccount: 5,
      body: { secure: true },
    });
    expect(changed.status).toBe(200);
    expect(sandbox().trackingDomain("five.example.com")?.secure).toBe(true);
    const deleted = await call(sandbox(), "DELETE", "/tracking-domains/five.example.com", {
      subaccount: 5,
    });
    expect(deleted.status).toBe(204);
    expect(sandbox().trackingDomain("five.example.com")).toBeUndefined();
  });

  it("keeps a primary domain out of a subaccount's reach", async () => {
    const reply = await call(sandbox(), "DELETE", "/tracking-domains/primary.example.com", {
      subaccount: 5,
    });
    expect(reply.status).toBe(404);
    expect(sandbox().trackingDomain("primary.example.com")).toBeDefined();
  });

  it("keeps one default per owner: a new default unsets only the same owner's previous one", async () => {
    await createTrackingDomain(sandbox(), "primary2.example.com");
    await createTrackingDomain(sandbox(), "five2.example.com", { subaccount: 5 });
    for (const domain of [
      "primary.example.com",
      "primary2.example.com",
      "five.example.com",
      "five2.example.com",
    ]) {
      markVerified(sandbox(), domain);
    }
    const setDefault = (domain: string, subaccount?: number) =>
      call(sandbox(), "PUT", `/tracking-domains/${domain}`, {
        subaccount,
        body: { default: true },
      });
    expect((await setDefault("primary.example.com")).status).toBe(200);
    expect((await setDefault("five.example.com", 5)).status).toBe(200);
    expect(await listedDomains(sandbox(), "/tracking-domains?default=true")).toEqual([
      "primary.example.com",
      "five.example.com",
    ]);

    await setDefault("primary2.example.com");
    expect(await listedDomains(sandbox(), "/tracking-domains?default=true")).toEqual([
      "five.example.com",
      "primary2.example.com",
    ]);
    await setDefault("five2.example.com", 5);
    expect(await listedDomains(sandbox(), "/tracking-domains?default=true")).toEqual([
      "primary2.example.com",
      "five2.example.com",
    ]);
    expect(await listedDomains(sandbox(), "/tracking-domains?default=true", 5)).toEqual([
      "five2.example.com",
    ]);
  });

  it("answers 400 for a header that is not a non-negative integer", async () => {
    const reply = await call(sandbox(), "GET", "/tracking-domains", { subaccount: "five" });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      errors: [{ message: "X-MSYS-SUBACCOUNT must be a non-negative integer" }],
    });
  });
});
