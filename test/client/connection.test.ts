/**
 * Connection resolution: stack config over environment, region base URLs, API URL over region,
 * and errors that name the setting to fix.
 */
import {
  createClient,
  resolveConnection,
  resolveRegion,
  setStackConnectionConfig,
  SparkPostClient,
  configurationError,
  type ConnectionConfig,
} from "../../provider/sparkpost";

afterEach(() => setStackConnectionConfig({}));

const KEY = "fake-key-7Q9zK2xW4vB8nM1pL6tR3yU5";

test.each<{
  title: string;
  config: ConnectionConfig;
  env: NodeJS.ProcessEnv;
  apiKey: string;
  baseUrl: string;
}>([
  {
    title: "env key, default region us",
    config: {},
    env: { SPARKPOST_API_KEY: KEY },
    apiKey: KEY,
    baseUrl: "https://api.sparkpost.com/api/v1",
  },
  {
    title: "env region eu",
    config: {},
    env: { SPARKPOST_API_KEY: KEY, SPARKPOST_REGION: "eu" },
    apiKey: KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
  },
  {
    title: "stack config wins over env for every setting",
    config: { apiKey: "config-key", region: "eu" },
    env: { SPARKPOST_API_KEY: "env-key", SPARKPOST_REGION: "us" },
    apiKey: "config-key",
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
  },
  {
    title: "empty stack values fall through to env",
    config: { apiKey: "", region: " ", apiUrl: "" },
    env: { SPARKPOST_API_KEY: "env-key", SPARKPOST_REGION: "eu" },
    apiKey: "env-key",
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
  },
  {
    title: "stack apiUrl wins over region, trailing slash dropped",
    config: { apiKey: KEY, region: "eu", apiUrl: "http://127.0.0.1:4010/api/v1/" },
    env: {},
    apiKey: KEY,
    baseUrl: "http://127.0.0.1:4010/api/v1",
  },
  {
    title: "env apiUrl wins over stack region",
    config: { apiKey: KEY, region: "eu" },
    env: { SPARKPOST_API_URL: "https://acme.api.e.sparkpost.com/api/v1" },
    apiKey: KEY,
    baseUrl: "https://acme.api.e.sparkpost.com/api/v1",
  },
  {
    title: "stack apiUrl wins over env apiUrl",
    config: { apiKey: KEY, apiUrl: "https://api.eu.sparkpost.com/api/v1" },
    env: { SPARKPOST_API_URL: "http://127.0.0.1:1/api/v1" },
    apiKey: KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
  },
  {
    title: "surrounding whitespace is trimmed from the key",
    config: {},
    env: { SPARKPOST_API_KEY: ` ${KEY}\n` },
    apiKey: KEY,
    baseUrl: "https://api.sparkpost.com/api/v1",
  },
])("$title", ({ config, env, apiKey, baseUrl }) => {
  setStackConnectionConfig(config);

  expect(resolveConnection(env)).toEqual({ apiKey, baseUrl });
});

const missingKey =
  "No SparkPost API key is configured: run `pulumi config set --secret sparkpost:apiKey <key>` " +
  "or set the SPARKPOST_API_KEY environment variable.";

test.each<{ title: string; config: ConnectionConfig; env: NodeJS.ProcessEnv; message: string }>([
  { title: "no key anywhere", config: {}, env: {}, message: missingKey },
  {
    title: "blank keys",
    config: { apiKey: "  " },
    env: { SPARKPOST_API_KEY: "" },
    message: missingKey,
  },
  {
    title: "bad stack region",
    config: { apiKey: KEY, region: "ap" },
    env: {},
    message: 'sparkpost:region must be "us" or "eu", got "ap".',
  },
  {
    title: "bad env region, even when an apiUrl is set",
    config: {},
    env: {
      SPARKPOST_API_KEY: KEY,
      SPARKPOST_REGION: "EU-West",
      SPARKPOST_API_URL: "http://x/api/v1",
    },
    message: 'SPARKPOST_REGION must be "us" or "eu", got "EU-West".',
  },
  {
    title: "apiUrl that is not a URL",
    config: { apiKey: KEY, apiUrl: "api.eu.sparkpost.com/api/v1" },
    env: {},
    message:
      "sparkpost:apiUrl must be a full http(s) URL such as https://api.eu.sparkpost.com/api/v1, " +
      'got "api.eu.sparkpost.com/api/v1".',
  },
  {
    title: "apiUrl with another scheme",
    config: {},
    env: { SPARKPOST_API_KEY: KEY, SPARKPOST_API_URL: "ftp://api.sparkpost.com/api/v1" },
    message:
      "SPARKPOST_API_URL must be a full http(s) URL without query or fragment such as " +
      'https://api.eu.sparkpost.com/api/v1, got "ftp://api.sparkpost.com/api/v1".',
  },
  {
    title: "apiUrl with a query",
    config: { apiKey: KEY, apiUrl: "https://api.sparkpost.com/api/v1?x=1" },
    env: {},
    message:
      "sparkpost:apiUrl must be a full http(s) URL without query or fragment such as " +
      'https://api.eu.sparkpost.com/api/v1, got "https://api.sparkpost.com/api/v1?x=1".',
  },
  {
    title: "apiUrl carrying credentials, not echoed",
    config: { apiKey: KEY, apiUrl: `https://${KEY}:@api.sparkpost.com/api/v1` },
    env: {},
    message:
      "sparkpost:apiUrl must not contain credentials; set the API key with " +
      "`pulumi config set --secret sparkpost:apiKey <key>` or SPARKPOST_API_KEY instead.",
  },
])("$title is refused", ({ config, env, message }) => {
  setStackConnectionConfig(config);

  expect(() => resolveConnection(env)).toThrow(configurationError(message));
  expect(() => resolveConnection(env)).toThrow(
    expect.objectContaining({ name: "SparkPostConfigurationError" }),
  );
});

test("the stack config lives on globalThis under its Symbol.for key", () => {
  setStackConnectionConfig({ apiKey: "k", region: "eu" });

  expect(
    (globalThis as Record<symbol, unknown>)[Symbol.for("pulumi-sparkpost-tracking.connection")],
  ).toEqual({
    apiKey: "k",
    region: "eu",
    apiUrl: undefined,
  });
});

test.each<{ config: ConnectionConfig; env: NodeJS.ProcessEnv; region: string }>([
  { config: {}, env: {}, region: "us" },
  { config: {}, env: { SPARKPOST_REGION: "eu" }, region: "eu" },
  { config: { region: "us" }, env: { SPARKPOST_REGION: "eu" }, region: "us" },
  { config: { region: "eu", apiUrl: "http://127.0.0.1:1/api/v1" }, env: {}, region: "eu" },
])("resolveRegion with config $config and env $env is $region", ({ config, env, region }) => {
  setStackConnectionConfig(config);

  expect(resolveRegion(env)).toBe(region);
});

test("resolveRegion refuses an unknown region, naming the variable", () => {
  expect(() => resolveRegion({ SPARKPOST_REGION: "asia" })).toThrow(
    configurationError('SPARKPOST_REGION must be "us" or "eu", got "asia".'),
  );
});

describe("createClient", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("fills only the missing settings from the connection", () => {
    delete process.env.SPARKPOST_API_KEY;
    setStackConnectionConfig({ region: "eu" });

    // The key is given, so no key needs to be configured.
    expect(createClient({ apiKey: KEY })).toBeInstanceOf(SparkPostClient);
    expect(() => createClient({ baseUrl: "http://127.0.0.1:1/api/v1" })).toThrow(missingKey);
  });

  test("refuses a malformed baseUrl", () => {
    expect(() => createClient({ apiKey: KEY, baseUrl: "nope" })).toThrow(
      'baseUrl must be a full http(s) URL such as https://api.eu.sparkpost.com/api/v1, got "nope".',
    );
  });
});
