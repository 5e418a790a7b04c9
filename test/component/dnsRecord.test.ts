/**
 * The `dnsRecord` output: computed in the program from the domain, `cnameTarget` and the region,
 * so `pulumi preview` shows it before anything exists.
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain, CustomTrackingDomainArgs } from "../../provider/component";
import { knownness, mockProgram, settled, valueOf } from "./mockProgram";

const base: CustomTrackingDomainArgs = {
  domain: "track.example.com",
  dns: { provider: "route53", zoneId: "Z123" },
};

const savedRegion = process.env.SPARKPOST_REGION;
beforeEach(() => delete process.env.SPARKPOST_REGION);
afterAll(() => {
  if (savedRegion === undefined) delete process.env.SPARKPOST_REGION;
  else process.env.SPARKPOST_REGION = savedRegion;
});

test("is known at preview, while the resources' outputs are not", async () => {
  const program = await mockProgram({ preview: true });
  const component = new CustomTrackingDomain("t", { ...base, default: true });
  await settled(component);

  expect(await knownness(component.dnsRecord)).toEqual({
    known: true,
    value: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
  });
  // The preview is real: what SparkPost will report is unknown until `up`.
  expect((await knownness(component.trackingDomain.domain)).known).toBe(false);
  expect((await knownness(component.verified)).known).toBe(false);
  // ...and the record the preview shows carries the computed name and value.
  expect(program.resource("t-cname").inputs).toMatchObject({
    name: "track.example.com",
    records: ["v2.spgo.io"],
  });
  expect(program.resource("t-verification").inputs).toMatchObject({
    expectedTarget: "v2.spgo.io",
    triggers: ["v2.spgo.io"],
  });
});

test.each<
  [string, Record<string, string>, string | undefined, Partial<CustomTrackingDomainArgs>, string]
>([
  ["us by default", {}, undefined, {}, "v2.spgo.io"],
  ["sparkpost:region eu", { "sparkpost:region": "eu" }, undefined, {}, "eu.v2.spgo.io"],
  ["SPARKPOST_REGION eu without config", {}, "eu", {}, "eu.v2.spgo.io"],
  ["config wins over the environment", { "sparkpost:region": "us" }, "eu", {}, "v2.spgo.io"],
  [
    "cnameTarget overrides the region, normalized",
    { "sparkpost:region": "eu" },
    undefined,
    { cnameTarget: "Acme.ET.E.SparkPost.com." },
    "acme.et.e.sparkpost.com",
  ],
  ["a legacy target", {}, undefined, { cnameTarget: "spgo.io" }, "spgo.io"],
])("targets %s", async (_title, config, environmentRegion, extra, target) => {
  if (environmentRegion !== undefined) process.env.SPARKPOST_REGION = environmentRegion;
  const program = await mockProgram({ config });
  const component = new CustomTrackingDomain("t", { ...base, ...extra });
  await settled(component);

  expect(await valueOf(component.dnsRecord)).toEqual({
    name: "track.example.com",
    type: "CNAME",
    value: target,
  });
  expect(program.resource("t-cname").inputs.records).toEqual([target]);
  expect(program.resource("t-verification").inputs).toMatchObject({
    expectedTarget: target,
    triggers: [target],
  });
});

test("an Output domain is left to the providers' checks and still gives the record", async () => {
  await mockProgram();
  const component = new CustomTrackingDomain("t", {
    ...base,
    domain: pulumi.output("Track.Example.com"),
  });
  await settled(component);
  expect(await valueOf(component.dnsRecord)).toEqual({
    name: "track.example.com",
    type: "CNAME",
    value: "v2.spgo.io",
  });
});

test.each([
  ["https://api.eu.sparkpost.com/api/v1", "eu.v2.spgo.io"],
  ["https://api.sparkpost.com/api/v1", "v2.spgo.io"],
  ["https://acme.api.e.sparkpost.com/api/v1", "v2.spgo.io"],
])("sparkpost:apiUrl %s without a region points the record at %s", async (apiUrl, value) => {
  await mockProgram({ config: { "sparkpost:apiUrl": apiUrl } });
  const component = new CustomTrackingDomain("t", {
    domain: "track.example.com",
    dns: { provider: "manual" },
  });
  await settled(component);

  expect(await valueOf(component.dnsRecord)).toEqual({
    name: "track.example.com",
    type: "CNAME",
    value,
  });
});

test("a region that contradicts the API host is refused, naming both settings", async () => {
  await mockProgram({
    config: { "sparkpost:apiUrl": "https://api.eu.sparkpost.com/api/v1", "sparkpost:region": "us" },
  });
  let error: unknown;
  try {
    new CustomTrackingDomain("t", { domain: "track.example.com", dns: { provider: "manual" } });
  } catch (caught) {
    error = caught;
  }

  expect((error as Error).message).toBe(
    'sparkpost:region is "us", but sparkpost:apiUrl https://api.eu.sparkpost.com/api/v1 is SparkPost\'s EU API: set sparkpost:region to "eu", or remove it, since the API host already says which region the account is in.',
  );
  // The engine shows the error against the component; its registration completes first.
  const urn = await valueOf((error as pulumi.ResourceError).resource!.urn);
  expect(urn).toBe("urn:pulumi:stack::project::sparkpost:index:CustomTrackingDomain::t");
});

test.each<[string, Record<string, string>, string | undefined, string]>([
  [
    "in config",
    { "sparkpost:region": "mars" },
    undefined,
    'sparkpost:region is "mars", but it must be "us" or "eu": fix it with `pulumi config set sparkpost:region eu`, or remove it for "us".',
  ],
  [
    "in the environment",
    {},
    "EU ",
    'SPARKPOST_REGION is "EU", but it must be "us" or "eu": fix the environment variable, or unset it for "us".',
  ],
])(
  "an unknown region %s is refused with where to fix it",
  async (_title, config, environmentRegion, message) => {
    if (environmentRegion !== undefined) process.env.SPARKPOST_REGION = environmentRegion;
    await mockProgram({ config });
    let error: unknown;
    try {
      new CustomTrackingDomain("t", base);
    } catch (caught) {
      error = caught;
    }
    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(message);
    // The engine shows the error against the component.
    const urn = await valueOf((error as pulumi.ResourceError).resource!.urn);
    expect(urn).toBe("urn:pulumi:stack::project::sparkpost:index:CustomTrackingDomain::t");
  },
);
