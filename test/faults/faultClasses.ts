/**
 * The fault classes of the fault suite: each is one sandbox switch with the count the suite uses,
 * and what it does to the one request it hits, which the expected request sequences are built from.
 */
import type { FaultKind, Faults, RequestMatcher } from "../../sandbox";

/** How a 200 that is not SparkPost's answer looks. */
export type Garbling = "malformed" | "resultsEmpty" | "empty";

/** The JSON of each wrong shape (malformed bodies are the sandbox's HTML maintenance page). */
export const WRONG_SHAPES: Record<Exclude<Garbling, "malformed">, unknown> = {
  resultsEmpty: { results: {} },
  empty: {},
};

/** What a fault does to the request it hits. */
export type FaultEffect =
  /** Answered `times` times with `status`, unprocessed (5xx, 429). */
  | { type: "status"; status: number; times: number; fault: FaultKind }
  /** No answer, unprocessed: a reset before processing, or a hang. */
  | { type: "noAnswer"; fault: "reset-before-processing" | "hang" }
  /** Processed, then no answer: a reset (RST) or a drop (FIN). */
  | { type: "lostAnswer"; fault: "reset-after-processing" | "dropped" }
  /** Processed, then headers and part of the body, then nothing. */
  | { type: "stall" }
  /** A 200 whose body is not SparkPost's answer, after processing or instead of it. */
  | { type: "garbled"; garbling: Garbling; processed: boolean };

export interface FaultClass {
  name: string;
  /** Garbled answers are allowed to fail once; transient faults must not fail at all. */
  transient: boolean;
  /** Beyond the brief: wrong shapes answered without processing, as a proxy might. */
  extra?: boolean;
  effect: FaultEffect;
  faults(target: RequestMatcher): Faults;
}

function injected(status: number, count: number): FaultClass {
  return {
    name: `${status} ×${count}`,
    transient: true,
    effect: { type: "status", status, times: count, fault: "injected" },
    faults: (target) => ({ inject: [{ ...target, status, count }] }),
  };
}

function tooManyRequests(name: string, retryAfter?: number | { httpDateInSeconds: number }) {
  return {
    name,
    transient: true,
    effect: { type: "status", status: 429, times: 1, fault: "too-many-requests" },
    faults: (target) => ({
      tooManyRequests: [retryAfter === undefined ? { ...target } : { ...target, retryAfter }],
    }),
  } satisfies FaultClass;
}

function wrongShape(garbling: "resultsEmpty" | "empty", processed: boolean): FaultClass {
  const json = WRONG_SHAPES[garbling];
  return {
    name: `wrong-shape 200 ${JSON.stringify(json)}${processed ? "" : ", not processed"}`,
    transient: false,
    extra: !processed,
    effect: { type: "garbled", garbling, processed },
    faults: (target) => ({
      wrongShape200: [processed ? { ...target, json } : { ...target, json, takesEffect: false }],
    }),
  };
}

export const FAULT_CLASSES: readonly FaultClass[] = [
  injected(500, 1),
  injected(502, 2),
  injected(503, 2),
  injected(504, 2),
  {
    name: "reset before processing",
    transient: true,
    effect: { type: "noAnswer", fault: "reset-before-processing" },
    faults: (target) => ({ resetBeforeProcessing: [target] }),
  },
  {
    name: "reset after processing",
    transient: true,
    effect: { type: "lostAnswer", fault: "reset-after-processing" },
    faults: (target) => ({ resetAfterProcessing: [target] }),
  },
  {
    name: "drop after processing (FIN)",
    transient: true,
    effect: { type: "lostAnswer", fault: "dropped" },
    faults: (target) => ({ dropAfterProcessing: [target] }),
  },
  {
    name: "hang",
    transient: true,
    effect: { type: "noAnswer", fault: "hang" },
    faults: (target) => ({ hang: [target] }),
  },
  {
    name: "stalled body",
    transient: true,
    effect: { type: "stall" },
    faults: (target) => ({ stallBody: [target] }),
  },
  tooManyRequests("429, no Retry-After"),
  tooManyRequests("429, Retry-After: 1", 1),
  tooManyRequests("429, Retry-After: HTTP-date +1 s", { httpDateInSeconds: 1 }),
  {
    name: "malformed 200",
    transient: false,
    effect: { type: "garbled", garbling: "malformed", processed: true },
    faults: (target) => ({ malformed200: [target] }),
  },
  wrongShape("resultsEmpty", true),
  wrongShape("empty", true),
  wrongShape("resultsEmpty", false),
  wrongShape("empty", false),
];
