/**
 * The CNAME record as the program computes it, from the connection's region and the arguments
 * alone: no resource output goes in, so `pulumi preview` shows its name and value.
 */
import * as pulumi from "@pulumi/pulumi";
import { trackingDnsRecord, TrackingDnsRecord } from "../dns/record";
import { regionOf, type Region, type SourcedSetting } from "../sparkpost/connection";

function setting(
  configValue: string | undefined,
  configKey: string,
  envName: string,
): SourcedSetting | undefined {
  if (configValue !== undefined && configValue.trim() !== "") {
    return { value: configValue.trim(), source: configKey };
  }
  const fromEnvironment = process.env[envName];
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== "") {
    return { value: fromEnvironment.trim(), source: envName };
  }
  return undefined;
}

/**
 * The region the program computes CNAME targets for, resolved as the providers resolve it:
 * `sparkpost:region`, else SPARKPOST_REGION, else the region of a regional API URL
 * (`sparkpost:apiUrl` or SPARKPOST_API_URL on `api.eu.sparkpost.com` means "eu"), else "us".
 *
 * @throws an error named SparkPostConfigurationError for an unknown region, or one that
 * contradicts the API URL, saying which setting to fix.
 */
export function programRegion(): Region {
  const config = new pulumi.Config("sparkpost");
  return regionOf(
    setting(config.get("region"), "sparkpost:region", "SPARKPOST_REGION"),
    setting(config.get("apiUrl"), "sparkpost:apiUrl", "SPARKPOST_API_URL"),
  );
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
