/**
 * Runs a Pulumi program file under `pulumi.runtime.setMocks`, the way the nodejs language host
 * runs it (inside a Stack, exports as stack outputs), and records what it registered.
 *
 * Config: `@pulumi/pulumi` 3.270 reads the PULUMI_CONFIG environment variable once, when its
 * global store is first created, and keeps it there; setting the variable later has no effect.
 * `pulumi.runtime.setAllConfig` replaces the stored copy, which is what a run in the same jest
 * file needs. Keys are fully qualified ("<project>:<key>", "sparkpost:region"), as in stack files.
 */
import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered, as the mocks saw it. */
export interface RegisteredResource {
  type: string;
  name: string;
  /** The inputs, without the dynamic provider's serialized code (`__provider`). */
  inputs: Record<string, unknown>;
}

/** One data-source call (`getZone`...). */
export interface Invocation {
  token: string;
  inputs: Record<string, unknown>;
}

export interface ProgramRun {
  /** Every resource but the stack itself, in registration order. */
  resources: RegisteredResource[];
  /** Every URN but the stack's, sorted: the parent chain of each resource is in its type part. */
  urns: string[];
  invocations: Invocation[];
  /** Names of the resources registered with `protect`, sorted. */
  protectedNames: string[];
  /**
   * Names of the resources registered with `retainOnDelete` themselves, sorted. Children inherit
   * it in the engine, which mocks do not run, so here only what the program set shows.
   */
  retainedNames: string[];
  /** The stack outputs: the program's exports, resolved. */
  outputs: Record<string, unknown>;
}

export interface ProgramOptions {
  /** Absolute path of the program's entry file. */
  programPath: string;
  /** The `name` of its Pulumi.yaml: the namespace of its own config keys. */
  project: string;
  /** Stack configuration by fully qualified key; objects are passed as JSON, like the CLI does. */
  config: Record<string, unknown>;
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
    case `${DYNAMIC}:TrackingDomainCertificate`:
      return {
        ...inputs,
        tlsStatus: "valid",
        secure: true,
        issuedAt: "2026-01-01T00:00:00.000Z",
        expiresAt: "2026-04-01T00:00:00.000Z",
      };
    case "aws:acm/certificate:Certificate":
      return {
        ...inputs,
        arn: `arn:acm:${String(inputs.domainName)}`,
        domainValidationOptions: [
          {
            domainName: inputs.domainName,
            resourceRecordName: `_acm.${String(inputs.domainName)}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: "_token.acm-validations.aws.",
          },
        ],
      };
    case "aws:acm/certificateValidation:CertificateValidation":
      return { ...inputs, certificateArn: inputs.certificateArn };
    case "aws:route53/record:Record":
      return { ...inputs, fqdn: String(inputs.name).replace(/\.$/, "") };
    case "aws:cloudfront/distribution:Distribution":
      return {
        ...inputs,
        domainName: "d111111abcdef8.cloudfront.net",
        hostedZoneId: "Z2FDTNDATAQYW2",
      };
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
  if (token === "cloudflare:index/getZoneSetting:getZoneSetting") {
    return { ...inputs, id: inputs.settingId, value: "full" };
  }
  throw new Error(`unexpected invoke ${token}`);
}

function withoutProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== "__provider"));
}

/**
 * Runs `options.programPath` with fresh modules (so module-level state such as the component's
 * default claims starts empty) and waits until every registration has finished.
 * Rejects with the program's own error when it throws.
 */
export async function runMockedProgram(options: ProgramOptions): Promise<ProgramRun> {
  const resources: RegisteredResource[] = [];
  const invocations: Invocation[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type !== STACK_TYPE) {
          const inputs = withoutProvider(args.inputs as Record<string, unknown>);
          resources.push({ type: args.type, name: args.name, inputs });
        }
        const state = outputsFor(args.type, args.inputs as Record<string, unknown>);
        return { id: args.custom ? `${args.name}-id` : undefined, state };
      },
      call(args) {
        invocations.push({ token: args.token, inputs: args.inputs as Record<string, unknown> });
        return zoneFor(args.token, args.inputs as Record<string, unknown>);
      },
    },
    options.project,
    "test",
    false,
  );
  const { protectedNames, retainedNames } = recordResourceOptions();
  pulumi.runtime.setAllConfig(
    Object.fromEntries(
      Object.entries(options.config).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    ),
  );
  let programError: unknown;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    // Fresh modules, so the program runs again and module state starts empty. Not
    // jest.isolateModules: modules loaded in its registry are missing from `require.cache`, where
    // the SDK looks up packages (undici...) to serialize a dynamic provider as `require(...)`;
    // it would then try to serialize them by value, and fail.
    jest.resetModules();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require(options.programPath) as unknown;
    } catch (error) {
      // Rethrown below: thrown from here, it would escape as an unhandled rejection.
      programError = error;
      return {};
    }
  });
  // Resources no output depends on (links, defaults) may still be registering.
  await pulumi.runtime.disconnect();
  // What the program threw: a StackConfigError, an InputPropertyError...
  if (programError !== undefined) throw programError as Error;
  return {
    resources,
    urns: registeredUrns(),
    invocations,
    protectedNames: protectedNames.sort(),
    retainedNames: retainedNames.sort(),
    outputs: outputs ?? {},
  };
}

/** What the tests read of a registration request (a protobuf message of the SDK). */
interface RegisterRequest {
  getName(): string;
  getProtect(): boolean;
  getRetainondelete(): boolean;
}

/**
 * `newResource` does not see resource options, so this wraps the mock monitor's
 * `registerResource` (an SDK object) to read `protect` and `retainOnDelete` from the request the
 * engine would get.
 */
function recordResourceOptions(): { protectedNames: string[]; retainedNames: string[] } {
  const names: string[] = [];
  const retainedNames: string[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(request: RegisterRequest, callback: unknown): Promise<void>;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    if (request.getProtect()) names.push(request.getName());
    if (request.getRetainondelete()) retainedNames.push(request.getName());
    return register(request, callback);
  };
  return { protectedNames: names, retainedNames };
}

function registeredUrns(): string[] {
  // Under mocks the monitor is the SDK's MockMonitor, which keeps every URN it handed out.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    getRegisteredResources(): Map<string, unknown>;
  };
  return [...monitor.getRegisteredResources().keys()]
    .filter((urn) => !urn.includes(`::${STACK_TYPE}::`))
    .sort();
}

/** The resource named `name`; fails the test when there is none or more than one. */
export function resourceNamed(run: ProgramRun, name: string): RegisteredResource {
  const matches = run.resources.filter((resource) => resource.name === name);
  if (matches.length !== 1) {
    throw new Error(`expected one resource named ${name}, found ${matches.length}`);
  }
  return matches[0];
}

/** "type::name" of every resource, sorted: the exact graph in one comparable list. */
export function typesAndNames(run: ProgramRun): string[] {
  return run.resources.map((resource) => `${resource.type}::${resource.name}`).sort();
}
