/** Domain name rules the sandbox applies, as SparkPost does: case-insensitive, stored lowercase. */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lowercases a domain and drops a trailing root dot, so lookups ignore case as the API does. */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, "");
}

/**
 * Whether a (normalized) name is a syntactically valid host name with at least two labels.
 * Apex domains pass: the API does not document rejecting them (the client enforces that rule).
 */
export function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  return labels.every((label) => LABEL.test(label)) && !/^[0-9]+$/.test(labels[labels.length - 1]);
}

/** Whether a domain is a blacklist entry or a subdomain of one. */
export function isBlacklisted(domain: string, blacklist: readonly string[]): boolean {
  return blacklist.some((entry) => {
    const listed = normalizeDomain(entry);
    return domain === listed || domain.endsWith(`.${listed}`);
  });
}
