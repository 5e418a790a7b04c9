/**
 * Finds the Pulumi CLI that the real-engine tests (`npm run e2e`) and `npm run sandbox:up` run:
 * the binary named by PULUMI_SPARKPOST_CLI, else the one tools/pulumi-cli/build.sh built from
 * the Go module (the script answers at once when its cache already holds it, and builds it
 * otherwise, which takes a few minutes the first time).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Environment variable naming a `pulumi` binary to use instead of building one. */
export const CLI_ENV_VAR = "PULUMI_SPARKPOST_CLI";

/** The folder of the wrapper Go module, build.sh and the dynamic-provider launcher. */
export const CLI_TOOLS_DIR = path.resolve(__dirname, "pulumi-cli");

/**
 * Our `pulumi-resource-pulumi-nodejs`, the plugin the engine starts for dynamic resources. A CLI
 * built from its Go module comes without it; it must be on the CLI's PATH.
 */
export const DYNAMIC_PROVIDER_LAUNCHER = path.join(CLI_TOOLS_DIR, "pulumi-resource-pulumi-nodejs");

/** Where the CLI came from, for messages. */
export type CliSource = typeof CLI_ENV_VAR | "build.sh";

export interface PulumiCliBinary {
  /** Absolute path of the `pulumi` executable. */
  binary: string;
  source: CliSource;
}

/**
 * The CLI to run. Building it prints build.sh's progress on this process's stderr.
 * @throws when PULUMI_SPARKPOST_CLI names no executable file, or build.sh fails.
 */
export async function findPulumiCli(
  env: NodeJS.ProcessEnv = process.env,
): Promise<PulumiCliBinary> {
  const named = env[CLI_ENV_VAR];
  if (named !== undefined && named !== "") {
    const binary = path.resolve(named);
    try {
      fs.accessSync(binary, fs.constants.X_OK);
    } catch {
      throw new Error(
        `${CLI_ENV_VAR} is ${JSON.stringify(named)}, which is not an executable file: point it at a pulumi binary, or unset it to build one with tools/pulumi-cli/build.sh.`,
      );
    }
    return { binary, source: CLI_ENV_VAR };
  }
  const directory = await runBuildScript();
  return { binary: path.join(directory, "pulumi"), source: "build.sh" };
}

/** Runs build.sh, its progress going to our stderr; resolves to the directory it printed last. */
function runBuildScript(): Promise<string> {
  const script = path.join(CLI_TOOLS_DIR, "build.sh");
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      const lines = stdout.trim().split("\n");
      const directory = lines[lines.length - 1];
      if (code === 0 && directory !== "") resolve(directory);
      else
        reject(
          new Error(`${script} failed (${signal ?? `exit code ${code}`}); see its output above.`),
        );
    });
  });
}
