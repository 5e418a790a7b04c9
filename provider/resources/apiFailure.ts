import { isNotFound, isSparkPostError } from "../sparkpost";

/** " after 3 attempts" when a call was sent more than once. */
function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : "";
}

/**
 * The message for a failed SparkPost call, in the words users need: what we were doing, what
 * came back (SparkPost's own words and status, or what arrived instead), and what to do.
 *
 *   SparkPost refused to create tracking domain track.example.com (409): The tracking domain
 *   already exists. Set adopt: true to manage the existing domain.
 */
export function apiFailureMessage(action: string, error: unknown, advice?: string): string {
  const suffix = advice ? ` ${advice}` : "";
  if (!isSparkPostError(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Could not ${action}: ${sentence(reason)}${suffix}`;
  }
  const attempts = attemptsNote(error.attempts);
  const said = sentence(error.apiMessage);
  switch (error.kind) {
    case "unreachable":
      return `Could not reach SparkPost to ${action}${attempts}: ${said}${suffix}`;
    case "unexpected":
      return (
        `SparkPost's answer to the request to ${action} was not what its API documents ` +
        `(${error.status}${attempts}): ${said}${suffix}`
      );
    case "refused":
      if (error.status === 404 && !isNotFound(error)) {
        return (
          `Could not ${action}: the answer (404${attempts}) did not come from the SparkPost API: ` +
          `${said} Check sparkpost:apiUrl (the API base, ending in /api/v1) and any proxy in ` +
          `between.${suffix}`
        );
      }
      return `SparkPost refused to ${action} (${error.status}${attempts}): ${said}${suffix}`;
  }
}

/** Wraps a failed call in an Error with `apiFailureMessage`, keeping the original as `cause`. */
export function apiFailure(action: string, error: unknown, advice?: string): Error {
  return new Error(apiFailureMessage(action, error, advice), { cause: error });
}

/** The HTTP status SparkPost answered with, when it answered with an error status. */
export function statusOf(error: unknown): number | undefined {
  return isSparkPostError(error) && error.kind === "refused" ? error.status : undefined;
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

/**
 * Like `attempt`, for undoing something: an object SparkPost says does not exist counts as done.
 * A 404 that did not come from SparkPost's API is an error like any other.
 */
export async function attemptUnlessGone(action: string, call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (!isNotFound(error)) throw apiFailure(action, error);
  }
}
