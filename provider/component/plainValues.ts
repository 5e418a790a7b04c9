import * as pulumi from "@pulumi/pulumi";

/**
 * Whether `value` is known while the program runs: not an Output or a Promise. Only such values
 * can be checked when the component is constructed; the rest is checked by each resource's
 * provider once known.
 */
export function isPlain(value: unknown): boolean {
  if (pulumi.Output.isInstance(value)) return false;
  return !(typeof value === "object" && value !== null && "then" in value);
}

/** A short rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (!isPlain(value)) return "an Output or a Promise";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
    case "object":
      return value === null ? "null" : Array.isArray(value) ? "a list" : "an object";
    case "function":
      return "a function";
    case "symbol":
      return value.toString();
    default:
      return String(value);
  }
}

/** Whether `value` is a whole number from `min` to `max`. */
export function isWholeNumberIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** Throws the error the engine shows as a problem with one input property. */
export function failProperty(propertyPath: string, reason: string): never {
  throw new pulumi.InputPropertyError({ propertyPath, reason });
}
