/**
 * Creating a tracking domain without ever leaving one behind unknown to state. SparkPost's create
 * answer can be lost (timeout, reset, 5xx) or garbled after the domain was made; the client then
 * reads the domain back (see SparkPostClient.createTrackingDomain). What it finds is decided here:
 * a domain that looks exactly as this create would have made it is ours; anything else existed
 * before and is adopted or refused like a 409. When nobody can tell, the create records the
 * domain in state anyway (a partial create), and the next `pulumi up` finishes it.
 */
import {
  CREATE_UNCONFIRMED,
  type CreateOutcome,
  type SparkPostClient,
  type TrackingDomainObject,
} from "../sparkpost";
import { apiFailure, attempt } from "./apiFailure";
import { accountLabel, partiallyCreated, scopeOf, withoutUndefined } from "./providerSupport";
import type { TrackingDomainInputs, TrackingDomainOutputs } from "./trackingDomain";

/** What a create does, for messages: "create tracking domain t.example.com in subaccount 5". */
export function createAction(inputs: TrackingDomainInputs): string {
  return `create tracking domain ${inputs.domain} in ${accountLabel(inputs.subaccountId, inputs.account)}`;
}

/** Outputs from SparkPost's view of the domain, carrying over the inputs it does not know. */
export function trackingDomainOutputs(
  object: TrackingDomainObject,
  inputs: TrackingDomainInputs,
): TrackingDomainOutputs {
  return withoutUndefined({
    domain: object.domain.toLowerCase(),
    secure: object.secure,
    subaccountId: object.subaccount_id || undefined,
    account: inputs.account,
    adopt: inputs.adopt,
    // Documented as derived from `secure`; derived here too should an answer leave it out.
    port: object.port ?? (object.secure ? 443 : 80),
    isDefault: object.default ?? false,
    status: {
      verified: object.status.verified,
      cnameStatus: object.status.cname_status ?? "",
      complianceStatus: object.status.compliance_status ?? "",
    },
  });
}

/**
 * What state records for a domain whose creation could not be confirmed: the inputs, without the
 * fields only SparkPost's answer provides (`status`). Update recognises such a record by that.
 */
export function unconfirmedOutputs(inputs: TrackingDomainInputs): Partial<TrackingDomainOutputs> {
  return withoutUndefined({ ...inputs });
}

/** True when state holds a domain whose creation was never confirmed (see unconfirmedOutputs). */
export function isUnconfirmed(outputs: Partial<TrackingDomainOutputs>): boolean {
  return outputs.status === undefined;
}

/**
 * Whether a domain found after an unclear create answer is the one this create made: freshly
 * created domains are unverified, not a default, in the requested subaccount, with the requested
 * `secure` (SparkPost's default, false, when none was sent).
 */
function looksJustCreated(object: TrackingDomainObject, inputs: TrackingDomainInputs): boolean {
  return (
    !object.default &&
    !object.status.verified &&
    (object.subaccount_id || undefined) === inputs.subaccountId &&
    object.secure === (inputs.secure ?? false)
  );
}

/** GET the domain for outputs, right after creating it. */
async function readBack(
  client: SparkPostClient,
  inputs: TrackingDomainInputs,
): Promise<TrackingDomainOutputs> {
  const object = await client.getTrackingDomain(inputs.domain, scopeOf(inputs.subaccountId));
  if (!object) {
    throw new Error(
      `SparkPost does not show tracking domain ${inputs.domain} right after creating it.`,
    );
  }
  return trackingDomainOutputs(object, inputs);
}

/** The existing domain as the adopting key sees it, unscoped: it may belong to another subaccount. */
function readToAdopt(client: SparkPostClient, inputs: TrackingDomainInputs) {
  return attempt(
    `read existing tracking domain ${inputs.domain} to adopt it`,
    client.getTrackingDomain(inputs.domain),
  );
}

/**
 * Takes over `existing` when the subaccount matches; sets `secure` only when the program sets it
 * and it differs (unset keeps SparkPost's value). Returns the outputs, or undefined when they must
 * be read back (after a change).
 */
async function takeOver(
  client: SparkPostClient,
  inputs: TrackingDomainInputs,
  existing: TrackingDomainObject,
): Promise<TrackingDomainOutputs | undefined> {
  const owner = existing.subaccount_id || undefined;
  if (owner !== inputs.subaccountId) {
    throw new Error(
      `Cannot adopt tracking domain ${inputs.domain}: it belongs to ${accountLabel(owner)}, not ${accountLabel(inputs.subaccountId)}. Set subaccountId to ${owner ?? "nothing (unset)"} to adopt it.`,
    );
  }
  if (inputs.secure === undefined || existing.secure === inputs.secure) {
    return trackingDomainOutputs(existing, inputs);
  }
  await attempt(
    `set secure: ${inputs.secure} on adopted tracking domain ${inputs.domain}`,
    client.updateTrackingDomain(
      inputs.domain,
      { secure: inputs.secure },
      scopeOf(inputs.subaccountId),
    ),
  );
  return undefined;
}

/**
 * A create that met an existing domain: adopted when `adopt` allows it, else the error `refusal`
 * gives (a 409 worded for users).
 */
async function adoptExisting(
  client: SparkPostClient,
  inputs: TrackingDomainInputs,
  refusal: () => Error,
): Promise<TrackingDomainOutputs | undefined> {
  if (!inputs.adopt) throw refusal();
  const existing = await readToAdopt(client, inputs);
  if (!existing) {
    throw new Error(
      `${refusal().message} It exists, but this API key cannot see it: check the key's subaccount and permissions.`,
    );
  }
  return takeOver(client, inputs, existing);
}

const ADOPT_ADVICE =
  "Set adopt: true to manage the existing domain (Pulumi's import does not work for dynamic resources), or choose another domain.";

/** Outputs for what a create call found out, adopting or refusing an existing domain. */
async function settle(
  client: SparkPostClient,
  inputs: TrackingDomainInputs,
  result: CreateOutcome,
): Promise<TrackingDomainOutputs | undefined> {
  if (result.outcome === "created") return undefined;
  if (result.outcome === "existed") {
    return adoptExisting(client, inputs, () =>
      apiFailure(createAction(inputs), result.conflict, ADOPT_ADVICE),
    );
  }
  if (looksJustCreated(result.object, inputs)) {
    return trackingDomainOutputs(result.object, inputs);
  }
  return adoptExisting(
    client,
    inputs,
    () =>
      new Error(
        `Tracking domain ${inputs.domain} already exists in SparkPost: the create's answer was unclear (${result.unclear.message}), and the domain found is not a new one. ${ADOPT_ADVICE}`,
      ),
  );
}

/**
 * Creates (or adopts) the domain and returns its outputs. Every way out either leaves nothing
 * in SparkPost, or returns the domain, or throws a partial create that records it in state.
 * `serializedInputs` are the inputs as the host passed them (with the stored provider).
 */
export async function createTrackingDomain(
  client: SparkPostClient,
  inputs: TrackingDomainInputs,
  serializedInputs: object,
): Promise<TrackingDomainOutputs> {
  const scope = scopeOf(inputs.subaccountId);
  if (inputs.adopt) {
    // Look before writing: adopting what is already there takes reads only, no create attempt.
    const existing = await readToAdopt(client, inputs);
    if (existing) {
      return (
        (await takeOver(client, inputs, existing)) ??
        attempt(`read tracking domain ${inputs.domain} after adopting it`, readBack(client, inputs))
      );
    }
  }
  let result: CreateOutcome;
  try {
    result = await client.createTrackingDomain(inputs.domain, { secure: inputs.secure }, scope);
  } catch (error) {
    if ((error as { code?: unknown }).code !== CREATE_UNCONFIRMED) {
      throw apiFailure(createAction(inputs), error);
    }
    const failure = new Error(
      `Could not ${createAction(inputs)}: ${(error as Error).message}. The domain is recorded in the stack's state so that nothing is left behind unknown: the next \`pulumi up\` finishes the create (or makes it again if SparkPost does not have it), and \`pulumi refresh\` drops it if SparkPost does not have it.`,
      { cause: error },
    );
    throw partiallyCreated(failure, inputs.domain, unconfirmedOutputs(inputs), serializedInputs);
  }
  const settled = await settle(client, inputs, result);
  if (settled !== undefined) return settled;
  try {
    return await readBack(client, inputs);
  } catch (error) {
    // The domain exists now: record it rather than orphan it; the next up or refresh completes it.
    const failure = apiFailure(
      `read tracking domain ${inputs.domain} back after creating it`,
      error,
      "The domain is recorded in the stack's state; run `pulumi up` or `pulumi refresh` to complete it.",
    );
    throw partiallyCreated(failure, inputs.domain, unconfirmedOutputs(inputs), serializedInputs);
  }
}

/**
 * Update of a domain whose creation was never confirmed (see isUnconfirmed): the engine calls
 * Update on the next `pulumi up` to finish it. Missing in SparkPost, it is created now; present
 * and looking as our create would have made it, it is ours; anything else is adopted or refused.
 */
export async function finishUnconfirmedCreate(
  client: SparkPostClient,
  inputs: TrackingDomainInputs,
  serializedInputs: object,
): Promise<TrackingDomainOutputs> {
  const existing = await attempt(
    `read tracking domain ${inputs.domain}, whose creation was not confirmed`,
    client.getTrackingDomain(inputs.domain, scopeOf(inputs.subaccountId)),
  );
  if (existing === undefined) return createTrackingDomain(client, inputs, serializedInputs);
  const outputs = looksJustCreated(existing, inputs)
    ? trackingDomainOutputs(existing, inputs)
    : await adoptExisting(
        client,
        inputs,
        () =>
          new Error(
            `Tracking domain ${inputs.domain} exists in SparkPost, but not as the earlier, unconfirmed create would have made it (it is verified or a default, or its secure or subaccount differ), so it may not be this stack's. ${ADOPT_ADVICE} To stop managing it instead, remove it from the stack's state with \`pulumi state delete\`.`,
          ),
      );
  return (
    outputs ??
    attempt(`read tracking domain ${inputs.domain} after adopting it`, readBack(client, inputs))
  );
}
