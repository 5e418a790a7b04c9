/**
 * The shape check of the `trackingDomains` stack configuration: a JSON schema
 * (stackConfig.schema.json) checked by ajv, with every failure turned into one sentence that names
 * the list index and field and says what a valid value looks like.
 */
import Ajv2020, { ErrorObject } from "ajv/dist/2020";
import { quoted, visible } from "../provider/dns/visibleText";
import stackConfigSchema from "./stackConfig.schema.json";

/** The configuration key this schema describes; every message path starts with it. */
export const TRACKING_DOMAINS_KEY = "trackingDomains";

/** The schema's own keyword: what a valid value looks like, quoted by the messages. */
const HINT_KEYWORD = "hint";

// strictRequired is off because `not: {required: [a, b]}` names properties defined beside it, not in it.
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false });
ajv.addVocabulary([HINT_KEYWORD]);
const validateShape = ajv.compile(stackConfigSchema);

/** Readable names of JSON types, as they read after "must be". */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  array: "a list",
  boolean: "true or false",
  integer: "a whole number",
  number: "a number",
  object: "an object",
  string: "a string",
};

/**
 * Every way `value` departs from the schema, one message each, in the order ajv finds them
 * (list order, then field order); an empty list when the shape is right.
 */
export function schemaProblems(value: unknown): string[] {
  if (validateShape(value)) return [];
  const messages = (validateShape.errors ?? []).filter(isReported).map(describeError);
  return [...new Set(messages)];
}

/**
 * Errors worth a message. `if` errors only say that a `then` failed, and the `then`'s own errors
 * are reported; errors inside an `anyOf` branch are summed up by the `anyOf` error itself.
 */
function isReported(error: ErrorObject): boolean {
  return error.keyword !== "if" && !/\/anyOf\/\d+\//.test(error.schemaPath);
}

/** "/1/dns/provider" -> "trackingDomains[1].dns.provider". */
export function configPath(instancePath: string, child?: string): string {
  const segments = instancePath.split("/").slice(1);
  if (child !== undefined) segments.push(child);
  return segments.reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`),
    TRACKING_DOMAINS_KEY,
  );
}

function hintOf(schema: unknown): string | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const hint = (schema as Record<string, unknown>)[HINT_KEYWORD];
  return typeof hint === "string" ? hint : undefined;
}

function quoteAll(values: readonly unknown[]): string {
  return values
    .map((value) => (typeof value === "string" ? quoted(value) : String(value)))
    .join(", ");
}

function describeError(error: ErrorObject): string {
  const path = configPath(error.instancePath);
  const hint = hintOf(error.parentSchema);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      const properties = (error.parentSchema?.properties ?? {}) as Record<string, unknown>;
      const missingHint = hintOf(properties[missing]) ?? hintOf(followRef(properties[missing]));
      const advice = missingHint === undefined ? "" : `: set it to ${missingHint}`;
      return `${configPath(error.instancePath, missing)} is required${advice}`;
    }
    case "additionalProperties": {
      const known = Object.keys((error.parentSchema?.properties ?? {}) as object).join(", ");
      const provider = (error.data as { provider?: unknown }).provider;
      const context = typeof provider === "string" ? ` for dns provider ${quoted(provider)}` : "";
      // The name as the user wrote it, which may carry characters that would not show.
      const unknown = configPath(error.instancePath, visible(String(params.additionalProperty)));
      return `${unknown} is not a known setting${context}: remove it or correct its name (known: ${known})`;
    }
    case "type":
      return `${path} must be ${hint ?? TYPE_WORDS[String(params.type)] ?? String(params.type)}`;
    case "enum":
      return `${path} must be one of ${quoteAll(params.allowedValues as unknown[])}`;
    case "const":
      return `${path} must be ${hint ?? quoteAll([params.allowedValue])}`;
    case "minLength":
      return `${path} must not be empty${hint === undefined ? "" : `: set it to ${hint}`}`;
    case "minItems":
      return `${path} must list at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}, or be left out`;
    case "minimum":
    case "maximum": {
      const bound = error.keyword === "minimum" ? "at least" : "at most";
      return `${path} must be ${hint ?? `${bound} ${String(params.limit)}`}`;
    }
    case "anyOf":
      return `${path} must be ${hint ?? "one of the allowed values"}`;
    case "not": {
      // The schema uses `not: {required: [a, b]}` only to say that a and b exclude each other.
      const [first, second] = (error.schema as { required: string[] }).required;
      return `${path} sets both ${first} and ${second}: keep only one of them`;
    }
    default:
      return `${path} ${error.message ?? "is not valid"}`;
  }
}

/** The schema a `{"$ref": "#/$defs/name"}` points at, for hints kept in shared definitions. */
function followRef(schema: unknown): unknown {
  const ref = (schema as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      stackConfigSchema,
    );
}
