/**
 * The root program's sandbox stack (Pulumi.yaml, Pulumi.sandbox.yaml) under the real Pulumi CLI,
 * against a SparkPost sandbox in this process: the stack file is copied as it is, then pointed at
 * this sandbox (`sparkpost:apiUrl`) with a fresh API key set as a secret.
 */
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { rootProgram } from "../../../program/rootProgram";
import { Sandbox, startSandbox } from "../../../sandbox";
import { copyProject, openInlineStack, ProjectCopy } from "../../../tools/inlineProject";
import { preparePulumiEnvironment, PulumiEnvironment } from "../../../tools/pulumiEnvironment";
import { sendingDomainSeeds } from "../../../tools/stackFile";

export const repositoryRoot = path.resolve(__dirname, "..", "..", "..");
const STACK = "sandbox";

export interface RootStack {
  environment: PulumiEnvironment;
  project: ProjectCopy;
  stack: Stack;
  sandbox: Sandbox;
  /** The copy of Pulumi.sandbox.yaml the CLI reads. */
  stackFile: string;
  close(): Promise<void>;
}

/**
 * A fresh environment (backend, home), sandbox and stack. The sandbox knows the sending domains
 * the stack links and verifies each domain `verifyAfterSeconds` after its creation; the stack's
 * own `verification.preflight` is "off", since no DNS serves these names.
 */
export async function startRootStack(verifyAfterSeconds = 1): Promise<RootStack> {
  const sandbox = await startSandbox({
    apiKey: `e2e-${randomUUID()}`,
    verifyAfterSeconds,
    sendingDomains: sendingDomainSeeds(path.join(repositoryRoot, `Pulumi.${STACK}.yaml`)),
  });
  // The providers poll every 250 ms instead of 5 s, so verification takes about a second.
  const environment = await preparePulumiEnvironment({
    env: { SPARKPOST_VERIFY_POLL_MS: "250" },
  });
  const project = copyProject(environment, {
    sourceDir: repositoryRoot,
    stackFiles: [`Pulumi.${STACK}.yaml`],
    folder: "root-program",
  });
  const stack = await openInlineStack(environment, project, STACK, async () => rootProgram());
  await stack.setConfig("sparkpost:apiUrl", { value: sandbox.apiUrl });
  await stack.setConfig("sparkpost:apiKey", { value: sandbox.apiKey, secret: true });
  return {
    environment,
    project,
    stack,
    sandbox,
    stackFile: project.stackFile(STACK),
    async close() {
      await environment.dispose();
      await sandbox.close();
    },
  };
}
