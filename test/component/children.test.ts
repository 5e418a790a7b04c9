/**
 * What CustomTrackingDomain declares after the verification (the default flag and the sending
 * domain links), what every SparkPost child receives, and the edges that order `up` and `destroy`.
 */
import { CustomTrackingDomain, CustomTrackingDomainArgs } from "../../provider/component";
import { mockProgram, settled, valueOf } from "./mockProgram";

const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost:";
const base: CustomTrackingDomainArgs = {
  domain: "track.example.com",
  dns: { provider: "route53", zoneId: "Z123" },
};

test.each<[string, Partial<CustomTrackingDomainArgs>, string[]]>([
  ["no default and no links by default", {}, []],
  ["default: false declares no flag", { default: false }, []],
  ["default: true declares the flag", { default: true }, ["t-default"]],
  [
    "one link per sending domain, named by its normalized hostname",
    { sendingDomains: ["mail.example.com", "News.Example.org."] },
    ["t-link-mail.example.com", "t-link-news.example.org"],
  ],
  [
    "the flag and the links together",
    { default: true, sendingDomains: ["mail.example.com"] },
    ["t-default", "t-link-mail.example.com"],
  ],
])("%s", async (_title, extra, afterVerification) => {
  const program = await mockProgram();
  await settled(new CustomTrackingDomain("t", { ...base, ...extra }));
  const names = program.resources.map((resource) => resource.name).sort();
  expect(names).toEqual(
    ["t", "t-cname", "t-domain", "t-verification", ...afterVerification].sort(),
  );
  for (const name of afterVerification) {
    expect(program.resource(name).dependencies).toEqual(["t-domain", "t-verification"]);
  }
});

test("every SparkPost child gets the subaccount, and each the inputs it needs", async () => {
  const program = await mockProgram();
  const component = new CustomTrackingDomain("t", {
    ...base,
    secure: true,
    adopt: true,
    subaccountId: 7,
    default: true,
    sendingDomains: ["MAIL.example.com"],
    verification: { timeoutSeconds: 60, preflight: "resolver", nameservers: ["127.0.0.1:5353"] },
  });
  await settled(component);

  const inputs = (name: string) => program.resource(name).inputs;
  expect(inputs("t-domain")).toEqual({
    domain: "track.example.com",
    secure: true,
    adopt: true,
    subaccountId: 7,
  });
  expect(inputs("t-verification")).toEqual({
    adopt: true,
    domain: "track.example.com",
    subaccountId: 7,
    expectedTarget: "v2.spgo.io",
    timeoutSeconds: 60,
    preflight: "resolver",
    nameservers: ["127.0.0.1:5353"],
    // secure: a verification of its own, over HTTPS.
    triggers: ["v2.spgo.io", "https"],
  });
  expect(inputs("t-default")).toEqual({
    domain: "track.example.com",
    subaccountId: 7,
    adopt: true,
  });
  expect(inputs("t-link-mail.example.com")).toEqual({
    sendingDomain: "mail.example.com",
    trackingDomain: "track.example.com",
    subaccountId: 7,
    adopt: true,
  });
  expect(program.resource("t-default").type).toBe(`${DYNAMIC}DefaultTrackingDomain`);
  expect(program.resource("t-link-mail.example.com").type).toBe(`${DYNAMIC}SendingDomainLink`);
});

test.each([
  { secure: undefined, triggers: ["v2.spgo.io"] },
  { secure: false, triggers: ["v2.spgo.io"] },
  { secure: true, triggers: ["v2.spgo.io", "https"] },
])(
  "secure $secure gives the verification triggers $triggers, so turning HTTPS on or off verifies again",
  async ({ secure, triggers }) => {
    const program = await mockProgram();
    const component = new CustomTrackingDomain("t", { ...base, secure });
    await settled(component);

    expect(program.resource("t-verification").inputs.triggers).toEqual(triggers);
  },
);

test("the public fields are the children, and verified comes from the verification", async () => {
  await mockProgram();
  const component = new CustomTrackingDomain("t", {
    ...base,
    default: true,
    sendingDomains: ["mail.example.com", "news.example.com"],
  });
  await settled(component);

  const urns = await Promise.all(
    [
      component.trackingDomain,
      component.record!,
      component.verification,
      component.defaultDomain!,
      ...component.links,
    ].map((child) => valueOf(child.urn)),
  );
  expect(urns.map((urn) => urn.slice(urn.lastIndexOf("::") + 2))).toEqual([
    "t-domain",
    "t-cname",
    "t-verification",
    "t-default",
    "t-link-mail.example.com",
    "t-link-news.example.com",
  ]);
  expect(await valueOf(component.verified)).toBe(true);
});

test("components for different accounts may each set the default", async () => {
  const program = await mockProgram();
  const components = [
    new CustomTrackingDomain("primary", { ...base, default: true }),
    new CustomTrackingDomain("seven", {
      ...base,
      domain: "t7.example.com",
      subaccountId: 7,
      default: true,
    }),
    new CustomTrackingDomain("eight", {
      ...base,
      domain: "t8.example.com",
      subaccountId: 8,
      default: true,
    }),
  ];
  await Promise.all(components.map(settled));
  const flags = program.resources.filter((resource) =>
    resource.type.endsWith(":DefaultTrackingDomain"),
  );
  expect(
    flags
      .map(({ name, inputs }) => ({ name, inputs }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  ).toEqual([
    { name: "eight-default", inputs: { domain: "t8.example.com", subaccountId: 8 } },
    { name: "primary-default", inputs: { domain: "track.example.com" } },
    { name: "seven-default", inputs: { domain: "t7.example.com", subaccountId: 7 } },
  ]);
});
