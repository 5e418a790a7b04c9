/**
 * An isolated place to run the real Pulumi CLI: a temporary folder holding its own PULUMI_HOME, a
 * `file://` state backend, and a `bin/` folder put first on the CLI's PATH with `pulumi`, our
 * dynamic-provider launcher and the Node.js that runs this process. Nothing is read from or
 * written to the user's ~/.pulumi, and no Pulumi Cloud account is involved.
 *
 * Why `bin/`: the engine starts `pulumi-resource-pulumi-nodejs` (found on PATH) for dynamic
 * resources, and that launcher runs `node` from PATH: it must be this Node (24), not the machine's
 * older default. And the Automation API's `PulumiCommand.get({root})` runs `<root>/bin/pulumi`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiCommand } from "@pulumi/pulumi/automation";
import { DYNAMIC_PROVIDER_LAUNCHER, findPulumiCli, PulumiCliBinary } from "./pulumiCli";

const LAUNCHER_NAME = path.basename(DYNAMIC_PROVIDER_LAUNCHER);

/**
 * The launcher beside the CLI (build.sh puts ours there; the official distribution has its own),
 * else ours. The CLI prefers the one on PATH, and warns on every run when that is not the one
 * beside it (sdk/go/common/workspace/plugins.go, GetPluginPath): the link on PATH names the same.
 */
function launcherFor(cliBinary: string): string {
  const beside = path.join(path.dirname(fs.realpathSync(cliBinary)), LAUNCHER_NAME);
  return fs.existsSync(beside) ? beside : DYNAMIC_PROVIDER_LAUNCHER;
}

/** The passphrase of the local secrets provider: it guards test stacks only. */
export const STACK_PASSPHRASE = "pulumi-sparkpost-tracking-local-stacks";

export interface PulumiEnvironment {
  /** The temporary folder holding everything below. */
  root: string;
  /** PULUMI_HOME: plugins, workspace settings, credentials (none). */
  homeDir: string;
  /** The `file://` backend: every stack's state and history. */
  backendDir: string;
  /** Where projects are copied to run (see inlineProject.ts). */
  projectsDir: string;
  /** The CLI, as the Automation API runs it. */
  command: PulumiCommand;
  /** `pulumi version`, e.g. "3.274.1". */
  version: string;
  cli: PulumiCliBinary;
  /** Environment for every CLI command (the Automation API adds it to this process's own). */
  envVars: Record<string, string>;
  /** Removes the folder (unless `keep` was asked for). */
  dispose(): Promise<void>;
}

export interface PulumiEnvironmentOptions {
  /** Keep the folder after `dispose`, to look at state files after a failure. */
  keep?: boolean;
  /** More variables for the CLI and the plugins it starts, e.g. SPARKPOST_VERIFY_POLL_MS. */
  env?: Record<string, string>;
}

/**
 * Finds (or builds) the CLI and prepares a fresh environment around it.
 * @throws when the CLI cannot be found or built, or does not run.
 */
export async function preparePulumiEnvironment(
  options: PulumiEnvironmentOptions = {},
): Promise<PulumiEnvironment> {
  const cli = await findPulumiCli();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-sparkpost-e2e-"));
  const homeDir = path.join(root, "home");
  const backendDir = path.join(root, "backend");
  const projectsDir = path.join(root, "projects");
  const binDir = path.join(root, "bin");
  for (const dir of [homeDir, backendDir, projectsDir, binDir]) fs.mkdirSync(dir);
  fs.symlinkSync(cli.binary, path.join(binDir, "pulumi"));
  fs.symlinkSync(launcherFor(cli.binary), path.join(binDir, LAUNCHER_NAME));
  fs.symlinkSync(process.execPath, path.join(binDir, "node"));

  const envVars: Record<string, string> = {
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: homeDir,
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: STACK_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // No plugin can be downloaded here; a missing plugin should fail at once, not after retries.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...options.env,
  };
  const command = await PulumiCommand.get({ root });
  const version = command.version?.version ?? "unknown";
  return {
    root,
    homeDir,
    backendDir,
    projectsDir,
    command,
    version,
    cli,
    envVars,
    async dispose() {
      if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
