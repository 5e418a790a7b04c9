/**
 * `npm run sandbox:up`: the root program's sandbox stack (Pulumi.yaml, Pulumi.sandbox.yaml) under
 * the real Pulumi CLI, against a SparkPost sandbox started in this process: preview, up (printing
 * the stack outputs), a refresh that must find no drift, then destroy.
 *
 * The CLI is the one tools/pulumi-cli/build.sh builds from its Go module (or PULUMI_SPARKPOST_CLI);
 * it runs in a temporary, isolated environment (its own PULUMI_HOME and file backend), and the
 * program runs inline through the Automation API (see tools/inlineProject.ts). Nothing outside
 * the temporary folder is touched, and no Pulumi account or SparkPost account is needed.
 */
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import type { Stack } from "@pulumi/pulumi/automation";
import { rootProgram } from "../program/rootProgram";
import { Sandbox, startSandbox } from "../sandbox";
import { copyProject, openInlineStack } from "./inlineProject";
import { preparePulumiEnvironment, PulumiEnvironment } from "./pulumiEnvironment";
import { sendingDomainSeeds, trackingDomainsOf } from "./stackFile";

const root = path.resolve(__dirname, "..");

interface Options {
  stackFile: string;
  verifyAfter: string;
  keep?: boolean;
}

function stackNameOf(stackFile: string): string {
  const match = /^Pulumi\.(.+)\.yaml$/.exec(path.basename(stackFile));
  if (!match)
    throw new Error(`${stackFile} is not a stack file: its name must be Pulumi.<stack>.yaml`);
  return match[1];
}

function heading(title: string): void {
  console.log(`\n== ${title} ==`);
}

/** The CLI's own output, as it runs. */
const stream = { onOutput: (text: string) => process.stdout.write(text), color: "never" as const };

async function run(stack: Stack, sandbox: Sandbox, domains: string[]): Promise<boolean> {
  heading("pulumi preview");
  sandbox.clearLog();
  const preview = await stack.preview(stream);
  console.log(
    `Preview: ${JSON.stringify(preview.changeSummary)}; SparkPost requests: ${sandbox.requests.length}`,
  );

  heading("pulumi up");
  const up = await stack.up(stream);
  console.log(`Stack outputs:\n${JSON.stringify(up.outputs.trackingDomains?.value, null, 2)}`);

  heading("pulumi refresh");
  sandbox.clearLog();
  const refresh = await stack.refresh(stream);
  const changes = refresh.summary.resourceChanges ?? {};
  const drift = Object.keys(changes).some((kind) => kind !== "same");
  console.log(
    `Refresh: ${JSON.stringify(changes)}: ${drift ? "DRIFT" : "no drift"}; SparkPost requests: ${sandbox.requests.length}`,
  );

  heading("pulumi destroy");
  const destroy = await stack.destroy(stream);
  const left = domains.filter((domain) => sandbox.trackingDomain(domain) !== undefined);
  console.log(
    `Destroy: ${JSON.stringify(destroy.summary.resourceChanges)}; tracking domains left in the sandbox: ${left.length}`,
  );
  return !drift && left.length === 0;
}

async function main(): Promise<void> {
  const options = new Command("sandbox:up")
    .description(
      "Bring the root program's sandbox stack up and down with the real Pulumi CLI, against a local SparkPost sandbox.",
    )
    .option("--stack-file <file>", "stack configuration to run", "Pulumi.sandbox.yaml")
    .option("--verify-after <seconds>", "seconds until the sandbox verifies a new domain", "2")
    .option("--keep", "keep the temporary Pulumi home, backend and project copy")
    .parse()
    .opts<Options>();
  const stackFile = path.resolve(root, options.stackFile);
  const stackName = stackNameOf(stackFile);

  console.log(
    "Finding the Pulumi CLI (tools/pulumi-cli/build.sh builds it from its Go module when it is missing: a few minutes the first time)...",
  );
  let environment: PulumiEnvironment | undefined;
  const sandbox = await startSandbox({
    apiKey: `sandbox-up-${randomUUID()}`,
    verifyAfterSeconds: Number(options.verifyAfter),
    sendingDomains: sendingDomainSeeds(stackFile),
  });
  try {
    environment = await preparePulumiEnvironment({
      keep: options.keep,
      env: { SPARKPOST_VERIFY_POLL_MS: "250" },
    });
    console.log(`Pulumi CLI ${environment.version}: ${environment.cli.binary}`);
    console.log(`Pulumi home, backend and project copy: ${environment.root}`);
    console.log(`SparkPost sandbox at ${sandbox.apiUrl}`);

    const project = copyProject(environment, { sourceDir: root, folder: "root-program" });
    fs.copyFileSync(stackFile, project.stackFile(stackName));
    const stack = await openInlineStack(environment, project, stackName, async () => rootProgram());
    // The stack file's apiUrl names the CLI sandbox's port; this run uses its own sandbox.
    await stack.setConfig("sparkpost:apiUrl", { value: sandbox.apiUrl });
    await stack.setConfig("sparkpost:apiKey", { value: sandbox.apiKey, secret: true });
    const domains = trackingDomainsOf(stackFile).map((entry) => entry.domain.toLowerCase());
    if (!(await run(stack, sandbox, domains))) process.exitCode = 1;
  } finally {
    await environment?.dispose();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
