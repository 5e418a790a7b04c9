import { isSparkPostError } from "../sparkpost";

/**
 * The message for a failed SparkPost call, in the words users need: what we were doing, what
 * SparkPost said (its own words and status), and what to do about it.
 *
 *   SparkPost refused to create tracking domain track.example.com (409): The tracking domain
 *   already exists. Set adopt: true to manage the existing domain.
 */
export function apiFailureMessage(action: string, error: unknown, advice?: string): string {
  const suffix = advice ? ` ${advice}` : "";
  if (isSparkPostError(error)) {
    return error.status === undefined
      ? `Could not reach SparkPost to ${action}: ${sentence(error.apiMessage)}${suffix}`
      : `SparkPost refused to ${action} (${error.status}): ${sentence(error.apiMessage)}${suffix}`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not ${action}: ${sentence(reason)}${suffix}`;
}

/** Wraps a failed call in an Error with `apiFailureMessage`, keeping the original as `cause`. */
export function apiFailure(action: string, error: unknown, advice?: string): Error {
  return new Error(apiFailureMessage(action, error, advice), { cause: error });
}

export function statusOf(error: unknown): number | undefined {
  return isSparkPostError(error) ? error.status : undefined;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Awaits one SparkPost call; a failure becomes an `apiFailure` saying what we were doing, with
 * advice chosen from the error when `advise` gives one.
 */
export async function attempt<T>(
  action: string,
  call: Promise<T>,
  advise?: (error: unknown) => string | undefined,
): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw apiFailure(action, error, advise?.(error));
  }
}

/** Like `attempt`, for undoing something: an object already gone (404) counts as done. */
export async function attemptUnlessGone(action: string, call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (statusOf(error) !== 404) throw apiFailure(action, error);
  }
}
