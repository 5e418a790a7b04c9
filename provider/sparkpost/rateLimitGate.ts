/**
 * After a 429, every request of this process to the same API holds back until the wait SparkPost
 * asked for (or the shortest it advises: 1 s) has passed, instead of each one discovering the
 * limit for itself with a 429 of its own; then they leave paced at the rate the 429 revealed
 * (ratePacer.ts). SparkPost's limits are per account, so one request's 429 speaks for all.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { claimSendSlot, clearPacing } from "./ratePacer";

const pausedUntil = new Map<string, number>();

/** Holds back requests to `origin` for `delayMs` from now (a longer pause already set stays). */
export function pauseRequests(origin: string, delayMs: number, now = Date.now()): void {
  pausedUntil.set(origin, Math.max(pausedUntil.get(origin) ?? 0, now + delayMs));
}

/** Milliseconds until requests to `origin` may go again; 0 when they may go now. */
export function pauseRemainingMs(origin: string, now = Date.now()): number {
  return Math.max(0, (pausedUntil.get(origin) ?? 0) - now);
}

/**
 * Waits until a request to `origin` may go: past any pause (re-checked, in case it was extended
 * meanwhile), then at its paced turn, spaced at most `maxSpacingMs` from the previous one.
 */
export async function waitForRateLimit(origin: string, maxSpacingMs = Infinity): Promise<void> {
  for (;;) {
    for (let remaining = pauseRemainingMs(origin); remaining > 0;) {
      await sleep(remaining);
      remaining = pauseRemainingMs(origin);
    }
    const turnMs = claimSendSlot(origin, maxSpacingMs);
    if (turnMs === 0) return;
    await sleep(turnMs);
    // A 429 that came meanwhile paused the origin: wait that out and take a new turn.
    if (pauseRemainingMs(origin) === 0) return;
  }
}

/** Forgets every pause and every learned rate, for tests. */
export function clearRateLimitPauses(): void {
  pausedUntil.clear();
  clearPacing();
}
