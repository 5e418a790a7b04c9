import type * as pulumi from "@pulumi/pulumi";
import {
  ACCOUNTS_KEY,
  createClient,
  setStackConnectionConfig,
  SparkPostClient,
} from "../sparkpost";

/**
 * Every provider's `configure()`: hands the stack's connection settings to the client. Runs inside
 * the dynamic-provider host, once per stored provider, before any other call; the keys are read
 * here at run time, so they never enter a closure, an input or the state. The named accounts
 * (`sparkpost:accounts`) arrive as one JSON text, their keys decrypted in it (the engine hands a
 * dynamic provider the whole stack config, an object value as text); they are parsed when used.
 */
export async function configureConnection(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  setStackConnectionConfig({
    apiKey: request.config.get("sparkpost:apiKey"),
    region: request.config.get("sparkpost:region"),
    apiUrl: request.config.get("sparkpost:apiUrl"),
    accounts: request.config.get(ACCOUNTS_KEY),
  });
}

/** A positive whole number of milliseconds from the environment, else undefined. */
function millisecondsFrom(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = Number(env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * A client for one provider call, to the unnamed connection or to named account `account` (a
 * resource's `account` input); progress lines (retries) go to stdout, which the CLI shows.
 * SPARKPOST_REQUEST_TIMEOUT_MS (each attempt's wait for an answer, verify included) and
 * SPARKPOST_CALL_TIMEOUT_MS (a whole call, retries included) shorten the waits where a stalled
 * API should be given up on sooner.
 */
export function sparkpost(account?: string, env: NodeJS.ProcessEnv = process.env): SparkPostClient {
  const requestTimeoutMs = millisecondsFrom(env, "SPARKPOST_REQUEST_TIMEOUT_MS");
  return createClient(
    {
      log: (line) => console.log(line),
      timeoutMs: requestTimeoutMs,
      verifyTimeoutMs: requestTimeoutMs,
      callBudgetMs: millisecondsFrom(env, "SPARKPOST_CALL_TIMEOUT_MS"),
    },
    account,
  );
}
