/**
 * The Pulumi projects of this repository (the root program and each example) and what their
 * Pulumi.yaml says, read the way the Pulumi CLI reads it.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";

export const REPOSITORY_ROOT = path.resolve(__dirname, "../..");
const EXAMPLES = path.join(REPOSITORY_ROOT, "examples");

/** What the tests read from a Pulumi.yaml. */
export interface PulumiProject {
  name: string;
  main?: string;
  /** `config:` as written: a type declaration, or a plain value for another namespace. */
  config?: Record<string, unknown>;
}

/** Every directory holding a Pulumi.yaml, relative to the repository root: "." first. */
export function projectDirectories(): string[] {
  const examples = readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join("examples", entry.name))
    .filter((directory) =>
      readdirSync(path.join(REPOSITORY_ROOT, directory)).includes("Pulumi.yaml"),
    )
    .sort();
  return [".", ...examples];
}

/** The parsed YAML of `file`, relative to the repository root. */
export function readYaml(file: string): unknown {
  return load(readFileSync(path.join(REPOSITORY_ROOT, file), "utf8"));
}

export function readProject(directory: string): PulumiProject {
  return readYaml(path.join(directory, "Pulumi.yaml")) as PulumiProject;
}

/** A config key as the stack sees it: keys without a namespace belong to the project. */
export function qualifiedKey(project: PulumiProject, key: string): string {
  return key.includes(":") ? key : `${project.name}:${key}`;
}

/**
 * The config every stack of `project` starts from, as the CLI merges it into the stack's own:
 * plain values (for keys of other namespaces) and the `default` of typed declarations.
 */
export function projectConfigValues(project: PulumiProject): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, declaration] of Object.entries(project.config ?? {})) {
    if (typeof declaration !== "object" || declaration === null) {
      values[qualifiedKey(project, key)] = declaration;
    } else if ("default" in declaration) {
      values[qualifiedKey(project, key)] = declaration.default;
    }
  }
  return values;
}
