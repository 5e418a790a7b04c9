/**
 * One API request from socket to answer: log entry, latency, faults that answer instead of the
 * API, auth, routing, faults that spoil the answer, then the delivery.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import {
  type Answer,
  type RequestBody,
  WEB_SERVER_NOT_FOUND,
  apiError,
  loggedBody,
  readBody,
} from "./http";
import { isAuthorized, parseSubaccountHeader } from "./auth";
import { type ApiContext, dispatch } from "./routes";
import type { FaultInjector } from "./faults";
import type { FaultKind } from "./faultTypes";
import { type Delivery, deliver } from "./delivery";
import type { RequestLogEntry } from "./types";

/** The base path of the API, as in `https://api.sparkpost.com/api/v1`. */
export const API_PREFIX = "/api/v1";

/** What the pipeline needs besides the route context. */
export interface PipelineParts {
  context: ApiContext;
  apiKey: string;
  faults: FaultInjector;
  /** The live request log; entries are appended before the answer is written. */
  requests: RequestLogEntry[];
  onRequest?: (entry: RequestLogEntry) => void;
}

/** The path relative to `/api/v1`, or undefined for a path outside the API. */
export function relativePath(pathname: string): string | undefined {
  if (pathname === API_PREFIX) return "";
  return pathname.startsWith(`${API_PREFIX}/`) ? pathname.slice(API_PREFIX.length) : undefined;
}

/** Handles one request to the API (anything outside `/_sandbox/`). */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  parts: PipelineParts,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://sandbox");
  const method = (request.method ?? "GET").toUpperCase();
  const apiPath = relativePath(url.pathname);
  // Requests outside the API are logged with their whole path (and answered by "a web server").
  const path = apiPath ?? url.pathname;
  const body = await readBody(request);
  const subaccountHeader = request.headers["x-msys-subaccount"];
  const entry: RequestLogEntry = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    subaccount: subaccountHeader === undefined ? null : String(subaccountHeader),
    body: loggedBody(body),
    status: 0,
    authorized: isAuthorized(request.headers.authorization, parts.apiKey),
  };
  const latency = parts.faults.latencyMs();
  if (latency > 0) await delay(latency);

  const outcome = await decide(parts, request, url, body, entry);
  if (outcome.fault !== undefined) entry.fault = outcome.fault;
  entry.status = outcome.status;
  parts.requests.push(entry);
  parts.onRequest?.(entry);
  deliver(request, response, outcome.delivery);
}

/** What reaches the client, which fault decided it, and the status to log. */
interface Outcome {
  delivery: Delivery;
  fault?: FaultKind;
  status: number;
}

/**
 * Faults that answer instead of the API, else the API's answer and the faults that spoil it. The
 * logged status is the one sent; with none sent, the one processing produced (0: not processed).
 */
async function decide(
  parts: PipelineParts,
  request: IncomingMessage,
  url: URL,
  body: RequestBody,
  { method, path, authorized }: RequestLogEntry,
): Promise<Outcome> {
  const before = parts.faults.beforeProcessing(method, path);
  if (before) return { ...before, status: sentStatus(before.delivery) ?? 0 };
  const apiPath = relativePath(url.pathname);
  const answer = await answerSafely(parts.context, request, url, apiPath, body, authorized);
  const after = parts.faults.afterProcessing(method, path, answer);
  if (!after) return { delivery: { kind: "answer", answer }, status: answer.status };
  return { ...after, status: sentStatus(after.delivery) ?? answer.status };
}

/** The status line a delivery sends, or undefined when it sends none. */
function sentStatus(delivery: Delivery): number | undefined {
  return delivery.kind === "answer" || delivery.kind === "stall"
    ? delivery.answer.status
    : undefined;
}

async function answerSafely(
  context: ApiContext,
  request: IncomingMessage,
  url: URL,
  apiPath: string | undefined,
  body: RequestBody,
  authorized: boolean,
): Promise<Answer> {
  // Outside /api/v1 there is no SparkPost to ask: a web server or proxy answers, before any auth.
  if (apiPath === undefined) return WEB_SERVER_NOT_FOUND;
  if (!authorized) return apiError(401, { message: "Unauthorized" });
  const subaccount = parseSubaccountHeader(request.headers["x-msys-subaccount"]);
  if (subaccount === "invalid") {
    return apiError(400, { message: "X-MSYS-SUBACCOUNT must be a non-negative integer" });
  }
  if (body.kind === "invalid") {
    return apiError(400, {
      message: "invalid data format/type",
      description: "Problems parsing request as json",
      code: "1300",
    });
  }
  try {
    const segments = apiPath
      .split("/")
      .filter((segment) => segment !== "")
      .map((segment) => decodeURIComponent(segment));
    return await dispatch(context, {
      method: (request.method ?? "GET").toUpperCase(),
      segments,
      query: url.searchParams,
      body: body.kind === "json" ? body.value : undefined,
      subaccount,
    });
  } catch (error) {
    return apiError(500, {
      message: `Sandbox error: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
