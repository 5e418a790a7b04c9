import * as pulumi from "@pulumi/pulumi";
import { renderValue } from "../resources/inputChecker";

/**
 * Whether `value` is known while the program runs: not an Output or a Promise. Only such values
 * can be checked when the component is constructed; the rest is checked by each resource's
 * provider once known.
 */
export function isPlain(value: unknown): boolean {
  if (pulumi.Output.isInstance(value)) return false;
  return !(typeof value === "object" && value !== null && "then" in value);
}

/** Whether `value` is set and known now: the values the component checks at construction. */
export function isSetAndPlain(value: unknown): boolean {
  return value !== undefined && value !== null && isPlain(value);
}

/** A short rendering of a bad value for an error message, as the resources' checks write it. */
export function describeValue(value: unknown): string {
  return isPlain(value) ? renderValue(value) : "an Output or a Promise";
}

/** Throws the error the engine shows as a problem with one input property. */
export function failProperty(propertyPath: string, reason: string): never {
  throw new pulumi.InputPropertyError({ propertyPath, reason });
}
