/**
 * How the `https` mode fits the other settings of one tracking domain: the rules the component
 * checks at construction and the root program checks in its stack config, in the same words.
 * Each problem is a property path and text that reads after it.
 */
import { CLOUDFLARE_AUTOMATIC_TTL } from "../dns/cloudflare";
import { managedHttpsTargetProblem } from "../dns/managedHttpsTarget";
import type { HttpsMode } from "./args";

/** The settings the rules look at, where known: undefined means unset or not known yet. */
export interface HttpsContext {
  mode: HttpsMode;
  dnsProvider: string;
  dnsProxied?: unknown;
  dnsTtl?: unknown;
  secure?: unknown;
  cnameTarget?: unknown;
}

export interface HttpsProblem {
  /** The setting at fault, relative to the tracking domain: "secure", "dns.provider"... */
  path: string;
  /** What is wrong and what to do, reading after the path. */
  text: string;
}

/** The DNS provider each CDN mode needs, and why. */
const NEEDED_DNS: Partial<Record<HttpsMode, { provider: string; why: string }>> = {
  "cloudflare-proxy": {
    provider: "cloudflare",
    why: "serves HTTPS through Cloudflare's proxy, which only a record in a Cloudflare zone can use",
  },
  cloudfront: {
    provider: "route53",
    why: "validates its ACM certificate and points the domain at the distribution with Route53 records",
  },
};

/** Every problem of `context`, in the order of the settings. */
export function httpsProblems(context: HttpsContext): HttpsProblem[] {
  const { mode } = context;
  const problems: HttpsProblem[] = [];
  const needed = NEEDED_DNS[mode];
  if (needed !== undefined && context.dnsProvider !== needed.provider) {
    problems.push({
      path: "dns.provider",
      text: `is "${context.dnsProvider}", but https.mode "${mode}" ${needed.why}: use dns.provider "${needed.provider}"`,
    });
  }
  if (mode === "cloudflare-proxy" && context.dnsProxied === false) {
    problems.push({
      path: "dns.proxied",
      text: `is false, but https.mode "cloudflare-proxy" serves the domain through Cloudflare's proxy: remove dns.proxied (the mode turns it on)`,
    });
  }
  // With dns.proxied: true the DNS settings' own rule already says so.
  if (
    mode === "cloudflare-proxy" &&
    context.dnsProxied !== true &&
    context.dnsTtl !== undefined &&
    context.dnsTtl !== CLOUDFLARE_AUTOMATIC_TTL
  ) {
    problems.push({
      path: "dns.ttl",
      text: `must be 1 (automatic) or unset with https.mode "cloudflare-proxy": Cloudflare always gives proxied records the automatic TTL, so any other value would show as a change on every refresh`,
    });
  }
  if (mode === "cloudfront" && context.dnsTtl !== undefined) {
    problems.push({
      path: "dns.ttl",
      text: `has no effect with https.mode "cloudfront": the domain's record is an alias to the distribution, which has no TTL of its own; remove dns.ttl`,
    });
  }
  if (mode === "managed" && context.dnsProvider === "cloudflare" && context.dnsProxied === true) {
    problems.push({
      path: "dns.proxied",
      text: `is true, but with https.mode "managed" SparkPost itself must answer for the domain (Let's Encrypt checks it over HTTP through the CNAME), and Cloudflare's proxy would answer instead: remove dns.proxied, or use https.mode "cloudflare-proxy"`,
    });
  }
  if (context.secure === false) {
    problems.push({
      path: "secure",
      text: `is false, but https.mode "${mode}" serves tracked links over HTTPS: remove secure (the mode sets it), or remove https`,
    });
  }
  if (mode === "managed" && typeof context.cnameTarget === "string") {
    const problem = managedHttpsTargetProblem(context.cnameTarget);
    if (problem !== undefined) problems.push({ path: "cnameTarget", text: problem });
  }
  return problems;
}
