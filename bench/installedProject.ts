/**
 * A throwaway project directory in which this package is installed as users get it: the built
 * `bin/` and `package.json` copied into `node_modules/pulumi-sparkpost-tracking`, every other
 * dependency symlinked from this repository's `node_modules`. Nothing is downloaded.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/** The name users install the package under, as in package.json. */
export const PACKAGE_NAME = "pulumi-sparkpost-tracking";

/** A laid-out project: its directory, and how to remove it. */
export interface InstalledProject {
  dir: string;
  remove(): void;
}

/**
 * Lays out a project under `os.tmpdir()` with the package built in `repositoryRoot/bin` installed.
 * Run `npm run build` first. Call `remove()` when done, also after a failure.
 */
export function layOutInstalledProject(repositoryRoot: string): InstalledProject {
  const dir = mkdtempSync(path.join(tmpdir(), "sparkpost-tracking-bench-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const nodeModules = path.join(dir, "node_modules");
    const installed = path.join(nodeModules, PACKAGE_NAME);
    mkdirSync(installed, { recursive: true });
    cpSync(path.join(repositoryRoot, "package.json"), path.join(installed, "package.json"));
    cpSync(path.join(repositoryRoot, "bin"), path.join(installed, "bin"), { recursive: true });
    const sourceModules = path.join(repositoryRoot, "node_modules");
    for (const entry of readdirSync(sourceModules)) {
      if (entry === PACKAGE_NAME) continue;
      symlinkSync(path.join(sourceModules, entry), path.join(nodeModules, entry));
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}
