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
  if (isSparkPostError(error) && error.status !== undefined) {
    return `SparkPost refused to ${action} (${error.status}): ${sentence(error.apiMessage)}${suffix}`;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not reach SparkPost to ${action}: ${sentence(reason)}${suffix}`;
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
