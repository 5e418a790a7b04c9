/**
 * The CNAME record as the program computes it, from the connection's region and the arguments
 * alone: no resource output goes in, so `pulumi preview` shows its name and value.
 */
import * as pulumi from "@pulumi/pulumi";
import { trackingDnsRecord, TrackingDnsRecord } from "../dns/record";
import { accountConnectionSettings, parseAccounts } from "../sparkpost/accounts";
import type { Region } from "../sparkpost/connection";
import {
  defaultConnectionSettings,
  regionOfSettings,
  type ConnectionSettings,
} from "../sparkpost/connectionSettings";

/**
 * The program's view of one connection's settings. `sparkpost:accounts` is read with `get`, not
 * `getSecret`: setting an account's key with `--secret` makes the whole value a secret config
 * key, and reading it as one would make every record computed from a region a secret too. Only
 * the region and API URL are used here; the keys are the provider host's.
 */
function programConnectionSettings(account: string | undefined): ConnectionSettings {
  const config = new pulumi.Config("sparkpost");
  if (account !== undefined) return accountConnectionSettings(config.get("accounts"), account);
  return defaultConnectionSettings({ region: config.get("region"), apiUrl: config.get("apiUrl") });
}

/**
 * The region the program computes CNAME targets for, resolved as the providers resolve it:
 * `sparkpost:region`, else SPARKPOST_REGION, else the region of a regional API URL
 * (`sparkpost:apiUrl` or SPARKPOST_API_URL on `api.eu.sparkpost.com` means "eu"), else "us".
 * For a named account, its own settings in `sparkpost:accounts` and `SPARKPOST_<NAME>_...` alike.
 *
 * @throws an error named SparkPostConfigurationError for an unknown region, or one that
 * contradicts the API URL, saying which setting to fix; or an account the stack config lacks.
 */
export function programRegion(account?: string): Region {
  return regionOfSettings(programConnectionSettings(account), process.env);
}

/**
 * The names of the accounts in the stack's `sparkpost:accounts`, in the order written.
 * @throws an error named SparkPostConfigurationError when `sparkpost:accounts` is malformed.
 */
export function programAccountNames(): string[] {
  const raw = new pulumi.Config("sparkpost").get("accounts");
  return [...parseAccounts(raw).keys()];
}

/** The record for `domain`, pointing at `target` when given, else at `region`'s endpoint. */
export function programDnsRecord(
  domain: pulumi.Input<string>,
  target: pulumi.Input<string> | undefined,
  region: string,
): pulumi.Output<TrackingDnsRecord> {
  return pulumi
    .all([domain, target])
    .apply(([name, cnameTarget]) => trackingDnsRecord(name, { region, target: cnameTarget }));
}
