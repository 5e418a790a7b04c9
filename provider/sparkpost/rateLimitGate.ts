/**
 * After a 429, every request of this process to the same account holds back until the wait
 * SparkPost asked for (or the shortest it advises: 1 s) has passed, instead of each one
 * discovering the limit for itself with a 429 of its own; then they leave paced at the rate the
 * 429 revealed (ratePacer.ts). SparkPost's limits are per account, so one request's 429 speaks for
 * all of that account's requests, and for no other account's: each function here takes the
 * account's scope (limitScope.ts: the API origin and a digest of the key), so two keys on one
 * host never share a pause.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { claimSendSlot, clearPacing } from "./ratePacer";

const pausedUntil = new Map<string, number>();

/** Holds back requests of the account `scope` for `delayMs` from now (a longer pause already set stays). */
export function pauseRequests(scope: string, delayMs: number, now = Date.now()): void {
  pausedUntil.set(scope, Math.max(pausedUntil.get(scope) ?? 0, now + delayMs));
}

/** Milliseconds until requests of the account `scope` may go again; 0 when they may go now. */
export function pauseRemainingMs(scope: string, now = Date.now()): number {
  return Math.max(0, (pausedUntil.get(scope) ?? 0) - now);
}

/**
 * Waits until a request to `scope` may go: past any pause (re-checked, in case it was extended
 * meanwhile), then at its paced turn, spaced at most `maxSpacingMs` from the previous one.
 */
export async function waitForRateLimit(scope: string, maxSpacingMs = Infinity): Promise<void> {
  for (;;) {
    for (let remaining = pauseRemainingMs(scope); remaining > 0;) {
      await sleep(remaining);
      remaining = pauseRemainingMs(scope);
    }
    const turnMs = claimSendSlot(scope, maxSpacingMs);
    if (turnMs === 0) return;
    await sleep(turnMs);
    // A 429 that came meanwhile paused the scope: wait that out and take a new turn.
    if (pauseRemainingMs(scope) === 0) return;
  }
}

/** Forgets every pause and every learned rate, for tests. */
export function clearRateLimitPauses(): void {
  pausedUntil.clear();
  clearPacing();
}
