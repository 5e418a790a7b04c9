import { hostnameProblem, normalizeHostname, subdomainProblem } from "../dns/hostname";

/** One problem found by a provider's `check`, as the engine shows it: the property and what to do. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * The value the engine sends for inputs that are not known yet (during preview). It is the SDK's
 * `runtime.unknownValue`, written out here because this module runs inside the serialized provider.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** Largest subaccount id: SparkPost's ids are non-negative 32-bit integers. */
export const MAX_SUBACCOUNT_ID = 2147483647;

/**
 * Validates and normalises one resource's raw inputs, collecting every failure instead of stopping
 * at the first, so a user fixes all of them in one go. Values not yet known pass through untouched.
 */
export class InputChecker {
  readonly failures: CheckFailure[] = [];

  constructor(private readonly news: Record<string, unknown>) {}

  /** A required hostname, lowercased without a trailing dot; `subdomain` also rejects apexes. */
  hostname(property: string, options: { subdomain: boolean }): string | undefined {
    const value = this.news[property];
    if (isUnknown(value)) return value as string;
    if (value === undefined || value === null || value === "") {
      return this.fail(
        property,
        `${property} is required: give the hostname, e.g. "track.example.com".`,
      );
    }
    if (typeof value !== "string") {
      return this.fail(
        property,
        `${property} must be a string such as "track.example.com", not ${renderValue(value)}.`,
      );
    }
    const problem =
      hostnameProblem(value) ?? (options.subdomain ? subdomainProblem(value) : undefined);
    if (problem) return this.fail(property, `${property} ${problem}.`);
    return normalizeHostname(value);
  }

  boolean(property: string, defaultValue: boolean): boolean | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return defaultValue;
    return this.optionalBoolean(property);
  }

  /** A boolean whose absence means something of its own ("keep what SparkPost has"): undefined. */
  optionalBoolean(property: string): boolean | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value) || typeof value === "boolean") return value as boolean;
    return this.fail(property, `${property} must be true or false, not ${renderValue(value)}.`);
  }

  /** An optional subaccount id; 0 means the primary account, as SparkPost's header does. */
  subaccountId(property: string): number | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return value as number;
    if (
      typeof value !== "number" ||
      !Number.isInteger(value) ||
      value < 0 ||
      value > MAX_SUBACCOUNT_ID
    ) {
      return this.fail(
        property,
        `${property} must be a whole number from 0 to ${MAX_SUBACCOUNT_ID} (the SparkPost subaccount id), not ${renderValue(value)}; leave it unset for the primary account.`,
      );
    }
    return value === 0 ? undefined : value;
  }

  integer(
    property: string,
    bounds: { min: number; max: number; default: number; unit: string },
  ): number | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return bounds.default;
    if (isUnknown(value)) return value as number;
    if (
      typeof value !== "number" ||
      !Number.isInteger(value) ||
      value < bounds.min ||
      value > bounds.max
    ) {
      return this.fail(
        property,
        `${property} must be a whole number of ${bounds.unit} from ${bounds.min} to ${bounds.max}, not ${renderValue(value)}.`,
      );
    }
    return value;
  }

  oneOf<T extends string>(property: string, allowed: readonly T[], defaultValue: T): T | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return defaultValue;
    if (isUnknown(value) || allowed.includes(value as T)) return value as T;
    const choices = allowed.map((choice) => `"${choice}"`).join(", ");
    return this.fail(property, `${property} must be one of ${choices}, not ${renderValue(value)}.`);
  }

  /** An optional list of strings, each checked by `itemProblem` (a sentence, or undefined if fine). */
  stringList(
    property: string,
    itemProblem: (item: string) => string | undefined,
  ): string[] | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return value as string[];
    if (!Array.isArray(value)) {
      return this.fail(
        property,
        `${property} must be a list of strings, not ${renderValue(value)}.`,
      );
    }
    value.forEach((item, index) => {
      if (isUnknown(item)) return;
      const problem =
        typeof item === "string" ? itemProblem(item) : `must be a string, not ${renderValue(item)}`;
      if (problem) this.fail(`${property}[${index}]`, `${property}[${index}] ${problem}.`);
    });
    return value as string[];
  }

  /**
   * Fails `property` when its checked value equals `other`'s: a sending domain cannot be its own
   * tracking domain (the tracking domain is a CNAME to SparkPost; mail cannot be sent from it).
   */
  distinct(property: string, value: unknown, other: string, otherValue: unknown): void {
    if (typeof value !== "string" || isUnknown(value) || value !== otherValue) return;
    this.fail(
      property,
      `${property} and ${other} are both ${JSON.stringify(value)}: link the sending domain to a separate tracking domain, such as "track.${value}".`,
    );
  }

  private fail(property: string, reason: string): undefined {
    this.failures.push({ property, reason });
    return undefined;
  }
}

/** A short, credential-free rendering of a bad value for an error message. */
function renderValue(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return typeof value === "number" || typeof value === "boolean" ? String(value) : typeof value;
}
