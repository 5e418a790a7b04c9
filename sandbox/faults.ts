/** Fault injection: decides, per API request, whether a fault replaces or spoils its answer. */
import { STATUS_CODES } from "node:http";
import { type Answer, serializeAnswer } from "./http";
import type { Delivery } from "./delivery";
import { faultsProblem } from "./faultValidation";
import type {
  CountedMatcher,
  FaultKind,
  Faults,
  InjectedStatus,
  Malformed200Fault,
  RequestMatcher,
  RetryAfter,
  StallBodyFault,
  TooManyRequestsFault,
  WrongShape200Fault,
} from "./faultTypes";

const ONE_SECOND_MS = 1000;

/** What a fault decided for a request, and which switch decided it. */
export interface FaultDecision {
  fault: FaultKind;
  delivery: Delivery;
}

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

/** The rules of one switch, each with the number of matching requests it still applies to. */
class CountedRules<Rule extends CountedMatcher> {
  private readonly left: number[];

  constructor(private readonly rules: readonly Rule[] = []) {
    this.left = rules.map((rule) => rule.count ?? 1);
  }

  /** The first rule with count left that matches (and `applies`), using up one of its count. */
  take(
    method: string,
    path: string,
    applies: (rule: Rule) => boolean = () => true,
  ): Rule | undefined {
    const index = this.rules.findIndex(
      (rule, position) =>
        this.left[position] > 0 && matchesRequest(rule, method, path) && applies(rule),
    );
    if (index < 0) return undefined;
    this.left[index] -= 1;
    return this.rules[index];
  }
}

const TOO_MANY_REQUESTS_BODY = { errors: [{ message: "Too many requests" }] };

/** A page such as a maintenance proxy or a captive portal sends with status 200. */
export const DEFAULT_MALFORMED_BODY =
  "<!DOCTYPE html>\n<html><head><title>Scheduled maintenance</title></head>" +
  "<body><h1>We will be back shortly.</h1></body></html>\n";

/** The `Retry-After` header value, or undefined for none. */
function retryAfterHeader(retryAfter: RetryAfter | undefined, now: number): string | undefined {
  if (retryAfter === undefined) return undefined;
  if (typeof retryAfter === "number") return String(retryAfter);
  if (typeof retryAfter === "string") return retryAfter;
  // Rounded up: an HTTP-date has whole seconds, and the client must not be told to come back early.
  const at = Math.ceil((now + retryAfter.httpDateInSeconds * ONE_SECOND_MS) / ONE_SECOND_MS);
  return new Date(at * ONE_SECOND_MS).toUTCString();
}

function tooManyRequests(
  retryAfter: RetryAfter | undefined,
  body: "none" | "json" | undefined,
  now: number,
): Answer {
  const header = retryAfterHeader(retryAfter, now);
  return {
    status: 429,
    headers: header === undefined ? {} : { "retry-after": header },
    json: body === "json" ? TOO_MANY_REQUESTS_BODY : undefined,
  };
}

/** An injected status: SparkPost's error shape with the reason phrase, or the given raw body. */
function injectedAnswer({ status, body, contentType }: InjectedStatus): Answer {
  if (body !== undefined)
    return { status, text: body, headers: { "content-type": contentType ?? "text/html" } };
  return { status, json: { errors: [{ message: STATUS_CODES[status] ?? `HTTP ${status}` }] } };
}

const answered = (fault: FaultKind, answer: Answer): FaultDecision => ({
  fault,
  delivery: { kind: "answer", answer },
});

/** Holds the current faults and their counters; setting new faults resets every counter. */
export class FaultInjector {
  private faults: Faults = {};
  private arrivals: number[] = [];
  private inject = new CountedRules<InjectedStatus>();
  private tooManyRequests = new CountedRules<TooManyRequestsFault>();
  private resetBefore = new CountedRules();
  private hang = new CountedRules();
  private wrongShape = new CountedRules<WrongShape200Fault>();
  private drop = new CountedRules();
  private resetAfter = new CountedRules();
  private stall = new CountedRules<StallBodyFault>();
  private malformed = new CountedRules<Malformed200Fault>();

  constructor(private readonly now: () => number) {}

  /** Replaces the faults; throws with a sentence saying what is wrong when they are invalid. */
  set(faults: Faults): void {
    const problem = faultsProblem(faults);
    if (problem) throw new Error(problem);
    const drop = faults.dropAfterProcessing;
    this.faults = faults;
    this.arrivals = [];
    this.inject = new CountedRules(faults.inject);
    this.tooManyRequests = new CountedRules(faults.tooManyRequests);
    this.resetBefore = new CountedRules(faults.resetBeforeProcessing);
    this.hang = new CountedRules(faults.hang);
    this.wrongShape = new CountedRules(faults.wrongShape200);
    this.drop = new CountedRules(drop === undefined || Array.isArray(drop) ? drop : [drop]);
    this.resetAfter = new CountedRules(faults.resetAfterProcessing);
    this.stall = new CountedRules(faults.stallBody);
    this.malformed = new CountedRules(faults.malformed200);
  }

  latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  /** A fault that answers the request without processing it, or undefined to process it. */
  beforeProcessing(method: string, path: string): FaultDecision | undefined {
    const limited = this.rateLimit();
    if (limited) return answered("rate-limit", limited);
    const injection = this.inject.take(method, path);
    if (injection) return answered("injected", injectedAnswer(injection));
    const throttle = this.tooManyRequests.take(method, path);
    if (throttle) {
      const answer = tooManyRequests(throttle.retryAfter, throttle.body, this.now());
      return answered("too-many-requests", answer);
    }
    if (this.resetBefore.take(method, path))
      return { fault: "reset-before-processing", delivery: { kind: "reset" } };
    if (this.hang.take(method, path)) return { fault: "hang", delivery: { kind: "hang" } };
    const unprocessed = this.wrongShape.take(method, path, (rule) => rule.takesEffect === false);
    if (unprocessed) return answered("wrong-shape-200", { status: 200, json: unprocessed.json });
    return undefined;
  }

  /** A fault that spoils the answer of a processed request, or undefined to send it. */
  afterProcessing(method: string, path: string, answer: Answer): FaultDecision | undefined {
    if (this.drop.take(method, path)) return { fault: "dropped", delivery: { kind: "close" } };
    if (this.resetAfter.take(method, path))
      return { fault: "reset-after-processing", delivery: { kind: "reset" } };
    const length = serializeAnswer(answer).payload?.length ?? 0;
    const stall = this.stall.take(method, path, () => length > 0);
    if (stall) {
      const bytes = Math.min(stall.bytes ?? Math.floor(length / 2), length - 1);
      return { fault: "stalled-body", delivery: { kind: "stall", answer, bytes } };
    }
    const malformed = this.malformed.take(method, path);
    if (malformed) {
      const text = malformed.body ?? DEFAULT_MALFORMED_BODY;
      const headers = { "content-type": malformed.contentType ?? "text/html" };
      return answered("malformed-200", { status: 200, text, headers });
    }
    const wrong = this.wrongShape.take(method, path, (rule) => rule.takesEffect !== false);
    if (wrong) return answered("wrong-shape-200", { status: 200, json: wrong.json });
    return undefined;
  }

  /** Records an arrival; a 429 answer once more than the limit arrived within the last second. */
  private rateLimit(): Answer | undefined {
    const limit = this.faults.rateLimit;
    if (!limit) return undefined;
    const now = this.now();
    this.arrivals = this.arrivals.filter((time) => now - time < ONE_SECOND_MS);
    this.arrivals.push(now);
    if (this.arrivals.length <= limit.maxRequestsPerSecond) return undefined;
    return tooManyRequests(limit.retryAfter ?? limit.retryAfterSeconds, limit.body, now);
  }
}
