/**
 * CustomTrackingDomain with Cloudflare: the record, the zone lookup and the proxied mode.
 */
import * as cloudflare from "@pulumi/cloudflare";
import { CloudflareDnsArgs, CustomTrackingDomain } from "../../provider/component";
import { mockProgram, settled } from "./mockProgram";

const ZONE_LOOKUP = "cloudflare:index/getZone:getZone";

test.each<[string, CloudflareDnsArgs, string, string[]]>([
  ["a given zoneId is used as is", { provider: "cloudflare", zoneId: "0123abcd" }, "0123abcd", []],
  [
    "zoneName is looked up by a name filter",
    { provider: "cloudflare", zoneName: "example.com" },
    "cf-example.com",
    ["example.com"],
  ],
  [
    "without either, the parent domain is looked up",
    { provider: "cloudflare" },
    "cf-mail.example.com",
    ["mail.example.com"],
  ],
])("%s", async (_title, dns, zoneId, lookedUp) => {
  const program = await mockProgram();
  await settled(new CustomTrackingDomain("t", { domain: "track.mail.example.com", dns }));
  expect(program.resource("t-cname")).toMatchObject({
    type: "cloudflare:index/dnsRecord:DnsRecord",
    parent: "t",
    dependencies: ["t-domain"],
  });
  expect(program.resource("t-cname").inputs).toEqual({
    zoneId,
    name: "track.mail.example.com",
    type: "CNAME",
    content: "v2.spgo.io",
    ttl: 300,
    proxied: false,
  });
  expect(program.invokes).toEqual(
    lookedUp.map((name) => ({ token: ZONE_LOOKUP, inputs: { filter: { name } }, provider: "" })),
  );
  expect(program.resources.map((resource) => resource.name).sort()).toEqual([
    "t",
    "t-cname",
    "t-domain",
    "t-verification",
  ]);
});

test.each<[string, CloudflareDnsArgs, { ttl: number; proxied: boolean }]>([
  [
    "proxied gets the automatic TTL",
    { provider: "cloudflare", proxied: true },
    { ttl: 1, proxied: true },
  ],
  [
    "proxied accepts an explicit automatic TTL",
    { provider: "cloudflare", proxied: true, ttl: 1 },
    { ttl: 1, proxied: true },
  ],
  [
    "a TTL of 30 (Enterprise zones)",
    { provider: "cloudflare", ttl: 30 },
    { ttl: 30, proxied: false },
  ],
  ["the automatic TTL unproxied", { provider: "cloudflare", ttl: 1 }, { ttl: 1, proxied: false }],
])("%s", async (_title, dns, expected) => {
  const program = await mockProgram();
  await settled(
    new CustomTrackingDomain("t", { domain: "track.example.com", dns: { ...dns, zoneId: "z1" } }),
  );
  expect(program.resource("t-cname").inputs).toEqual({
    zoneId: "z1",
    name: "track.example.com",
    type: "CNAME",
    content: "v2.spgo.io",
    ...expected,
  });
  expect(program.resource("t-verification").inputs.proxied).toBe(expected.proxied);
});

test("the verification is told the record is proxied, so its preflight accepts addresses", async () => {
  const program = await mockProgram();
  await settled(
    new CustomTrackingDomain("t", {
      domain: "track.example.com",
      dns: { provider: "cloudflare", zoneId: "z1", proxied: true },
    }),
  );
  expect(program.resource("t-verification").inputs).toEqual({
    domain: "track.example.com",
    expectedTarget: "v2.spgo.io",
    proxied: true,
    triggers: ["v2.spgo.io"],
  });
  expect(program.resource("t-verification").dependencies).toEqual(["t-cname", "t-domain"]);
});

test("a specific Cloudflare provider serves both the lookup and the record", async () => {
  const program = await mockProgram();
  const account = new cloudflare.Provider("account", { apiToken: "not-a-real-token" });
  await settled(
    new CustomTrackingDomain("t", {
      domain: "track.example.com",
      dns: { provider: "cloudflare" },
      dnsResourceOptions: { provider: account },
    }),
  );
  const providerReference =
    "urn:pulumi:stack::project::pulumi:providers:cloudflare::account::account-id";
  expect(program.resource("t-cname").provider).toBe(providerReference);
  expect(program.invokes).toEqual([
    {
      token: ZONE_LOOKUP,
      inputs: { filter: { name: "example.com" } },
      provider: providerReference,
    },
  ]);
});
