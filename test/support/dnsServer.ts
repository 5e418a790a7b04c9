/**
 * A real DNS server on 127.0.0.1 (UDP, port 0) for tests: it answers from records the test sets,
 * the way an authoritative server for those names would. Point node:dns at it with
 * `resolver.setServers([server.address])`.
 */
import dns2 from "dns2";

/** The record types the server can hold, by their wire numbers. */
const TYPE = dns2.Packet.TYPE;
const CLASS_IN = dns2.Packet.CLASS.IN;
const TTL_SECONDS = 60;
/** RFC 1035 response code for a name that does not exist (dns2's typings omit `Packet.RCODE`). */
const RCODE_NXDOMAIN = 3;

export interface DnsTestServer {
  /** "127.0.0.1:PORT", usable in node:dns `Resolver.setServers`. */
  address: string;
  port: number;
  /** Sets `name` to a CNAME pointing at `target` (replacing any other records of `name`). */
  setCname(name: string, target: string): void;
  /** Adds an A record; an existing CNAME of `name` is dropped, since the two cannot coexist. */
  setAddress(name: string, ip: string): void;
  /** Replaces the NS records of `zone`. */
  setNameservers(zone: string, hosts: string[]): void;
  /** Gives `zone` an SOA record (primary `ns1.<zone>`). */
  setSoa(zone: string): void;
  /** Forgets every record of `name`, so it answers NXDOMAIN again. */
  remove(name: string): void;
  /** Every question received, in order, with names normalized and types as names ("A", "NS"). */
  queries: Array<{ name: string; type: string }>;
  close(): Promise<void>;
}

interface Records {
  cname?: string;
  addresses: string[];
  nameservers: string[];
  soa: boolean;
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

function typeName(type: number): string {
  const entry = Object.entries(TYPE).find(([, value]) => value === type);
  return entry ? entry[0] : `TYPE${type}`;
}

/** Starts a server holding no records: every name answers NXDOMAIN until a test sets it. */
export async function startDnsServer(): Promise<DnsTestServer> {
  const zone = new Map<string, Records>();
  const queries: Array<{ name: string; type: string }> = [];

  const recordsOf = (name: string): Records => {
    const key = normalize(name);
    let records = zone.get(key);
    if (!records) {
      records = { addresses: [], nameservers: [], soa: false };
      zone.set(key, records);
    }
    return records;
  };

  /** The answer section for one question, following a CNAME to records this server holds. */
  const answersFor = (name: string, type: number): dns2.Packet.Resource[] => {
    const records = zone.get(name);
    if (!records) return [];
    const base = { name, class: CLASS_IN, ttl: TTL_SECONDS };
    if (records.cname !== undefined) {
      const alias = { ...base, type: TYPE.CNAME, domain: records.cname };
      if (type === TYPE.CNAME) return [alias] as dns2.Packet.Resource[];
      // Like an authoritative server, add the target's records when it holds them too.
      return [alias, ...answersFor(records.cname, type)] as dns2.Packet.Resource[];
    }
    const answers: object[] = [];
    if (type === TYPE.A) {
      answers.push(...records.addresses.map((address) => ({ ...base, type, address })));
    }
    if (type === TYPE.NS) {
      answers.push(...records.nameservers.map((ns) => ({ ...base, type, ns })));
    }
    if (type === TYPE.SOA && records.soa) {
      answers.push({
        ...base,
        type,
        primary: `ns1.${name}`,
        admin: `hostmaster.${name}`,
        serial: 1,
        refresh: 3600,
        retry: 600,
        expiration: 86400,
        minimum: TTL_SECONDS,
      });
    }
    return answers as dns2.Packet.Resource[];
  };

  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      if (question) {
        const name = normalize(question.name);
        queries.push({ name, type: typeName(question.type) });
        if (zone.has(name)) {
          response.header.aa = 1;
          response.answers.push(...answersFor(name, question.type));
        } else {
          response.header.rcode = RCODE_NXDOMAIN;
        }
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  if (!addresses.udp) throw new Error("the DNS test server did not start listening on UDP");
  const port = addresses.udp.port;

  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    setCname(name, target) {
      zone.set(normalize(name), {
        cname: normalize(target),
        addresses: [],
        nameservers: [],
        soa: false,
      });
    },
    setAddress(name, ip) {
      const records = recordsOf(name);
      records.cname = undefined;
      records.addresses.push(ip);
    },
    setNameservers(zoneName, hosts) {
      const records = recordsOf(zoneName);
      records.cname = undefined;
      records.nameservers = hosts.map(normalize);
    },
    setSoa(zoneName) {
      const records = recordsOf(zoneName);
      records.cname = undefined;
      records.soa = true;
    },
    remove(name) {
      zone.delete(normalize(name));
    },
    close: () => server.close(),
  };
}
