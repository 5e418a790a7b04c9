/**
 * What each fault class must do to each operation: the exact request sequence ("METHOD status
 * fault"), the outcome, and where the operation may fail, its exact message and the requests of
 * the second run that converges. Built from the rules the provider documents:
 *
 * - an idempotent request is sent again after 429, 5xx and lost or unreadable answers, within
 *   the same call; a DELETE whose answer was lost then hears 404, which counts as deleted;
 * - a create is sent again only when it surely did not take effect: after an unclear answer the
 *   domain is read back (found: ours; 404: sent again); a 429 is resent at once;
 * - the verification wait asks again after anything that may pass, garbled answers included;
 * - any other garbled answer fails the operation with what came back and what we were doing.
 */
import type { FaultClass, Garbling } from "./faultClasses";
import type { AnswerShape, Operation } from "./operations";

export type Outcome =
  | "same-operation success"
  | "failed, then converged"
  | "partial create, then finished"
  | "fault not reached"
  | "failed";

export interface Expected {
  lines: string[];
  outcome: Outcome;
  /** The first run's message: exact, or only its start where no message exists yet (a defect). */
  message?: { text: string; exact: boolean };
  /** The requests of the second run (or of finishing the partial create). */
  converge?: string[];
  /** Why this expectation does not hold today: the defect a `test.failing` row shows. */
  defect?: string;
}

/** The sandbox's maintenance page as the client quotes it: one line. */
const MALFORMED_EXCERPT =
  "<!DOCTYPE html> <html><head><title>Scheduled maintenance</title></head>" +
  "<body><h1>We will be back shortly.</h1></body></html>";

/** What the client says about a garbled body; undefined where it takes the body as an answer. */
function garbledProblem(answer: AnswerShape, garbling: Garbling): string | undefined {
  if (garbling === "malformed") return `the body is not JSON: ${MALFORMED_EXCERPT}`;
  const body = garbling === "empty" ? "{}" : '{"results":{}}';
  const missing = garbling === "empty" ? "results is missing" : undefined;
  switch (answer) {
    case "trackingDomain":
      return `${missing ?? "results.domain is missing"} in ${body}`;
    case "trackingDomainList":
      return `${missing ?? "results is not of type array"} in ${body}`;
    case "sendingDomain":
      return `${missing ?? "results.status is missing"} in ${body}`;
    case "updated":
      // SparkPost's PUT answers name the domain they changed.
      return `${missing ?? "results.domain is missing"} in ${body}`;
    case "noContent":
      // SparkPost answers a DELETE with 204 and no body: any body came from someone else.
      return `SparkPost answers this with 204 and no body, but a body came back in ${body}`;
    default:
      return undefined;
  }
}

const hitLine = (method: string, status: number, fault: string) => `${method} ${status} ${fault}`;

function repeat<T>(items: T[], times: number): T[] {
  return Array.from({ length: times }, () => items).flat();
}

/** The expected behaviour of `operation` when `faultClass` hits its target request. */
export function expectationFor(operation: Operation, faultClass: FaultClass): Expected {
  const { target, before, after } = operation;
  const ok = `${target.method} ${target.ok}`;
  const create = target.replay === "create";
  const success = (lines: string[], outcome: Outcome = "same-operation success"): Expected => ({
    lines: [...before, ...lines],
    outcome,
  });
  const effect = faultClass.effect;
  switch (effect.type) {
    case "status": {
      const hit = hitLine(target.method, effect.status, effect.fault);
      // A create answered 5xx may have taken effect: it is read back before it is sent again.
      const round = create && effect.status !== 429 ? [hit, "GET 404"] : [hit];
      return success([...repeat(round, effect.times), ok, ...after]);
    }
    case "noAnswer": {
      const hit = hitLine(target.method, 0, effect.fault);
      return success(create ? [hit, "GET 404", ok, ...after] : [hit, ok, ...after]);
    }
    case "lostAnswer": {
      const hit = hitLine(target.method, target.ok, effect.fault);
      if (create) return success([hit, "GET 200"]);
      const again = target.method === "DELETE" ? "DELETE 404" : ok;
      return success([hit, again, ...after]);
    }
    case "stall": {
      // A 204 has no body to stall: the sandbox answers it whole.
      if (target.answer === "noContent") return success([ok, ...after], "fault not reached");
      const hit = hitLine(target.method, target.ok, "stalled-body");
      return success(create ? [hit, "GET 200"] : [hit, ok, ...after]);
    }
    case "garbled": {
      const fault = effect.garbling === "malformed" ? "malformed-200" : "wrong-shape-200";
      const hit = hitLine(target.method, 200, fault);
      if (create) {
        return success(effect.processed ? [hit, "GET 200"] : [hit, "GET 404", ok, ...after]);
      }
      if (target.replay === "verifyWait") return success([hit, ok, ...after]);
      const problem = garbledProblem(target.answer, effect.garbling);
      // Taking such a body as the answer ends correctly only when the request took effect.
      if (problem === undefined && effect.processed) return success([hit, ...after]);
      const start = `SparkPost's answer to the request to ${target.action} was not what its API documents (200): `;
      const advice = target.advice === undefined ? "" : ` ${target.advice}`;
      return {
        lines: [...before, hit],
        outcome: operation.partialCreate
          ? "partial create, then finished"
          : "failed, then converged",
        message:
          problem === undefined
            ? { text: start, exact: false }
            : { text: `${start}${problem}.${advice}`, exact: true },
        converge: operation.converge(effect.processed),
      };
    }
  }
}
