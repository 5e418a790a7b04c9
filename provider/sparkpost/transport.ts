/**
 * Sends one SparkPost API request over undici: headers, JSON, a timeout on every attempt, a time
 * budget for the whole call, retries, and the per-account bounds on requests in flight and after
 * a 429 (limitScope.ts). Turns every
 * failure into a SparkPostError that says what came back and after how many attempts.
 *
 * Retries are a loop of fresh requests rather than undici's RetryAgent: after a body that stalled
 * part-way, that agent resumes with a `Range` request and rejects the full answer SparkPost sends
 * back, so a successful retry surfaced as "Could not reach SparkPost".
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request, type Dispatcher } from "undici";
import { USER_AGENT } from "../version";
import { createSparkPostError, excerpt, parseErrorBody, type SparkPostError } from "./errors";
import { pauseRequests, waitForRateLimit } from "./rateLimitGate";
import { limitScopeOf } from "./limitScope";
import { learnFromRateLimit, recordAdmitted } from "./ratePacer";
import { redact, redactValue } from "./redact";
import { sharedRequestSlots, SLOW_REQUEST_MS, type RequestSlots } from "./requestSlots";
import {
  isRetryable,
  parseRetryAfter,
  rateLimitPauseMs,
  retryDelayMs,
  retryKind,
  retryLimit,
  type Failure,
  type Replay,
  type RetrySettings,
} from "./retryPolicy";
import type { Scope } from "./types";

/**
 * Connections per API origin. More than the requests allowed in flight, so that requests that
 * stopped counting against that bound (slow ones) do not hold back the others.
 */
export const MAX_CONNECTIONS_PER_ORIGIN = 32;

let processAgent: Agent | undefined;

/** The process-wide connection pool, created on first use. */
export function sharedAgent(): Dispatcher {
  processAgent ??= new Agent({ connections: MAX_CONNECTIONS_PER_ORIGIN, pipelining: 1 });
  return processAgent;
}

/** Closes the shared pool (the next request opens a new one); for orderly shutdown and tests. */
export async function closeSharedAgent(): Promise<void> {
  const agent = processAgent;
  processAgent = undefined;
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
  /** How long one attempt may wait for the answer's headers, and for each gap in its body. */
  timeoutMs: number;
  /** How long the whole call may take once it has its first slot: attempts and waits. */
  budgetMs: number;
}

/** A successful answer: its status and parsed JSON body (undefined when empty). */
export interface ApiResponse {
  status: number;
  body: unknown;
  attempts: number;
}

/** What the transport needs from the client's options. */
export interface TransportSettings {
  apiKey: string;
  baseUrl: string;
  retry: RetrySettings;
  log: (line: string) => void;
  /** The connection pool; the shared agent unless a caller brings its own. */
  dispatcher?: Dispatcher;
  /** The bound on requests in flight; the account's in this process unless a caller brings one. */
  slots?: RequestSlots;
  /** After this long in flight a request gives up its slot. @default 5000 */
  slowRequestMs?: number;
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
    case "CALL_TIME_LIMIT":
      return `no complete response within the call's time limit (${code})`;
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
  if ((error as { name?: unknown } | null)?.name === "TimeoutError") return "CALL_TIME_LIMIT";
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** What one attempt brought back: an answer with a status, or a network failure. */
type AttemptOutcome =
  | { status: number; text: string; retryAfter?: string }
  | { code?: string; message: string; cause: unknown; timeoutMs: number };

/** The longest delay Node's timers accept (beyond it they fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

async function attemptOnce(
  settings: TransportSettings,
  apiRequest: ApiRequest,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  callRemainingMs: number,
): Promise<AttemptOutcome> {
  try {
    const response = await request(url, {
      dispatcher: settings.dispatcher ?? sharedAgent(),
      method: apiRequest.method,
      headers,
      body: apiRequest.body === undefined ? undefined : JSON.stringify(apiRequest.body),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // The hard stop of the call's budget, for a body that trickles in slower than the gaps.
      signal: AbortSignal.timeout(Math.min(MAX_TIMER_MS, Math.max(1, callRemainingMs))),
    });
    const retryAfter = response.headers["retry-after"];
    return {
      status: response.statusCode,
      text: await response.body.text(),
      retryAfter: typeof retryAfter === "string" ? retryAfter : undefined,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: errorCode(error), message, cause: error, timeoutMs };
  }
}

function failureOf(outcome: AttemptOutcome): Failure {
  if ("status" in outcome) {
    return { status: outcome.status, retryAfterMs: parseRetryAfter(outcome.retryAfter) };
  }
  return { code: outcome.code };
}

/**
 * Sends `apiRequest`, retrying as its `replay` allows within its budget, and returns the 2xx
 * answer with its body parsed.
 *
 * @throws SparkPostError for any other status, a 2xx body that is not JSON, or no answer.
 */
export async function send(
  settings: TransportSettings,
  apiRequest: ApiRequest,
): Promise<ApiResponse> {
  const { method, path } = apiRequest;
  const url = new URL(`${settings.baseUrl}${path}`);
  url.search = new URLSearchParams(apiRequest.query).toString();
  // The account the request counts against: SparkPost limits each account on its own.
  const accountScope = limitScopeOf(settings.baseUrl, settings.apiKey);
  const slots = settings.slots ?? sharedRequestSlots(accountScope);
  const clean = (value: unknown) => redactValue(value, settings.apiKey);
  const fail = (outcome: AttemptOutcome, attempts: number, note = ""): SparkPostError => {
    if (!("status" in outcome)) {
      const reason = describeNetworkFailure(outcome.code, outcome.message, outcome.timeoutMs);
      const apiMessage = redact(`${reason}${note}`, settings.apiKey);
      return createSparkPostError({
        kind: "unreachable",
        method,
        path,
        errors: [],
        apiMessage,
        attempts,
        cause: outcome.cause,
      });
    }
    const { errors, apiMessage } = parseErrorBody(outcome.text, outcome.status, clean);
    return createSparkPostError({
      kind: "refused",
      method,
      path,
      status: outcome.status,
      errors,
      apiMessage: `${apiMessage}${note}`,
      attempts,
    });
  };

  // Built before anything is sent: a bad subaccount id is the caller's error, not the network's.
  const headers = headersFor(settings.apiKey, apiRequest);
  // Retries are counted per kind of failure: 429s, SparkPost asking to slow down, must not use
  // up the retries a later 5xx or timeout is allowed.
  const retriesSoFar = new Map<string, number>();
  let deadline: number | undefined;
  // Paced requests are never spaced further apart than the shortest wait after a 429.
  const maxSpacingMs = settings.retry.rateLimitDelayMs[0];
  for (let attempt = 1; ; attempt++) {
    const release = await slots.acquire();
    let outcome: AttemptOutcome;
    let sentAt: number;
    try {
      await waitForRateLimit(accountScope, maxSpacingMs);
      deadline ??= Date.now() + apiRequest.budgetMs;
      const remaining = deadline - Date.now();
      const timeoutMs = Math.max(1, Math.min(apiRequest.timeoutMs, remaining, MAX_TIMER_MS));
      sentAt = Date.now();
      const slow = setTimeout(release, settings.slowRequestMs ?? SLOW_REQUEST_MS);
      try {
        outcome = await attemptOnce(settings, apiRequest, url.href, headers, timeoutMs, remaining);
      } finally {
        clearTimeout(slow);
      }
    } finally {
      release();
    }

    if ("status" in outcome && outcome.status !== 429) recordAdmitted(accountScope, sentAt);
    if ("status" in outcome && outcome.status >= 200 && outcome.status < 300) {
      return { status: outcome.status, body: parseSuccess(outcome, attempt), attempts: attempt };
    }
    const failure = failureOf(outcome);
    // Even a 429 that ends the call tells the rate the others should keep to.
    if (failure.status === 429) learnFromRateLimit(accountScope);
    const limit = retryLimit(failure, settings.retry);
    const kind = retryKind(failure);
    const retry = (retriesSoFar.get(kind) ?? 0) + 1;
    if (!isRetryable(apiRequest.replay, failure) || retry > limit) {
      throw fail(outcome, attempt);
    }
    retriesSoFar.set(kind, retry);
    const delayMs = retryDelayMs(retry, failure, settings.retry);
    const left = deadline - Date.now();
    if (left <= 0) throw fail(outcome, attempt);
    if (delayMs >= left) {
      const wait = (delayMs / 1000).toFixed(1);
      throw fail(
        outcome,
        attempt,
        ` (the next attempt, in ${wait} s, would pass the call's time limit of ${apiRequest.budgetMs / 1000} s)`,
      );
    }
    if (failure.status === 429) {
      pauseRequests(accountScope, rateLimitPauseMs(failure, delayMs, settings.retry));
    }
    const reason =
      failure.status !== undefined
        ? `HTTP ${failure.status}`
        : describeNetworkFailure(failure.code, "network error", apiRequest.timeoutMs);
    settings.log(
      `SparkPost API ${method} ${path}: ${reason}, retry ${retry} of ${limit} in ${delayMs} ms`,
    );
    await sleep(delayMs);
  }

  /** The JSON body of a 2xx answer (undefined when empty); an unreadable one is an error. */
  function parseSuccess(answer: { status: number; text: string }, attempts: number): unknown {
    if (answer.text.trim() === "") return undefined;
    try {
      return JSON.parse(answer.text) as unknown;
    } catch {
      throw createSparkPostError({
        kind: "unexpected",
        method,
        path,
        status: answer.status,
        errors: [],
        apiMessage: `the body is not JSON: ${excerpt(redact(answer.text, settings.apiKey))}`,
        attempts,
      });
    }
  }
}
