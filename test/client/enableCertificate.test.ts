/**
 * certificate/enable starts managed HTTPS irreversibly, so like a create it is sent again only
 * when it surely did not take effect: after a 429, never after a 5xx or a lost answer.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, closedPort, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer, type ScriptStep } from "../support/httpScriptServer";

let server: ScriptServer;

beforeEach(async () => {
  server = await startScriptServer();
});

afterEach(async () => {
  await server.close();
  clearRateLimitPauses();
});

afterAll(closeSharedAgent);

const INTERNAL_ERROR = { status: 500, json: { errors: [{ message: "Internal error" }] } };

describe("certificate/enable is sent again only when it surely did not take effect", () => {
  const ENABLE = "POST /api/v1/tracking-domains/track.example.com/certificate/enable";
  const ENABLED = { status: 200, json: { results: { message: "Certificate issuance initiated" } } };

  test("after a 429 it is sent again", async () => {
    const { client } = clientFor(server);
    server.enqueue({ status: 429, text: "" }, ENABLED);

    expect(await client.enableTrackingDomainCertificate("track.example.com")).toEqual({
      message: "Certificate issuance initiated",
    });
    expect(server.requestLines()).toEqual([ENABLE, ENABLE]);
  });

  test("after a refused connection, which never reached SparkPost, it is sent again", async () => {
    const port = await closedPort();
    const { client, logLines } = clientFor(server, {
      baseUrl: `http://127.0.0.1:${port}/api/v1`,
      retry: { maxRetries: 1 },
    });

    const error = (await rejectionOf(
      client.enableTrackingDomainCertificate("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains/track.example.com/certificate/enable failed " +
        "(no response, 2 attempts): connection refused (ECONNREFUSED)",
    );
    expect(logLines).toEqual([
      "SparkPost API POST /tracking-domains/track.example.com/certificate/enable: " +
        "connection refused (ECONNREFUSED), retry 1 of 1 in 0 ms",
    ]);
  });

  test.each<{ title: string; first: ScriptStep; message: string }>([
    {
      title: "a 500",
      first: INTERNAL_ERROR,
      message: "failed (500): Internal error",
    },
    {
      title: "a 503",
      first: { status: 503, text: "" },
      message: "failed (503): Service Unavailable",
    },
    {
      title: "a reset after sending",
      first: { action: "reset" },
      message: "failed (no response): connection reset (ECONNRESET)",
    },
  ])("after $title it is not", async ({ first, message }) => {
    const { client, logLines } = clientFor(server);
    server.enqueue(first, ENABLED);

    const error = (await rejectionOf(
      client.enableTrackingDomainCertificate("track.example.com"),
    )) as SparkPostError;

    expect(error.message).toBe(
      `SparkPost API POST /tracking-domains/track.example.com/certificate/enable ${message}`,
    );
    expect(error.attempts).toBe(1);
    expect(server.requestLines()).toEqual([ENABLE]);
    expect(logLines).toEqual([]);
  });
});
