/**
 * Paces the requests of this process to one account (its scope, limitScope.ts: the API origin
 * and a digest of the key) at the rate SparkPost's 429s revealed.
 *
 * SparkPost documents neither its limits nor a `Retry-After`, only "wait 1 to 5 seconds". Waiting
 * alone makes a large `pulumi up` run in bursts: every request goes at once, a 429 pauses them
 * all, and they go at once again, so a stack of 200 domains took 4 to 5 times as long as the limit
 * allows. The pacer instead counts, when a 429 comes, how many requests sent in the second before
 * it got an answer other than 429: that is the rate the limit let through. (Counting sends instead
 * would be thrown off by requests that were sent together and overtook each other.) From then on
 * requests leave evenly spaced at 90% of it, the rest being margin for timers that fire late and
 * for other clients of the account. A 429 that comes while paced lowers the rate again, so several
 * processes sharing one account settle below their common limit. After a minute without a 429
 * the rate is forgotten, in case the limit was raised.
 */

/** The window SparkPost's rate is measured over, as its 429 advice ("per second") implies. */
export const RATE_WINDOW_MS = 1000;

/** The share of the rate that got through which the pacer sends at. */
export const PACING_SHARE = 0.9;

/** After this long without a 429 the learned rate is forgotten. */
export const FORGET_RATE_AFTER_MS = 60_000;

interface ScopePace {
  /** When the requests answered lately with something other than 429 were sent, oldest first. */
  admittedSentAt: number[];
  /** Requests per second to pace at; undefined: not paced. */
  rate?: number;
  /** When the rate was last learned or lowered. */
  learnedAt: number;
  /** The earliest moment the next paced request may leave. */
  nextSendAt: number;
}

const paces = new Map<string, ScopePace>();

function paceOf(scope: string, now: number): ScopePace {
  let pace = paces.get(scope);
  if (pace === undefined) {
    pace = { admittedSentAt: [], learnedAt: now, nextSendAt: 0 };
    paces.set(scope, pace);
  }
  if (pace.rate !== undefined && now - pace.learnedAt >= FORGET_RATE_AFTER_MS) {
    pace.rate = undefined;
  }
  const sent = pace.admittedSentAt;
  while (sent.length > 0 && now - sent[0] >= RATE_WINDOW_MS) sent.shift();
  return pace;
}

/** Notes that a request to `scope` sent at `sentAt` got an answer other than 429. */
export function recordAdmitted(scope: string, sentAt: number, now = Date.now()): void {
  const sent = paceOf(scope, now).admittedSentAt;
  // Answers come back out of order; keep the list sorted by send time.
  let index = sent.length;
  while (index > 0 && sent[index - 1] > sentAt) index -= 1;
  if (now - sentAt < RATE_WINDOW_MS) sent.splice(index, 0, sentAt);
}

/**
 * Learns from a 429 that came now: the requests sent in the last second that got through show the
 * rate the limit allows. Returns the rate now paced at (undefined when nothing got through in the
 * last second, so there is no rate to learn: the limit was used up by others, and the pause after
 * the 429 is all there is to do).
 */
export function learnFromRateLimit(scope: string, now = Date.now()): number | undefined {
  const pace = paceOf(scope, now);
  const admitted = pace.admittedSentAt.length;
  if (admitted === 0) return pace.rate;
  const rate = PACING_SHARE * admitted;
  // Later 429s of the same burst see as many or more admitted requests: the lowest estimate stands.
  pace.rate = pace.rate === undefined ? rate : Math.min(pace.rate, rate);
  pace.learnedAt = now;
  return pace.rate;
}
/** The rate `scope` is paced at now, in requests per second; undefined when not paced. */
export function pacedRate(scope: string, now = Date.now()): number | undefined {
  return paceOf(scope, now).rate;
}

/**
 * Claims the next send time for a request to `scope` and returns how long to wait for it (0 when
 * not paced). The spacing is never longer than `maxSpacingMs`: a client told to wait only that
 * long after a 429 is not made to wait longer between requests.
 */
export function claimSendSlot(scope: string, maxSpacingMs: number, now = Date.now()): number {
  const pace = paceOf(scope, now);
  if (pace.rate === undefined) return 0;
  const spacing = Math.min(RATE_WINDOW_MS / pace.rate, maxSpacingMs);
  const at = Math.max(now, pace.nextSendAt);
  pace.nextSendAt = at + spacing;
  return at - now;
}

/** Forgets every learned rate and every send, for tests. */
export function clearPacing(): void {
  paces.clear();
}
