/**
 * The one error type every failed SparkPost API call throws, and the parsing of SparkPost's error
 * bodies into it.
 */
import { STATUS_CODES } from "node:http";
import { visible } from "../dns/visibleText";
import type { ApiErrorDetail } from "./types";

/** The stable `code` of every {@link SparkPostError}. */
export const SPARKPOST_API_ERROR = "SPARKPOST_API_ERROR" as const;

// A string key, not a captured Symbol: the closure serializer cannot serialize symbol values.
const BRAND_KEY = "pulumi-sparkpost-tracking.SparkPostError";

/**
 * How a call failed: SparkPost (or something in front of it) answered with an error status
 * (`refused`), nothing usable came back (`unreachable`: network failure, timeout), or a success
 * status came with a body that is not the answer SparkPost documents (`unexpected`).
 */
export type FailureKind = "refused" | "unreachable" | "unexpected";

/** What a {@link SparkPostError} is built from. */
export interface SparkPostErrorDetails {
  kind: FailureKind;
  method: string;
  /** The request path below the API base, e.g. `/tracking-domains/track.example.com`. */
  path: string;
  /** The last HTTP status; absent when no response came back (network failure, timeout). */
  status?: number;
  errors: ApiErrorDetail[];
  /** SparkPost's own words, or what came back instead; never the API key. */
  apiMessage: string;
  /** How many times the request was sent, retries included. */
  attempts: number;
  cause?: unknown;
}

/**
 * A failed SparkPost API call, after retries. Carries SparkPost's own words (`apiMessage`,
 * `errors`), never the API key nor the host. Recognise it with {@link isSparkPostError}, not
 * `instanceof`, which fails across copies of this module.
 */
export interface SparkPostError extends Error {
  name: "SparkPostError";
  /** Always `"SPARKPOST_API_ERROR"`. */
  readonly code: typeof SPARKPOST_API_ERROR;
  readonly kind: FailureKind;
  readonly status?: number;
  readonly method: string;
  readonly path: string;
  /** SparkPost's error entries; empty when the body was not SparkPost's `{"errors": [...]}`. */
  readonly errors: ApiErrorDetail[];
  readonly apiMessage: string;
  readonly attempts: number;
}

/** "503", "no response" or "unexpected 200 answer", and the attempts when there were several. */
function outcomeOf(details: SparkPostErrorDetails): string {
  const outcome =
    details.kind === "unreachable"
      ? "no response"
      : details.kind === "unexpected"
        ? `unexpected ${details.status} answer`
        : String(details.status);
  return details.attempts > 1 ? `${outcome}, ${details.attempts} attempts` : outcome;
}

/**
 * Builds a {@link SparkPostError}: a plain `Error` with fields rather than a subclass, recognised
 * by its brand, so that copies of this module loaded side by side recognise each other's errors.
 */
export function createSparkPostError(details: SparkPostErrorDetails): SparkPostError {
  const message = `SparkPost API ${details.method} ${details.path} failed (${outcomeOf(details)}): ${details.apiMessage}`;
  const error = new Error(
    message,
    details.cause === undefined ? undefined : { cause: details.cause },
  );
  const fields = {
    name: "SparkPostError" as const,
    code: SPARKPOST_API_ERROR,
    kind: details.kind,
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

/**
 * True when SparkPost itself said the object does not exist: a 404 with SparkPost's own error
 * body. A 404 with any other body (a web server or proxy answering for a wrong URL) is not proof
 * that anything is gone, so callers must not treat it as such.
 */
export function isNotFound(error: unknown): boolean {
  return isSparkPostError(error) && error.status === 404 && error.errors.length > 0;
}

/** True when a failure may have happened after SparkPost acted on the request. */
export function mayHaveTakenEffect(error: unknown, neverSent: (code?: string) => boolean): boolean {
  if (!isSparkPostError(error)) return false;
  if (error.kind === "unexpected") return true;
  if (error.kind === "refused") return (error.status ?? 0) >= 500;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return !neverSent(typeof code === "string" ? code : undefined);
}

const EXCERPT_LENGTH = 200;

// The one rendering of text that must not hide characters, shared with the input checks' messages.
export { visible };

/** A one-line excerpt of a body that is not SparkPost's JSON error shape. */
export function excerpt(text: string, status?: number): string {
  const oneLine = visible(text.replace(/\s+/g, " ").trim());
  if (oneLine === "") {
    return (status === undefined ? undefined : STATUS_CODES[status]) ?? "empty response body";
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
  return visible(`${detail.message}${description}${code}`);
}

/**
 * Reads an error response body. SparkPost answers `{"errors":[{message, ...}]}` with either
 * `param`/`value` (tracking domains) or `description`/`code` (sending domains, older endpoints);
 * proxies in front of it answer HTML or plain text, which is kept as a short excerpt and leaves
 * `errors` empty. `clean` redacts what the body carries, after JSON decoding.
 */
export function parseErrorBody(
  text: string,
  status: number,
  clean: (value: unknown) => unknown = (value) => value,
): { errors: ApiErrorDetail[]; apiMessage: string } {
  let parsed: unknown;
  // Redacted whole before any excerpt is cut: a key straddling the cut must not show in part.
  const shown = () => excerpt(String(clean(text)), status);
  try {
    parsed = clean(JSON.parse(text));
  } catch {
    return { errors: [], apiMessage: shown() };
  }
  const rawErrors = (parsed as { errors?: unknown } | null)?.errors;
  const entries = Array.isArray(rawErrors) ? rawErrors : [rawErrors];
  const errors = entries.map(toDetail).filter((detail) => detail !== undefined);
  if (errors.length === 0) {
    return { errors: [], apiMessage: shown() };
  }
  return { errors, apiMessage: errors.map(renderDetail).join("; ") };
}
