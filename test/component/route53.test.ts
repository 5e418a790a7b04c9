/**
 * CustomTrackingDomain with Route53: the resources and invokes the engine receives, exactly.
 */
import * as aws from "@pulumi/aws";
import { CustomTrackingDomain, Route53DnsArgs } from "../../provider/component";
import { mockProgram, settled } from "./mockProgram";

const ZONE_LOOKUP = "aws:route53/getZone:getZone";

test("declares the domain, its record, the verification and nothing else, in that order of dependencies", async () => {
  const program = await mockProgram();
  await settled(
    new CustomTrackingDomain("t", {
      domain: "track.example.com",
      dns: { provider: "route53", zoneId: "Z123" },
    }),
  );
  const graph = program.resources.map(({ type, name, parent, dependencies }) => ({
    type,
    name,
    parent,
    dependencies,
  }));
  expect(graph.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
    { type: "sparkpost:index:CustomTrackingDomain", name: "t", parent: "", dependencies: [] },
    { type: "aws:route53/record:Record", name: "t-cname", parent: "t", dependencies: ["t-domain"] },
    {
      type: "pulumi-nodejs:dynamic/sparkpost:TrackingDomain",
      name: "t-domain",
      parent: "t",
      dependencies: [],
    },
    {
      type: "pulumi-nodejs:dynamic/sparkpost:TrackingDomainVerification",
      name: "t-verification",
      parent: "t",
      dependencies: ["t-cname", "t-domain"],
    },
  ]);
  expect(program.invokes).toEqual([]);
});

test.each<[string, Route53DnsArgs, string, string[]]>([
  ["a given zoneId is used as is", { provider: "route53", zoneId: "Z123" }, "Z123", []],
  [
    "zoneName is looked up",
    { provider: "route53", zoneName: "corp.example.com" },
    "Z-corp.example.com",
    ["corp.example.com"],
  ],
  [
    "without either, the parent domain is looked up",
    { provider: "route53" },
    "Z-example.com",
    ["example.com"],
  ],
])("%s", async (_title, dns, zoneId, lookedUp) => {
  const program = await mockProgram();
  await settled(new CustomTrackingDomain("t", { domain: "Track.Example.com.", dns }));
  expect(program.resource("t-cname").inputs).toEqual({
    zoneId,
    name: "track.example.com",
    type: "CNAME",
    ttl: 300,
    records: ["v2.spgo.io"],
    allowOverwrite: false,
  });
  expect(program.invokes).toEqual(
    lookedUp.map((name) => ({ token: ZONE_LOOKUP, inputs: { name }, provider: "" })),
  );
});

test("ttl and allowOverwrite reach the record", async () => {
  const program = await mockProgram();
  await settled(
    new CustomTrackingDomain("t", {
      domain: "track.example.com",
      dns: { provider: "route53", zoneId: "Z123", ttl: 0, allowOverwrite: true },
    }),
  );
  expect(program.resource("t-cname").inputs).toEqual({
    zoneId: "Z123",
    name: "track.example.com",
    type: "CNAME",
    ttl: 0,
    records: ["v2.spgo.io"],
    allowOverwrite: true,
  });
});

test("a zone declared in the same program is waited for through its zoneId", async () => {
  const program = await mockProgram();
  const zone = new aws.route53.Zone("zone", { name: "example.com" });
  await settled(
    new CustomTrackingDomain("t", {
      domain: "track.example.com",
      dns: { provider: "route53", zoneId: zone.zoneId },
    }),
  );
  expect(program.resource("t-cname").inputs.zoneId).toBe("Z-example.com");
  expect(program.resource("t-cname").dependencies).toEqual(["t-domain", "zone"]);
});

test("dnsResourceOptions reach the record and its zone lookup only", async () => {
  const program = await mockProgram();
  const otherAccount = new aws.Provider("other-account", { region: "eu-west-1" });
  const guard = new aws.route53.Zone("guard", { name: "guard.example.com" });
  const component = new CustomTrackingDomain("t", {
    domain: "track.example.com",
    dns: { provider: "route53" },
    dnsResourceOptions: { provider: otherAccount, protect: true, dependsOn: [guard] },
  });
  await settled(component);
  const providerReference =
    "urn:pulumi:stack::project::pulumi:providers:aws::other-account::other-account-id";

  const record = program.resource("t-cname");
  expect([record.provider, record.protect, record.parent]).toEqual([providerReference, true, "t"]);
  expect(record.dependencies).toEqual(["guard", "t-domain"]);
  expect(program.invokes).toEqual([
    { token: ZONE_LOOKUP, inputs: { name: "example.com" }, provider: providerReference },
  ]);
  const sparkpostChildren = ["t-domain", "t-verification"].map((name) => program.resource(name));
  expect(sparkpostChildren.map(({ provider, protect }) => ({ provider, protect }))).toEqual([
    { provider: "", protect: false },
    { provider: "", protect: false },
  ]);
});
