/**
 * `npm run sandbox:up`: the root program's sandbox stack, brought up against a local SparkPost
 * sandbox without the Pulumi CLI. The program runs under the Pulumi SDK (with mocks standing in
 * for the engine's registration), and every dynamic resource goes through the real
 * dynamic-provider host over gRPC, the path `pulumi up` takes: check, create in dependency order,
 * then a refresh that must find no drift, then destroy in reverse order.
 *
 * On a machine with the Pulumi CLI, `npm run sandbox` plus `pulumi up --stack sandbox` does the
 * same for real; see program/README.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import * as pulumi from "@pulumi/pulumi";
import { load as loadYaml } from "js-yaml";
import { startSandbox, Sandbox, SendingDomainSeed } from "../sandbox";
import { ProviderHost } from "../test/support/providerHost";
import { SimulatedResource } from "./engine/simulatedResource";

const root = path.resolve(__dirname, "..");
const PROJECT = "pulumi-sparkpost-tracking";
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic/sparkpost:";

interface StackEntry {
  sendingDomains?: string[];
  subaccountId?: number;
}

/** The stack file's config, as the CLI hands it to a program: objects as JSON text. */
function readStackConfig(file: string): Record<string, string> {
  const stack = loadYaml(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(stack.config ?? {}).map(([key, value]) => [
      key,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

/** The sending domains the stack links, so the sandbox knows them (this package never creates them). */
function sendingDomainSeeds(config: Record<string, string>): SendingDomainSeed[] {
  const entries = JSON.parse(config[`${PROJECT}:trackingDomains`] ?? "[]") as StackEntry[];
  return entries.flatMap((entry) =>
    (entry.sendingDomains ?? []).map((domain) => ({ domain, subaccountId: entry.subaccountId })),
  );
}

/** Runs the program; each dynamic resource is created through the host as it registers. */
async function runProgram(host: ProviderHost, created: SimulatedResource[]): Promise<unknown> {
  await pulumi.runtime.setMocks(
    {
      async newResource(args) {
        if (!args.type.startsWith(DYNAMIC_PREFIX)) return { id: undefined, state: args.inputs };
        const { __provider: provider, ...inputs } = args.inputs as Record<string, unknown>;
        const kind = args.type.slice(DYNAMIC_PREFIX.length);
        const resource = new SimulatedResource(host, String(provider), kind, args.name);
        await resource.up(inputs);
        created.push(resource);
        console.log(`+ ${kind} ${args.name} (id ${resource.state!.id})`);
        return { id: resource.state!.id, state: resource.state!.outputs };
      },
      call(args) {
        throw new Error(`the sandbox stack uses manual DNS; unexpected call to ${args.token}`);
      },
    },
    PROJECT,
    "sandbox",
    false,
  );
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(root, "program", "index.ts")) as unknown;
  });
  await pulumi.runtime.disconnect();
  return outputs;
}

async function main(): Promise<void> {
  const options = new Command("sandbox:up")
    .description("Bring up the root program's sandbox stack against a local SparkPost sandbox.")
    .option("--stack-file <file>", "stack configuration to run", "Pulumi.sandbox.yaml")
    .option("--verify-after <seconds>", "seconds until the sandbox verifies a new domain", "2")
    .parse()
    .opts<{ stackFile: string; verifyAfter: string }>();

  const config = readStackConfig(path.resolve(root, options.stackFile));
  const sandbox: Sandbox = await startSandbox({
    verifyAfterSeconds: Number(options.verifyAfter),
    sendingDomains: sendingDomainSeeds(config),
  });
  const host = await ProviderHost.start({ SPARKPOST_VERIFY_POLL_MS: "250" });
  try {
    console.log(`SparkPost sandbox at ${sandbox.apiUrl}; provider host started.`);
    // The stack file's apiUrl names the CLI sandbox's port; this run uses its own sandbox.
    await host.configure({
      "sparkpost:apiKey": sandbox.apiKey,
      "sparkpost:apiUrl": sandbox.apiUrl,
    });
    pulumi.runtime.setAllConfig({ ...config, "sparkpost:apiUrl": sandbox.apiUrl });

    const created: SimulatedResource[] = [];
    const outputs = await runProgram(host, created);
    console.log(`\nStack outputs:\n${JSON.stringify(outputs, null, 2)}`);

    sandbox.clearLog();
    for (const resource of created) await resource.refresh();
    const drifted = created.filter((resource) => resource.state === undefined);
    console.log(
      `\nRefresh: ${created.length} reads, ${sandbox.requests.length} requests, ${drifted.length} resources gone.`,
    );

    for (const resource of [...created].reverse()) await resource.destroy();
    console.log(`Destroyed ${created.length} resources in reverse order.`);
  } finally {
    await host.close();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
