import dgram from "node:dgram";
import { checkTrackingCname } from "../../provider/dns/preflight";
import { DnsTestServer, startDnsServer } from "../support/dnsServer";

const DOMAIN = "track.example.com";
const TARGET = "v2.spgo.io";
/** Short, so that the servers that never answer cost little; loopback answers take ~1 ms. */
const TIMEOUT_MS = 300;

let authority: DnsTestServer;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  authority = await startDnsServer();
  cleanups.push(() => authority.close());
});

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function anotherServer(): Promise<DnsTestServer> {
  const server = await startDnsServer();
  cleanups.push(() => server.close());
  return server;
}

/** A UDP socket that receives queries and never answers, like a firewalled nameserver. */
async function silentServer(): Promise<string> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return `127.0.0.1:${socket.address().port}`;
}

/** A loopback port nothing listens on: the query is refused at once. */
async function closedPort(): Promise<string> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

describe('mode "off"', () => {
  test("is ready without asking anything", async () => {
    const result = await checkTrackingCname(DOMAIN, TARGET, {
      mode: "off",
      nameservers: [authority.address],
    });
    expect(result).toEqual({
      ready: true,
      reachable: true,
      observed: [],
      askedServers: [],
      summary:
        "DNS preflight is off, so track.example.com is verified without checking its CNAME first",
    });
    expect(authority.queries).toEqual([]);
  });
});

describe('mode "authoritative" with the given nameservers', () => {
  const options = () => ({
    mode: "authoritative" as const,
    nameservers: [authority.address],
    timeoutMs: TIMEOUT_MS,
  });

  test("is ready when the CNAME answers the expected target (case and final dot ignored)", async () => {
    authority.setCname(DOMAIN, TARGET);
    const result = await checkTrackingCname("Track.Example.com.", "V2.SPGO.io.", options());
    expect(result).toEqual({
      ready: true,
      reachable: true,
      observed: ["v2.spgo.io"],
      askedServers: [authority.address],
      summary: `the given authoritative nameservers (${authority.address}) answer CNAME track.example.com -> v2.spgo.io`,
    });
    expect(authority.queries).toEqual([{ name: DOMAIN, type: "CNAME" }]);
  });

  test("is not ready when the CNAME answers another target, and says which", async () => {
    authority.setCname(DOMAIN, "spgo.io");
    expect(await checkTrackingCname(DOMAIN, TARGET, options())).toEqual({
      ready: false,
      reachable: true,
      observed: ["spgo.io"],
      askedServers: [authority.address],
      summary: `the given authoritative nameservers (${authority.address}) answer CNAME track.example.com -> spgo.io, expected v2.spgo.io`,
    });
  });

  test("is not ready while the record is absent, and ready once it is added", async () => {
    expect(await checkTrackingCname(DOMAIN, TARGET, options())).toEqual({
      ready: false,
      reachable: true,
      observed: [],
      askedServers: [authority.address],
      summary: `the given authoritative nameservers (${authority.address}) have no record for track.example.com yet`,
    });
    authority.setCname(DOMAIN, TARGET);
    const second = await checkTrackingCname(DOMAIN, TARGET, options());
    expect(second.ready).toBe(true);
    expect(authority.queries).toEqual([
      { name: DOMAIN, type: "CNAME" },
      { name: DOMAIN, type: "CNAME" },
    ]);
  });

  test("a name with other records but no CNAME is not ready", async () => {
    authority.setNameservers(DOMAIN, ["ns1.example.net"]);
    expect(await checkTrackingCname(DOMAIN, TARGET, options())).toEqual({
      ready: false,
      reachable: true,
      observed: [],
      askedServers: [authority.address],
      summary: `the given authoritative nameservers (${authority.address}) have no CNAME record for track.example.com yet`,
    });
    expect(authority.queries).toEqual([
      { name: DOMAIN, type: "CNAME" },
      { name: DOMAIN, type: "A" },
      { name: DOMAIN, type: "AAAA" },
    ]);
  });

  test("an address record instead of the CNAME is not ready unless the record is proxied", async () => {
    authority.setAddress(DOMAIN, "192.0.2.7");
    expect(await checkTrackingCname(DOMAIN, TARGET, options())).toEqual({
      ready: false,
      reachable: true,
      observed: ["192.0.2.7"],
      askedServers: [authority.address],
      summary: `the given authoritative nameservers (${authority.address}) answer track.example.com with the addresses 192.0.2.7 instead of a CNAME, expected v2.spgo.io`,
    });
    expect(await checkTrackingCname(DOMAIN, TARGET, { ...options(), proxied: true })).toEqual({
      ready: true,
      reachable: true,
      observed: ["192.0.2.7"],
      askedServers: [authority.address],
      summary: `the given authoritative nameservers (${authority.address}) answer track.example.com with the proxy addresses 192.0.2.7`,
    });
    expect(authority.queries).toEqual([
      { name: DOMAIN, type: "CNAME" },
      { name: DOMAIN, type: "A" },
      { name: DOMAIN, type: "CNAME" },
      { name: DOMAIN, type: "A" },
    ]);
  });

  test("a proxied record that still shows its CNAME is ready", async () => {
    authority.setCname(DOMAIN, TARGET);
    const result = await checkTrackingCname(DOMAIN, TARGET, { ...options(), proxied: true });
    expect(result.ready).toBe(true);
  });

  test("servers that disagree are each named, and the check is not ready", async () => {
    const lagging = await anotherServer();
    authority.setCname(DOMAIN, TARGET);
    lagging.setCname(DOMAIN, "spgo.io");
    const result = await checkTrackingCname(DOMAIN, TARGET, {
      ...options(),
      nameservers: [authority.address, lagging.address],
    });
    expect(result).toEqual({
      ready: false,
      reachable: true,
      observed: ["v2.spgo.io", "spgo.io"],
      askedServers: [authority.address, lagging.address],
      summary: `the given authoritative nameservers: ${authority.address} answers CNAME track.example.com -> v2.spgo.io; ${lagging.address} answers CNAME track.example.com -> spgo.io, expected v2.spgo.io`,
    });
  });

  test("a server that never answers gives a not-ready result naming it, within the timeout", async () => {
    const silent = await silentServer();
    expect(
      await checkTrackingCname(DOMAIN, TARGET, { ...options(), nameservers: [silent] }),
    ).toEqual({
      ready: false,
      reachable: false,
      observed: [],
      askedServers: [silent],
      summary: `the given authoritative nameservers (${silent}) did not answer within 300 ms`,
    });
  });

  test("a closed port gives a not-ready result naming it", async () => {
    const closed = await closedPort();
    expect(
      await checkTrackingCname(DOMAIN, TARGET, { ...options(), nameservers: [closed] }),
    ).toEqual({
      ready: false,
      reachable: false,
      observed: [],
      askedServers: [closed],
      summary: `the given authoritative nameservers (${closed}) refused the connection (nothing listens there)`,
    });
  });

  test("a server that fails does not block when the others answer the target", async () => {
    const silent = await silentServer();
    authority.setCname(DOMAIN, TARGET);
    const result = await checkTrackingCname(DOMAIN, TARGET, {
      ...options(),
      nameservers: [authority.address, silent],
    });
    expect(result).toEqual({
      ready: true,
      reachable: true,
      observed: ["v2.spgo.io"],
      askedServers: [authority.address, silent],
      summary: `the given authoritative nameservers: ${authority.address} answers CNAME track.example.com -> v2.spgo.io; ${silent} did not answer within 300 ms`,
    });
  });

  test("an invalid nameserver is a configuration error, not a DNS outcome", async () => {
    await expect(
      checkTrackingCname(DOMAIN, TARGET, { ...options(), nameservers: ["ns1.example.com"] }),
    ).rejects.toThrow(
      new Error(
        'nameservers[0] must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353", not "ns1.example.com"',
      ),
    );
  });
});

describe('mode "resolver"', () => {
  test("asks the given resolvers", async () => {
    authority.setCname(DOMAIN, TARGET);
    const result = await checkTrackingCname(DOMAIN, TARGET, {
      mode: "resolver",
      nameservers: [authority.address],
      timeoutMs: TIMEOUT_MS,
    });
    expect(result).toEqual({
      ready: true,
      reachable: true,
      observed: ["v2.spgo.io"],
      askedServers: [authority.address],
      summary: `the given resolvers (${authority.address}) answer CNAME track.example.com -> v2.spgo.io`,
    });
    expect(authority.queries).toEqual([{ name: DOMAIN, type: "CNAME" }]);
  });

  test("asks the system resolvers when no nameservers are given", async () => {
    authority.setCname(DOMAIN, "eu.spgo.io");
    const result = await checkTrackingCname(DOMAIN, "eu.v2.spgo.io", {
      mode: "resolver",
      timeoutMs: TIMEOUT_MS,
      systemResolvers: [authority.address],
    });
    expect(result).toEqual({
      ready: false,
      reachable: true,
      observed: ["eu.spgo.io"],
      askedServers: [authority.address],
      summary: `the system resolvers (${authority.address}) answer CNAME track.example.com -> eu.spgo.io, expected eu.v2.spgo.io`,
    });
  });
});

test.each(["resolver", "authoritative"] as const)(
  'mode "%s" without any system resolver says so and asks nothing',
  async (mode) => {
    const result = await checkTrackingCname(DOMAIN, TARGET, { mode, systemResolvers: [] });
    expect(result).toEqual({
      ready: false,
      reachable: false,
      observed: [],
      askedServers: [],
      summary: "the system has no DNS resolvers configured; set nameservers to ask others",
    });
  },
);

describe('mode "authoritative" finding the nameservers through the resolver', () => {
  let resolver: DnsTestServer;

  beforeEach(async () => {
    resolver = await anotherServer();
  });

  /** The walk asks `resolver`; the nameservers it finds resolve to 127.0.0.1 = `authority`. */
  const options = () => ({
    mode: "authoritative" as const,
    timeoutMs: TIMEOUT_MS,
    systemResolvers: [resolver.address],
    authorityPort: authority.port,
  });

  test("walks up to the zone, resolves its nameservers and asks them directly", async () => {
    resolver.setAddress("mail.example.com", "192.0.2.25");
    resolver.setNameservers("example.com", ["ns1.example.com", "ns2.example.com"]);
    resolver.setAddress("ns1.example.com", "127.0.0.1");
    resolver.setAddress("ns2.example.com", "127.0.0.1");
    // The resolver's own (stale) copy must not count: only the authority is asked for the record.
    resolver.setCname("click.mail.example.com", "spgo.io");
    authority.setCname("click.mail.example.com", TARGET);

    const result = await checkTrackingCname("click.mail.example.com", TARGET, options());

    const asked = `127.0.0.1:${authority.port}`;
    expect(result).toEqual({
      ready: true,
      reachable: true,
      observed: ["v2.spgo.io"],
      askedServers: [`ns1.example.com (${asked})`, `ns2.example.com (${asked})`],
      summary:
        "authoritative nameservers of example.com (ns1.example.com, ns2.example.com) answer CNAME click.mail.example.com -> v2.spgo.io",
    });
    expect(resolver.queries.slice(0, 2)).toEqual([
      { name: "mail.example.com", type: "NS" },
      { name: "example.com", type: "NS" },
    ]);
    expect(
      resolver.queries
        .slice(2)
        .map(({ name, type }) => `${type} ${name}`)
        .sort(),
    ).toEqual(["A ns1.example.com", "A ns2.example.com"]);
    expect(authority.queries).toEqual([
      { name: "click.mail.example.com", type: "CNAME" },
      { name: "click.mail.example.com", type: "CNAME" },
    ]);
  });

  test("a nameserver without an address is named, and the others still decide", async () => {
    resolver.setNameservers("example.com", ["ns1.example.com", "ns2.example.net"]);
    resolver.setAddress("ns1.example.com", "127.0.0.1");
    authority.setCname(DOMAIN, TARGET);

    const result = await checkTrackingCname(DOMAIN, TARGET, options());

    expect(result).toEqual({
      ready: true,
      reachable: true,
      observed: ["v2.spgo.io"],
      askedServers: [`ns1.example.com (127.0.0.1:${authority.port})`],
      summary:
        "authoritative nameservers of example.com: ns1.example.com answers CNAME track.example.com -> v2.spgo.io; ns2.example.net has no address record",
    });
  });

  test("no zone up to the registrable domain gives a not-ready result", async () => {
    const result = await checkTrackingCname("click.mail.example.co.uk", TARGET, options());
    expect(result).toEqual({
      ready: false,
      reachable: true,
      observed: [],
      askedServers: [],
      summary: `could not find the authoritative nameservers of click.mail.example.co.uk: the system resolvers (${resolver.address}) know no NS records for mail.example.co.uk, example.co.uk`,
    });
    expect(resolver.queries).toEqual([
      { name: "mail.example.co.uk", type: "NS" },
      { name: "example.co.uk", type: "NS" },
    ]);
    expect(authority.queries).toEqual([]);
  });

  test("a registrable domain has no zone above it to ask, and nothing is asked", async () => {
    expect(await checkTrackingCname("example.com", TARGET, options())).toEqual({
      ready: false,
      reachable: true,
      observed: [],
      askedServers: [],
      summary:
        "could not find the authoritative nameservers of example.com: it is not a subdomain of a registrable domain",
    });
    expect(resolver.queries).toEqual([]);
  });

  test("a resolver that never answers gives a not-ready result naming it", async () => {
    const silent = await silentServer();
    const result = await checkTrackingCname(DOMAIN, TARGET, {
      ...options(),
      systemResolvers: [silent],
    });
    expect(result).toEqual({
      ready: false,
      reachable: false,
      observed: [],
      askedServers: [],
      summary: `could not find the authoritative nameservers of track.example.com: the system resolvers (${silent}) did not answer within 300 ms when asked for the NS records of example.com`,
    });
  });
});
