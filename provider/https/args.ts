/**
 * The component's `https` argument: how tracked links are served over HTTPS, and who holds the
 * certificate. Each mode is a plain object whose `mode` must be a plain string.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * SparkPost's managed certificate (Let's Encrypt, issued and renewed by SparkPost): no CDN, no
 * cost, but it cannot be undone. Needs the domain's CNAME to point at a v2 endpoint.
 */
export interface ManagedHttpsArgs {
  mode: "managed";
  /**
   * Must be `true`: enabling SparkPost's managed certificate cannot be undone. SparkPost has no
   * way to disable it; the domain is served over HTTPS from then on, `pulumi destroy` leaves the
   * certificate in place, and only deleting the tracking domain removes it.
   */
  acknowledgeIrreversible: true;
  /**
   * How long `pulumi up` waits for the certificate to become valid, in seconds (1 to 86400).
   * @default 1800 (30 minutes; issuance usually takes up to 15)
   */
  timeoutSeconds?: pulumi.Input<number>;
}

/** How the component makes sure the Cloudflare zone's SSL/TLS encryption mode is "Full". */
export type CloudflareSslModeHandling = "check" | "set" | "skip";

/**
 * Cloudflare's proxy holds the certificate (its edge certificate) and forwards to SparkPost: the
 * record is proxied, the zone's SSL/TLS encryption mode must be "Full".
 */
export interface CloudflareProxyHttpsArgs {
  mode: "cloudflare-proxy";
  /**
   * The zone's SSL/TLS encryption mode, which SparkPost documents as "Full" (Cloudflare then
   * connects to SparkPost over HTTPS without requiring a certificate for your domain there).
   * `"check"`: read it with `cloudflare.getZoneSetting`; the verification's check then refuses
   * any other mode, at preview already (the token needs Zone Settings Read). `"set"`: declare a
   * `cloudflare.ZoneSetting` that sets it to "full" for the whole zone, every proxied host
   * included (Zone Settings Edit). `"skip"`: neither, e.g. when a Configuration Rule sets "Full"
   * for this host only.
   * @default "check"
   */
  sslMode?: CloudflareSslModeHandling;
}

/** CloudFront's price classes: which edge locations serve the tracking domain. */
export type CloudFrontPriceClass = "PriceClass_All" | "PriceClass_200" | "PriceClass_100";

/**
 * An AWS CloudFront distribution holds the certificate (ACM, us-east-1, validated through
 * Route53) and forwards to SparkPost with the settings SparkPost documents.
 */
export interface CloudFrontHttpsArgs {
  mode: "cloudfront";
  /**
   * Which edge locations serve the domain; SparkPost recommends all of them.
   * @default "PriceClass_All"
   */
  priceClass?: CloudFrontPriceClass;
}

/** How tracked links are served over HTTPS; see the README's "HTTPS tracking". */
export type CustomTrackingDomainHttpsArgs =
  ManagedHttpsArgs | CloudflareProxyHttpsArgs | CloudFrontHttpsArgs;

export type HttpsMode = CustomTrackingDomainHttpsArgs["mode"];

/** The modes, in the order messages list them. */
export const HTTPS_MODES: readonly HttpsMode[] = ["managed", "cloudflare-proxy", "cloudfront"];

export const CLOUDFLARE_SSL_MODE_HANDLING: readonly CloudflareSslModeHandling[] = [
  "check",
  "set",
  "skip",
];

export const CLOUDFRONT_PRICE_CLASSES: readonly CloudFrontPriceClass[] = [
  "PriceClass_All",
  "PriceClass_200",
  "PriceClass_100",
];

/** The settings each mode takes besides `mode`. */
export const HTTPS_MODE_SETTINGS: Readonly<Record<HttpsMode, readonly string[]>> = {
  managed: ["acknowledgeIrreversible", "timeoutSeconds"],
  "cloudflare-proxy": ["sslMode"],
  cloudfront: ["priceClass"],
};
