/**
 * Every SparkPostClient method against a real loopback server: the exact request it sends
 * (method, path, headers, body) and the result it makes of SparkPost's documented answer.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostClient,
} from "../../provider/sparkpost";
import { clientFor, rejectionOf, sentHeaders, sentJsonHeaders } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";

let server: ScriptServer;
let client: SparkPostClient;

beforeEach(async () => {
  server = await startScriptServer();
  client = clientFor(server).client;
});

afterEach(async () => {
  await server.close();
  clearRateLimitPauses();
});

afterAll(closeSharedAgent);

const trackingDomain = {
  domain: "track.example.com",
  port: 443,
  secure: true,
  default: false,
  status: { verified: false, cname_status: "pending", compliance_status: "pending" },
  subaccount_id: 215,
};

/** The headers every call sends, plus `extra`. */
function headers(extra: Record<string, string> = {}): Record<string, string> {
  return sentHeaders(server, extra);
}

/** The headers of a call with a JSON body of `body`. */
function jsonHeaders(body: string, extra: Record<string, string> = {}): Record<string, string> {
  return sentJsonHeaders(server, body, extra);
}

describe("tracking domains", () => {
  test("createTrackingDomain posts the domain and secure flag, scoped to the subaccount", async () => {
    server.enqueue({ status: 200, json: { results: { domain: "track.example.com" } } });

    const result = await client.createTrackingDomain(
      "track.example.com",
      { secure: true },
      { subaccountId: 215 },
    );

    expect(result).toEqual({ outcome: "created" });
    const body = '{"domain":"track.example.com","secure":true}';
    expect(server.requests).toEqual([
      {
        method: "POST",
        path: "/api/v1/tracking-domains",
        headers: jsonHeaders(body, { "x-msys-subaccount": "215" }),
        body,
      },
    ]);
  });

  test("createTrackingDomain leaves secure out when not given and sends subaccount 0", async () => {
    server.enqueue({ status: 200, json: { results: { domain: "track.example.com" } } });

    expect(await client.createTrackingDomain("track.example.com", {}, { subaccountId: 0 })).toEqual(
      {
        outcome: "created",
      },
    );

    const body = '{"domain":"track.example.com"}';
    expect(server.requests).toEqual([
      {
        method: "POST",
        path: "/api/v1/tracking-domains",
        headers: jsonHeaders(body, { "x-msys-subaccount": "0" }),
        body,
      },
    ]);
  });

  test("getTrackingDomain reads the object, with the domain URL-encoded", async () => {
    server.enqueue({ status: 200, json: { results: trackingDomain } });

    const result = await client.getTrackingDomain("track.example.com/x?y", { subaccountId: 215 });

    expect(result).toEqual(trackingDomain);
    expect(server.requests).toEqual([
      {
        method: "GET",
        path: "/api/v1/tracking-domains/track.example.com%2Fx%3Fy",
        headers: headers({ "x-msys-subaccount": "215" }),
        body: "",
      },
    ]);
  });

  test("getTrackingDomain gives undefined on 404", async () => {
    server.enqueue({ status: 404, json: { errors: [{ message: "resource not found" }] } });

    expect(await client.getTrackingDomain("gone.example.com")).toBeUndefined();
    expect(server.requestLines()).toEqual(["GET /api/v1/tracking-domains/gone.example.com"]);
  });

  test("listTrackingDomains sends the filters as query parameters", async () => {
    server.enqueue({ status: 200, json: { results: [trackingDomain] } });

    const result = await client.listTrackingDomains({ default: true, subaccounts: [1, 215] });

    expect(result).toEqual([trackingDomain]);
    expect(server.requests).toEqual([
      {
        method: "GET",
        path: "/api/v1/tracking-domains?default=true&subaccounts=1%2C215",
        headers: headers(),
        body: "",
      },
    ]);
  });

  test("listTrackingDomains without filters sends no query", async () => {
    server.enqueue({ status: 200, json: { results: [] } });

    expect(await client.listTrackingDomains()).toEqual([]);
    expect(server.requestLines()).toEqual(["GET /api/v1/tracking-domains"]);
  });

  test("updateTrackingDomain puts only the fields given", async () => {
    server.enqueue(
      { status: 200, json: { results: { domain: "track.example.com" } } },
      { status: 200, json: { results: { domain: "track.example.com" } } },
    );

    await client.updateTrackingDomain("track.example.com", { default: true }, { subaccountId: 7 });
    await client.updateTrackingDomain("track.example.com", { secure: false, default: false });

    expect(server.requests).toEqual([
      {
        method: "PUT",
        path: "/api/v1/tracking-domains/track.example.com",
        headers: jsonHeaders('{"default":true}', { "x-msys-subaccount": "7" }),
        body: '{"default":true}',
      },
      {
        method: "PUT",
        path: "/api/v1/tracking-domains/track.example.com",
        headers: jsonHeaders('{"secure":false,"default":false}'),
        body: '{"secure":false,"default":false}',
      },
    ]);
  });

  test("deleteTrackingDomain is true on 204 and false on 404", async () => {
    server.enqueue(
      { status: 204 },
      { status: 404, json: { errors: [{ message: "resource not found" }] } },
    );

    expect(await client.deleteTrackingDomain("track.example.com", { subaccountId: 3 })).toBe(true);
    expect(await client.deleteTrackingDomain("track.example.com")).toBe(false);

    expect(server.requests).toEqual([
      {
        method: "DELETE",
        path: "/api/v1/tracking-domains/track.example.com",
        headers: headers({ "x-msys-subaccount": "3" }),
        body: "",
      },
      {
        method: "DELETE",
        path: "/api/v1/tracking-domains/track.example.com",
        headers: headers(),
        body: "",
      },
    ]);
  });

  test("verifyTrackingDomain posts without a body and returns the verdict", async () => {
    const verdict = { verified: true, cname_status: "", compliance_status: "valid" };
    server.enqueue({ status: 200, json: { results: verdict } });

    expect(await client.verifyTrackingDomain("track.example.com")).toEqual(verdict);
    expect(server.requests).toEqual([
      {
        method: "POST",
        path: "/api/v1/tracking-domains/track.example.com/verify",
        headers: headers({ "content-length": "0" }),
        body: "",
      },
    ]);
  });

  test("checkTrackingDomainCertificate posts to certificate/check", async () => {
    const results = { domain: "track.example.com", supportsManagedCertificate: true };
    server.enqueue({ status: 200, json: { results } });

    const check = await client.checkTrackingDomainCertificate("track.example.com", {
      subaccountId: 9,
    });

    expect(check).toEqual(results);
    expect(server.requests).toEqual([
      {
        method: "POST",
        path: "/api/v1/tracking-domains/track.example.com/certificate/check",
        headers: headers({ "x-msys-subaccount": "9", "content-length": "0" }),
        body: "",
      },
    ]);
  });

  test("enableTrackingDomainCertificate posts to certificate/enable", async () => {
    const results = { message: "Certificate issuance initiated for track.example.com" };
    server.enqueue({ status: 200, json: { results } });

    expect(await client.enableTrackingDomainCertificate("track.example.com")).toEqual(results);
    expect(server.requestLines()).toEqual([
      "POST /api/v1/tracking-domains/track.example.com/certificate/enable",
    ]);
  });
});

describe("sending domains", () => {
  test("getSendingDomain reads the object, and gives undefined on 404", async () => {
    const sendingDomain = {
      tracking_domain: "track.example.com",
      status: { ownership_verified: true },
    };
    server.enqueue(
      { status: 200, json: { results: sendingDomain } },
      { status: 404, json: { errors: [{ message: "resource not found" }] } },
    );

    expect(await client.getSendingDomain("mail.example.com", { subaccountId: 0 })).toEqual(
      sendingDomain,
    );
    expect(await client.getSendingDomain("other.example.com")).toBeUndefined();

    expect(server.requests).toEqual([
      {
        method: "GET",
        path: "/api/v1/sending-domains/mail.example.com",
        headers: headers({ "x-msys-subaccount": "0" }),
        body: "",
      },
      {
        method: "GET",
        path: "/api/v1/sending-domains/other.example.com",
        headers: headers(),
        body: "",
      },
    ]);
  });

  test.each([
    ["links a tracking domain", "track.example.com", '{"tracking_domain":"track.example.com"}'],
    ["clears the link with an empty string", "", '{"tracking_domain":""}'],
  ])("setSendingDomainTrackingDomain %s", async (_title, trackingDomainName, body) => {
    const results = { message: "Successfully Updated Domain.", domain: "mail.example.com" };
    server.enqueue({ status: 200, json: { results } });

    await client.setSendingDomainTrackingDomain("mail.example.com", trackingDomainName, {
      subaccountId: 4,
    });

    expect(server.requests).toEqual([
      {
        method: "PUT",
        path: "/api/v1/sending-domains/mail.example.com",
        headers: jsonHeaders(body, { "x-msys-subaccount": "4" }),
        body,
      },
    ]);
  });
});

describe("request checks", () => {
  test("a base URL with a trailing slash gives the same paths", async () => {
    const slashed = clientFor(server, { baseUrl: `${server.baseUrl}/` }).client;
    server.enqueue({ status: 200, json: { results: trackingDomain } });

    await slashed.getTrackingDomain("track.example.com");

    expect(server.requestLines()).toEqual(["GET /api/v1/tracking-domains/track.example.com"]);
  });

  test("a user agent names this package and version", async () => {
    server.enqueue({ status: 200, json: { results: [] } });

    await client.listTrackingDomains();

    expect(server.requests[0].headers["user-agent"]).toBe("pulumi-sparkpost-tracking/0.2.0");
  });

  test("a client without /api/v1 in its base URL is refused before anything is sent", () => {
    const origin = new URL(server.baseUrl).origin;

    expect(() => clientFor(server, { baseUrl: `${origin}/` })).toThrow(
      "baseUrl must be the API base, ending in /api/v1, such as https://api.eu.sparkpost.com/api/v1, " +
        "https://<tenant>.api.e.sparkpost.com/api/v1 or the sandbox's http://127.0.0.1:4010/api/v1; " +
        `got "${origin}/".`,
    );
    expect(server.requests).toEqual([]);
  });

  test("a negative subaccount id is refused before anything is sent", async () => {
    const error = await rejectionOf(
      client.getTrackingDomain("a.example.com", { subaccountId: -1 }),
    );

    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe("subaccountId must be a non-negative integer, got -1.");
    expect(server.requests).toEqual([]);
  });

  test("a create with a negative subaccount id throws the RangeError itself", async () => {
    const error = await rejectionOf(
      client.createTrackingDomain("track.example.com", {}, { subaccountId: -1 }),
    );

    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe("subaccountId must be a non-negative integer, got -1.");
  });
});
