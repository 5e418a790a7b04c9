/**
 * A Pulumi program under `pulumi.runtime.setMocks` that records what the engine would receive:
 * every resource registration (type, name, inputs, parent, dependencies, provider, protect) and
 * every invoke. `setMocks`' `newResource` hook does not see parents or dependencies, so the
 * recorder also wraps the mock monitor's `registerResource` (an SDK object, not ours) and reads
 * them from the registration request itself: exactly what the real engine would be sent.
 */
import * as pulumi from "@pulumi/pulumi";
import type { CustomTrackingDomain } from "../../provider/component";
import { resetDefaultClaims } from "../../provider/component/defaultClaims";

export interface RecordedResource {
  type: string;
  name: string;
  /** The inputs as sent, without a dynamic resource's serialized `__provider`. */
  inputs: Record<string, unknown>;
  /** The parent's name, or "" at the top of the program. */
  parent: string;
  /** Names of every resource this one waits for (dependsOn and inputs' sources), sorted. */
  dependencies: string[];
  /** The provider reference ("<urn>::<id>"), or "" for the default provider. */
  provider: string;
  protect: boolean;
}

export interface RecordedInvoke {
  token: string;
  inputs: Record<string, unknown>;
  provider: string;
}

export interface MockProgram {
  resources: RecordedResource[];
  invokes: RecordedInvoke[];
  /** The recorded resource called `name`; throws if there is none. */
  resource(name: string): RecordedResource;
}

export interface MockProgramOptions {
  /** Run as `pulumi preview`: resources get no outputs, as when they are about to be created. */
  preview?: boolean;
  /** Stack config, e.g. `{ "sparkpost:region": "eu" }`. */
  config?: Record<string, string>;
}

/** Zone ids the mocked lookups answer with, derived from the name so tests can predict them. */
export const route53ZoneId = (zoneName: string) => `Z-${zoneName}`;
export const cloudflareZoneId = (zoneName: string) => `cf-${zoneName}`;

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getProvider(): string;
  getProtect(): boolean;
}

const nameOfUrn = (urn: string) => (urn === "" ? "" : urn.slice(urn.lastIndexOf("::") + 2));

/** What mocked resources report back after `up`: their inputs, a verified domain, a zone id. */
function outputsOf(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type.endsWith(":TrackingDomainVerification")) return { ...inputs, verified: true };
  if (type === "aws:route53/zone:Zone") {
    return { ...inputs, zoneId: route53ZoneId(inputs.name as string) };
  }
  return { ...inputs, ...AWS_OUTPUTS[type]?.(inputs) };
}

/** The computed outputs of the AWS resources HTTPS through CloudFront declares, predictably named. */
const AWS_OUTPUTS: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
  "aws:acm/certificate:Certificate": (inputs) => ({
    arn: `arn:acm:${String(inputs.domainName)}`,
    domainValidationOptions: [
      {
        domainName: inputs.domainName,
        resourceRecordName: `_acm.${String(inputs.domainName)}.`,
        resourceRecordType: "CNAME",
        resourceRecordValue: "_token.acm-validations.aws.",
      },
    ],
  }),
  "aws:acm/certificateValidation:CertificateValidation": (inputs) => ({
    certificateArn: inputs.certificateArn,
  }),
  "aws:route53/record:Record": (inputs) => ({ fqdn: String(inputs.name).replace(/\.$/, "") }),
  "aws:cloudfront/distribution:Distribution": () => ({
    domainName: "d111111abcdef8.cloudfront.net",
    hostedZoneId: "Z2FDTNDATAQYW2",
  }),
};

/** The `ssl` setting the mocked Cloudflare zones report, unless a test says otherwise. */
export let cloudflareSslMode = "full";
export function setCloudflareSslMode(mode: string): void {
  cloudflareSslMode = mode;
}

/** The arguments of the two zone lookups: Route53 by `name`, Cloudflare by `filter.name`. */
interface ZoneQuery {
  name?: string;
  filter?: { name: string };
  zoneId?: string;
  settingId?: string;
}

function zoneLookup(token: string, inputs: ZoneQuery): Record<string, unknown> {
  if (token === "aws:route53/getZone:getZone") {
    return { zoneId: route53ZoneId(inputs.name!), name: inputs.name };
  }
  if (token === "cloudflare:index/getZone:getZone") {
    return { zoneId: cloudflareZoneId(inputs.filter!.name), name: inputs.filter!.name };
  }
  if (token === "cloudflare:index/getZoneSetting:getZoneSetting") {
    return { ...inputs, id: "ssl", value: cloudflareSslMode };
  }
  throw new Error(`unexpected invoke ${token}`);
}

/** A dynamic resource's inputs carry its provider as code: long, and not what these tests check. */
function withoutSerializedProvider(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== "__provider"));
}

/** Starts a fresh mocked program (config, mocks, default-claim registry) and its recorder. */
export async function mockProgram(options: MockProgramOptions = {}): Promise<MockProgram> {
  pulumi.runtime.setAllConfig(options.config ?? {});
  resetDefaultClaims();
  setCloudflareSslMode("full");
  const resources: RecordedResource[] = [];
  const invokes: RecordedInvoke[] = [];
  const registrations = new Map<string, Omit<RecordedResource, "inputs">>();

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const inputs = withoutSerializedProvider(args.inputs);
        const registration = registrations.get(args.name);
        if (!registration) throw new Error(`no registration request seen for ${args.name}`);
        resources.push({ ...registration, inputs });
        const state = options.preview ? {} : outputsOf(args.type, args.inputs);
        return { id: `${args.name}-id`, state };
      },
      call(args) {
        invokes.push({ token: args.token, inputs: args.inputs, provider: args.provider ?? "" });
        return zoneLookup(args.token, args.inputs);
      },
    },
    "project",
    "stack",
    options.preview ?? false,
  );

  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(request: RegisterRequest, callback: unknown): Promise<void>;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    registrations.set(request.getName(), {
      type: request.getType(),
      name: request.getName(),
      parent: nameOfUrn(request.getParent()),
      dependencies: request.getDependenciesList().map(nameOfUrn).sort(),
      provider: request.getProvider(),
      protect: request.getProtect(),
    });
    return register(request, callback);
  };

  return {
    resources,
    invokes,
    resource(name) {
      const found = resources.find((resource) => resource.name === name);
      if (!found)
        throw new Error(
          `no resource named ${name}; have ${resources.map((r) => r.name).join(", ")}`,
        );
      return found;
    },
  };
}

/** The value of a known output (such as a URN); never settles for an unknown one. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/**
 * Whether `output` is known, and its value. Reads the Output's `isKnown` and `promise()`, which
 * the SDK keeps internal but its own tests use: `apply` alone cannot observe an unknown value.
 */
export async function knownness<T>(
  output: pulumi.Output<T>,
): Promise<{ known: boolean; value: T }> {
  const internal = output as unknown as { isKnown: Promise<boolean>; promise(): Promise<T> };
  return { known: await internal.isKnown, value: await internal.promise() };
}

/** Waits until every given resource has been registered. */
export async function registered(resources: (pulumi.Resource | undefined)[]): Promise<void> {
  await Promise.all(resources.filter((r) => r !== undefined).map((r) => valueOf(r.urn)));
}

/** Waits until the component and every child it declared have been registered. */
export async function settled(component: CustomTrackingDomain): Promise<void> {
  await registered([
    component,
    component.trackingDomain,
    component.record,
    component.verification,
    component.certificate,
    component.defaultDomain,
    ...component.links,
  ]);
}
