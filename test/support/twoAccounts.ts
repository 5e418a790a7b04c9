/**
 * Two SparkPost accounts behind one real dynamic-provider host, as a stack with a named account
 * has them: the unnamed connection (`sparkpost:apiKey`, `sparkpost:apiUrl`) on a sandbox playing
 * the US region, and the account "eu" (`sparkpost:accounts`, region "eu" with the sandbox's
 * apiUrl, since the sandbox cannot be api.eu.sparkpost.com) on a sandbox playing the EU region.
 * Each sandbox has its own key and verifies a domain only when its CNAME, at the DNS server both
 * share, points at its own region's targets.
 */
import { startSandbox, type Sandbox, type SendingDomainSeed } from "../../sandbox";
import { serializedProviders, type ResourceKind } from "./engineFixture";
import { DnsTestServer, startDnsServer } from "./dnsServer";
import { HostResource } from "./hostResource";
import { ProviderHost } from "./providerHost";

/** The US sandbox's key: the unnamed connection's. */
export const US_API_KEY = "spk-us-test-5e2d9c8b7a6f4e3d2c1b0a9f8e7d6c5b4a3f2e1d";
/** The EU sandbox's key: account "eu"'s. */
export const EU_API_KEY = "spk-eu-test-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b";

/** CNAME targets each region's SparkPost verifies: its v2 endpoint and its legacy one. */
export const US_TARGETS = ["v2.spgo.io", "spgo.io"];
export const EU_TARGETS = ["eu.v2.spgo.io", "eu.spgo.io"];

/** Environment the hosts start with: no connection settings but those the test gives. */
const CLEAN_ENVIRONMENT: Record<string, string | undefined> = {
  SPARKPOST_VERIFY_POLL_MS: "50",
  SPARKPOST_API_KEY: undefined,
  SPARKPOST_API_URL: undefined,
  SPARKPOST_REGION: undefined,
  SPARKPOST_EU_API_KEY: undefined,
  SPARKPOST_EU_API_URL: undefined,
  SPARKPOST_EU_REGION: undefined,
};

export interface TwoAccountsFixture {
  us: Sandbox;
  eu: Sandbox;
  dns: DnsTestServer;
  host: ProviderHost;
  serialized: Record<ResourceKind, string>;
  /** The stack config `configure` got: the unnamed connection and `sparkpost:accounts`. */
  config: Record<string, string>;
  /** A fresh resource of `host`, as the engine would track it. */
  resource(kind: ResourceKind, name: string): HostResource;
  /** Another host, configured with `config` and started with `env` (both over the defaults). */
  startHost(
    config: Record<string, string>,
    env?: Record<string, string | undefined>,
  ): Promise<ProviderHost>;
  /** "METHOD /path status" of each sandbox's requests since its last `clearLog()`. */
  requestLines(sandbox: Sandbox): string[];
  close(): Promise<void>;
}

export async function startTwoAccounts(
  seeds: { us?: SendingDomainSeed[]; eu?: SendingDomainSeed[] } = {},
): Promise<TwoAccountsFixture> {
  const dns = await startDnsServer();
  const us = await startSandbox({
    apiKey: US_API_KEY,
    dnsServers: [dns.address],
    acceptedTargets: US_TARGETS,
    sendingDomains: seeds.us,
  });
  const eu = await startSandbox({
    apiKey: EU_API_KEY,
    dnsServers: [dns.address],
    acceptedTargets: EU_TARGETS,
    sendingDomains: seeds.eu,
  });
  const config = {
    "sparkpost:apiKey": US_API_KEY,
    "sparkpost:apiUrl": us.apiUrl,
    // As the engine hands it to the host: one JSON text, the key decrypted in it.
    "sparkpost:accounts": JSON.stringify({
      eu: { apiKey: EU_API_KEY, region: "eu", apiUrl: eu.apiUrl },
    }),
  };
  const hosts: ProviderHost[] = [];
  const startHost = async (
    hostConfig: Record<string, string>,
    env: Record<string, string | undefined> = {},
  ) => {
    const started = await ProviderHost.start({ ...CLEAN_ENVIRONMENT, ...env });
    hosts.push(started);
    await started.configure(hostConfig);
    return started;
  };
  const host = await startHost(config);
  const serialized = await serializedProviders();
  return {
    us,
    eu,
    dns,
    host,
    serialized,
    config,
    resource: (kind, name) => new HostResource(host, serialized[kind], kind, name),
    startHost,
    requestLines: (sandbox) =>
      sandbox.requests.map((entry) => `${entry.method} ${entry.path} ${entry.status}`),
    close: async () => {
      for (const started of hosts) await started.close();
      await us.close();
      await eu.close();
      await dns.close();
    },
  };
}
