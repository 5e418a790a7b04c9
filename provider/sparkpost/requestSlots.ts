/**
 * The bound on SparkPost requests in flight, per account in each process. A `pulumi up` of 200
 * resources runs their operations in one provider host at once; unbounded, they would set off a
 * storm of 429s. SparkPost limits each account, so each account (limitScope.ts) has a bound of
 * its own: the domains of one account never queue behind another's.
 *
 * A request holds its slot until it is answered or until it has been in flight for
 * `slowAfterMs`: then it gives the slot up (keeping its connection), so that a few hung calls
 * cannot starve every other resource of the stack. The connection pool allows more connections
 * than there are slots for the same reason.
 */

/** Requests in flight at once per account and process, unless some are slow. */
export const MAX_REQUESTS_IN_FLIGHT = 8;

/** After this long without an answer, a request stops counting against the bound. */
export const SLOW_REQUEST_MS = 5000;

/** Gives a slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

/** A counting semaphore whose slots are handed to waiters in arrival order. */
export class RequestSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Requests holding a slot now. */
  get inUse(): number {
    return this.active;
  }

  /** Resolves with the release function once a slot is free. */
  async acquire(): Promise<ReleaseSlot> {
    if (this.active < this.limit) {
      this.active += 1;
    } else {
      // The releasing request hands its slot over: `active` stays the same.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

const processSlots = new Map<string, RequestSlots>();

/** The slots every client of this process shares for the account `scope` names (limitScope.ts). */
export function sharedRequestSlots(scope: string): RequestSlots {
  let slots = processSlots.get(scope);
  if (slots === undefined) {
    slots = new RequestSlots(MAX_REQUESTS_IN_FLIGHT);
    processSlots.set(scope, slots);
  }
  return slots;
}
