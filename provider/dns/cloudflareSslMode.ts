/**
 * The Cloudflare zone setting HTTPS tracking through Cloudflare's proxy depends on: SparkPost
 * documents the SSL/TLS encryption mode "Full" (Cloudflare then reaches SparkPost over HTTPS
 * without requiring a certificate for the tracking domain there).
 */
import { quoted } from "./visibleText";

/** Cloudflare's `ssl` zone setting SparkPost documents for a proxied tracking domain. */
export const REQUIRED_SSL_MODE = "full";

/** Why a zone in SSL/TLS mode `actual` cannot serve the tracking domain, reading after the property. */
export function sslModeProblem(actual: string): string | undefined {
  if (actual === REQUIRED_SSL_MODE) return undefined;
  return (
    `is ${quoted(actual)}, but SparkPost's HTTPS tracking through Cloudflare's proxy needs the zone's SSL/TLS encryption mode "${REQUIRED_SSL_MODE}" ("Full"): ` +
    'set it in the zone\'s SSL/TLS overview, or set https.sslMode to "set" to let the stack set it for the whole zone, ' +
    'or to "skip" when a Configuration Rule sets "Full" for this host alone'
  );
}
