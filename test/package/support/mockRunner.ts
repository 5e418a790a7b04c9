/**
 * Child process of the package tests: runs a compiled Pulumi program of a user's project under
 * `pulumi.runtime.setMocks`, the way the nodejs language host runs it (inside a Stack, exports as
 * stack outputs), and prints what it registered as one JSON line.
 *
 *   cd <project> && PULUMI_CONFIG='{"proj:key":"value"}' \
 *     node test/package/support/mockRunner.ts <program.js> <project name>
 *
 * Plain Node runs this file (stripping its types) with the project as its working directory.
 * Everything it loads, `@pulumi/pulumi` and the program alike, comes from the project's own
 * `node_modules` through `projectRequire`; it imports nothing but Node's built-in modules, so
 * nothing of this repository reaches the program. Config comes from the PULUMI_CONFIG variable,
 * which every SDK version reads when its config store is first created.
 */
import { createRequire } from "node:module";
import * as path from "node:path";

/** One resource registration as the mocks saw it. */
export interface MockedResource {
  type: string;
  name: string;
  /** The inputs, without a dynamic resource's serialized provider. */
  inputs: Record<string, unknown>;
  /** A dynamic resource's `__provider` text, as it would be stored in state. */
  serializedProvider?: string;
}

export interface MockedRun {
  /** The `@pulumi/pulumi` version the project resolved. */
  sdkVersion: string;
  /** Every resource but the stack, in registration order. */
  resources: MockedResource[];
  invocations: { token: string; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
  /** What the program threw, if it threw. */
  error?: { name: string; message: string; propertyPath?: string };
}

const STACK_TYPE = "pulumi:pulumi:Stack";
const DYNAMIC = "pulumi-nodejs:dynamic/sparkpost";

/** What the mocked providers answer: inputs, plus the outputs a successful `up` would return. */
function outputsFor(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case `${DYNAMIC}:TrackingDomain`:
      return {
        ...inputs,
        port: inputs.secure === true ? 443 : 80,
        isDefault: false,
        status: { verified: false, cnameStatus: "pending", complianceStatus: "pending" },
      };
    case `${DYNAMIC}:TrackingDomainVerification`:
      return { ...inputs, verified: true, cnameStatus: "valid", complianceStatus: "valid" };
    default:
      return inputs;
  }
}

/** Zone lookups answer with an id derived from the name asked for. */
function zoneFor(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (token === "aws:route53/getZone:getZone") {
    return { zoneId: `route53-zone-${String(inputs.name)}`, name: inputs.name };
  }
  if (token === "cloudflare:index/getZone:getZone") {
    const name = (inputs.filter as { name?: unknown } | undefined)?.name;
    return { id: `cloudflare-zone-${String(name)}`, zoneId: `cloudflare-zone-${String(name)}` };
  }
  throw new Error(`unexpected invoke ${token}`);
}

async function main(): Promise<void> {
  const [programPath, projectName] = process.argv.slice(2);
  const projectRequire = createRequire(path.join(process.cwd(), "index.js"));
  const pulumi = projectRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
  const sdkVersion = (projectRequire("@pulumi/pulumi/package.json") as { version: string }).version;

  const resources: MockedResource[] = [];
  const invocations: MockedRun["invocations"] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { __provider, ...inputs } = args.inputs as Record<string, unknown>;
        if (args.type !== STACK_TYPE) {
          const resource: MockedResource = { type: args.type, name: args.name, inputs };
          if (typeof __provider === "string") resource.serializedProvider = __provider;
          resources.push(resource);
        }
        const state = outputsFor(args.type, args.inputs as Record<string, unknown>);
        return { id: args.custom ? `${args.name}-id` : undefined, state };
      },
      call(args) {
        invocations.push({ token: args.token, inputs: args.inputs as Record<string, unknown> });
        return zoneFor(args.token, args.inputs as Record<string, unknown>);
      },
    },
    projectName,
    "test",
    false,
  );

  let programError: unknown;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    try {
      return projectRequire(path.resolve(programPath)) as Record<string, unknown>;
    } catch (error) {
      programError = error;
      return {};
    }
  });
  // Resources no output depends on (links, defaults) may still be registering.
  await pulumi.runtime.disconnect();

  const run: MockedRun = { sdkVersion, resources, invocations, outputs: outputs ?? {} };
  if (programError !== undefined) {
    const { name, message, propertyPath } = programError as Error & { propertyPath?: string };
    run.error = { name, message, ...(propertyPath === undefined ? {} : { propertyPath }) };
  }
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
