/**
 * Child process of `bench/providerSize.ts`: run by plain Node (which strips the types) with the
 * installed project as its working directory, it loads `@pulumi/pulumi` and the package from that
 * project's `node_modules`, as a user's program would, and prints the serialized provider
 * (`__provider`) of each resource kind as JSON.
 *
 *   node bench/serializeInstalled.ts '["TrackingDomain", ...]'
 */
import { createRequire } from "node:module";
import * as path from "node:path";

// Resolve from the project directory, not from this file: that is where users install the package.
const projectRequire = createRequire(path.join(process.cwd(), "index.js"));
const pulumi = projectRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
// The module is not among the package's exports: load it by its path in the installed package, as
// the package's own resource classes do.
const packageDirectory = path.dirname(
  projectRequire.resolve("pulumi-sparkpost-tracking/package.json"),
);
const { providerShim } = projectRequire(
  path.join(packageDirectory, "bin", "provider", "resources", "providerShim.js"),
) as { providerShim: (kind: string) => object };

async function main(): Promise<void> {
  const kinds = JSON.parse(process.argv[2]) as string[];
  const texts: Record<string, string> = {};
  for (const kind of kinds) {
    const provider = providerShim(kind);
    // As pulumi.dynamic.Resource serializes its provider.
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    texts[kind] = text;
  }
  process.stdout.write(JSON.stringify(texts));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
