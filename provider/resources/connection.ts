import type * as pulumi from "@pulumi/pulumi";
import { createClient, setStackConnectionConfig, SparkPostClient } from "../sparkpost";

/**
 * Every provider's `configure()`: hands the stack's connection settings to the client. Runs inside
 * the dynamic-provider host, once per serialized provider, before any other call; the key is read
 * here at run time, so it never enters a closure, an input or the state.
 */
export async function configureConnection(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
  setStackConnectionConfig({
    apiKey: request.config.get("sparkpost:apiKey"),
    region: request.config.get("sparkpost:region"),
    apiUrl: request.config.get("sparkpost:apiUrl"),
  });
}

/** A client for one provider call; progress lines (retries) go to stdout, which the CLI shows. */
export function sparkpost(): SparkPostClient {
  return createClient({ log: (line) => console.log(line) });
}
