/**
 * A Pulumi project of this repository (the root program or an example), copied into a pulumi
 * environment and run as an Automation API inline program: the CLI plans and applies, while this
 * Node process serves the language runtime and runs the program function. That stands in for the
 * Node.js language host, `pulumi-language-nodejs`, which cannot be built here (its Go module is
 * not served); the engine, the state, the dynamic-provider plugin and the providers are the real
 * ones.
 *
 * The copy holds the project's Pulumi.yaml and stack files, and a `node_modules` link to this
 * repository's, where `pulumi-sparkpost-tracking` links back to the repository: the stored
 * providers load `pulumi-sparkpost-tracking/dynamic-provider` (the compiled `bin/`, so build
 * first) from the project's folder, as they do in a user's project.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { load as loadYaml } from "js-yaml";
import type { PulumiEnvironment } from "./pulumiEnvironment";

const repositoryRoot = path.resolve(__dirname, "..");

export interface ProjectCopy {
  /** The copy's folder: the workspace's workDir, where the CLI reads Pulumi.yaml. */
  workDir: string;
  /** `name` of its Pulumi.yaml. */
  projectName: string;
  /** Path of the copy of `Pulumi.<stack>.yaml`. */
  stackFile(stackName: string): string;
}

export interface CopyProjectOptions {
  /** The folder holding the project's Pulumi.yaml. */
  sourceDir: string;
  /** Stack files to copy along, e.g. ["Pulumi.sandbox.yaml"]. */
  stackFiles?: string[];
  /** The copy's folder name under the environment's projects folder. */
  folder: string;
}

interface ProjectFile {
  name: string;
  main?: string;
}

/** Copies a project into `environment`; see the module comment. */
export function copyProject(
  environment: PulumiEnvironment,
  options: CopyProjectOptions,
): ProjectCopy {
  const workDir = path.join(environment.projectsDir, options.folder);
  fs.mkdirSync(workDir);
  const projectFile = path.join(options.sourceDir, "Pulumi.yaml");
  fs.copyFileSync(projectFile, path.join(workDir, "Pulumi.yaml"));
  for (const stackFile of options.stackFiles ?? []) {
    fs.copyFileSync(path.join(options.sourceDir, stackFile), path.join(workDir, stackFile));
  }
  fs.symlinkSync(path.join(repositoryRoot, "node_modules"), path.join(workDir, "node_modules"));

  const project = loadYaml(fs.readFileSync(projectFile, "utf8")) as ProjectFile;
  // The CLI checks that `main` exists and starts plugins in its folder (pkg/engine/project.go,
  // getPwdMain), even when the program runs inline: link the original there. It is never run.
  if (project.main !== undefined) {
    const main = path.join(workDir, project.main);
    fs.mkdirSync(path.dirname(main), { recursive: true });
    fs.symlinkSync(path.join(options.sourceDir, project.main), main);
  }
  return {
    workDir,
    projectName: project.name,
    stackFile: (stackName) => path.join(workDir, `Pulumi.${stackName}.yaml`),
  };
}

/**
 * Selects the stack `stackName` of `project`, creating it (with the passphrase secrets provider)
 * when it does not exist, with `program` as its inline program.
 */
export function openInlineStack(
  environment: PulumiEnvironment,
  project: ProjectCopy,
  stackName: string,
  program: PulumiFn,
): Promise<Stack> {
  return LocalWorkspace.createOrSelectStack(
    { stackName, projectName: project.projectName, program },
    {
      workDir: project.workDir,
      pulumiHome: environment.homeDir,
      pulumiCommand: environment.command,
      envVars: environment.envVars,
      secretsProvider: "passphrase",
    },
  );
}
