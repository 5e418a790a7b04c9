/**
 * One connection's settings and where each is read from: the unnamed connection's
 * (`sparkpost:apiKey`, `SPARKPOST_API_KEY`...) or a named account's (accounts.ts), and the key,
 * region and API base they resolve to, each setting from stack config, else the environment.
 */
import {
  configurationError,
  normalizeApiUrl,
  pickSetting,
  regionOf,
  REGIONS,
  type ConnectionConfig,
  type Region,
  type SourcedSetting,
} from "./connection";

/** Where a setting is read, for each setting of a connection: config keys or variable names. */
export interface SettingNames {
  apiKey: string;
  region: string;
  apiUrl: string;
}

/** One connection's settings: their stack config values, and where each is read from. */
export interface ConnectionSettings {
  /** The values from stack config (of the connection's own keys). */
  config: ConnectionConfig;
  /** The stack config key of each setting, as messages name it ("sparkpost:apiKey"). */
  keys: SettingNames;
  /** The environment variable each setting falls back to ("SPARKPOST_API_KEY"). */
  environment: SettingNames;
  /** The account's name, for a named account (`sparkpost:accounts`). */
  account?: string;
}

/** The unnamed connection's keys: what every stack had before named accounts. */
export const DEFAULT_CONNECTION_KEYS: Readonly<SettingNames> = {
  apiKey: "sparkpost:apiKey",
  region: "sparkpost:region",
  apiUrl: "sparkpost:apiUrl",
};

/** The unnamed connection's environment variables. */
export const DEFAULT_CONNECTION_ENVIRONMENT: Readonly<SettingNames> = {
  apiKey: "SPARKPOST_API_KEY",
  region: "SPARKPOST_REGION",
  apiUrl: "SPARKPOST_API_URL",
};

/** The unnamed connection with `config` as its stack config values. */
export function defaultConnectionSettings(config: ConnectionConfig): ConnectionSettings {
  return { config, keys: DEFAULT_CONNECTION_KEYS, environment: DEFAULT_CONNECTION_ENVIRONMENT };
}

/** A setting from stack config, else from the environment; undefined when neither has it. */
export function settingOf(
  settings: ConnectionSettings,
  name: keyof SettingNames,
  env: NodeJS.ProcessEnv,
): SourcedSetting | undefined {
  const environmentName = settings.environment[name];
  return pickSetting(
    settings.config[name],
    settings.keys[name],
    env[environmentName],
    environmentName,
  );
}

/**
 * The region of the connection `settings` describe (see {@link regionOf}).
 * @throws an error named SparkPostConfigurationError naming the setting to fix.
 */
export function regionOfSettings(settings: ConnectionSettings, env: NodeJS.ProcessEnv): Region {
  return regionOf(settingOf(settings, "region", env), settingOf(settings, "apiUrl", env));
}

/**
 * The API base URL of the connection `settings` describe: its API URL when set, else its
 * region's. The region is checked even when an API URL wins, because the program computes CNAME
 * targets from it.
 * @throws an error named SparkPostConfigurationError naming the setting to fix.
 */
export function baseUrlOfSettings(settings: ConnectionSettings, env: NodeJS.ProcessEnv): string {
  const region = regionOfSettings(settings, env);
  const apiUrl = settingOf(settings, "apiUrl", env);
  if (apiUrl === undefined) return REGIONS[region];
  return normalizeApiUrl(
    apiUrl.value,
    apiUrl.source,
    `${setKeyCommand(settings)} or ${settings.environment.apiKey}`,
  );
}

/** The command that sets the connection's key as a secret, as messages quote it. */
function setKeyCommand({ keys }: ConnectionSettings): string {
  const path = keys.apiKey.includes(".") ? " --path" : "";
  return `\`pulumi config set${path} --secret ${keys.apiKey} <key>\``;
}

/**
 * The API key of the connection `settings` describe.
 * @throws an error named SparkPostConfigurationError, saying both ways to set it, when unset.
 */
export function apiKeyOfSettings(settings: ConnectionSettings, env: NodeJS.ProcessEnv): string {
  const key = settingOf(settings, "apiKey", env);
  if (key !== undefined) return key.value;
  const forAccount = settings.account === undefined ? "" : ` for account "${settings.account}"`;
  throw configurationError(
    `No SparkPost API key is configured${forAccount}: run ${setKeyCommand(settings)} ` +
      `or set the ${settings.environment.apiKey} environment variable.`,
  );
}
