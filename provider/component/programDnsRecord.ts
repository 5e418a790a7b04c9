/**
 * The CNAME record as the program computes it, from `sparkpost:region` and the arguments alone:
 * no resource output goes in, so `pulumi preview` shows its name and value.
 */
import * as pulumi from "@pulumi/pulumi";
import { SPARKPOST_REGIONS, trackingDnsRecord, TrackingDnsRecord } from "../dns/record";

/** Where the region came from, so an error can say what to fix. */
interface RegionSetting {
  region: string;
  source: "config" | "environment" | "default";
}

/**
 * The region the program computes CNAME targets for: `sparkpost:region`, else the
 * SPARKPOST_REGION environment variable, else "us" (the providers resolve it the same way).
 */
export function programRegion(): RegionSetting {
  const configured = new pulumi.Config("sparkpost").get("region");
  if (configured !== undefined) return { region: configured, source: "config" };
  const fromEnvironment = process.env.SPARKPOST_REGION;
  if (fromEnvironment) return { region: fromEnvironment, source: "environment" };
  return { region: "us", source: "default" };
}

/** Why `setting` is not a SparkPost region, in words that say where to fix it; else undefined. */
export function regionProblem(setting: RegionSetting): string | undefined {
  if ((SPARKPOST_REGIONS as readonly string[]).includes(setting.region)) return undefined;
  const allowed = SPARKPOST_REGIONS.map((region) => `"${region}"`).join(" or ");
  const found = JSON.stringify(setting.region);
  return setting.source === "config"
    ? `sparkpost:region is ${found}, but it must be ${allowed}: fix it with \`pulumi config set sparkpost:region eu\`, or remove it for "us".`
    : `SPARKPOST_REGION is ${found}, but it must be ${allowed}: fix the environment variable, or unset it for "us".`;
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
