/**
 * CustomTrackingDomain with manual DNS: no record, no lookup; the record to create is an output.
 */
import { CustomTrackingDomain } from "../../provider/component";
import { mockProgram, settled, valueOf } from "./mockProgram";

test("writes no record and verifies right after the domain exists", async () => {
  const program = await mockProgram();
  const component = new CustomTrackingDomain("t", {
    domain: "track.example.com",
    dns: { provider: "manual" },
  });
  await settled(component);

  expect(component.record).toBeUndefined();
  expect(program.invokes).toEqual([]);
  const graph = program.resources.map(({ type, name, dependencies }) => ({
    type,
    name,
    dependencies,
  }));
  expect(graph.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
    { type: "sparkpost:index:CustomTrackingDomain", name: "t", dependencies: [] },
    { type: "pulumi-nodejs:dynamic/sparkpost:TrackingDomain", name: "t-domain", dependencies: [] },
    {
      type: "pulumi-nodejs:dynamic/sparkpost:TrackingDomainVerification",
      name: "t-verification",
      dependencies: ["t-domain"],
    },
  ]);
  expect(program.resource("t-verification").inputs).toEqual({
    domain: "track.example.com",
    expectedTarget: "v2.spgo.io",
    triggers: ["v2.spgo.io"],
  });
  expect(await valueOf(component.dnsRecord)).toEqual({
    name: "track.example.com",
    type: "CNAME",
    value: "v2.spgo.io",
  });
});
