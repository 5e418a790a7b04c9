import { hostnameProblem, normalizeHostname, subdomainProblem } from "../dns/hostname";
import { quoted } from "../dns/visibleText";
import { ACCOUNTS_KEY, resolveBaseUrl } from "../sparkpost";

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

/** The range of a whole-number setting, and its unit as the message names it ("seconds"). */
export interface WholeNumberBounds {
  min: number;
  max: number;
  unit: string;
}

/*
 * The rules, as sentences that read after a property path. The resources' `check` and the
 * component's construction-time checks both use them, so a value is refused the same way, in the
 * same words, wherever it is given. Each takes a value that is set and known (not undefined,
 * null, unknown, an Output or a Promise).
 */

/** Why `value` is not a boolean, or undefined when it is one. */
export function booleanProblem(value: unknown): string | undefined {
  return typeof value === "boolean"
    ? undefined
    : `must be true or false, not ${renderValue(value)}`;
}

/** Why `value` is not a SparkPost subaccount id (0 is the primary account), or undefined. */
export function subaccountIdProblem(value: unknown): string | undefined {
  if (isWholeNumberIn(value, 0, MAX_SUBACCOUNT_ID)) return undefined;
  return `must be a whole number from 0 to ${MAX_SUBACCOUNT_ID} (the SparkPost subaccount id), not ${renderValue(value)}; leave it unset for the primary account`;
}

/**
 * Why `value` cannot be an account name, or undefined when it is a string (whether the stack
 * config has that account is checked where the config is known).
 */
export function accountNameProblem(value: unknown): string | undefined {
  if (typeof value === "string") return undefined;
  return `must be the name of an account in ${ACCOUNTS_KEY}, such as "eu", not ${renderValue(value)}; leave it unset for the default connection`;
}

/** Why `value` is not a whole number within `bounds`, or undefined. */
export function wholeNumberProblem(value: unknown, bounds: WholeNumberBounds): string | undefined {
  if (isWholeNumberIn(value, bounds.min, bounds.max)) return undefined;
  return `must be a whole number of ${bounds.unit} from ${bounds.min} to ${bounds.max}, not ${renderValue(value)}`;
}

/** Why `value` is none of `allowed`, or undefined. */
export function oneOfProblem(value: unknown, allowed: readonly string[]): string | undefined {
  if (allowed.includes(value as string)) return undefined;
  const choices = allowed.map((choice) => quoted(choice)).join(", ");
  return `must be one of ${choices}, not ${renderValue(value)}`;
}

/** Why `value` is not a list (of strings, which {@link stringItemProblem} checks), or undefined. */
export function stringListProblem(value: unknown): string | undefined {
  return Array.isArray(value) ? undefined : `must be a list of strings, not ${renderValue(value)}`;
}

/** Why one item of a list of strings is wrong: not a string, or what `itemProblem` says. */
export function stringItemProblem(
  item: unknown,
  itemProblem: (item: string) => string | undefined,
): string | undefined {
  return typeof item === "string"
    ? itemProblem(item)
    : `must be a string, not ${renderValue(item)}`;
}

/**
 * Why a CNAME target cannot be `target`: it is the tracking domain `domain` itself (both
 * normalized), and a CNAME to its own name never resolves, so verification would never come.
 * A whole sentence, naming `property`.
 */
export function cnameToItselfProblem(
  property: string,
  target: string,
  domain: string,
): string | undefined {
  if (target !== domain) return undefined;
  return `${property} is the tracking domain ${quoted(domain)} itself, and a CNAME cannot point at its own name: leave ${property} unset for the region's target, or set SparkPost's, such as "v2.spgo.io".`;
}

/** What a hostname property holds, for the messages that ask for one. */
export interface HostnameOptions {
  /** Also refuse names at a domain's root (tracking domains, whose CNAME cannot sit there). */
  subdomain: boolean;
  /** What to give, as "give ..." reads: "the sending domain to link". */
  what?: string;
  /** A value that fits the property: "mail.example.com" for a sending domain. */
  example?: string;
}

/**
 * Validates and normalises one resource's raw inputs, collecting every failure instead of stopping
 * at the first, so a user fixes all of them in one go. Values not yet known pass through untouched.
 */
export class InputChecker {
  readonly failures: CheckFailure[] = [];

  constructor(private readonly news: Record<string, unknown>) {}

  /** A required hostname, lowercased without a trailing dot; `subdomain` also rejects apexes. */
  hostname(property: string, options: HostnameOptions): string | undefined {
    const value = this.news[property];
    const { what = "the hostname", example = "track.example.com" } = options;
    if (isUnknown(value)) return value as string;
    if (value === undefined || value === null || value === "") {
      return this.fail(property, `${property} is required: give ${what}, e.g. ${quoted(example)}.`);
    }
    if (typeof value !== "string") {
      return this.fail(
        property,
        `${property} must be a string such as ${quoted(example)}, not ${renderValue(value)}.`,
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
    if (isUnknown(value)) return value as boolean;
    return this.check(property, value as boolean, booleanProblem(value));
  }

  /** An optional subaccount id; 0 means the primary account, as SparkPost's header does. */
  subaccountId(property: string): number | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return value as number;
    const problem = subaccountIdProblem(value);
    if (problem !== undefined) return this.fail(property, `${property} ${problem}.`);
    return value === 0 ? undefined : (value as number);
  }

  /**
   * An optional named account: one `sparkpost:accounts` has, with a valid region and API URL (the
   * provider host's stack config, which `configure` recorded before any check). Unset: the
   * unnamed connection. The key is not looked at: `preview` does not need it.
   */
  account(property: string): string | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return value as string;
    const problem = accountNameProblem(value);
    if (problem !== undefined) return this.fail(property, `${property} ${problem}.`);
    try {
      resolveBaseUrl(process.env, value as string);
    } catch (error) {
      return this.fail(property, (error as Error).message);
    }
    return value as string;
  }

  integer(property: string, bounds: WholeNumberBounds & { default: number }): number | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return bounds.default;
    if (isUnknown(value)) return value as number;
    return this.check(property, value as number, wholeNumberProblem(value, bounds));
  }

  oneOf<T extends string>(property: string, allowed: readonly T[], defaultValue: T): T | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return defaultValue;
    if (isUnknown(value)) return value as T;
    return this.check(property, value as T, oneOfProblem(value, allowed));
  }

  /** An optional list of strings, each checked by `itemProblem` (a sentence, or undefined if fine). */
  stringList(
    property: string,
    itemProblem: (item: string) => string | undefined,
  ): string[] | undefined {
    const value = this.news[property];
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return value as string[];
    const listProblem = stringListProblem(value);
    if (listProblem !== undefined) return this.fail(property, `${property} ${listProblem}.`);
    (value as unknown[]).forEach((item, index) => {
      if (isUnknown(item)) return;
      const problem = stringItemProblem(item, itemProblem);
      if (problem) this.fail(`${property}[${index}]`, `${property}[${index}] ${problem}.`);
    });
    return value as string[];
  }

  /** Fails `property`, a CNAME target, when it is the tracking domain itself. */
  notCnameToItself(property: string, target: unknown, domain: unknown): void {
    if (typeof target !== "string" || typeof domain !== "string") return;
    if (isUnknown(target) || isUnknown(domain)) return;
    const problem = cnameToItselfProblem(property, target, domain);
    if (problem !== undefined) this.fail(property, problem);
  }

  /**
   * Fails `property` when its checked value equals `other`'s: a sending domain cannot be its own
   * tracking domain (the tracking domain is a CNAME to SparkPost; mail cannot be sent from it).
   */
  distinct(property: string, value: unknown, other: string, otherValue: unknown): void {
    if (typeof value !== "string" || isUnknown(value) || value !== otherValue) return;
    this.fail(
      property,
      `${property} and ${other} are both ${quoted(value)}: link the sending domain to a separate tracking domain, such as ${quoted(`track.${value}`)}.`,
    );
  }

  /** `value` when `problem` is undefined; otherwise fails `property` with it. */
  private check<T>(property: string, value: T, problem: string | undefined): T | undefined {
    return problem === undefined ? value : this.fail(property, `${property} ${problem}.`);
  }

  private fail(property: string, reason: string): undefined {
    this.failures.push({ property, reason });
    return undefined;
  }
}

/** Whether `value` is a whole number from `min` to `max`. */
export function isWholeNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * A short, credential-free rendering of a bad value for an error message: strings cut at 80
 * characters and quoted so that no character hides, containers by their kind only.
 */
export function renderValue(value: unknown): string {
  switch (typeof value) {
    case "string":
      return quoted(value.length > 80 ? `${value.slice(0, 77)}...` : value);
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "a list" : "an object";
    case "function":
      return "a function";
    case "number":
    case "boolean":
    case "undefined":
      return String(value);
    default:
      return typeof value;
  }
}
