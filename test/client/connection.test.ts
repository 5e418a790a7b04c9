/**
 * Connection resolution: stack config over environment, region base URLs, API URL over region,
 * an API URL that must end in /api/v1, and errors that name the setting to fix and show how.
 * Region inference and conflicts: region.test.ts.
 */
import {
  createClient,
  resolveConnection,
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
    title: "the EU API host without a region: EU",
    config: { apiKey: KEY, apiUrl: "https://api.eu.sparkpost.com/api/v1/" },
    env: {},
    apiKey: KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
  },
  {
    title: "the EU API host with region eu agrees",
    config: { apiKey: KEY },
    env: { SPARKPOST_REGION: "eu", SPARKPOST_API_URL: "https://api.eu.sparkpost.com/api/v1" },
    apiKey: KEY,
    baseUrl: "https://api.eu.sparkpost.com/api/v1",
  },
  {
    title: "trailing slashes after /api/v1 are dropped",
    config: { apiKey: KEY, apiUrl: "https://acme.api.e.sparkpost.com/api/v1//" },
    env: {},
    apiKey: KEY,
    baseUrl: "https://acme.api.e.sparkpost.com/api/v1",
  },
  {
    title: "a path before /api/v1 is kept",
    config: { apiKey: KEY, apiUrl: "http://127.0.0.1:4010/proxy/api/v1" },
    env: {},
    apiKey: KEY,
    baseUrl: "http://127.0.0.1:4010/proxy/api/v1",
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

const EXAMPLES =
  "such as https://api.eu.sparkpost.com/api/v1, https://<tenant>.api.e.sparkpost.com/api/v1 " +
  "or the sandbox's http://127.0.0.1:4010/api/v1";

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
    message:
      'sparkpost:region is "ap", but it must be "us" or "eu": ' +
      'fix it with `pulumi config set sparkpost:region eu`, or remove it for "us".',
  },
  {
    title: "bad env region, even when an apiUrl is set",
    config: {},
    env: {
      SPARKPOST_API_KEY: KEY,
      SPARKPOST_REGION: "EU-West",
      SPARKPOST_API_URL: "http://x/api/v1",
    },
    message:
      'SPARKPOST_REGION is "EU-West", but it must be "us" or "eu": ' +
      'fix the environment variable, or unset it for "us".',
  },
  {
    title: "apiUrl that is not a URL",
    config: { apiKey: KEY, apiUrl: "api.eu.sparkpost.com/api/v1" },
    env: {},
    message: `sparkpost:apiUrl must be a full http(s) URL ${EXAMPLES}, got "api.eu.sparkpost.com/api/v1".`,
  },
  {
    title: "apiUrl with another scheme",
    config: {},
    env: { SPARKPOST_API_KEY: KEY, SPARKPOST_API_URL: "ftp://api.sparkpost.com/api/v1" },
    message:
      `SPARKPOST_API_URL must be a full http(s) URL without query or fragment ${EXAMPLES}, ` +
      'got "ftp://api.sparkpost.com/api/v1".',
  },
  {
    title: "apiUrl with a query",
    config: { apiKey: KEY, apiUrl: "https://api.sparkpost.com/api/v1?x=1" },
    env: {},
    message:
      `sparkpost:apiUrl must be a full http(s) URL without query or fragment ${EXAMPLES}, ` +
      'got "https://api.sparkpost.com/api/v1?x=1".',
  },
  {
    title: "apiUrl carrying credentials, not echoed",
    config: { apiKey: KEY, apiUrl: `https://${KEY}:@api.sparkpost.com/api/v1` },
    env: {},
    message:
      "sparkpost:apiUrl must not contain credentials; set the API key with " +
      "`pulumi config set --secret sparkpost:apiKey <key>` or SPARKPOST_API_KEY instead.",
  },
  ...[
    "https://api.sparkpost.com",
    "https://api.sparkpost.com/",
    "https://api.sparkpost.com/api",
    "https://api.sparkpost.com/api/v1/tracking-domains",
    "https://api.sparkpost.com/myapi/v1",
    "https://api.sparkpost.com/API/V1",
  ].map((apiUrl) => ({
    title: `stack apiUrl ${apiUrl}, not ending in /api/v1`,
    config: { apiKey: KEY, apiUrl },
    env: {},
    message: `sparkpost:apiUrl must be the API base, ending in /api/v1, ${EXAMPLES}; got "${apiUrl}".`,
  })),
  {
    title: "env apiUrl without /api/v1",
    config: {},
    env: { SPARKPOST_API_KEY: KEY, SPARKPOST_API_URL: "http://127.0.0.1:4010/" },
    message: `SPARKPOST_API_URL must be the API base, ending in /api/v1, ${EXAMPLES}; got "http://127.0.0.1:4010/".`,
  },
  {
    title: "stack region us against the EU API host",
    config: { apiKey: KEY, region: "us", apiUrl: "https://api.eu.sparkpost.com/api/v1" },
    env: {},
    message:
      'sparkpost:region is "us", but sparkpost:apiUrl https://api.eu.sparkpost.com/api/v1 is ' +
      'SparkPost\'s EU API: set sparkpost:region to "eu", or remove it, since the API host ' +
      "already says which region the account is in.",
  },
  {
    title: "env region eu against the US API host",
    config: {},
    env: {
      SPARKPOST_API_KEY: KEY,
      SPARKPOST_REGION: "eu",
      SPARKPOST_API_URL: "https://api.sparkpost.com/api/v1",
    },
    message:
      'SPARKPOST_REGION is "eu", but SPARKPOST_API_URL https://api.sparkpost.com/api/v1 is ' +
      'SparkPost\'s US API: set SPARKPOST_REGION to "us", or remove it, since the API host ' +
      "already says which region the account is in.",
  },
  {
    title: "stack region eu against an env US API host",
    config: { apiKey: KEY, region: "eu" },
    env: { SPARKPOST_API_URL: "https://api.sparkpost.com/api/v1/" },
    message:
      'sparkpost:region is "eu", but SPARKPOST_API_URL https://api.sparkpost.com/api/v1/ is ' +
      'SparkPost\'s US API: set sparkpost:region to "us", or remove it, since the API host ' +
      "already says which region the account is in.",
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
      `baseUrl must be a full http(s) URL ${EXAMPLES}, got "nope".`,
    );
  });

  test.each(["http://127.0.0.1:4010", "http://127.0.0.1:4010/"])(
    "refuses the baseUrl %j, which lacks /api/v1",
    (baseUrl) => {
      expect(() => createClient({ apiKey: KEY, baseUrl })).toThrow(
        configurationError(
          `baseUrl must be the API base, ending in /api/v1, ${EXAMPLES}; got "${baseUrl}".`,
        ),
      );
    },
  );

  test("checks the region even when the API URL comes from the environment", () => {
    process.env.SPARKPOST_API_URL = "https://api.eu.sparkpost.com/api/v1";
    process.env.SPARKPOST_REGION = "us";

    expect(() => createClient({ apiKey: KEY })).toThrow(
      configurationError(
        'SPARKPOST_REGION is "us", but SPARKPOST_API_URL https://api.eu.sparkpost.com/api/v1 is ' +
          'SparkPost\'s EU API: set SPARKPOST_REGION to "eu", or remove it, since the API host ' +
          "already says which region the account is in.",
      ),
    );
  });
});
