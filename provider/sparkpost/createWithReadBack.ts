/**
 * A tracking-domain create that is never sent twice blindly. SparkPost's answer to
 * `POST /tracking-domains` can be lost (timeout, reset, 5xx) or garbled after the domain was made;
 * sending it again would then meet a 409 and leave the caller unsure whose domain it is. So after
 * an unclear answer the domain is read back: present, the caller decides whether it is its own;
 * absent, the POST is sent again, and a 409 to that resend means the first one took effect after all.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { isSparkPostError, mayHaveTakenEffect, type SparkPostError } from "./errors";
import { retryDelayMs, wasNeverSent, type RetrySettings } from "./retryPolicy";
import type { TrackingDomainObject } from "./types";

/**
 * What a create found out. `created`: SparkPost created the domain for this call (a clear answer,
 * or a 409 to a resend after an unclear first answer). `existed`: SparkPost refused with 409 at
 * once, so the domain was there before. `foundAfterUnclearAnswer`: the answer was lost or garbled
 * and reading back found the domain, which this call may or may not have created.
 */
export type CreateOutcome =
  | { outcome: "created" }
  | { outcome: "existed"; conflict: SparkPostError }
  | { outcome: "foundAfterUnclearAnswer"; object: TrackingDomainObject; unclear: SparkPostError };

/** The `code` of the error a create throws when it cannot tell whether the domain was created. */
export const CREATE_UNCONFIRMED = "SPARKPOST_CREATE_UNCONFIRMED";

/** How many times a create is sent when answers keep being unclear and reads say it is absent. */
const MAX_CREATE_SENDS = 3;

/** The calls a create is made of, from the client. */
export interface CreateSteps {
  /** One `POST /tracking-domains`, sent again by the transport only when it surely did not arrive. */
  post(): Promise<void>;
  /** `GET /tracking-domains/{domain}`; undefined when SparkPost says it does not exist. */
  readBack(): Promise<TrackingDomainObject | undefined>;
  retry: RetrySettings;
  log(line: string): void;
}

function unclearOutcome(error: SparkPostError): string {
  if (error.kind === "unexpected") {
    return `an unexpected ${error.status} answer (${error.apiMessage})`;
  }
  return error.status !== undefined ? `HTTP ${error.status}` : error.apiMessage;
}

/** The error for a create whose outcome nobody can tell: the answer was unclear, the read failed. */
function createUnconfirmed(domain: string, unclear: SparkPostError, readError: unknown): Error {
  const why = readError instanceof Error ? readError.message : String(readError);
  const error = new Error(
    `SparkPost API POST /tracking-domains: ${unclearOutcome(unclear)} left it unclear whether ` +
      `${domain} was created, and reading it back failed too: ${why}`,
    { cause: readError },
  );
  return Object.assign(error, { code: CREATE_UNCONFIRMED });
}

/**
 * Creates tracking domain `domain` with `steps`.
 *
 * @throws SparkPostError for a clear refusal; an error with code {@link CREATE_UNCONFIRMED}
 * when the answer was unclear and reading back failed too.
 */
export async function createWithReadBack(
  domain: string,
  steps: CreateSteps,
): Promise<CreateOutcome> {
  let unclear: SparkPostError | undefined;
  for (let sends = 1; ; sends++) {
    try {
      await steps.post();
      return { outcome: "created" };
    } catch (error) {
      if (!isSparkPostError(error)) throw error;
      if (error.kind === "refused" && error.status === 409) {
        return unclear === undefined
          ? { outcome: "existed", conflict: error }
          : { outcome: "created" };
      }
      if (!mayHaveTakenEffect(error, wasNeverSent)) throw error;
      unclear = error;
    }
    steps.log(
      `SparkPost API POST /tracking-domains: ${unclearOutcome(unclear)} left it unclear ` +
        `whether ${domain} was created; reading it back`,
    );
    const lastUnclear = unclear;
    const existing = await steps.readBack().catch((readError: unknown) => {
      throw createUnconfirmed(domain, lastUnclear, readError);
    });
    if (existing !== undefined) {
      return { outcome: "foundAfterUnclearAnswer", object: existing, unclear };
    }
    if (sends >= MAX_CREATE_SENDS) throw unclear;
    const delayMs = retryDelayMs(sends, { status: unclear.status }, steps.retry);
    steps.log(
      `SparkPost API POST /tracking-domains: ${domain} was not created, sending again in ${delayMs} ms`,
    );
    await sleep(delayMs);
  }
}
