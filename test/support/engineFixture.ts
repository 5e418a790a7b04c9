/**
 * One sandbox, one real dynamic-provider host configured against it, and the providers
 * serialized exactly as `pulumi.dynamic.Resource` serializes them. Engine-path suites share this.
 */
import { startSandbox, Sandbox, SandboxOptions } from "../../sandbox";
import { providerShim, type ResourceKind } from "../../provider/resources/providerShim";
import { HostResource } from "./hostResource";
import { ProviderHost, serializeProvider } from "./providerHost";

export type { ResourceKind } from "../../provider/resources/providerShim";

/** A key distinctive enough to search for in everything the tests can see. */
export const TEST_API_KEY = "spk-test-4f1c9a77d2e8b3a0c6d5e4f3a2b1c0d9e8f7a6b5";

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  "TrackingDomain",
  "TrackingDomainVerification",
  "DefaultTrackingDomain",
  "SendingDomainLink",
  "TrackingDomainCertificate",
];

/** The `__provider` text of each kind, as the resources store it in state. */
export async function serializedProviders(): Promise<Record<ResourceKind, string>> {
  const texts = await Promise.all(
    RESOURCE_KINDS.map(async (kind) => [kind, await serializeProvider(providerShim(kind))]),
  );
  return Object.fromEntries(texts) as Record<ResourceKind, string>;
}

export interface EngineFixture {
  sandbox: Sandbox;
  host: ProviderHost;
  serialized: Record<ResourceKind, string>;
  /** A fresh resource as the engine would track it, named `name`. */
  resource(kind: ResourceKind, name: string): HostResource;
  /** Requests the sandbox logged since the last `clearLog()`, as "METHOD /path status" lines. */
  requestLines(): string[];
  close(): Promise<void>;
}

export async function startEngineFixture(
  options: { sandbox?: SandboxOptions; env?: Record<string, string | undefined> } = {},
): Promise<EngineFixture> {
  const sandbox = await startSandbox({ apiKey: TEST_API_KEY, ...options.sandbox });
  const host = await ProviderHost.start({
    // Fast polling so waits take milliseconds; no key in the environment: config is the only way.
    SPARKPOST_VERIFY_POLL_MS: "50",
    SPARKPOST_API_KEY: undefined,
    SPARKPOST_API_URL: undefined,
    SPARKPOST_REGION: undefined,
    ...options.env,
  });
  await host.configure({ "sparkpost:apiKey": TEST_API_KEY, "sparkpost:apiUrl": sandbox.apiUrl });
  const serialized = await serializedProviders();
  return {
    sandbox,
    host,
    serialized,
    resource: (kind, name) => new HostResource(host, serialized[kind], kind, name),
    requestLines: () =>
      sandbox.requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
    close: async () => {
      await host.close();
      await sandbox.close();
    },
  };
}
