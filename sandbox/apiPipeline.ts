/**
 * One API request from socket to answer: log entry, latency, rate limit, injected status, auth,
 * routing, then either the answer or a dropped connection.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import {
  type Answer,
  NOT_FOUND,
  type RequestBody,
  apiError,
  loggedBody,
  readBody,
  writeAnswer,
} from "./http";
import { isAuthorized, parseSubaccountHeader } from "./auth";
import { type ApiContext, dispatch } from "./routes";
import type { FaultInjector } from "./faults";
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
  // Requests outside the API are logged with their whole path and answered 404.
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

  let answer = parts.faults.rateLimit();
  if (answer) entry.fault = "rate-limit";
  else if ((answer = parts.faults.injected(method, path))) entry.fault = "injected";
  else answer = await answerSafely(parts.context, request, url, apiPath, body, entry.authorized);
  const dropped = !entry.fault && parts.faults.drop(method, path);
  if (dropped) entry.fault = "dropped";

  entry.status = answer.status;
  parts.requests.push(entry);
  parts.onRequest?.(entry);
  if (dropped) request.socket.destroy();
  else writeAnswer(response, answer);
}

async function answerSafely(
  context: ApiContext,
  request: IncomingMessage,
  url: URL,
  apiPath: string | undefined,
  body: RequestBody,
  authorized: boolean,
): Promise<Answer> {
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
  if (apiPath === undefined) return NOT_FOUND;
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
