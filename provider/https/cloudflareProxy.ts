/**
 * HTTPS through Cloudflare's proxy: Cloudflare's edge certificate serves the tracking domain and
 * the proxy forwards to SparkPost. SparkPost documents the zone's SSL/TLS encryption mode "Full";
 * this module reads it (for the verification's check) or sets it, as `https.sslMode` asks.
 */
import type * as pulumi from "@pulumi/pulumi";
import { loadCloudflare } from "../dns/cloudflare";
import { REQUIRED_SSL_MODE } from "../dns/cloudflareSslMode";

/**
 * The SSL/TLS encryption mode of zone `zoneId` as Cloudflare reports it, for the verification's
 * check. `opts` are the DNS record's options: the lookup uses their parent and provider.
 */
export function currentSslMode(
  zoneId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  return loadCloudflare().getZoneSettingOutput(
    { zoneId, settingId: "ssl" },
    { parent: opts.parent, provider: opts.provider },
  ).value;
}

/**
 * Sets the SSL/TLS encryption mode of zone `zoneId` to "full", for the whole zone: every proxied
 * host of the zone is reached over HTTPS from then on. `opts` are the DNS record's options.
 */
export function setSslMode(
  resourceName: string,
  zoneId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
  return new (loadCloudflare().ZoneSetting)(
    resourceName,
    { zoneId, settingId: "ssl", value: REQUIRED_SSL_MODE },
    opts,
  );
}
