/**
 * Paths outside `/api/v1` (a base URL missing `/api/v1`, say) answer as the web server in front
 * of the API would, so a client cannot mistake them for SparkPost's own "resource not found".
 */
import { request } from "undici";
import { call, createTrackingDomain, useSandbox } from "./apiClient";

const WEB_SERVER_PAGE =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n" +
  "<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n";

describe("paths outside /api/v1", () => {
  const sandbox = useSandbox();

  async function outside(method: string, path: string, headers: Record<string, string> = {}) {
    const response = await request(`${sandbox().url}${path}`, {
      method: method as "GET",
      headers: { authorization: sandbox().apiKey, ...headers },
      body: method === "GET" ? undefined : "{not json",
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      text: await response.body.text(),
    };
  }

  it.each([
    ["a base URL without /api/v1", "GET", "/tracking-domains/track.example.com"],
    ["a delete without /api/v1", "DELETE", "/tracking-domains/track.example.com"],
    ["another API version", "GET", "/api/v2/tracking-domains"],
    ["a prefix that only starts like the API", "GET", "/api/v1tracking-domains"],
    ["the root", "GET", "/"],
  ])(
    "answers %s with a web server's HTML 404, not SparkPost's JSON",
    async (_case, method, path) => {
      await createTrackingDomain(sandbox(), "track.example.com");
      const reply = await outside(method, path);
      expect(reply.status).toBe(404);
      expect(reply.headers["content-type"]).toBe("text/html");
      expect(reply.text).toBe(WEB_SERVER_PAGE);
      expect(sandbox().trackingDomain("track.example.com")?.domain).toBe("track.example.com");
    },
  );

  it("answers the same page whatever the key and headers, and logs the request", async () => {
    const reply = await outside("POST", "/tracking-domains", {
      authorization: "wrong-key",
      "x-msys-subaccount": "nope",
    });
    expect(reply.status).toBe(404);
    expect(reply.text).toBe(WEB_SERVER_PAGE);
    expect(sandbox().requests).toEqual([
      {
        method: "POST",
        path: "/tracking-domains",
        query: {},
        subaccount: "nope",
        body: "{not json",
        status: 404,
        authorized: false,
      },
    ]);
  });

  it("keeps SparkPost's JSON 404 inside the API", async () => {
    for (const path of ["", "/templates", "/tracking-domains/nowhere.example.com"]) {
      const reply = await call(sandbox(), "GET", path);
      expect([reply.status, reply.headers["content-type"], reply.json]).toEqual([
        404,
        "application/json",
        { errors: [{ message: "resource not found" }] },
      ]);
    }
  });
});
