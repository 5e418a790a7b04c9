/**
 * Which region a connection is in: the region setting, else the region of SparkPost's regional
 * API host, else "us"; a region that contradicts the API host, or is neither "us" nor "eu", is a
 * configuration error that names the settings and says how to fix them.
 */
import {
  configurationError,
  regionBaseUrl,
  regionOf,
  regionOfApiUrl,
  resolveRegion,
  setStackConnectionConfig,
  type ConnectionConfig,
  type SourcedSetting,
} from "../../provider/sparkpost";

afterEach(() => setStackConnectionConfig({}));

test.each<{ title: string; config: ConnectionConfig; env: NodeJS.ProcessEnv; region: string }>([
  { title: "nothing set", config: {}, env: {}, region: "us" },
  { title: "env region", config: {}, env: { SPARKPOST_REGION: "eu" }, region: "eu" },
  {
    title: "stack region over env region",
    config: { region: "us" },
    env: { SPARKPOST_REGION: "eu" },
    region: "us",
  },
  {
    title: "a sandbox URL keeps the stack region",
    config: { region: "eu", apiUrl: "http://127.0.0.1:1/api/v1" },
    env: {},
    region: "eu",
  },
  {
    title: "the EU API host in stack config",
    config: { apiUrl: "https://api.eu.sparkpost.com/api/v1" },
    env: {},
    region: "eu",
  },
  {
    title: "the EU API host in the environment, any case",
    config: {},
    env: { SPARKPOST_API_URL: "https://API.EU.SparkPost.com/api/v1" },
    region: "eu",
  },
  {
    title: "the US API host",
    config: {},
    env: { SPARKPOST_API_URL: "https://api.sparkpost.com/api/v1" },
    region: "us",
  },
  {
    title: "an Enterprise host keeps the configured region",
    config: { region: "eu", apiUrl: "https://acme.api.e.sparkpost.com/api/v1" },
    env: {},
    region: "eu",
  },
  {
    title: "an Enterprise host without a region is us",
    config: {},
    env: { SPARKPOST_API_URL: "https://acme.api.e.sparkpost.com/api/v1" },
    region: "us",
  },
])("resolveRegion: $title is $region", ({ config, env, region }) => {
  setStackConnectionConfig(config);

  expect(resolveRegion(env)).toBe(region);
});

test("resolveRegion refuses an unknown region, naming the variable", () => {
  expect(() => resolveRegion({ SPARKPOST_REGION: "mars" })).toThrow(
    configurationError(
      'SPARKPOST_REGION is "mars", but it must be "us" or "eu": ' +
        'fix the environment variable, or unset it for "us".',
    ),
  );
});

describe("regionOf", () => {
  const eu = { value: "https://api.eu.sparkpost.com/api/v1", source: "apiUrl" };

  test.each<{ title: string; region?: SourcedSetting; apiUrl?: SourcedSetting; expected: string }>([
    { title: "nothing", expected: "us" },
    { title: "a region alone", region: { value: "eu", source: "region" }, expected: "eu" },
    { title: "the EU host alone", apiUrl: eu, expected: "eu" },
    {
      title: "eu and the EU host",
      region: { value: "eu", source: "region" },
      apiUrl: eu,
      expected: "eu",
    },
    {
      title: "us and a sandbox",
      region: { value: "us", source: "region" },
      apiUrl: { value: "http://127.0.0.1:4010/api/v1", source: "apiUrl" },
      expected: "us",
    },
    {
      title: "an unparsable URL",
      apiUrl: { value: "not a url", source: "apiUrl" },
      expected: "us",
    },
  ])("$title: $expected", ({ region, apiUrl, expected }) => {
    expect(regionOf(region, apiUrl)).toBe(expected);
  });

  test("refuses a contradiction, naming both settings", () => {
    expect(() => regionOf({ value: "us", source: "region" }, eu)).toThrow(
      configurationError(
        'region is "us", but apiUrl https://api.eu.sparkpost.com/api/v1 is SparkPost\'s EU API: ' +
          'set region to "eu", or remove it, since the API host already says which region the ' +
          "account is in.",
      ),
    );
  });

  test("refuses an unknown region before looking at the host", () => {
    expect(() => regionOf({ value: "mars", source: "sparkpost:region" }, eu)).toThrow(
      configurationError(
        'sparkpost:region is "mars", but it must be "us" or "eu": ' +
          'fix it with `pulumi config set sparkpost:region eu`, or remove it for "us".',
      ),
    );
  });

  test("words the fix for a caller's own region setting", () => {
    expect(() => regionBaseUrl("mars")).toThrow(
      configurationError('region is "mars", but it must be "us" or "eu": use "us" or "eu".'),
    );
    expect(regionBaseUrl("eu")).toBe("https://api.eu.sparkpost.com/api/v1");
  });
});

test.each([
  ["https://api.eu.sparkpost.com/api/v1", "eu"],
  ["https://api.sparkpost.com/api/v1", "us"],
  ["http://api.eu.sparkpost.com:8443/api/v1", "eu"],
  ["https://acme.api.e.sparkpost.com/api/v1", undefined],
  ["https://eu.api.sparkpost.com.evil.example/api/v1", undefined],
  ["nope", undefined],
])("regionOfApiUrl(%j) is %j", (apiUrl, region) => {
  expect(regionOfApiUrl(apiUrl)).toBe(region);
});
