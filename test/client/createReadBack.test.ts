/**
 * The create that must not be replayed blindly: a POST whose outcome is unclear is settled by
 * reading the domain back before it is ever sent again.
 */
import { closeSharedAgent, type SparkPostError } from "../../provider/sparkpost";
import { clientFor, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";
import { CREATED, FOUND, GET_TRACK, NOT_FOUND, POST_CREATE } from "../support/httpSparkPostAnswers";

let server: ScriptServer;

beforeEach(async () => {
  server = await startScriptServer();
});

afterEach(async () => {
  await server.close();
});

afterAll(closeSharedAgent);

describe("create is never replayed blindly", () => {
  test("a 429 means it did not take effect: the POST is sent again", async () => {
    const { client } = clientFor(server);
    server.enqueue({ status: 429, text: "" }, CREATED);

    expect(await client.createTrackingDomain("track.example.com", {})).toEqual({
      domain: "track.example.com",
    });
    expect(server.requestLines()).toEqual([POST_CREATE, POST_CREATE]);
  });

  test("the connection drops after the POST: a read-back finds the domain, so it succeeds", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue({ action: "close" }, FOUND);

    const result = await client.createTrackingDomain("track.example.com", {}, { subaccountId: 5 });

    expect(result).toEqual({ domain: "track.example.com" });
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK]);
    expect(server.requests[1].headers["x-msys-subaccount"]).toBe("5");
    expect(logLines).toEqual([
      "SparkPost API POST /tracking-domains: connection closed before a complete response " +
        "(UND_ERR_SOCKET) left it unclear whether track.example.com was created; reading it back",
    ]);
  });

  test("the connection drops and the read-back says 404: the POST is sent again", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue({ action: "close" }, NOT_FOUND, CREATED);

    expect(await client.createTrackingDomain("track.example.com", {})).toEqual({
      domain: "track.example.com",
    });
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK, POST_CREATE]);
    expect(server.requests[2].body).toBe('{"domain":"track.example.com"}');
    expect(logLines).toEqual([
      "SparkPost API POST /tracking-domains: connection closed before a complete response " +
        "(UND_ERR_SOCKET) left it unclear whether track.example.com was created; reading it back",
      "SparkPost API POST /tracking-domains: track.example.com was not created, sending again in 0 ms",
    ]);
  });

  test("a timed-out POST is settled by the read-back", async () => {
    const { client } = clientFor(server, { timeoutMs: 100 });
    server.enqueue({ action: "hang" }, FOUND);

    expect(await client.createTrackingDomain("track.example.com", {})).toEqual({
      domain: "track.example.com",
    });
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK]);
  });

  test("a 503 on the POST is settled by the read-back, then the POST is sent again", async () => {
    const { client } = clientFor(server);
    server.enqueue({ status: 503, text: "" }, NOT_FOUND, CREATED);

    await client.createTrackingDomain("track.example.com", {});

    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK, POST_CREATE]);
  });

  test("a 500 on the POST with nothing created is thrown, not replayed", async () => {
    const { client } = clientFor(server);
    server.enqueue({ status: 500, json: { errors: [{ message: "Internal error" }] } }, NOT_FOUND);

    const error = (await rejectionOf(
      client.createTrackingDomain("track.example.com", {}),
    )) as Error;

    expect(error.message).toBe("SparkPost API POST /tracking-domains failed (500): Internal error");
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK]);
  });

  test("replays stop after maxRetries and throw the last POST failure", async () => {
    const { client } = clientFor(server, { retry: { maxRetries: 1 } });
    server.enqueue({ status: 503, text: "" }, NOT_FOUND, { status: 504, text: "" }, NOT_FOUND);

    const error = (await rejectionOf(
      client.createTrackingDomain("track.example.com", {}),
    )) as Error;

    expect(error.message).toBe(
      "SparkPost API POST /tracking-domains failed (504): Gateway Timeout",
    );
    expect(server.requestLines()).toEqual([POST_CREATE, GET_TRACK, POST_CREATE, GET_TRACK]);
  });

  test("certificate/enable is not retried after a 503, only after a 429", async () => {
    const { client } = clientFor(server);
    const enabled = {
      status: 200,
      json: { results: { message: "Certificate issuance initiated" } },
    };
    server.enqueue({ status: 429, text: "" }, enabled, { status: 503, text: "" });

    await client.enableTrackingDomainCertificate("track.example.com");
    const error = (await rejectionOf(
      client.enableTrackingDomainCertificate("track.example.com"),
    )) as SparkPostError;

    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server.requests).toHaveLength(3);
  });
});
