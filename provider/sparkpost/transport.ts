/**
 * Sends one SparkPost API request over undici: headers, JSON, a timeout on every attempt, retries,
 * and a per-process bound on requests in flight. Turns every failure into a SparkPostError.
 */
import { Agent, RetryAgent, request, type Dispatcher } from "undici";
import { USER_AGENT } from "../version";
import { createSparkPostError, parseErrorBody } from "./errors";
import { retryCallback, type Replay, type RetrySettings, type RetryTracker } from "./retryPolicy";
import type { Scope } from "./types";

/** Connections per API origin the shared agent opens; one request each (no pipelining). */
export const MAX_CONNECTIONS_PER_ORIGIN = 8;

// A string key, not a captured Symbol: the closure serializer cannot serialize symbol values.
const AGENT_KEY = "pulumi-sparkpost-tracking.agent";

/**
 * The process-wide connection pool, created on first use. Kept on `globalThis` so that every
 * serialized copy of the providers shares it: 200 resources in one `pulumi up` then queue for 8
 * connections instead of setting off a storm of 429s.
 */
export function sharedAgent(): Dispatcher {
  const store = globalThis as Record<symbol, Dispatcher | undefined>;
  let agent = store[Symbol.for(AGENT_KEY)];
  if (agent === undefined) {
    agent = new Agent({ connections: MAX_CONNECTIONS_PER_ORIGIN, pipelining: 1 });
    store[Symbol.for(AGENT_KEY)] = agent;
  }
  return agent;
}

/** Closes the shared pool (the next request opens a new one); for orderly shutdown and tests. */
export async function closeSharedAgent(): Promise<void> {
  const store = globalThis as Record<symbol, Dispatcher | undefined>;
  const agent = store[Symbol.for(AGENT_KEY)];
  store[Symbol.for(AGENT_KEY)] = undefined;
  await agent?.close();
}

/** One API call, described by the client. */
export interface ApiRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Below the API base, already URL-encoded, e.g. `/tracking-domains/track.example.com`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  scope?: Scope;
  replay: Replay;
  timeoutMs: number;
}

/** A successful answer: its status and parsed JSON body (undefined when empty). */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** What the transport needs from the client's options. */
export interface TransportSettings {
  apiKey: string;
  baseUrl: string;
  retry: RetrySettings;
  log: (line: string) => void;
  /** The pool under the retries; the shared agent unless a caller brings its own. */
  dispatcher?: Dispatcher;
}

function headersFor(apiKey: string, request: ApiRequest): Record<string, string> {
  const headers: Record<string, string> = {
    authorization: apiKey,
    accept: "application/json",
    "user-agent": USER_AGENT,
  };
  if (request.body !== undefined) {
    headers["content-type"] = "application/json";
  }
  const subaccountId = request.scope?.subaccountId;
  if (subaccountId !== undefined) {
    if (!Number.isInteger(subaccountId) || subaccountId < 0) {
      throw new RangeError(`subaccountId must be a non-negative integer, got ${subaccountId}.`);
    }
    headers["x-msys-subaccount"] = String(subaccountId);
  }
  return headers;
}

/** Words for a failure that left no HTTP status, from its error code. */
export function describeNetworkFailure(
  code: string | undefined,
  fallback: string,
  timeoutMs: number,
): string {
  switch (code) {
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return `no response within ${timeoutMs} ms (${code})`;
    case "ECONNRESET":
      return "connection reset (ECONNRESET)";
    case "UND_ERR_SOCKET":
      return "connection closed before a complete response (UND_ERR_SOCKET)";
    case "ECONNREFUSED":
      return "connection refused (ECONNREFUSED)";
    default:
      return code === undefined ? fallback : `${fallback} (${code})`;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Removes the API key from text that came from elsewhere (bodies, library messages). */
function redact(text: string, apiKey: string): string {
  // Too short a "key" would shred every message; real keys are 40 characters.
  return apiKey.length >= 8 ? text.split(apiKey).join("[redacted]") : text;
}

/**
 * Sends `apiRequest`, retrying as its `replay` allows, and returns the 2xx answer.
 *
 * @throws SparkPostError for any other status, an unreadable body, or no answer after retries.
 */
export async function send(
  settings: TransportSettings,
  apiRequest: ApiRequest,
): Promise<ApiResponse> {
  const { method, path } = apiRequest;
  const tracker: RetryTracker = {
    attempts: 1,
    onRetry(failure, delayMs) {
      const reason =
        failure.status !== undefined
          ? `HTTP ${failure.status}`
          : describeNetworkFailure(failure.code, "network error", apiRequest.timeoutMs);
      settings.log(
        `SparkPost API ${method} ${path}: ${reason}, retry ${this.attempts} of ` +
          `${settings.retry.maxRetries} in ${delayMs} ms`,
      );
    },
  };
  /** The error for this request: from an error body when there is one, else from `message`. */
  const fail = (outcome: { status?: number; body?: string; message?: string; cause?: unknown }) => {
    const { errors, apiMessage } =
      outcome.body !== undefined && outcome.status !== undefined
        ? parseErrorBody(redact(outcome.body, settings.apiKey), outcome.status)
        : { errors: [], apiMessage: redact(outcome.message ?? "", settings.apiKey) };
    const { status, cause } = outcome;
    return createSparkPostError({
      method,
      path,
      status,
      errors,
      apiMessage,
      cause,
      attempts: tracker.attempts,
    });
  };

  const dispatcher = new RetryAgent(settings.dispatcher ?? sharedAgent(), {
    throwOnError: false,
    retry: retryCallback(apiRequest.replay, settings.retry, tracker),
  });
  const headers = headersFor(settings.apiKey, apiRequest);
  const search = new URLSearchParams(apiRequest.query).toString();
  const query = search === "" ? "" : `?${search}`;
  let status: number;
  let text: string;
  try {
    const response = await request(`${settings.baseUrl}${path}${query}`, {
      dispatcher,
      method,
      headers,
      body: apiRequest.body === undefined ? undefined : JSON.stringify(apiRequest.body),
      headersTimeout: apiRequest.timeoutMs,
      bodyTimeout: apiRequest.timeoutMs,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    const fallback = error instanceof Error ? error.message : String(error);
    const message = describeNetworkFailure(errorCode(error), fallback, apiRequest.timeoutMs);
    throw fail({ cause: error, message });
  }
  if (status < 200 || status >= 300) {
    throw fail({ status, body: text });
  }
  if (text.trim() === "") {
    return { status, body: undefined };
  }
  try {
    return { status, body: JSON.parse(text) as unknown };
  } catch {
    const excerpt = text.replace(/\s+/g, " ").slice(0, 200);
    throw fail({ status, message: `the response is not JSON: ${excerpt}` });
  }
}
