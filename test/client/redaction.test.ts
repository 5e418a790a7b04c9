/**
 * The API key never leaves in an error or a log line, in whatever form a body carries it back:
 * as written, JSON-escaped (redacted after decoding as well as in the raw text), percent-encoded
 * or base64; and keys of any length are redacted.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostError,
} from "../../provider/sparkpost";
import { redact, redactValue } from "../../provider/sparkpost/redact";
import { clientFor, FAKE_API_KEY, rejectionOf } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";
import { FOUND } from "../support/httpSparkPostAnswers";

let server: ScriptServer;

beforeEach(async () => {
  server = await startScriptServer();
});

afterEach(async () => {
  await server.close();
  clearRateLimitPauses();
});

afterAll(closeSharedAgent);

/** `text` with every character written as a JSON `\uXXXX` escape. */
function jsonEscaped(text: string, upperCase = false): string {
  return [...text]
    .map((character) => {
      const hex = character.charCodeAt(0).toString(16).padStart(4, "0");
      return `\\u${upperCase ? hex.toUpperCase() : hex}`;
    })
    .join("");
}

function base64(text: string): string {
  return Buffer.from(text).toString("base64");
}

/** Every text a caller or a log could show of `error`. */
function textsOf(error: SparkPostError): string[] {
  return [error.message, error.apiMessage, String(error), error.stack ?? "", JSON.stringify(error)];
}

describe("redact", () => {
  const key = "k3y/with+special=chars";

  test.each([
    ["as written", `a ${key} b`, "a [redacted] b"],
    ["JSON-escaped", `a ${jsonEscaped(key)} b`, "a [redacted] b"],
    ["JSON-escaped in upper-case hex", `a ${jsonEscaped(key, true)} b`, "a [redacted] b"],
    ["partly JSON-escaped", `a k3y\\u002fwith+special\\u003dchars b`, "a [redacted] b"],
    ["percent-encoded", `a ${encodeURIComponent(key)} b`, "a [redacted] b"],
    // The padding is left: it carries nothing of the key.
    ["in base64", `a ${base64(key)} b`, "a [redacted]== b"],
    ["twice", `${key}${key}`, "[redacted][redacted]"],
  ])("removes the key %s", (_form, text, expected) => {
    expect(redact(text, key)).toBe(expected);
  });

  test("treats the key's regular-expression characters literally", () => {
    expect(redact("a.b*c aXbbc", "a.b*c")).toBe("[redacted] aXbbc");
  });

  test("redacts keys of any length, even three characters", () => {
    expect(redact("echo Q7z and Q7zQ7z", "Q7z")).toBe("echo [redacted] and [redacted][redacted]");
  });

  test("an empty key changes nothing", () => {
    expect(redact("anything", "")).toBe("anything");
  });

  test("redactValue redacts every string and key of a decoded JSON value", () => {
    const value = JSON.parse(
      `{"${jsonEscaped(key)}": ["x ${jsonEscaped(key)}", 7, null, {"n": "${key}"}]}`,
    );

    expect(redactValue(value, key)).toEqual({
      "[redacted]": ["x [redacted]", 7, null, { n: "[redacted]" }],
    });
  });
});

describe("through the client", () => {
  test("a JSON body that escapes the key has it redacted after decoding", async () => {
    const { client } = clientFor(server, { retry: { maxRetries: 0 } });
    server.enqueue({
      status: 400,
      text: `{"errors":[{"message":"bad key ${jsonEscaped(FAKE_API_KEY)}","value":"${jsonEscaped(FAKE_API_KEY)}"}]}`,
      headers: { "content-type": "application/json" },
    });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains failed (400): bad key [redacted]",
    );
    expect(error.errors).toEqual([{ message: "bad key [redacted]", value: "[redacted]" }]);
    for (const text of textsOf(error)) expect(text).not.toContain(FAKE_API_KEY);
  });

  test("a non-SparkPost JSON error body that escapes the key has it redacted in the raw text", async () => {
    const key = "Q7zK2xW4vB";
    const { client } = clientFor(server, { apiKey: key, retry: { maxRetries: 0 } });
    server.enqueue({ status: 502, text: `{"detail":"${jsonEscaped(key, true)}"}` });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      'SparkPost API GET /tracking-domains failed (502): {"detail":"[redacted]"}',
    );
  });

  test("a percent-encoded key in a proxy's page is redacted", async () => {
    const key = "k3y/with+special=chars";
    const { client } = clientFor(server, { apiKey: key, retry: { maxRetries: 0 } });
    server.enqueue({ status: 403, text: `<p>denied: /login?key=${encodeURIComponent(key)}</p>` });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains failed (403): <p>denied: /login?key=[redacted]</p>",
    );
  });

  test("a base64 key in a proxy's page is redacted", async () => {
    const { client } = clientFor(server, { retry: { maxRetries: 0 } });
    server.enqueue({ status: 401, text: `bad credentials ${base64(FAKE_API_KEY)}` });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.apiMessage).toBe("bad credentials [redacted]");
  });

  test("a three-character key is redacted from errors", async () => {
    const { client } = clientFor(server, { apiKey: "Q7z", retry: { maxRetries: 0 } });
    server.enqueue({ status: 401, json: { errors: [{ message: "key Q7z is not valid" }] } });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      "SparkPost API GET /tracking-domains failed (401): key [redacted] is not valid",
    );
    expect(server.requests[0].headers.authorization).toBe("Q7z");
  });

  test("a 200 that is not JSON and echoes the key is redacted", async () => {
    const { client } = clientFor(server);
    server.enqueue({ status: 200, text: `<p>hello ${FAKE_API_KEY}</p>` });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.apiMessage).toBe("the body is not JSON: <p>hello [redacted]</p>");
  });

  test("the create's log line and unexpected answer carry an escaped key redacted", async () => {
    const { client, logLines } = clientFor(server);
    server.enqueue({ status: 200, text: `{"echo":"${jsonEscaped(FAKE_API_KEY)}"}` }, FOUND);

    const result = await client.createTrackingDomain("track.example.com", {});

    expect(logLines).toEqual([
      'SparkPost API POST /tracking-domains: an unexpected 200 answer (results is missing in {"echo":"[redacted]"}) ' +
        "left it unclear whether track.example.com was created; reading it back",
    ]);
    expect((result as { unclear: SparkPostError }).unclear.apiMessage).toBe(
      'results is missing in {"echo":"[redacted]"}',
    );
  });

  test("a CREATE_UNCONFIRMED error carries neither answer's key", async () => {
    const { client, logLines } = clientFor(server, { apiKey: "Q7z" });
    server.enqueue(
      { status: 200, json: { echo: "Q7z" } },
      { status: 401, json: { errors: [{ message: "key Q7z is not valid" }] } },
    );

    const error = (await rejectionOf(
      client.createTrackingDomain("track.example.com", {}),
    )) as Error;

    expect(error.message).toBe(
      'SparkPost API POST /tracking-domains: an unexpected 200 answer (results is missing in {"echo":"[redacted]"}) ' +
        "left it unclear whether track.example.com was created, and reading it back failed too: " +
        "SparkPost API GET /tracking-domains/track.example.com failed (401): key [redacted] is not valid",
    );
    expect(logLines).toEqual([
      "SparkPost API POST /tracking-domains: an unexpected 200 answer " +
        '(results is missing in {"echo":"[redacted]"}) left it unclear whether ' +
        "track.example.com was created; reading it back",
    ]);
  });

  test("a key straddling the 200-character excerpt does not leak in part", async () => {
    const { client } = clientFor(server, { retry: { maxRetries: 0 } });
    const body = `${"x".repeat(168)}${FAKE_API_KEY}`;
    server.enqueue({ status: 200, text: body }, { status: 502, text: body });

    const notJson = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;
    const proxyPage = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(notJson.message).not.toContain(FAKE_API_KEY.slice(0, 16));
    expect(proxyPage.message).not.toContain(FAKE_API_KEY.slice(0, 16));
  });

  test("a 40-character key JSON-escaped in a proxy's JSON is redacted", async () => {
    const key = "0123456789abcdef0123456789abcdef01234567";
    const { client } = clientFor(server, { apiKey: key, retry: { maxRetries: 0 } });
    server.enqueue({ status: 502, text: `{"detail":"${jsonEscaped(key)}"}` });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).toBe(
      'SparkPost API GET /tracking-domains failed (502): {"detail":"[redacted]"}',
    );
  });

  test("a Basic auth header echoed back for a 40-character key is redacted", async () => {
    const key = "0123456789abcdef0123456789abcdef01234567";
    const { client } = clientFor(server, { apiKey: key, retry: { maxRetries: 0 } });
    const header = `Basic ${base64(`${key}:`)}`;
    server.enqueue({ status: 401, text: `rejected Authorization: ${header}` });

    const error = (await rejectionOf(client.listTrackingDomains())) as SparkPostError;

    expect(error.message).not.toContain(base64(`${key}:`));
  });
});
