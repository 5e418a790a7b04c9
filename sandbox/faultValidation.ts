/**
 * Checks faults before they are set (over `PUT /_sandbox/faults` or `setFaults`): a typo in a
 * fault switch would otherwise turn a fault test into one that silently injects nothing.
 */
import { isObject } from "./http";
import type { Faults } from "./faultTypes";

type Check = (value: Record<string, unknown>) => boolean;

const isNonNegative = (value: unknown) => typeof value === "number" && value >= 0;
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const isOptional = (value: unknown, check: (value: unknown) => boolean) =>
  value === undefined || check(value);
const isString = (value: unknown) => typeof value === "string";

function isRetryAfter(value: unknown): boolean {
  if (isNonNegative(value) || isString(value)) return true;
  return (
    isObject(value) && Object.keys(value).length === 1 && isNonNegative(value.httpDateInSeconds)
  );
}

const isBodyChoice = (value: unknown) => value === "none" || value === "json";

/** An object whose fields are all known, each passing its check (absent fields pass). */
function hasOnly(
  value: unknown,
  checks: Record<string, (field: unknown) => boolean>,
): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  return Object.entries(value).every(
    ([field, item]) => Object.hasOwn(checks, field) && isOptional(item, checks[field]),
  );
}

const MATCHER_FIELDS = { method: isString, path: isString, count: isCount };

/** A list of objects with the matcher fields, the given extra fields, and `check`. */
function listOf(
  extraFields: Record<string, (field: unknown) => boolean>,
  check: Check = () => true,
): (value: unknown) => boolean {
  const fields = { ...MATCHER_FIELDS, ...extraFields };
  return (value) =>
    Array.isArray(value) && value.every((item) => hasOnly(item, fields) && check(item));
}

const isMatcherList = listOf({});

interface SwitchCheck {
  valid: (value: unknown) => boolean;
  /** What to write instead, said when the value is invalid. */
  expected: string;
}

/** Every switch: how to check it and the sentence that says how to write it. */
const SWITCHES: Record<keyof Faults, SwitchCheck> = {
  latencyMs: { valid: isNonNegative, expected: "latencyMs must be a number of at least 0." },
  rateLimit: {
    valid: (value) =>
      hasOnly(value, {
        maxRequestsPerSecond: isNonNegative,
        retryAfterSeconds: isNonNegative,
        retryAfter: isRetryAfter,
        body: isBodyChoice,
      }) &&
      isNonNegative(value.maxRequestsPerSecond) &&
      !(value.retryAfterSeconds !== undefined && value.retryAfter !== undefined),
    expected:
      'rateLimit must be {maxRequestsPerSecond, retryAfterSeconds? or retryAfter?, body?: "none" | "json"}, ' +
      "with maxRequestsPerSecond a number of at least 0.",
  },
  inject: {
    valid: listOf(
      {
        status: (status) => Number.isInteger(status) && (status as number) >= 100,
        body: isString,
        contentType: isString,
      },
      (item) => item.status !== undefined,
    ),
    expected: "inject must be a list of {method?, path?, status, count?, body?, contentType?}.",
  },
  tooManyRequests: {
    valid: listOf({ retryAfter: isRetryAfter, body: isBodyChoice }),
    expected:
      'tooManyRequests must be a list of {method?, path?, count?, retryAfter?, body?: "none" | "json"}, ' +
      "where retryAfter is a number of seconds, {httpDateInSeconds}, or the header's text.",
  },
  resetBeforeProcessing: {
    valid: isMatcherList,
    expected: "resetBeforeProcessing must be a list of {method?, path?, count?}.",
  },
  hang: { valid: isMatcherList, expected: "hang must be a list of {method?, path?, count?}." },
  dropAfterProcessing: {
    valid: (value) => isMatcherList(Array.isArray(value) ? value : [value]),
    expected: "dropAfterProcessing must be {method?, path?, count?} or a list of them.",
  },
  resetAfterProcessing: {
    valid: isMatcherList,
    expected: "resetAfterProcessing must be a list of {method?, path?, count?}.",
  },
  stallBody: {
    valid: listOf({ bytes: isCount }),
    expected: "stallBody must be a list of {method?, path?, count?, bytes?}.",
  },
  malformed200: {
    valid: listOf({ body: isString, contentType: isString }),
    expected: "malformed200 must be a list of {method?, path?, count?, body?, contentType?}.",
  },
  wrongShape200: {
    valid: listOf(
      { json: () => true, takesEffect: (flag) => typeof flag === "boolean" },
      (item) => item.json !== undefined,
    ),
    expected:
      "wrongShape200 must be a list of {method?, path?, count?, json, takesEffect?}, json being the body to send.",
  },
};

/** Checks faults; returns a sentence saying what is wrong, or undefined. */
export function faultsProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "The body must be a JSON object of faults.";
  for (const [field, item] of Object.entries(value)) {
    if (!Object.hasOwn(SWITCHES, field)) {
      return `Unknown fault switch ${field}: use ${Object.keys(SWITCHES).join(", ")}.`;
    }
    const check = SWITCHES[field as keyof Faults];
    if (item !== undefined && !check.valid(item)) return check.expected;
  }
  return undefined;
}
