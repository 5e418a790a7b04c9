/** Fault injection: rate limits, injected statuses, latency and responses lost after processing. */
import { STATUS_CODES } from "node:http";
import { type Answer, isObject } from "./http";
import type { Faults, RequestMatcher } from "./types";

const ONE_SECOND_MS = 1000;

/** Whether a request (path relative to `/api/v1`) matches a method/path pattern. */
export function matchesRequest(matcher: RequestMatcher, method: string, path: string): boolean {
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== method.toUpperCase())
    return false;
  if (matcher.path === undefined) return true;
  const trim = (text: string) => text.replace(/\/+$/, "");
  const pattern = trim(matcher.path)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]*");
  return new RegExp(`^${pattern}$`, "i").test(trim(path));
}

/** Holds the current faults and their counters; setting new faults resets every counter. */
export class FaultInjector {
  private faults: Faults = {};
  private arrivals: number[] = [];
  private injectionsLeft: number[] = [];
  private dropsLeft = 0;

  constructor(private readonly now: () => number) {}

  set(faults: Faults): void {
    this.faults = faults;
    this.arrivals = [];
    this.injectionsLeft = (faults.inject ?? []).map((injection) => injection.count ?? 1);
    this.dropsLeft = faults.dropAfterProcessing ? (faults.dropAfterProcessing.count ?? 1) : 0;
  }

  latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  /** Records an arrival; a 429 answer once more than the limit arrived within the last second. */
  rateLimit(): Answer | undefined {
    const limit = this.faults.rateLimit;
    if (!limit) return undefined;
    const now = this.now();
    this.arrivals = this.arrivals.filter((time) => now - time < ONE_SECOND_MS);
    this.arrivals.push(now);
    if (this.arrivals.length <= limit.maxRequestsPerSecond) return undefined;
    const headers: Record<string, string> =
      limit.retryAfterSeconds === undefined
        ? {}
        : { "retry-after": String(limit.retryAfterSeconds) };
    const json = limit.body === "json" ? { errors: [{ message: "Too many requests" }] } : undefined;
    return { status: 429, headers, json };
  }

  /** The injected answer for this request, consuming one of its count, or undefined. */
  injected(method: string, path: string): Answer | undefined {
    const injections = this.faults.inject ?? [];
    const index = injections.findIndex(
      (injection, position) =>
        this.injectionsLeft[position] > 0 && matchesRequest(injection, method, path),
    );
    if (index < 0) return undefined;
    this.injectionsLeft[index] -= 1;
    const { status, body, contentType } = injections[index];
    if (body !== undefined)
      return { status, text: body, headers: { "content-type": contentType ?? "text/html" } };
    return { status, json: { errors: [{ message: STATUS_CODES[status] ?? `HTTP ${status}` }] } };
  }

  /** Whether to drop this request's answer, consuming one of the count. */
  drop(method: string, path: string): boolean {
    const drop = this.faults.dropAfterProcessing;
    if (!drop || this.dropsLeft <= 0 || !matchesRequest(drop, method, path)) return false;
    this.dropsLeft -= 1;
    return true;
  }
}

function isMatcher(value: unknown): boolean {
  if (!isObject(value)) return false;
  return (
    (value.method === undefined || typeof value.method === "string") &&
    (value.path === undefined || typeof value.path === "string") &&
    (value.count === undefined || (Number.isInteger(value.count) && (value.count as number) >= 0))
  );
}

function isInjection(value: unknown): boolean {
  return (
    isMatcher(value) &&
    isObject(value) &&
    Number.isInteger(value.status) &&
    (value.status as number) >= 100
  );
}

const isNonNegative = (value: unknown) => typeof value === "number" && value >= 0;

/** Checks faults that arrived over HTTP; returns a sentence saying what is wrong, or undefined. */
export function faultsProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "The body must be a JSON object of faults.";
  const { rateLimit, inject, latencyMs, dropAfterProcessing } = value;
  if (
    rateLimit !== undefined &&
    !(isObject(rateLimit) && isNonNegative(rateLimit.maxRequestsPerSecond))
  ) {
    return "rateLimit needs maxRequestsPerSecond, a number of at least 0.";
  }
  if (inject !== undefined && !(Array.isArray(inject) && inject.every(isInjection))) {
    return "inject must be a list of {method?, path?, status, count?, body?, contentType?}.";
  }
  if (latencyMs !== undefined && !isNonNegative(latencyMs))
    return "latencyMs must be a number of at least 0.";
  if (dropAfterProcessing !== undefined && !isMatcher(dropAfterProcessing)) {
    return "dropAfterProcessing must be {method?, path?, count?}.";
  }
  return undefined;
}
