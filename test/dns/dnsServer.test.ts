import { Resolver } from "node:dns/promises";
import { DnsTestServer, startDnsServer } from "../support/dnsServer";

let server: DnsTestServer;
let resolver: Resolver;

beforeEach(async () => {
  server = await startDnsServer();
  resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([server.address]);
});

afterEach(() => server.close());

test("listens on a loopback UDP port", () => {
  expect(server.address).toBe(`127.0.0.1:${server.port}`);
  expect(server.port).toBeGreaterThan(0);
});

test("answers CNAME queries, case-insensitively and with trailing dots tolerated", async () => {
  server.setCname("TRACK.Example.com.", "V2.spgo.io.");
  expect(await resolver.resolveCname("track.example.COM")).toEqual(["v2.spgo.io"]);
  expect(server.queries).toEqual([{ name: "track.example.com", type: "CNAME" }]);
});

test("answers A queries for an alias with the CNAME, plus the target's addresses it holds", async () => {
  server.setCname("track.example.com", "v2.spgo.io");
  server.setAddress("v2.spgo.io", "192.0.2.10");
  expect(await resolver.resolve4("track.example.com")).toEqual(["192.0.2.10"]);
});

test("answers A queries for an alias whose target it does not hold with the CNAME alone", async () => {
  server.setCname("track.example.com", "v2.spgo.io");
  // node:dns reports an alias-only answer as an empty address list, not as ENODATA.
  expect(await resolver.resolve4("track.example.com")).toEqual([]);
});

test("answers A, NS and SOA records", async () => {
  server.setAddress("ns1.example.com", "192.0.2.1");
  server.setAddress("ns1.example.com", "192.0.2.2");
  server.setNameservers("example.com", ["ns1.example.com", "NS2.example.com."]);
  server.setSoa("example.com");
  expect(await resolver.resolve4("ns1.example.com")).toEqual(["192.0.2.1", "192.0.2.2"]);
  expect(await resolver.resolveNs("example.com")).toEqual(["ns1.example.com", "ns2.example.com"]);
  expect(await resolver.resolveSoa("example.com")).toEqual({
    nsname: "ns1.example.com",
    hostmaster: "hostmaster.example.com",
    serial: 1,
    refresh: 3600,
    retry: 600,
    expire: 86400,
    minttl: 60,
  });
});

test("answers NXDOMAIN for unknown names and NODATA for other types of known names", async () => {
  server.setNameservers("example.com", ["ns1.example.com"]);
  await expect(resolver.resolveCname("track.example.com")).rejects.toMatchObject({
    code: "ENOTFOUND",
  });
  await expect(resolver.resolveCname("example.com")).rejects.toMatchObject({ code: "ENODATA" });
  await expect(resolver.resolve4("example.com")).rejects.toMatchObject({ code: "ENODATA" });
  await expect(resolver.resolveSoa("example.com")).rejects.toMatchObject({ code: "ENODATA" });
});

test("a CNAME replaces a name's records, an address replaces its CNAME, remove forgets both", async () => {
  server.setAddress("track.example.com", "192.0.2.5");
  server.setCname("track.example.com", "v2.spgo.io");
  expect(await resolver.resolveCname("track.example.com")).toEqual(["v2.spgo.io"]);
  server.setAddress("track.example.com", "192.0.2.6");
  expect(await resolver.resolve4("track.example.com")).toEqual(["192.0.2.6"]);
  await expect(resolver.resolveCname("track.example.com")).rejects.toMatchObject({
    code: "ENODATA",
  });
  server.remove("Track.Example.com.");
  await expect(resolver.resolve4("track.example.com")).rejects.toMatchObject({
    code: "ENOTFOUND",
  });
  expect(server.queries).toEqual([
    { name: "track.example.com", type: "CNAME" },
    { name: "track.example.com", type: "A" },
    { name: "track.example.com", type: "CNAME" },
    { name: "track.example.com", type: "A" },
  ]);
});
