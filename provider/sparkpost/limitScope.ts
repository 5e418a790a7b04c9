/**
 * Which SparkPost account a request counts against, for the bounds kept per account: requests in
 * flight (requestSlots.ts), and the pause and the pace after a 429 (rateLimitGate.ts,
 * ratePacer.ts). SparkPost limits each account, and this process knows an account only by its API
 * base and key: two keys on one host are two accounts (a stack's named accounts, or the sandbox
 * playing two regions), and one key is one account however many resources use it.
 *
 * The key goes in as a short SHA-256 digest: the scope is a map key, which a debugger or a test
 * message may show, and must never be a credential.
 */
import { createHash } from "node:crypto";

/** The scope of requests to the API at `baseUrl` with `apiKey`: "<origin> <digest>". */
export function limitScopeOf(baseUrl: string, apiKey: string): string {
  const digest = createHash("sha256").update(apiKey).digest("hex").slice(0, 16);
  return `${new URL(baseUrl).origin} ${digest}`;
}
