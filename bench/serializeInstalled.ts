/**
 * Child process of `bench/providerSize.ts`: run by plain Node (which strips the types) with the
 * installed project as its working directory, it loads `@pulumi/pulumi` and the providers from
 * that project's `node_modules`, as a user's program would, and prints the serialized size of each as JSON.
 *
 *   node bench/serializeInstalled.ts '[{"kind":"TrackingDomain","module":"...","exportName":"..."}]'
 */
import { createRequire } from "node:module";
import * as path from "node:path";

/** One provider to measure: the module (a package path) and the name it is exported under. */
interface ProviderExport {
  kind: string;
  module: string;
  exportName: string;
}

// Resolve from the project directory, not from this file: the serializer writes a module it finds
// under node_modules as `require(...)`, and everything else by value.
const projectRequire = createRequire(path.join(process.cwd(), "index.js"));
const pulumi = projectRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");

async function main(): Promise<void> {
  const exports = JSON.parse(process.argv[2]) as ProviderExport[];
  const sizes: Record<string, { textBytes: number; stateBytes: number }> = {};
  for (const { kind, module, exportName } of exports) {
    const provider = (projectRequire(module) as Record<string, object>)[exportName];
    const { text } = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    // The same two figures as `measure` in providerSize.ts.
    sizes[kind] = {
      textBytes: Buffer.byteLength(text),
      stateBytes: Buffer.byteLength(JSON.stringify(text)),
    };
  }
  process.stdout.write(JSON.stringify(sizes));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
