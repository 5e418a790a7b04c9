/**
 * Named accounts: `sparkpost:accounts` maps a name to the settings of one more connection, for a
 * stack that manages domains in several SparkPost accounts (US and EU, or a key per brand):
 *
 *     sparkpost:accounts:
 *       eu: { region: eu, apiKey: { secure: ... } }
 *       brand-b: { apiUrl: https://acme.api.e.sparkpost.com/api/v1 }
 *
 * Each setting falls back to the environment: `SPARKPOST_<NAME>_API_KEY`, `_REGION` and
 * `_API_URL`, the name upper-cased with hyphens as underscores (`SPARKPOST_BRAND_B_API_KEY`).
 * The unnamed connection (`sparkpost:apiKey`, `sparkpost:region`, `sparkpost:apiUrl`) stays the
 * default: a resource without `account` uses it.
 *
 * How the value arrives: a key set with `pulumi config set --path --secret
 * 'sparkpost:accounts.eu.apiKey'` makes the whole `sparkpost:accounts` value a secret config key,
 * which reaches both the program and the provider host's `configure` as one JSON text, the key
 * decrypted in it. The program reads the regions with `Config.getObject` (plain values, so the
 * CNAME it computes is not a secret); only the provider host ever uses the keys.
 */
import { configurationError, type ConnectionConfig } from "./connection";
import type { ConnectionSettings, SettingNames } from "./connectionSettings";

/** The stack config key of the named accounts. */
export const ACCOUNTS_KEY = "sparkpost:accounts";

/** What an account name may be: it also names environment variables and config paths. */
export const ACCOUNT_NAME_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

/** The settings an account may have, in the order messages list them. */
const ACCOUNT_SETTINGS: readonly (keyof SettingNames)[] = ["apiKey", "region", "apiUrl"];

/** `pulumi config set` commands that add account `name`, for messages. */
function howToAdd(name: string): string {
  return (
    `\`pulumi config set --path ${ACCOUNTS_KEY}.${name}.region <us or eu>\` and ` +
    `\`pulumi config set --path --secret ${ACCOUNTS_KEY}.${name}.apiKey <key>\``
  );
}

/** The stack config path of each setting of account `name`: "sparkpost:accounts.eu.apiKey". */
export function accountSettingKeys(name: string): SettingNames {
  const key = (setting: string) => `${ACCOUNTS_KEY}.${name}.${setting}`;
  return { apiKey: key("apiKey"), region: key("region"), apiUrl: key("apiUrl") };
}

/** The environment variables of account `name`: "SPARKPOST_BRAND_B_API_KEY" for "brand-b". */
export function accountEnvironmentNames(name: string): SettingNames {
  const prefix = `SPARKPOST_${name.toUpperCase().replaceAll("-", "_")}`;
  return {
    apiKey: `${prefix}_API_KEY`,
    region: `${prefix}_REGION`,
    apiUrl: `${prefix}_API_URL`,
  };
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}

/** One account's settings, checked: strings only, and only the three it may have. */
function accountConfig(name: string, value: unknown): ConnectionConfig {
  // `eu:` with nothing after it: every setting comes from the environment.
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw configurationError(
      `${ACCOUNTS_KEY}.${name} must be an object such as {region: eu, apiKey: <secret>}, not ${describeKind(value)}.`,
    );
  }
  const config: ConnectionConfig = {};
  for (const [setting, settingValue] of Object.entries(value)) {
    const path = `${ACCOUNTS_KEY}.${name}.${setting}`;
    if (!(ACCOUNT_SETTINGS as readonly string[]).includes(setting)) {
      throw configurationError(
        `${path} is not a setting of an account: an account has apiKey, region and apiUrl.`,
      );
    }
    if (settingValue === null || settingValue === undefined) continue;
    if (typeof settingValue !== "string") {
      // The value is not shown: it may be a key.
      throw configurationError(`${path} must be a string, not ${describeKind(settingValue)}.`);
    }
    config[setting as keyof SettingNames] = settingValue;
  }
  return config;
}

/**
 * The named accounts of `raw`, the value of `sparkpost:accounts` as the stack config gives it
 * (JSON text, an object, or undefined when unset), by name.
 * @throws an error named SparkPostConfigurationError saying what is wrong with the value.
 */
export function parseAccounts(raw: unknown): Map<string, ConnectionConfig> {
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) {
    return new Map();
  }
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw configurationError(
        `${ACCOUNTS_KEY} must be an object mapping account names to {apiKey, region, apiUrl}, such as {eu: {region: eu}}; it is not: set it with ${howToAdd("eu")}.`,
      );
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw configurationError(
      `${ACCOUNTS_KEY} must be an object mapping account names to {apiKey, region, apiUrl}, such as {eu: {region: eu}}, not ${describeKind(value)}.`,
    );
  }
  const accounts = new Map<string, ConnectionConfig>();
  for (const [name, settings] of Object.entries(value)) {
    if (!ACCOUNT_NAME_PATTERN.test(name)) {
      throw configurationError(
        `${ACCOUNTS_KEY} has an account named ${JSON.stringify(name)}: account names are lowercase letters, digits and hyphens, starting with a letter (at most 63), such as "eu" or "brand-b", since they also name environment variables.`,
      );
    }
    accounts.set(name, accountConfig(name, settings));
  }
  return accounts;
}

/** The configured account names, sorted, as messages list them: `"eu", "us"`. */
function listed(names: readonly string[]): string {
  return [...names]
    .sort()
    .map((name) => JSON.stringify(name))
    .join(", ");
}

/**
 * Why `name` is no account of `accounts`, as it reads after a property path ("account names
 * ..."), or undefined when it is one. `configured` are the names `sparkpost:accounts` has.
 */
export function unknownAccountProblem(
  name: string,
  configured: readonly string[],
): string | undefined {
  if (configured.includes(name)) return undefined;
  const quotedName = JSON.stringify(name);
  if (configured.length === 0) {
    return `names ${quotedName}, but ${ACCOUNTS_KEY} has no accounts: add it with ${howToAdd(ACCOUNT_NAME_PATTERN.test(name) ? name : "<name>")}, or leave account unset for the default connection (sparkpost:apiKey, sparkpost:region, sparkpost:apiUrl)`;
  }
  return `names ${quotedName}, an account ${ACCOUNTS_KEY} does not have (it has ${listed(configured)}): correct the name, or add the account with ${howToAdd(ACCOUNT_NAME_PATTERN.test(name) ? name : "<name>")}`;
}

/**
 * The settings of account `name` of `raw` (the value of `sparkpost:accounts`).
 * @throws an error named SparkPostConfigurationError when `raw` is malformed or has no such
 * account, listing the accounts it has.
 */
export function accountConnectionSettings(raw: unknown, name: string): ConnectionSettings {
  const accounts = parseAccounts(raw);
  const config = accounts.get(name);
  if (config === undefined) {
    throw configurationError(`account ${unknownAccountProblem(name, [...accounts.keys()])}.`);
  }
  return {
    config,
    keys: accountSettingKeys(name),
    environment: accountEnvironmentNames(name),
    account: name,
  };
}
