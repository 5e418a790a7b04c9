#!/usr/bin/env node
/**
 * The `sparkpost-sandbox` bin (`npm run sandbox` in this repository): runs the sandbox until
 * SIGINT/SIGTERM, printing the URL to use and one line per API request. The API key is never
 * printed unless it is the public default.
 */
import "../provider/supportedNode";
import { sandboxCommand, sandboxOptionsFrom } from "./cliOptions";
import { DEFAULT_API_KEY, startSandbox } from "./server";
import type { RequestLogEntry } from "./types";

/** One log line per request: method, path, query, status and what shaped the answer. */
function formatRequestLine(entry: RequestLogEntry): string {
  const query = new URLSearchParams(entry.query).toString();
  const notes = [
    entry.subaccount === null ? undefined : `subaccount=${entry.subaccount}`,
    entry.authorized ? undefined : "unauthorized",
    entry.fault === undefined ? undefined : `fault=${entry.fault}`,
  ].filter((note) => note !== undefined);
  const target = query === "" ? entry.path : `${entry.path}?${query}`;
  return [entry.method, target, entry.status, ...notes].join(" ");
}

async function main(): Promise<void> {
  const command = sandboxCommand();
  command.parse(process.argv);
  const options = sandboxOptionsFrom(command, process.cwd());
  const sandbox = await startSandbox({
    ...options,
    onRequest: (entry) => console.log(formatRequestLine(entry)),
  });
  const key =
    options.apiKey === DEFAULT_API_KEY ? `"${DEFAULT_API_KEY}"` : "the key given with --api-key";
  console.log(
    `SparkPost sandbox ready: set sparkpost:apiUrl (or SPARKPOST_API_URL) to ${sandbox.apiUrl} ` +
      `and sparkpost:apiKey (or SPARKPOST_API_KEY) to ${key}; state in ${options.stateFile}`,
  );
  const stop = (signal: string) => {
    console.log(`Received ${signal}, stopping the sandbox.`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Sandbox did not stop cleanly: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(
    `Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
