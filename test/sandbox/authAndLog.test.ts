/** Authorization, body parsing, and the request log (in-process and over HTTP). */
import { request } from "undici";
import type { RequestLogEntry } from "../../sandbox";
import { call, createTrackingDomain, useSandbox } from "./apiClient";

const API_KEY = "sandbox-test-key-4Zr8Qm2Lx7";
const unauthorized = { errors: [{ message: "Unauthorized" }] };

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

describe("authorization", () => {
  const seen: RequestLogEntry[] = [];
  const sandbox = useSandbox({ apiKey: API_KEY, onRequest: (entry) => seen.push(entry) });
  beforeEach(() => {
    seen.length = 0;
  });

  it.each([
    ["the raw key", API_KEY],
    ["Basic auth with the key as user and an empty password", basic(API_KEY, "")],
  ])("accepts %s", async (_case, authorization) => {
    const reply = await call(sandbox(), "GET", "/tracking-domains", { authorization });
    expect(reply.status).toBe(200);
    expect(sandbox().requests[0].authorized).toBe(true);
  });

  it.each([
    ["no Authorization header", null],
    ["a wrong key", "wrong-key"],
    ["the key with a scheme", `Bearer ${API_KEY}`],
    ["Basic auth with a password", basic(API_KEY, "secret")],
    ["Basic auth with a wrong user", basic("wrong-key", "")],
  ])("answers 401 to %s and changes nothing", async (_case, authorization) => {
    const reply = await call(sandbox(), "POST", "/tracking-domains", {
      authorization,
      body: { domain: "track.example.com" },
    });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual(unauthorized);
    expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
    expect(sandbox().requests.map((entry) => entry.authorized)).toEqual([false]);
  });

  it("never records the key, in the log or in what the CLI callback receives", async () => {
    await call(sandbox(), "GET", "/tracking-domains");
    await call(sandbox(), "GET", "/tracking-domains", { authorization: basic(API_KEY, "") });
    await call(sandbox(), "GET", "/tracking-domains", { authorization: `${API_KEY}x` });
    const over = await request(`${sandbox().url}/_sandbox/requests`);
    const text =
      JSON.stringify(sandbox().requests) + JSON.stringify(seen) + (await over.body.text());
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(Buffer.from(`${API_KEY}:`).toString("base64"));
  });

  it("answers 400 with SparkPost's JSON error to a body that is not JSON", async () => {
    const reply = await call(sandbox(), "POST", "/tracking-domains", { rawBody: "{domain:" });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({
      errors: [
        {
          message: "invalid data format/type",
          description: "Problems parsing request as json",
          code: "1300",
        },
      ],
    });
  });
});

describe("request log", () => {
  const seen: RequestLogEntry[] = [];
  const sandbox = useSandbox({ onRequest: (entry) => seen.push(entry) });
  beforeEach(() => {
    seen.length = 0;
  });

  const expectedLog: RequestLogEntry[] = [
    {
      method: "POST",
      path: "/tracking-domains",
      query: {},
      subaccount: "12",
      body: { domain: "Track.Example.com", secure: true },
      status: 200,
      authorized: true,
    },
    {
      method: "GET",
      path: "/tracking-domains/",
      query: { default: "true", subaccounts: "12" },
      subaccount: null,
      body: null,
      status: 200,
      authorized: true,
    },
    {
      method: "DELETE",
      path: "/tracking-domains/TRACK.example.com",
      query: {},
      subaccount: null,
      body: null,
      status: 404,
      authorized: true,
    },
    {
      method: "PUT",
      path: "/tracking-domains/x.example.com",
      query: {},
      subaccount: null,
      body: "not json",
      status: 401,
      authorized: false,
    },
    {
      method: "GET",
      path: "/health",
      query: {},
      subaccount: null,
      body: null,
      status: 404,
      authorized: true,
    },
  ];

  async function makeRequests(): Promise<void> {
    await createTrackingDomain(sandbox(), "Track.Example.com", { secure: true, subaccount: 12 });
    await call(sandbox(), "GET", "/tracking-domains/?default=true&subaccounts=12");
    await call(sandbox(), "DELETE", "/tracking-domains/TRACK.example.com");
    await call(sandbox(), "PUT", "/tracking-domains/x.example.com", {
      rawBody: "not json",
      authorization: "nope",
    });
    const outside = await request(`${sandbox().url}/health`, {
      headers: { authorization: sandbox().apiKey },
    });
    await outside.body.text();
  }

  it("records every API request exactly, in order, with paths relative to /api/v1", async () => {
    await makeRequests();
    expect(sandbox().requests).toEqual(expectedLog);
    expect(seen).toEqual(expectedLog);
  });

  it("serves the same log over HTTP and clears it over HTTP, without logging control calls", async () => {
    await makeRequests();
    const listed = await call(sandbox(), "GET", "/_sandbox/requests");
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual({ requests: expectedLog });
    const cleared = await call(sandbox(), "DELETE", "/_sandbox/requests");
    expect(cleared.status).toBe(204);
    expect(sandbox().requests).toEqual([]);
    expect((await call(sandbox(), "GET", "/_sandbox/requests")).json).toEqual({ requests: [] });
  });

  it("keeps the same live array through clearLog", async () => {
    const log = sandbox().requests;
    await call(sandbox(), "GET", "/tracking-domains");
    sandbox().clearLog();
    await call(sandbox(), "GET", "/tracking-domains?page=1");
    expect(log).toBe(sandbox().requests);
    expect(log.map((entry) => entry.query)).toEqual([{ page: "1" }]);
  });
});
