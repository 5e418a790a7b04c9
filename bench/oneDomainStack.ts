/**
 * One tracking domain with the default flag and two sending-domain links, driven through the real
 * dynamic-provider host the way the engine drives the component's resources (`CustomTrackingDomain`
 * declares the same five): create, a no-op `up`, `refresh`, an update (`secure` false to true,
 * which also replaces the verification through its triggers), then destroy in reverse order. The
 * sandbox verifies through a DNS server on loopback that already holds the CNAME.
 */
import { startDnsServer, type DnsTestServer } from "../test/support/dnsServer";
import { startEngineFixture, type EngineFixture } from "../test/support/engineFixture";
import type { HostResource, ResourceState } from "../test/support/hostResource";

export const DOMAIN = "track.example.com";
export const SENDING_DOMAINS = ["mail.example.com", "news.example.com"];

/** The operations measured, in the order they run. */
export const OPERATIONS = ["create", "no-op up", "refresh", "update", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One resource of the stack, its arguments, and how `update` changes them. */
interface StackResource {
  resource: HostResource;
  args: () => Record<string, unknown>;
}

export interface StackRun {
  /** "METHOD /path status" of every SparkPost request, per operation. */
  requests: Record<Operation, string[]>;
  /** Each resource's state after create, as the engine would store it. */
  states: { kind: string; urn: string; state: ResourceState }[];
}

export async function runOneDomainStack(): Promise<StackRun> {
  const dns: DnsTestServer = await startDnsServer();
  dns.setCname(DOMAIN, "v2.spgo.io");
  const fixture: EngineFixture = await startEngineFixture({
    sandbox: {
      dnsServers: [dns.address],
      sendingDomains: SENDING_DOMAINS.map((domain) => ({ domain })),
    },
  });
  try {
    return await drive(fixture, dns);
  } finally {
    await fixture.close();
    await dns.close();
  }
}

async function drive(fixture: EngineFixture, dns: DnsTestServer): Promise<StackRun> {
  let secure = false;
  const trackingDomain: StackResource = {
    resource: fixture.resource("TrackingDomain", "track"),
    args: () => ({ domain: DOMAIN, secure }),
  };
  const verification: StackResource = {
    resource: fixture.resource("TrackingDomainVerification", "track-verification"),
    args: () => ({
      domain: DOMAIN,
      expectedTarget: "v2.spgo.io",
      nameservers: [dns.address],
      triggers: secure ? ["v2.spgo.io", "https"] : ["v2.spgo.io"],
    }),
  };
  const defaultFlag: StackResource = {
    resource: fixture.resource("DefaultTrackingDomain", "track-default"),
    args: () => ({ domain: DOMAIN }),
  };
  const links: StackResource[] = SENDING_DOMAINS.map((sendingDomain) => ({
    resource: fixture.resource("SendingDomainLink", `track-link-${sendingDomain}`),
    args: () => ({ sendingDomain, trackingDomain: DOMAIN }),
  }));
  const all = [trackingDomain, verification, defaultFlag, ...links];

  const requests = {} as Record<Operation, string[]>;
  const measure = async (operation: Operation, work: () => Promise<void>) => {
    fixture.sandbox.clearLog();
    await work();
    requests[operation] = fixture.requestLines();
  };

  await measure("create", async () => {
    for (const { resource, args } of all) await resource.create(args());
  });
  const states = all.map(({ resource }) => ({
    kind: resource.urn.split("sparkpost:")[1].split("::")[0],
    urn: resource.urn,
    state: resource.state!,
  }));
  await measure("no-op up", async () => {
    for (const { resource, args } of all) await resource.same(args());
  });
  await measure("refresh", async () => {
    for (const { resource } of all) await resource.refresh();
  });
  await measure("update", async () => {
    secure = true;
    for (const { resource, args } of all) {
      const step = await resource.preview(args());
      if (step === "create") throw new Error(`${resource.urn} is missing`);
      if (step.replaces.length > 0) await resource.replace(args());
      else if (step.changes === "some") await resource.update(args());
      else await resource.same(args());
    }
  });
  await measure("destroy", async () => {
    for (const { resource } of [...all].reverse()) await resource.destroy();
  });
  return { requests, states };
}
