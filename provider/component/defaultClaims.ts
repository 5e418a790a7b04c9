/**
 * Which component of this program makes which account's default tracking domain. SparkPost keeps
 * one default per account or subaccount: two components claiming it would take the flag from
 * each other on every `up`, so the second claim is refused while the program runs. Each named
 * account (`account`, `sparkpost:accounts`) has defaults of its own: a claim is for one
 * (account, subaccount).
 *
 * Claims belong to one run of the program. Automation API inline programs run the program again
 * in the same process (each run with its own Stack resource), and a run may move the default from
 * one domain to another: claims left by a previous run must not refuse it.
 */
import * as pulumi from "@pulumi/pulumi";
import { accountLabel } from "../resources/providerSupport";

/**
 * Account key ("primary" or "subaccount-<id>", after the named account and a slash when there is
 * one) to the name of the component that claimed it.
 */
type Claims = Map<string, string>;

/** The claims of each run, keyed by the run's Stack resource. */
const claimsByRun = new WeakMap<object, Claims>();
/** Claims made outside a Stack (a component built under mocks without `runInPulumiStack`). */
const claimsOutsideRuns: Claims = new Map();

function currentClaims(): Claims {
  const stack = pulumi.runtime.getStackResource();
  if (stack === undefined) return claimsOutsideRuns;
  let claims = claimsByRun.get(stack);
  if (claims === undefined) {
    claims = new Map();
    claimsByRun.set(stack, claims);
  }
  return claims;
}

function accountKey(subaccountId: number | undefined, account: string | undefined): string {
  const key =
    subaccountId === undefined || subaccountId === 0 ? "primary" : `subaccount-${subaccountId}`;
  return account === undefined ? key : `${account}/${key}`;
}

/**
 * Records that component `componentName` makes the default of `subaccountId` (undefined or 0: the
 * primary account) of named account `account` (undefined: the unnamed connection) in the current
 * run of the program. Returns the refusal to throw when another component of this run already
 * claimed it, else undefined.
 */
export function claimDefault(
  componentName: string,
  subaccountId: number | undefined,
  account?: string,
): string | undefined {
  const claims = currentClaims();
  const key = accountKey(subaccountId, account);
  const owner = claims.get(key);
  if (owner !== undefined && owner !== componentName) {
    return `CustomTrackingDomain "${componentName}" sets default: true for ${accountLabel(subaccountId, account)}, but "${owner}" already does: only one tracking domain per account or subaccount can be the default.`;
  }
  claims.set(key, componentName);
  return undefined;
}

/**
 * Forgets the claims made outside a Stack, for tests that build several programs in one process
 * without `runInPulumiStack`.
 * @internal
 */
export function resetDefaultClaims(): void {
  claimsOutsideRuns.clear();
}
