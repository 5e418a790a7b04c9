/** Small HTTP helpers: answers as values, SparkPost-shaped error bodies, body reading. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiErrorDetail } from "./apiObjects";

/** An answer decided by a handler, written to the socket in one place. */
export interface Answer {
  status: number;
  /** JSON value to send; absent sends no body (204, or a 429 without body). */
  json?: unknown;
  /** Raw body, sent instead of `json` (injected non-JSON errors). */
  text?: string;
  headers?: Record<string, string>;
}

/** `{"results": ...}` with status 200. */
export function results(value: unknown): Answer {
  return { status: 200, json: { results: value } };
}

/** `{"errors": [detail]}` with the given status. */
export function apiError(status: number, detail: ApiErrorDetail): Answer {
  return { status, json: { errors: [detail] } };
}

/** Tracking-domain style 404: message only, no code. */
export const NOT_FOUND = apiError(404, { message: "resource not found" });

/**
 * The 404 of a path outside `/api/v1`: the page a web server or proxy in front of the API would
 * send, deliberately not SparkPost's JSON, so a client with a wrong base URL cannot mistake it for
 * "SparkPost says this object does not exist".
 */
export const WEB_SERVER_NOT_FOUND: Answer = {
  status: 404,
  text:
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n" +
    "<center><h1>404 Not Found</h1></center>\r\n</body>\r\n</html>\r\n",
  headers: { "content-type": "text/html" },
};

/** The body of a request, already read; `parsed` distinguishes empty, JSON and broken JSON. */
export type RequestBody =
  { kind: "empty" } | { kind: "json"; value: unknown } | { kind: "invalid"; text: string };

/** Reads a whole request body and parses it as JSON when there is one. */
export async function readBody(request: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "invalid", text };
  }
}

/** What the request log records for a body. */
export function loggedBody(body: RequestBody): unknown {
  if (body.kind === "json") return body.value;
  return body.kind === "invalid" ? body.text : null;
}

/** The headers and body bytes an answer goes out as. */
export function serializeAnswer(answer: Answer): {
  headers: Record<string, string>;
  payload: Buffer | undefined;
} {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: Buffer | undefined;
  if (answer.text !== undefined) {
    payload = Buffer.from(answer.text);
  } else if (answer.json !== undefined) {
    payload = Buffer.from(JSON.stringify(answer.json));
    headers["content-type"] = "application/json";
  }
  if (payload !== undefined) headers["content-length"] = String(payload.length);
  return { headers, payload };
}

/** Writes an answer. */
export function writeAnswer(response: ServerResponse, answer: Answer): void {
  const { headers, payload } = serializeAnswer(answer);
  response.writeHead(answer.status, headers);
  response.end(payload);
}

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
