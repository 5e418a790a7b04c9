/**
 * Construction-time checks of the `https` argument and of how it fits `dns`, `secure` and
 * `cnameTarget`, by the rules the root program's stack config uses too (https/rules.ts).
 */
import {
  CLOUDFLARE_SSL_MODE_HANDLING,
  CLOUDFRONT_PRICE_CLASSES,
  HTTPS_MODE_SETTINGS,
  HTTPS_MODES,
  type HttpsMode,
} from "../https/args";
import { httpsProblems } from "../https/rules";
import { oneOfProblem, wholeNumberProblem } from "../resources/inputChecker";
import { IRREVERSIBLE_REASON } from "../resources/trackingDomainCertificate";
import { VERIFICATION_TIMEOUT_BOUNDS } from "../resources/trackingDomainVerification";
import type { CustomTrackingDomainArgs } from "./args";
import { describeValue, failProperty, isPlain, isSetAndPlain } from "./plainValues";

const MODE_CHOICES = HTTPS_MODES.map((mode) => `"${mode}"`).join(", ");

/** Throws an InputPropertyError for the first problem of `args.https`; the mode when set. */
export function validateHttps(args: CustomTrackingDomainArgs): HttpsMode | undefined {
  const https: unknown = args.https;
  if (https === undefined) return undefined;
  if (typeof https !== "object" || https === null || Array.isArray(https) || !isPlain(https)) {
    failProperty(
      "https",
      `https must be an object such as { mode: "managed", acknowledgeIrreversible: true }, not ${describeValue(https)}; leave it unset for plain HTTP tracking.`,
    );
  }
  const settings = https as Record<string, unknown>;
  const mode = settings.mode;
  if (!HTTPS_MODES.includes(mode as HttpsMode)) {
    failProperty(
      "https.mode",
      `https.mode must be one of ${MODE_CHOICES} as a plain string, not ${describeValue(mode)}.`,
    );
  }
  const known = HTTPS_MODE_SETTINGS[mode as HttpsMode];
  for (const key of Object.keys(settings)) {
    if (key !== "mode" && !known.includes(key)) {
      const settingsOfMode = known.length > 0 ? known.join(", ") : "none";
      failProperty(
        `https.${key}`,
        `https.${key} is not a setting of https.mode "${mode as string}": remove it (its settings: ${settingsOfMode}).`,
      );
    }
  }
  validateModeSettings(mode as HttpsMode, settings);
  validateFit(mode as HttpsMode, args);
  return mode as HttpsMode;
}

function validateModeSettings(mode: HttpsMode, settings: Record<string, unknown>): void {
  if (mode === "managed") {
    if (settings.acknowledgeIrreversible !== true) {
      failProperty(
        "https.acknowledgeIrreversible",
        `https.acknowledgeIrreversible must be true, not ${describeValue(settings.acknowledgeIrreversible)}: ${IRREVERSIBLE_REASON}. Set acknowledgeIrreversible: true to go ahead.`,
      );
    }
    const timeout = settings.timeoutSeconds;
    if (isSetAndPlain(timeout)) {
      const problem = wholeNumberProblem(timeout, VERIFICATION_TIMEOUT_BOUNDS);
      if (problem !== undefined) {
        failProperty("https.timeoutSeconds", `https.timeoutSeconds ${problem}.`);
      }
    }
  }
  const choices: [string, readonly string[]] | undefined =
    mode === "cloudflare-proxy"
      ? ["sslMode", CLOUDFLARE_SSL_MODE_HANDLING]
      : mode === "cloudfront"
        ? ["priceClass", CLOUDFRONT_PRICE_CLASSES]
        : undefined;
  if (choices === undefined) return;
  const [key, allowed] = choices;
  const value = settings[key];
  if (value === undefined) return;
  const problem = isPlain(value) ? oneOfProblem(value, allowed) : "must be a plain string";
  if (problem !== undefined) failProperty(`https.${key}`, `https.${key} ${problem}.`);
}

/** The settings the program knows now, against the mode's rules. */
function validateFit(mode: HttpsMode, args: CustomTrackingDomainArgs): void {
  const dns = args.dns as unknown as Record<string, unknown>;
  const plainOrUnset = (value: unknown) => (isPlain(value) ? value : undefined);
  const [problem] = httpsProblems({
    mode,
    dnsProvider: String(dns.provider),
    dnsProxied: plainOrUnset(dns.proxied),
    dnsTtl: plainOrUnset(dns.ttl),
    secure: plainOrUnset(args.secure),
    cnameTarget: plainOrUnset(args.cnameTarget),
  });
  if (problem !== undefined) {
    failProperty(problem.path, `${problem.path} ${problem.text}.`);
  }
}
