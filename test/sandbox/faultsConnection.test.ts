/** Faults of the connection: resets before and after processing, hangs, and bodies that stall. */
import { request } from "undici";
import { startSandbox, type Sandbox } from "../../sandbox";
import { call, createTrackingDomain, useSandbox } from "./apiClient";
import { loggedRequests, pause, rawRequest } from "./rawHttp";

const CREATE = { body: { domain: "track.example.com" } };
const create = (sandbox: Sandbox) => call(sandbox, "POST", "/tracking-domains", CREATE);
const faultLog = (sandbox: Sandbox) =>
  sandbox.requests.map((entry) => `${entry.method} ${entry.status} ${entry.fault ?? "-"}`);

describe("connection faults", () => {
  const sandbox = useSandbox();

  describe("resetBeforeProcessing", () => {
    it("resets the connection without processing, once, and logs status 0", async () => {
      sandbox().setFaults({ resetBeforeProcessing: [{ method: "POST" }] });
      await expect(create(sandbox())).rejects.toMatchObject({ code: "ECONNRESET" });
      expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
      const retry = await create(sandbox());
      expect(retry.status).toBe(200);
      expect(retry.json).toEqual({ results: { domain: "track.example.com" } });
      expect(faultLog(sandbox())).toEqual(["POST 0 reset-before-processing", "POST 200 -"]);
    });

    it("leaves requests that do not match alone", async () => {
      sandbox().setFaults({ resetBeforeProcessing: [{ path: "/tracking-domains/*", count: 3 }] });
      expect((await create(sandbox())).status).toBe(200);
      expect(sandbox().requests.map((entry) => entry.fault)).toEqual([undefined]);
    });
  });

  describe("resetAfterProcessing", () => {
    it("processes, then resets the connection: the domain exists and the retry answers 409", async () => {
      sandbox().setFaults({
        resetAfterProcessing: [{ method: "POST", path: "/tracking-domains" }],
      });
      await expect(create(sandbox())).rejects.toMatchObject({ code: "ECONNRESET" });
      expect(sandbox().trackingDomain("track.example.com")?.domain).toBe("track.example.com");
      const retry = await create(sandbox());
      expect(retry.status).toBe(409);
      expect(retry.json).toEqual({ errors: [{ message: "The tracking domain already exists" }] });
      expect(faultLog(sandbox())).toEqual(["POST 200 reset-after-processing", "POST 409 -"]);
    });
  });

  describe("dropAfterProcessing as a list", () => {
    it("closes (FIN, not RST) after processing each matching request", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      sandbox().setFaults({ dropAfterProcessing: [{ method: "PUT" }, { method: "DELETE" }] });
      const update = call(sandbox(), "PUT", "/tracking-domains/track.example.com", {
        body: { secure: true },
      });
      await expect(update).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
      expect(sandbox().trackingDomain("track.example.com")?.secure).toBe(true);
      const remove = call(sandbox(), "DELETE", "/tracking-domains/track.example.com");
      await expect(remove).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
      expect(sandbox().trackingDomain("track.example.com")).toBeUndefined();
      expect(faultLog(sandbox()).slice(1)).toEqual(["PUT 200 dropped", "DELETE 204 dropped"]);
    });
  });

  describe("stallBody", () => {
    const fullBody = JSON.stringify({ results: { domain: "track.example.com" } });

    it("processes, sends the headers with the full length and half the body, then nothing", async () => {
      sandbox().setFaults({ stallBody: [{ method: "POST" }] });
      const exchange = await rawRequest(sandbox(), "POST", "/tracking-domains", CREATE.body);
      const half = fullBody.slice(0, Math.floor(fullBody.length / 2));
      await exchange.receivedText(`\r\n\r\n${half}`);
      await pause(300);
      const [head, received] = exchange.received().split("\r\n\r\n");
      exchange.destroy();
      expect(received).toBe('{"results":{"domain":');
      expect(head.split("\r\n")[0]).toBe("HTTP/1.1 200 OK");
      expect(head).toContain(`\r\ncontent-length: ${fullBody.length}\r\n`);
      expect(head).toContain("\r\ncontent-type: application/json\r\n");
      expect(sandbox().trackingDomain("track.example.com")?.domain).toBe("track.example.com");
      expect(faultLog(sandbox())).toEqual(["POST 200 stalled-body"]);
    });

    it.each([
      [0, ""],
      [5, '{"res'],
      [500, fullBody.slice(0, -1)],
    ])("sends %j bytes when told, never the whole body", async (bytes, expected) => {
      sandbox().setFaults({ stallBody: [{ bytes }] });
      const exchange = await rawRequest(sandbox(), "POST", "/tracking-domains", CREATE.body);
      await exchange.receivedText(`\r\n\r\n${expected}`);
      await pause(200);
      expect(exchange.received().split("\r\n\r\n")[1]).toBe(expected);
      exchange.destroy();
    });

    it("makes a client's body read time out while the status and headers arrived", async () => {
      sandbox().setFaults({ stallBody: [{ method: "POST" }] });
      const response = await request(`${sandbox().apiUrl}/tracking-domains`, {
        method: "POST",
        headers: { authorization: sandbox().apiKey },
        body: JSON.stringify(CREATE.body),
        bodyTimeout: 200,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-length"]).toBe(String(fullBody.length));
      await expect(response.body.text()).rejects.toMatchObject({ code: "UND_ERR_BODY_TIMEOUT" });
    });

    it("answers a body-less 204 whole, keeping its count for the next answer with a body", async () => {
      await createTrackingDomain(sandbox(), "track.example.com");
      sandbox().setFaults({ stallBody: [{}] });
      const removed = await call(sandbox(), "DELETE", "/tracking-domains/track.example.com");
      expect(removed.status).toBe(204);
      const exchange = await rawRequest(sandbox(), "GET", "/tracking-domains");
      await exchange.receivedText("\r\n\r\n");
      await pause(200);
      expect(exchange.received()).toContain("\r\ncontent-length: 14\r\n"); // {"results":[]}
      expect(exchange.received().split("\r\n\r\n")[1]).toBe('{"resul');
      exchange.destroy();
      expect(faultLog(sandbox())).toEqual(["POST 200 -", "DELETE 204 -", "GET 200 stalled-body"]);
    });
  });
});

describe("hang", () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(async () => {
    await sandbox.close();
  });

  it("reads the request, never answers nor processes it, and logs status 0", async () => {
    sandbox.setFaults({ hang: [{ method: "POST" }] });
    const hung = request(`${sandbox.apiUrl}/tracking-domains`, {
      method: "POST",
      headers: { authorization: sandbox.apiKey },
      body: JSON.stringify(CREATE.body),
      headersTimeout: 300,
    });
    await expect(hung).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(sandbox.trackingDomain("track.example.com")).toBeUndefined();
    expect((await create(sandbox)).status).toBe(200);
    expect(faultLog(sandbox)).toEqual(["POST 0 hang", "POST 200 -"]);
  });

  it("keeps the connection open, silent, until the sandbox closes", async () => {
    sandbox.setFaults({ hang: [{}] });
    const exchange = await rawRequest(sandbox, "GET", "/tracking-domains");
    await loggedRequests(sandbox, 1);
    let ended = false;
    void exchange.closed.then(() => (ended = true));
    await pause(300);
    expect(ended).toBe(false);
    await sandbox.close();
    await exchange.closed;
    expect(exchange.received()).toBe("");
  });
});
