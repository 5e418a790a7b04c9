/**
 * Where the SparkPost API is and which key opens it: stack config first, then the environment.
 *
 * Nothing here is kept in a module-level variable: the dynamic providers' code is serialized by
 * value, and a captured key would land in the state file in plaintext. The stack config lives on
 * `globalThis` instead, set at run time by the providers' `configure()`.
 */

/** Connection settings as the stack config (or a caller) gives them; every field is optional. */
export interface ConnectionConfig {
  /** The SparkPost API key (`sparkpost:apiKey`, a secret). */
  apiKey?: string;
  /** `us` (the default) or `eu` (`sparkpost:region`). */
  region?: string;
  /** The full API base, e.g. `https://api.eu.sparkpost.com/api/v1`; wins over `region`. */
  apiUrl?: string;
  /**
   * The named accounts (`sparkpost:accounts`) as the stack config holds them: JSON text mapping
   * each name to `{apiKey, region, apiUrl}` (see accounts.ts), or that object already parsed.
   */
  accounts?: unknown;
}

/** A resolved connection: the key to send and the API base URL without a trailing slash. */
export interface ResolvedConnection {
  apiKey: string;
  baseUrl: string;
}

/** The API base URL of each SparkPost region, as the API reference documents them. */
export const REGIONS = {
  us: "https://api.sparkpost.com/api/v1",
  eu: "https://api.eu.sparkpost.com/api/v1",
} as const;

/** A SparkPost region name: `us` or `eu`. */
export type Region = keyof typeof REGIONS;

/** The region used when neither `sparkpost:region` nor `SPARKPOST_REGION` is set. */
export const DEFAULT_REGION: Region = "us";

/** The `name` of the error thrown when connection settings are missing or malformed. */
export const CONFIGURATION_ERROR_NAME = "SparkPostConfigurationError";

/**
 * The error for missing or malformed connection settings; its message says which setting to fix.
 * A plain `Error` with a name, not a subclass: see `createSparkPostError` for why.
 */
export function configurationError(message: string): Error {
  const error = new Error(message);
  error.name = CONFIGURATION_ERROR_NAME;
  return error;
}

// A string key, not a captured Symbol: the closure serializer cannot serialize symbol values.
const STACK_CONFIG_KEY = "pulumi-sparkpost-tracking.connection";

/**
 * Records the connection settings read from stack config. The dynamic providers' `configure()`
 * calls this; later calls replace earlier ones.
 */
export function setStackConnectionConfig(config: ConnectionConfig): void {
  const store = globalThis as Record<symbol, unknown>;
  store[Symbol.for(STACK_CONFIG_KEY)] = {
    apiKey: config.apiKey,
    region: config.region,
    apiUrl: config.apiUrl,
    accounts: config.accounts,
  } satisfies ConnectionConfig;
}

/** The settings `setStackConnectionConfig` recorded last; empty before any. */
export function stackConnectionConfig(): ConnectionConfig {
  const store = globalThis as Record<symbol, ConnectionConfig | undefined>;
  return store[Symbol.for(STACK_CONFIG_KEY)] ?? {};
}

/** A setting from stack config when set there (not blank), else from the environment. */
export function pickSetting(
  configValue: string | undefined,
  configKey: string,
  envValue: string | undefined,
  envName: string,
): SourcedSetting | undefined {
  if (configValue !== undefined && configValue.trim() !== "") {
    return { value: configValue.trim(), source: configKey };
  }
  if (envValue !== undefined && envValue.trim() !== "") {
    return { value: envValue.trim(), source: envName };
  }
  return undefined;
}

/**
 * The API base URL of `region`; throws for anything but `us` or `eu`, saying how to fix the
 * setting it came from (`source`: a stack config key such as "sparkpost:region", or an
 * environment variable name).
 */
export function regionBaseUrl(region: string, source = "region"): string {
  if (!Object.hasOwn(REGIONS, region)) {
    const path = source.includes(".") ? " --path" : "";
    const fix = source.includes(":")
      ? `fix it with \`pulumi config set${path} ${source} eu\`, or remove it for "us"`
      : /^[A-Z][A-Z0-9_]*$/.test(source)
        ? `fix the environment variable, or unset it for "us"`
        : `use "us" or "eu"`;
    throw configurationError(
      `${source} is ${JSON.stringify(region)}, but it must be "us" or "eu": ${fix}.`,
    );
  }
  return REGIONS[region as Region];
}

/** The path every documented SparkPost API base ends in. */
export const API_BASE_PATH = "/api/v1";

/**
 * Checks an API base URL and drops its trailing slashes. It must be http(s), end in `/api/v1`
 * (every documented base does: US, EU, Enterprise tenants and the sandbox), and carry no query,
 * fragment or credentials (the key goes in the `Authorization` header, never in a URL). The path
 * check matters: against a wrong path a web server answers 404 to everything, which must never be
 * mistaken for SparkPost saying that a domain is gone.
 */
export function normalizeApiUrl(
  apiUrl: string,
  source = "apiUrl",
  keyAdvice = "`pulumi config set --secret sparkpost:apiKey <key>` or SPARKPOST_API_KEY",
): string {
  const example =
    "such as https://api.eu.sparkpost.com/api/v1, https://<tenant>.api.e.sparkpost.com/api/v1 " +
    "or the sandbox's http://127.0.0.1:4010/api/v1";
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw configurationError(
      `${source} must be a full http(s) URL ${example}, got ${JSON.stringify(apiUrl)}.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    // The value is not echoed: it holds a credential.
    throw configurationError(
      `${source} must not contain credentials; set the API key with ${keyAdvice} instead.`,
    );
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.search || url.hash) {
    throw configurationError(
      `${source} must be a full http(s) URL without query or fragment ${example}, ` +
        `got ${JSON.stringify(apiUrl)}.`,
    );
  }
  const path = url.pathname.replace(/\/+$/, "");
  if (!path.endsWith(API_BASE_PATH)) {
    throw configurationError(
      `${source} must be the API base, ending in ${API_BASE_PATH}, ${example}; ` +
        `got ${JSON.stringify(apiUrl)}.`,
    );
  }
  return `${url.origin}${path}`;
}

/** The region of SparkPost's own API hosts; other hosts (Enterprise, sandbox) name none. */
const REGION_OF_API_HOST: Readonly<Record<string, Region>> = {
  "api.sparkpost.com": "us",
  "api.eu.sparkpost.com": "eu",
};

/** The region an API base URL belongs to, when its host is one of SparkPost's regional hosts. */
export function regionOfApiUrl(apiUrl: string): Region | undefined {
  let host: string;
  try {
    host = new URL(apiUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return Object.hasOwn(REGION_OF_API_HOST, host) ? REGION_OF_API_HOST[host] : undefined;
}

/** Where a region or API URL setting came from, in the words an error message uses. */
export interface SourcedSetting {
  value: string;
  /** "sparkpost:region", "SPARKPOST_API_URL", ... */
  source: string;
}

/**
 * The region the connection uses, from the region setting and the API URL setting together: the
 * region when set, else the region of a regional API host (`api.eu.sparkpost.com` is EU), else
 * "us". A region that contradicts a regional API host is refused: the CNAME target follows the
 * region, and an EU account can never verify a domain pointing at the US endpoint.
 *
 * @throws an error named SparkPostConfigurationError naming both settings.
 */
export function regionOf(
  region: SourcedSetting | undefined,
  apiUrl: SourcedSetting | undefined,
): Region {
  if (region !== undefined) regionBaseUrl(region.value, region.source);
  const implied = apiUrl === undefined ? undefined : regionOfApiUrl(apiUrl.value);
  if (region !== undefined && implied !== undefined && region.value !== implied) {
    throw configurationError(
      `${region.source} is "${region.value}", but ${apiUrl!.source} ${apiUrl!.value} is SparkPost's ` +
        `${implied.toUpperCase()} API: set ${region.source} to "${implied}", or remove it, since the ` +
        "API host already says which region the account is in.",
    );
  }
  return (region?.value as Region | undefined) ?? implied ?? DEFAULT_REGION;
}
