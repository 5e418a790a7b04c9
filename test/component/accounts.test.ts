/**
 * The component with a named account (`account`, `sparkpost:accounts`): every SparkPost child
 * goes to that account, the record and the verification follow its region at preview, the config
 * value being a secret (its keys are) does not make the record a secret, and the one-default rule
 * is kept per (account, subaccount).
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomTrackingDomain, CustomTrackingDomainArgs } from "../../provider/component";
import { knownness, MockProgram, mockProgram, settled, valueOf } from "./mockProgram";

const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";
const manual = { provider: "manual" } as const;
const EU_KEY = "component-test-eu-key-4f1c9a77d2e8";

/** The stack config as the engine hands it: `sparkpost:accounts` as JSON text, a secret key. */
async function program(
  accounts: unknown,
  unnamed: Record<string, string> = {},
  options: { preview?: boolean } = {},
): Promise<MockProgram> {
  const config = { ...unnamed, "sparkpost:accounts": JSON.stringify(accounts) };
  const mocked = await mockProgram({ config, preview: options.preview });
  // A key set with `pulumi config set --path --secret` makes the whole value a secret key.
  pulumi.runtime.setAllConfig(config, ["sparkpost:accounts"]);
  return mocked;
}

const ENVIRONMENT = ["SPARKPOST_REGION", "SPARKPOST_EU_REGION", "SPARKPOST_EU_API_URL"];
const saved = Object.fromEntries(ENVIRONMENT.map((name) => [name, process.env[name]]));
beforeEach(() => ENVIRONMENT.forEach((name) => delete process.env[name]));
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

test("every SparkPost child goes to the account; the record follows its region, known and not secret at preview", async () => {
  const mocked = await program(
    { eu: { region: "eu", apiKey: EU_KEY } },
    { "sparkpost:region": "us" },
    { preview: true },
  );
  const component = new CustomTrackingDomain("t", {
    domain: "track.example.eu",
    dns: manual,
    account: "eu",
    default: true,
    sendingDomains: ["mail.example.eu"],
    https: { mode: "managed", acknowledgeIrreversible: true },
  });
  await settled(component);

  const record = { name: "track.example.eu", type: "CNAME", value: "eu.v2.spgo.io" };
  expect(await knownness(component.dnsRecord)).toEqual({ known: true, value: record });
  expect(await pulumi.isSecret(component.dnsRecord)).toBe(false);
  const sparkPostChildren = mocked.resources.filter((resource) =>
    resource.type.startsWith(DYNAMIC),
  );
  expect(sparkPostChildren.map((resource) => [resource.name, resource.inputs.account])).toEqual([
    ["t-domain", "eu"],
    ["t-verification", "eu"],
    ["t-certificate", "eu"],
    ["t-default", "eu"],
    ["t-link-mail.example.eu", "eu"],
  ]);
  expect(mocked.resource("t-verification").inputs).toMatchObject({
    expectedTarget: "eu.v2.spgo.io",
    triggers: ["eu.v2.spgo.io"],
  });
  expect(mocked.resource("t-certificate").inputs.cnameTarget).toBe("eu.v2.spgo.io");
  // The key is the provider host's business: it is no input of anything.
  expect(JSON.stringify(mocked.resources)).not.toContain(EU_KEY);
});

test("without account, no child gets one: stacks from before named accounts see no new input", async () => {
  const mocked = await program({ eu: { region: "eu" } });
  const component = new CustomTrackingDomain("t", {
    domain: "track.example.com",
    dns: manual,
    default: true,
    sendingDomains: ["mail.example.com"],
  });
  await settled(component);

  expect(await valueOf(component.dnsRecord)).toMatchObject({ value: "v2.spgo.io" });
  for (const resource of mocked.resources) expect(resource.inputs).not.toHaveProperty("account");
});

test.each<[string, unknown, Record<string, string>, Record<string, string>, string]>([
  ["its region", { eu: { region: "eu" } }, {}, {}, "eu.v2.spgo.io"],
  [
    "the region of its EU API host",
    { eu: { apiUrl: "https://api.eu.sparkpost.com/api/v1" } },
    {},
    {},
    "eu.v2.spgo.io",
  ],
  ["SPARKPOST_EU_REGION", { eu: {} }, {}, { SPARKPOST_EU_REGION: "eu" }, "eu.v2.spgo.io"],
  [
    "its own settings only, never the unnamed connection's",
    { eu: {} },
    { "sparkpost:region": "eu" },
    { SPARKPOST_REGION: "eu" },
    "v2.spgo.io",
  ],
  [
    "a sandbox playing EU: region eu beside the sandbox's apiUrl",
    { eu: { region: "eu", apiUrl: "http://127.0.0.1:4010/api/v1" } },
    {},
    {},
    "eu.v2.spgo.io",
  ],
])("the account's target comes from %s", async (_title, accounts, unnamed, env, target) => {
  Object.assign(process.env, env);
  await program(accounts, unnamed);
  const component = new CustomTrackingDomain("t", {
    domain: "track.example.eu",
    dns: manual,
    account: "eu",
  });
  await settled(component);

  expect(await valueOf(component.dnsRecord)).toMatchObject({ value: target });
});

describe("refusals", () => {
  function constructionError(args: Partial<CustomTrackingDomainArgs>): unknown {
    try {
      new CustomTrackingDomain("t", { domain: "track.example.eu", dns: manual, ...args });
    } catch (error) {
      return error;
    }
    throw new Error("the component was constructed without an error");
  }

  test("an account the stack config lacks, listing those it has", async () => {
    const mocked = await program({ eu: { region: "eu" }, "brand-b": {} });

    const error = constructionError({ account: "us" });

    expect(pulumi.InputPropertyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      propertyPath: "account",
      reason:
        'account names "us", an account sparkpost:accounts does not have (it has "brand-b", "eu"): correct the name, or add the account with `pulumi config set --path sparkpost:accounts.us.region <us or eu>` and `pulumi config set --path --secret sparkpost:accounts.us.apiKey <key>`.',
    });
    expect(mocked.resources).toEqual([]);
  });

  test("a malformed sparkpost:accounts, naming it", async () => {
    await program([{ eu: {} }]);

    expect(constructionError({ account: "eu" })).toMatchObject({
      propertyPath: "account",
      reason:
        "sparkpost:accounts must be an object mapping account names to {apiKey, region, apiUrl}, such as {eu: {region: eu}}, not a list.",
    });
  });

  test("an account whose region is wrong, as a ResourceError naming the setting", async () => {
    await program({ eu: { region: "ap" } });

    const error = constructionError({ account: "eu" });

    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'sparkpost:accounts.eu.region is "ap", but it must be "us" or "eu": fix it with `pulumi config set --path sparkpost:accounts.eu.region eu`, or remove it for "us".',
    );
  });

  test("an Output account: the record a preview shows follows it, so it must be plain", async () => {
    await program({ eu: { region: "eu" } });

    expect(constructionError({ account: pulumi.output("eu") as unknown as string })).toMatchObject({
      propertyPath: "account",
      reason:
        'account must be a plain string naming an account in sparkpost:accounts, such as "eu", not an Output or a Promise: the CNAME target a preview shows follows the account\'s region.',
    });
  });
});

describe("one default per (account, subaccount)", () => {
  test("the unnamed connection and an account each have their own default", async () => {
    const mocked = await program({ eu: { region: "eu" } });
    const components = [
      new CustomTrackingDomain("us", { domain: "track.example.com", dns: manual, default: true }),
      new CustomTrackingDomain("eu", {
        domain: "track.example.eu",
        dns: manual,
        default: true,
        account: "eu",
      }),
    ];
    await Promise.all(components.map(settled));

    expect(
      mocked.resources
        .filter((resource) => resource.type === `${DYNAMIC}:DefaultTrackingDomain`)
        .map((resource) => [resource.name, resource.inputs.domain, resource.inputs.account]),
    ).toEqual([
      ["us-default", "track.example.com", undefined],
      ["eu-default", "track.example.eu", "eu"],
    ]);
  });

  test("a second default for the same subaccount of one account is refused, naming both", async () => {
    await program({ eu: { region: "eu" } });
    const first = new CustomTrackingDomain("a", {
      domain: "a.example.eu",
      dns: manual,
      default: true,
      account: "eu",
      subaccountId: 7,
    });
    await settled(first);

    let error: unknown;
    try {
      new CustomTrackingDomain("b", {
        domain: "b.example.eu",
        dns: manual,
        default: true,
        account: "eu",
        subaccountId: 7,
      });
    } catch (caught) {
      error = caught;
    }

    expect(pulumi.ResourceError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'CustomTrackingDomain "b" sets default: true for subaccount 7 of account "eu", but "a" already does: only one tracking domain per account or subaccount can be the default.',
    );
  });
});
