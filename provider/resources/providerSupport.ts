import type * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../sparkpost";
import { PROVIDER_ENTRY } from "./providerShim";

/** The key under which `pulumi.dynamic.Resource` stores the serialized provider in inputs and state. */
const PROVIDER_KEY = "__provider";

/** The API scope of a resource: its subaccount, or the primary account when unset. */
export function scopeOf(subaccountId: number | undefined): Scope {
  return subaccountId === undefined ? {} : { subaccountId };
}

/**
 * "the primary account" (no subaccount, or 0 as SparkPost's header means it) or "subaccount 215",
 * for messages; with a named account (`account` input), whose: `subaccount 215 of account "eu"`.
 */
export function accountLabel(subaccountId: number | undefined, account?: string): string {
  const label =
    subaccountId === undefined || subaccountId === 0
      ? "the primary account"
      : `subaccount ${subaccountId}`;
  return account === undefined ? label : `${label} of account "${account}"`;
}

/**
 * Outputs cannot hold `undefined` (the host's protobuf conversion rejects it): drop such keys, so
 * an unset optional input is simply absent from state.
 */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** The names of the properties whose old and new values differ, compared as JSON. */
export function changedProperties<T extends object>(
  olds: T,
  news: T,
  properties: readonly (keyof T & string)[],
): string[] {
  return properties.filter(
    (property) => JSON.stringify(olds[property]) !== JSON.stringify(news[property]),
  );
}

/**
 * True when a resource's stored provider predates the provider shim: version 0.1.0 stored its
 * whole implementation, which requires internal files that later versions no longer export, so
 * `refresh` and `destroy` could not load it. Diff then reports a change even when no input
 * changed; the update that follows stores the shim (the host writes the new `__provider` into the
 * outputs), once per resource.
 */
export function storesLegacyProvider(olds: object): boolean {
  const stored = (olds as Record<string, unknown>)[PROVIDER_KEY];
  return typeof stored === "string" && !stored.includes(`"${PROVIDER_ENTRY}"`);
}

/**
 * An error that tells the host the object now exists although the create failed after making it,
 * so the engine records it in state (and a later `destroy` removes it) instead of orphaning it.
 * The serialized provider must travel with the properties: every later call needs it.
 */
export function partiallyCreated(
  error: Error,
  id: string,
  properties: object,
  inputs: object,
): Error {
  const serializedProvider = (inputs as Record<string, unknown>)[PROVIDER_KEY];
  return Object.assign(error, {
    id,
    properties: { ...withoutUndefined(properties), [PROVIDER_KEY]: serializedProvider },
    reasons: [error.message],
  });
}

/**
 * A refresh result: the live outputs, and the inputs the state should hold from now on, so the
 * next diff compares the program against what SparkPost really has. (The SDK types read's
 * `inputs` as Outputs; they are the resource's inputs.)
 */
export function refreshed<Outputs>(
  id: string,
  outputs: Outputs,
  inputs: object,
): pulumi.dynamic.ReadResult<Outputs> {
  return { id, props: outputs, inputs: inputs as Outputs };
}
