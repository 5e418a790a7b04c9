/**
 * The package's version, read from its package.json at run time. The file is found by walking up
 * from this module's folder rather than by a fixed relative path: the same code runs from source
 * (`sandbox/`, one level below package.json) and compiled (`bin/sandbox/`, two levels below), in
 * this repository or installed under node_modules. Importing package.json instead would make the
 * compiler copy it into bin/ and shift the output folders.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The name in the package.json being looked for, so a parent project's file is never taken. */
export const PACKAGE_NAME = "pulumi-sparkpost-tracking";

/** The version of the nearest package.json named {@link PACKAGE_NAME} at or above `directory`. */
export function packageVersion(directory: string = __dirname): string {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    const manifest = readManifest(path.join(current, "package.json"));
    if (manifest?.name === PACKAGE_NAME && typeof manifest.version === "string")
      return manifest.version;
    if (path.dirname(current) === current) {
      throw new Error(
        `No package.json of ${PACKAGE_NAME} found at or above ${directory}: ` +
          "run the sandbox from the package (source or installed), not from a copied file.",
      );
    }
  }
}

function readManifest(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
  } catch {
    // Missing or unreadable: keep walking up.
    return undefined;
  }
}
