/**
 * A DNS server on 127.0.0.1 whose CNAME records become visible at a set moment, decided when each
 * question arrives: it stands for the nameserver SparkPost's resolvers reach, which has a new
 * record some seconds after the zone's other nameservers. Deciding at question time, rather than
 * setting the record from a timer, keeps a late timer on a busy machine from moving that moment.
 */
import dns2 from "dns2";

/** RFC 1035 response code for a name that does not exist. */
const RCODE_NXDOMAIN = 3;
const TTL_SECONDS = 60;

export interface ScheduledDnsServer {
  /** "127.0.0.1:PORT" */
  address: string;
  /** Answers `name` with a CNAME to `target` from `visibleAt` (performance.now()) on. */
  setCname(name: string, target: string, visibleAt: number): void;
  close(): Promise<void>;
}

const normalize = (name: string) => name.trim().toLowerCase().replace(/\.$/, "");

export async function startScheduledDnsServer(): Promise<ScheduledDnsServer> {
  const records = new Map<string, { target: string; visibleAt: number }>();
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const record = question && records.get(normalize(question.name));
      if (record && performance.now() >= record.visibleAt) {
        response.header.aa = 1;
        response.answers.push({
          name: question.name,
          class: dns2.Packet.CLASS.IN,
          ttl: TTL_SECONDS,
          type: dns2.Packet.TYPE.CNAME,
          domain: record.target,
        } as dns2.Packet.Resource);
      } else {
        response.header.rcode = RCODE_NXDOMAIN;
      }
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  if (!addresses.udp) throw new Error("the scheduled DNS server did not start listening on UDP");
  return {
    address: `127.0.0.1:${addresses.udp.port}`,
    setCname: (name, target, visibleAt) => records.set(normalize(name), { target, visibleAt }),
    close: () => server.close(),
  };
}
