/**
 * What a sandbox's account holds, read for assertions: every tracking domain (through its list
 * API, whose request is then taken out of the log so that counts of the program's requests stay
 * exact), and sending domains' links.
 */
import type { Sandbox } from "../../../sandbox";

/** One tracking domain as a line: "track.example.com primary secure=false default=true verified=true". */
export type DomainLine = string;

interface ListedDomain {
  domain: string;
  secure: boolean;
  default: boolean;
  subaccount_id?: number;
  status: { verified: boolean };
}

/** Every tracking domain of every account, one line each, sorted. */
export async function trackingDomainLines(sandbox: Sandbox): Promise<DomainLine[]> {
  const logged = sandbox.requests.length;
  const response = await fetch(`${sandbox.apiUrl}/tracking-domains`, {
    headers: { Authorization: sandbox.apiKey },
  });
  sandbox.requests.splice(logged, 1);
  if (response.status !== 200)
    throw new Error(`listing tracking domains answered ${response.status}`);
  const { results } = (await response.json()) as { results: ListedDomain[] };
  return results
    .map((domain) => {
      const owner =
        domain.subaccount_id === undefined ? "primary" : `subaccount=${domain.subaccount_id}`;
      return `${domain.domain} ${owner} secure=${domain.secure} default=${domain.default} verified=${domain.status.verified}`;
    })
    .sort();
}

/** "sending -> tracking" for each named sending domain ("sending -> none" when unlinked). */
export function links(sandbox: Sandbox, sendingDomains: string[]): string[] {
  return sendingDomains.map((name) => {
    const state = sandbox.sendingDomain(name);
    if (state === undefined) throw new Error(`the sandbox has no sending domain ${name}`);
    return `${name} -> ${state.trackingDomain ?? "none"}`;
  });
}

/** The API requests logged since `from`, as "METHOD path", in order. */
export function requestLines(sandbox: Sandbox, from = 0): string[] {
  return sandbox.requests.slice(from).map((request) => `${request.method} ${request.path}`);
}
