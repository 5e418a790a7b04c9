/**
 * Validation of the `nameservers` a user can point the DNS preflight at: node:dns accepts IP
 * addresses with an optional port only, no hostnames.
 */
import { isIP } from "node:net";

const MAX_PORT = 65535;

/** The address and port of "ip", "ip:port" or "[ipv6]:port", or undefined when it is none. */
function splitAddress(value: string): { address: string; port?: string } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  if (bracketed) return { address: bracketed[1], port: bracketed[2] };
  if (isIP(value) !== 0) return { address: value };
  const withPort = /^([^:]+):(\d+)$/.exec(value);
  return withPort ? { address: withPort[1], port: withPort[2] } : undefined;
}

/**
 * Why `value` cannot be a preflight nameserver, or undefined when it can. The sentence reads
 * after a property path: 'nameservers[0] must be an IP address ...'.
 */
export function nameserverProblem(value: string): string | undefined {
  const parts = splitAddress(value.trim());
  const port = parts?.port === undefined ? undefined : Number(parts.port);
  const portValid = port === undefined || (port >= 1 && port <= MAX_PORT);
  if (parts === undefined || isIP(parts.address) === 0 || !portValid) {
    return `must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353", not ${JSON.stringify(value)}`;
  }
  return undefined;
}
