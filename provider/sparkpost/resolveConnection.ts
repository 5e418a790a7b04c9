/**
 * The connection a provider call uses, from the stack config the providers' `configure()`
 * recorded (see `setStackConnectionConfig`), each setting falling back to the environment: the
 * unnamed connection, or the named account (`sparkpost:accounts`) a resource gives.
 */
import { accountConnectionSettings, parseAccounts } from "./accounts";
import { stackConnectionConfig, type Region, type ResolvedConnection } from "./connection";
import {
  apiKeyOfSettings,
  baseUrlOfSettings,
  defaultConnectionSettings,
  regionOfSettings,
  type ConnectionSettings,
} from "./connectionSettings";

/**
 * The settings of the unnamed connection, or of account `account`.
 * @throws an error named SparkPostConfigurationError for an account `sparkpost:accounts` does not
 * have, listing those it has, or a malformed `sparkpost:accounts`.
 */
export function connectionSettings(account?: string): ConnectionSettings {
  const config = stackConnectionConfig();
  return account === undefined
    ? defaultConnectionSettings(config)
    : accountConnectionSettings(config.accounts, account);
}

/**
 * The names of the configured accounts (`sparkpost:accounts`), in the order written.
 * @throws an error named SparkPostConfigurationError for a malformed `sparkpost:accounts`.
 */
export function configuredAccountNames(): string[] {
  return [...parseAccounts(stackConnectionConfig().accounts).keys()];
}

/**
 * The API key: `sparkpost:apiKey`, else `SPARKPOST_API_KEY`; for an account,
 * `sparkpost:accounts.<name>.apiKey`, else `SPARKPOST_<NAME>_API_KEY`.
 * @throws an error named SparkPostConfigurationError when neither is set.
 */
export function resolveApiKey(env: NodeJS.ProcessEnv = process.env, account?: string): string {
  return apiKeyOfSettings(connectionSettings(account), env);
}

/**
 * The configured region: `sparkpost:region`, else `SPARKPOST_REGION`, else the region of a
 * regional API URL, else `us` (see `regionOf`); an account's own settings likewise.
 *
 * @throws an error named SparkPostConfigurationError for anything but `us` or `eu`, or a region
 * that contradicts the API URL, naming where each came from.
 */
export function resolveRegion(env: NodeJS.ProcessEnv = process.env, account?: string): Region {
  return regionOfSettings(connectionSettings(account), env);
}

/**
 * The API base URL: `sparkpost:apiUrl` or `SPARKPOST_API_URL` when either is set, else the base
 * URL of the region (see {@link resolveRegion}); an account's own settings likewise. The region
 * is checked even when an API URL wins, because the program computes CNAME targets from it.
 */
export function resolveBaseUrl(env: NodeJS.ProcessEnv = process.env, account?: string): string {
  return baseUrlOfSettings(connectionSettings(account), env);
}

/**
 * Resolves the connection: each setting from stack config (set by `setStackConnectionConfig`),
 * else from the environment (`SPARKPOST_API_KEY`, `SPARKPOST_REGION`, `SPARKPOST_API_URL`, or an
 * account's `SPARKPOST_<NAME>_...`). An API URL, from either place, wins over the region.
 *
 * @throws an error named SparkPostConfigurationError naming the setting to fix.
 */
export function resolveConnection(
  env: NodeJS.ProcessEnv = process.env,
  account?: string,
): ResolvedConnection {
  const settings = connectionSettings(account);
  return { apiKey: apiKeyOfSettings(settings, env), baseUrl: baseUrlOfSettings(settings, env) };
}
