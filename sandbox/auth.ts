/** API key and subaccount header handling, as SparkPost accepts them. */
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an `Authorization` header carries the key: either the raw key, or Basic auth with the
 * key as user and an empty password. Compared in constant time; the key is never logged.
 */
export function isAuthorized(header: string | undefined, apiKey: string): boolean {
  if (header === undefined) return false;
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  const presented = basic ? Buffer.from(basic[1], "base64").toString("utf8") : header;
  return sameSecret(presented, basic ? `${apiKey}:` : apiKey);
}

function sameSecret(presented: string, expected: string): boolean {
  // Hashing first gives equal lengths, which timingSafeEqual needs, without leaking the length.
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The parsed `X-MSYS-SUBACCOUNT` header: `undefined` when absent, a number when valid, or
 * `"invalid"` for anything but a non-negative integer.
 */
export type SubaccountHeader = number | undefined | "invalid";

export function parseSubaccountHeader(header: string | string[] | undefined): SubaccountHeader {
  if (header === undefined) return undefined;
  const text = Array.isArray(header) ? header[0] : header;
  return /^\s*\d+\s*$/.test(text) ? Number(text) : "invalid";
}

/** GET: without the header every owner is visible; with it, only that owner (0 = primary). */
export function canRead(owner: number, header: number | undefined): boolean {
  return header === undefined || owner === header;
}

/** POST/PUT/DELETE act on the header's owner, the primary account when absent. */
export function canWrite(owner: number, header: number | undefined): boolean {
  return owner === (header ?? 0);
}
