/**
 * Manual DNS: the component writes no record. Create the CNAME yourself from the component's
 * `dnsRecord` output (its name, type and value are known at preview time).
 */

/**
 * Write no DNS record. The verification still waits (up to `verification.timeoutSeconds`) for the
 * CNAME to appear, so create it from the component's `dnsRecord` output before or during `up`.
 */
export interface ManualDnsArgs {
  provider: "manual";
}
