import { nameserverProblem } from "../../provider/dns/nameserverAddress";
import { cnameTarget, trackingDnsRecord } from "../../provider/dns/record";

describe("cnameTarget", () => {
  test.each<[string | undefined, string]>([
    [undefined, "v2.spgo.io"],
    ["us", "v2.spgo.io"],
    ["eu", "eu.v2.spgo.io"],
  ])("region %j points at %j", (region, expected) => {
    expect(cnameTarget(region)).toBe(expected);
  });

  test.each(["EU", "ap", ""])("region %j is refused, naming the allowed values", (region) => {
    expect(() => cnameTarget(region)).toThrow(
      new Error(`Unknown SparkPost region "${region}": use "us" or "eu"`),
    );
  });
});

describe("trackingDnsRecord", () => {
  test("defaults to the US managed-HTTPS endpoint", () => {
    expect(trackingDnsRecord("track.example.com")).toEqual({
      name: "track.example.com",
      type: "CNAME",
      value: "v2.spgo.io",
    });
  });

  test("normalizes the domain and follows the region", () => {
    expect(trackingDnsRecord("Track.Example.com.", { region: "eu" })).toEqual({
      name: "track.example.com",
      type: "CNAME",
      value: "eu.v2.spgo.io",
    });
  });

  test("an explicit target wins over the region, normalized", () => {
    expect(trackingDnsRecord("track.example.com", { region: "eu", target: "SPGO.io." })).toEqual({
      name: "track.example.com",
      type: "CNAME",
      value: "spgo.io",
    });
  });

  test.each<[string, { region?: string; target?: string }, string]>([
    [
      "https://track.example.com",
      {},
      'domain must be a bare hostname such as "track.example.com", without "https://"',
    ],
    [
      "track.example.com",
      { target: "acme.et.e.sparkpost.com/" },
      'target must be a bare hostname such as "track.example.com", without a path ("/")',
    ],
    ["track.example.com", { region: "ap" }, 'Unknown SparkPost region "ap": use "us" or "eu"'],
    [
      "track.example.com",
      { region: "ap", target: "spgo.io" },
      'Unknown SparkPost region "ap": use "us" or "eu"',
    ],
  ])("%j with %j throws", (domain, options, message) => {
    expect(() => trackingDnsRecord(domain, options)).toThrow(new Error(message));
  });
});

describe("nameserverProblem", () => {
  test.each(["192.0.2.53", "127.0.0.1:5353", "2001:db8::53", "[2001:db8::53]:5353", " 10.0.0.2 "])(
    "%j is a usable nameserver",
    (value) => {
      expect(nameserverProblem(value)).toBeUndefined();
    },
  );

  test.each(["ns1.example.com", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:", "[::1", ""])(
    "%j is refused",
    (value) => {
      expect(nameserverProblem(value)).toBe(
        `must be an IP address with an optional port, such as "192.0.2.53" or "127.0.0.1:5353", not "${value}"`,
      );
    },
  );
});
