/**
 * After a 429, every request of this process to the same API holds back until the wait SparkPost
 * asked for (or advises: 1 to 5 s) has passed, instead of each one discovering the limit for itself
 * with a 429 of its own. SparkPost's limits are per account, so one request's 429 speaks for all.
 */
import { setTimeout as sleep } from "node:timers/promises";

const pausedUntil = new Map<string, number>();

/** Holds back requests to `origin` for `delayMs` from now (a longer pause already set stays). */
export function pauseRequests(origin: string, delayMs: number, now = Date.now()): void {
  pausedUntil.set(origin, Math.max(pausedUntil.get(origin) ?? 0, now + delayMs));
}

/** Milliseconds until requests to `origin` may go again; 0 when they may go now. */
export function pauseRemainingMs(origin: string, now = Date.now()): number {
  return Math.max(0, (pausedUntil.get(origin) ?? 0) - now);
}

/** Waits until requests to `origin` may go, re-checking in case the pause was extended meanwhile. */
export async function waitForRateLimit(origin: string): Promise<void> {
  for (let remaining = pauseRemainingMs(origin); remaining > 0;) {
    await sleep(remaining);
    remaining = pauseRemainingMs(origin);
  }
}

/** Forgets every pause, for tests. */
export function clearRateLimitPauses(): void {
  pausedUntil.clear();
}
