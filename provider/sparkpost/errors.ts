/**
 * The one error type every failed SparkPost API call throws, and the parsing of SparkPost's error
 * bodies into it.
 */
import { STATUS_CODES } from "node:http";
import type { ApiErrorDetail } from "./types";

/** The stable `code` of every {@link SparkPostError}. */
export const SPARKPOST_API_ERROR = "SPARKPOST_API_ERROR" as const;

// A string key, not a captured Symbol: the closure serializer cannot serialize symbol values.
const BRAND_KEY = "pulumi-sparkpost-tracking.SparkPostError";

/** What a {@link SparkPostError} is built from. */
export interface SparkPostErrorDetails {
  method: string;
  /** The request path below the API base, e.g. `/tracking-domains/track.example.com`. */
  path: string;
  /** The last HTTP status; absent when no response came back (network failure, timeout). */
  status?: number;
  errors: ApiErrorDetail[];
  apiMessage: string;
  /** How many times the request was sent, retries included. */
  attempts: number;
  cause?: unknown;
}

/**
 * A failed SparkPost API call, after retries. Carries SparkPost's own words (`apiMessage`,
 * `errors`), never the API key nor the host. Recognise it with {@link isSparkPostError}, not
 * `instanceof`: the providers run as serialized code, with their own copy of this module.
 */
export interface SparkPostError extends Error {
  name: "SparkPostError";
  /** Always `"SPARKPOST_API_ERROR"`. */
  readonly code: typeof SPARKPOST_API_ERROR;
  readonly status?: number;
  readonly method: string;
  readonly path: string;
  readonly errors: ApiErrorDetail[];
  readonly apiMessage: string;
  readonly attempts: number;
}

/**
 * Builds a {@link SparkPostError}. A plain `Error` with fields rather than a subclass: Pulumi's
 * closure serializer turns classes into functions, and a serialized `class extends Error` loses
 * its message (`Error.call(this, message)` does not set it), which would blank every API failure.
 */
export function createSparkPostError(details: SparkPostErrorDetails): SparkPostError {
  const outcome = details.status === undefined ? "no response" : String(details.status);
  const message = `SparkPost API ${details.method} ${details.path} failed (${outcome}): ${details.apiMessage}`;
  const error = new Error(
    message,
    details.cause === undefined ? undefined : { cause: details.cause },
  );
  const fields = {
    name: "SparkPostError" as const,
    code: SPARKPOST_API_ERROR,
    status: details.status,
    method: details.method,
    path: details.path,
    errors: details.errors,
    apiMessage: details.apiMessage,
    attempts: details.attempts,
  };
  Object.defineProperty(error, Symbol.for(BRAND_KEY), { value: true, enumerable: false });
  return Object.assign(error, fields);
}

/** True for a {@link SparkPostError} from any copy of this module (checks its brand and code). */
export function isSparkPostError(error: unknown): error is SparkPostError {
  if (typeof error !== "object" || error === null) {
    return false;
  }
  const branded = error as Record<symbol | string, unknown>;
  return branded[Symbol.for(BRAND_KEY)] === true && branded.code === SPARKPOST_API_ERROR;
}

/** True when `error` is a SparkPost "not found" (404) answer. */
export function isNotFound(error: unknown): boolean {
  return isSparkPostError(error) && error.status === 404;
}

const EXCERPT_LENGTH = 200;

/** A one-line excerpt of a body that is not SparkPost's JSON error shape. */
function excerpt(text: string, status: number): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine === "") {
    return STATUS_CODES[status] ?? "empty response body";
  }
  return oneLine.length > EXCERPT_LENGTH ? `${oneLine.slice(0, EXCERPT_LENGTH)}…` : oneLine;
}

function toDetail(entry: unknown): ApiErrorDetail | undefined {
  if (typeof entry !== "object" || entry === null) {
    return undefined;
  }
  const raw = entry as Record<string, unknown>;
  if (typeof raw.message !== "string") {
    return undefined;
  }
  const detail: ApiErrorDetail = { message: raw.message };
  if (typeof raw.description === "string") detail.description = raw.description;
  // Documented as a string ("1200"); some older endpoints send a number.
  if (typeof raw.code === "string" || typeof raw.code === "number") detail.code = String(raw.code);
  if (typeof raw.param === "string") detail.param = raw.param;
  if ("value" in raw) detail.value = raw.value;
  return detail;
}

/** SparkPost's words for one error: `message: description (code N)`. */
function renderDetail(detail: ApiErrorDetail): string {
  const description = detail.description ? `: ${detail.description}` : "";
  const code = detail.code ? ` (code ${detail.code})` : "";
  return `${detail.message}${description}${code}`;
}

/**
 * Reads an error response body. SparkPost answers `{"errors":[{message, ...}]}` with either
 * `param`/`value` (tracking domains) or `description`/`code` (sending domains, older endpoints);
 * proxies in front of it answer HTML or plain text, which is kept as a short excerpt.
 */
export function parseErrorBody(
  text: string,
  status: number,
): { errors: ApiErrorDetail[]; apiMessage: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { errors: [], apiMessage: excerpt(text, status) };
  }
  const rawErrors = (parsed as { errors?: unknown } | null)?.errors;
  const entries = Array.isArray(rawErrors) ? rawErrors : [rawErrors];
  const errors = entries.map(toDetail).filter((detail) => detail !== undefined);
  if (errors.length === 0) {
    return { errors: [], apiMessage: excerpt(text, status) };
  }
  return { errors, apiMessage: errors.map(renderDetail).join("; ") };
}
