/**
 * HTTPS through Cloudflare's proxy: Cloudflare's edge certificate serves the tracking domain and
 * the proxy forwards to SparkPost. SparkPost documents the zone's SSL/TLS encryption mode "Full";
 * this module checks it, or sets it, as `https.sslMode` asks.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadCloudflare } from "../dns/cloudflare";
import type { CloudflareSslModeHandling } from "./args";

/** Cloudflare's `ssl` zone setting SparkPost documents for a proxied tracking domain. */
export const REQUIRED_SSL_MODE = "full";

/** What the SSL/TLS mode handling declares for the rest of the component to wait on. */
export interface CloudflareSslMode {
  /**
   * True once the zone's mode is known to be "Full" (`check`), else plain true. The tracking
   * domain's `secure` is taken from it, so a wrong mode stops the program before SparkPost or the
   * DNS see anything, at preview already when the zone is known.
   */
  checked: pulumi.Input<boolean>;
  /** The `cloudflare.ZoneSetting` declared with `sslMode: "set"`, for the verification to wait on. */
  setting?: pulumi.CustomResource;
}

/** The message for a zone whose mode is `actual`. */
export function sslModeProblem(domain: string, zoneId: string, actual: unknown): string {
  return (
    `The Cloudflare zone ${zoneId} of ${domain} has SSL/TLS encryption mode ${JSON.stringify(actual)}, ` +
    `but SparkPost's HTTPS tracking through Cloudflare's proxy needs "${REQUIRED_SSL_MODE}" ("Full"): ` +
    `set it in the zone's SSL/TLS overview, or set https.sslMode to "set" to let this stack set it for the whole zone, ` +
    `or to "skip" when a Configuration Rule sets "Full" for ${domain} alone.`
  );
}

/**
 * Checks or sets the SSL/TLS encryption mode of zone `zoneId` for `domain`'s component
 * `component`. `opts` are the DNS record's options: the lookup and the setting use its provider.
 */
export function cloudflareSslMode(
  resourceName: string,
  handling: CloudflareSslModeHandling,
  domain: pulumi.Input<string>,
  zoneId: pulumi.Input<string>,
  component: pulumi.Resource,
  opts: pulumi.CustomResourceOptions,
): CloudflareSslMode {
  if (handling === "skip") return { checked: true };
  const cloudflare = loadCloudflare();
  if (handling === "set") {
    const setting = new cloudflare.ZoneSetting(
      resourceName,
      { zoneId, settingId: "ssl", value: REQUIRED_SSL_MODE },
      opts,
    );
    return { checked: true, setting };
  }
  const current = cloudflare.getZoneSettingOutput(
    { zoneId, settingId: "ssl" },
    { parent: opts.parent, provider: opts.provider },
  );
  const checked = pulumi.all([domain, zoneId, current.value]).apply(([name, zone, value]) => {
    if (value !== REQUIRED_SSL_MODE) {
      throw new pulumi.ResourceError(sslModeProblem(name, zone, value), component, true);
    }
    return true;
  });
  return { checked };
}
