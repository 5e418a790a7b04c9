/**
 * Which component of this program makes which account's default tracking domain. SparkPost keeps
 * one default per account or subaccount: two components claiming it would take the flag from
 * each other on every `up`, so the second claim is refused while the program runs.
 */

/** Account key ("primary" or "subaccount-<id>") to the name of the component that claimed it. */
const claims = new Map<string, string>();

function accountKey(subaccountId: number | undefined): string {
  return subaccountId === undefined || subaccountId === 0
    ? "primary"
    : `subaccount-${subaccountId}`;
}

function accountLabel(subaccountId: number | undefined): string {
  return subaccountId === undefined || subaccountId === 0
    ? "the primary account"
    : `subaccount ${subaccountId}`;
}

/**
 * Records that component `componentName` makes the default of `subaccountId` (undefined or 0: the
 * primary account). Returns the refusal to throw when another component already claimed it, else
 * undefined. The same name claiming again is allowed, so a program run twice in one process
 * (Automation API inline programs) does not trip over its previous run.
 */
export function claimDefault(
  componentName: string,
  subaccountId: number | undefined,
): string | undefined {
  const key = accountKey(subaccountId);
  const owner = claims.get(key);
  if (owner !== undefined && owner !== componentName) {
    return `CustomTrackingDomain "${componentName}" sets default: true for ${accountLabel(subaccountId)}, but "${owner}" already does: only one tracking domain per account or subaccount can be the default.`;
  }
  claims.set(key, componentName);
  return undefined;
}

/**
 * Forgets every claim, for tests that build several programs in one process.
 * @internal
 */
export function resetDefaultClaims(): void {
  claims.clear();
}
