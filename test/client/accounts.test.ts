/**
 * Named accounts (`sparkpost:accounts`): each account's settings from its own stack config, else
 * its own environment variables, never the unnamed connection's; the value as the engine hands it
 * (JSON text) or parsed; and errors that name the account, the setting and the command to fix it.
 */
import {
  accountEnvironmentNames,
  configuredAccountNames,
  configurationError,
  resolveConnection,
  resolveRegion,
  setStackConnectionConfig,
  type ConnectionConfig,
} from "../../provider/sparkpost";

afterEach(() => setStackConnectionConfig({}));

const US_KEY = "fake-key-us-7Q9zK2xW4vB8nM1pL6tR3yU5";
const EU_KEY = "fake-key-eu-2Lm5Xc3Hq8Vn4Bt7Kw9Pz1Ry6";
const SANDBOX = "http://127.0.0.1:4010/api/v1";

/** The stack config as `configure` records it: `sparkpost:accounts` as the engine sends it, text. */
function stack(accounts: unknown, unnamed: ConnectionConfig = {}): ConnectionConfig {
  return { ...unnamed, accounts: JSON.stringify(accounts) };
}

test.each<{
  title: string;
  config: ConnectionConfig;
  env: NodeJS.ProcessEnv;
  account: string | undefined;
  apiKey: string;
  baseUrl: string;
  region: string;
}>([
  {
    title: "an EU account by region, beside an unnamed US connection",
    config: stack({ eu: { apiKey: EU_KEY, region: "eu" } }, { apiKey: US_KEY }),
    env: {},
    account: "eu",
    apiKey: EU_KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
    region: "eu",
  },
  {
    title: "the unnamed connection is untouched by the accounts",
    config: stack({ eu: { apiKey: EU_KEY, region: "eu" } }, { apiKey: US_KEY }),
    env: {},
    account: undefined,
    apiKey: US_KEY,
    baseUrl: "https://api.sparkpost.com/api/v1",
    region: "us",
  },
  {
    title: "a sandbox playing EU: region eu with the sandbox's apiUrl",
    config: stack({ eu: { apiKey: EU_KEY, region: "eu", apiUrl: `${SANDBOX}/` } }),
    env: {},
    account: "eu",
    apiKey: EU_KEY,
    baseUrl: SANDBOX,
    region: "eu",
  },
  {
    title: "the region of the EU API host, without a region setting",
    config: stack({ eu: { apiKey: EU_KEY, apiUrl: "https://api.eu.sparkpost.com/api/v1" } }),
    env: {},
    account: "eu",
    apiKey: EU_KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
    region: "eu",
  },
  {
    title: "every setting from the account's own environment variables",
    config: stack({ "brand-b": null }),
    env: {
      SPARKPOST_BRAND_B_API_KEY: EU_KEY,
      SPARKPOST_BRAND_B_REGION: "eu",
      SPARKPOST_BRAND_B_API_URL: SANDBOX,
    },
    account: "brand-b",
    apiKey: EU_KEY,
    baseUrl: SANDBOX,
    region: "eu",
  },
  {
    title: "the account's stack config wins over its environment variables",
    config: stack({ eu: { apiKey: EU_KEY, region: "eu" } }),
    env: { SPARKPOST_EU_API_KEY: "env-key", SPARKPOST_EU_REGION: "us" },
    account: "eu",
    apiKey: EU_KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
    region: "eu",
  },
  {
    title: "an account never takes the unnamed connection's settings",
    config: stack({ second: { apiKey: EU_KEY } }, { region: "eu", apiUrl: SANDBOX }),
    env: { SPARKPOST_REGION: "eu", SPARKPOST_API_URL: SANDBOX, SPARKPOST_API_KEY: US_KEY },
    account: "second",
    apiKey: EU_KEY,
    baseUrl: "https://api.sparkpost.com/api/v1",
    region: "us",
  },
  {
    title: "the value already parsed, as a caller may record it",
    config: { accounts: { eu: { apiKey: EU_KEY, region: "eu" } } },
    env: {},
    account: "eu",
    apiKey: EU_KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
    region: "eu",
  },
  {
    title: "blank settings fall through to the environment",
    config: stack({ eu: { apiKey: " ", region: "" } }),
    env: { SPARKPOST_EU_API_KEY: ` ${EU_KEY}\n`, SPARKPOST_EU_REGION: "eu" },
    account: "eu",
    apiKey: EU_KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
    region: "eu",
  },
])("$title", ({ config, env, account, apiKey, baseUrl, region }) => {
  setStackConnectionConfig(config);

  expect(resolveConnection(env, account)).toEqual({ apiKey, baseUrl });
  expect(resolveRegion(env, account)).toBe(region);
});

test("each account's environment variables: upper case, hyphens as underscores", () => {
  expect(accountEnvironmentNames("eu")).toEqual({
    apiKey: "SPARKPOST_EU_API_KEY",
    region: "SPARKPOST_EU_REGION",
    apiUrl: "SPARKPOST_EU_API_URL",
  });
  expect(accountEnvironmentNames("brand-b2")).toEqual({
    apiKey: "SPARKPOST_BRAND_B2_API_KEY",
    region: "SPARKPOST_BRAND_B2_REGION",
    apiUrl: "SPARKPOST_BRAND_B2_API_URL",
  });
});

test("the configured names, in the order written; none when sparkpost:accounts is unset", () => {
  setStackConnectionConfig(stack({ us: {}, eu: {}, "brand-b": {} }));
  expect(configuredAccountNames()).toEqual(["us", "eu", "brand-b"]);
  setStackConnectionConfig({ apiKey: US_KEY });
  expect(configuredAccountNames()).toEqual([]);
  setStackConnectionConfig({ accounts: "" });
  expect(configuredAccountNames()).toEqual([]);
});

const ADD_EU =
  "`pulumi config set --path sparkpost:accounts.eu.region <us or eu>` and " +
  "`pulumi config set --path --secret sparkpost:accounts.eu.apiKey <key>`";

test.each<{ title: string; config: ConnectionConfig; env?: NodeJS.ProcessEnv; message: string }>([
  {
    title: "an account the stack config does not have",
    config: stack({ us: {}, "brand-b": {} }),
    message: `account names "eu", an account sparkpost:accounts does not have (it has "brand-b", "us"): correct the name, or add the account with ${ADD_EU}.`,
  },
  {
    title: "an account when sparkpost:accounts is unset",
    config: { apiKey: US_KEY },
    message: `account names "eu", but sparkpost:accounts has no accounts: add it with ${ADD_EU}, or leave account unset for the default connection (sparkpost:apiKey, sparkpost:region, sparkpost:apiUrl).`,
  },
  {
    title: "no key for the account, in config or its environment",
    config: stack({ eu: { region: "eu" } }, { apiKey: US_KEY }),
    env: { SPARKPOST_API_KEY: US_KEY },
    message:
      'No SparkPost API key is configured for account "eu": run ' +
      "`pulumi config set --path --secret sparkpost:accounts.eu.apiKey <key>` or set the " +
      "SPARKPOST_EU_API_KEY environment variable.",
  },
  {
    title: "a bad region in the account's stack config",
    config: stack({ eu: { apiKey: EU_KEY, region: "ap" } }),
    message:
      'sparkpost:accounts.eu.region is "ap", but it must be "us" or "eu": fix it with ' +
      '`pulumi config set --path sparkpost:accounts.eu.region eu`, or remove it for "us".',
  },
  {
    title: "a bad region in the account's environment variable",
    config: stack({ eu: { apiKey: EU_KEY } }),
    env: { SPARKPOST_EU_REGION: "EU" },
    message:
      'SPARKPOST_EU_REGION is "EU", but it must be "us" or "eu": fix the environment variable, ' +
      'or unset it for "us".',
  },
  {
    title: "a region that contradicts the account's API host",
    config: stack({
      eu: { apiKey: EU_KEY, region: "us", apiUrl: "https://api.eu.sparkpost.com/api/v1" },
    }),
    message:
      'sparkpost:accounts.eu.region is "us", but sparkpost:accounts.eu.apiUrl ' +
      "https://api.eu.sparkpost.com/api/v1 is SparkPost's EU API: set " +
      'sparkpost:accounts.eu.region to "eu", or remove it, since the API host already says ' +
      "which region the account is in.",
  },
  {
    title: "credentials in the account's apiUrl, not echoed",
    config: stack({
      eu: { apiKey: EU_KEY, apiUrl: `https://${EU_KEY}:@api.eu.sparkpost.com/api/v1` },
    }),
    message:
      "sparkpost:accounts.eu.apiUrl must not contain credentials; set the API key with " +
      "`pulumi config set --path --secret sparkpost:accounts.eu.apiKey <key>` or " +
      "SPARKPOST_EU_API_KEY instead.",
  },
  {
    title: "sparkpost:accounts that is not JSON",
    config: { accounts: "eu: {region: eu}" },
    message: `sparkpost:accounts must be an object mapping account names to {apiKey, region, apiUrl}, such as {eu: {region: eu}}; it is not: set it with ${ADD_EU}.`,
  },
  {
    title: "sparkpost:accounts that is a list",
    config: stack([{ eu: {} }]),
    message:
      "sparkpost:accounts must be an object mapping account names to {apiKey, region, apiUrl}, such as {eu: {region: eu}}, not a list.",
  },
  {
    title: "an account name in capitals",
    config: stack({ EU: {} }),
    message:
      'sparkpost:accounts has an account named "EU": account names are lowercase letters, digits and hyphens, starting with a letter (at most 63), such as "eu" or "brand-b", since they also name environment variables.',
  },
  {
    title: "an account that is a string",
    config: stack({ eu: "eu" }),
    message:
      "sparkpost:accounts.eu must be an object such as {region: eu, apiKey: <secret>}, not string.",
  },
  {
    title: "a misspelled setting",
    config: stack({ eu: { apikey: EU_KEY } }),
    message:
      "sparkpost:accounts.eu.apikey is not a setting of an account: an account has apiKey, region and apiUrl.",
  },
  {
    title: "a key that is not a string, not echoed",
    config: stack({ eu: { apiKey: 12345678 } }),
    message: "sparkpost:accounts.eu.apiKey must be a string, not number.",
  },
])("$title is refused, naming what to fix", ({ config, env = {}, message }) => {
  setStackConnectionConfig(config);

  expect(() => resolveConnection(env, "eu")).toThrow(configurationError(message));
  expect(() => resolveConnection(env, "eu")).toThrow(
    expect.objectContaining({ name: "SparkPostConfigurationError" }),
  );
  expect(message).not.toContain(EU_KEY);
});

test("a malformed sparkpost:accounts leaves the unnamed connection working", () => {
  setStackConnectionConfig({ apiKey: US_KEY, accounts: "not json" });

  expect(resolveConnection({})).toEqual({
    apiKey: US_KEY,
    baseUrl: "https://api.sparkpost.com/api/v1",
  });
});
