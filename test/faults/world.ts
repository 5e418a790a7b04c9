/**
 * The resources a fault scenario stands on, built through the provider host without faults, and
 * the check that closes every scenario: what the sandbox holds and what the resources' states say
 * agree exactly, so nothing is orphaned, duplicated or lost.
 */
import type { TrackingDomainObject } from "../../sandbox";
import type { EngineFixture } from "../support/engineFixture";
import { TEST_API_KEY } from "../support/engineFixture";
import type { HostResource } from "../support/hostResource";
import type { Props } from "../support/providerHost";
import type { Operation } from "./operationTypes";

export const DOMAIN = "track.example.com";
export const OTHER_DOMAIN = "links.example.com";
export const SENDING_DOMAIN = "mail.example.com";

/** The fixtures of the fault suites: short request timeouts, instant verification, one sending domain. */
export const FAULT_FIXTURE_OPTIONS = {
  env: { SPARKPOST_REQUEST_TIMEOUT_MS: "500" },
  sandbox: { verifyAfterSeconds: 0, sendingDomains: [{ domain: SENDING_DOMAIN }] },
};

/** Verification without a DNS preflight: the sandbox verifies at the first verify call. */
export function verificationArgs(domain: string): Props {
  return { domain, preflight: "off", timeoutSeconds: 30 };
}

/** Every resource a scenario made, by kind. */
export interface World {
  fixture: EngineFixture;
  domains: HostResource[];
  verifications: HostResource[];
  defaultDomain?: HostResource;
  link?: HostResource;
}

export function emptyWorld(fixture: EngineFixture): World {
  return { fixture, domains: [], verifications: [] };
}

/** A TrackingDomain, and when `verified` its TrackingDomainVerification too. */
export async function addTrackingDomain(
  world: World,
  domain: string,
  options: { verified: boolean },
): Promise<HostResource> {
  const resource = world.fixture.resource("TrackingDomain", `domain-${domain}`);
  await resource.create({ domain });
  world.domains.push(resource);
  if (options.verified) {
    const verification = world.fixture.resource("TrackingDomainVerification", `verify-${domain}`);
    await verification.create(verificationArgs(domain));
    world.verifications.push(verification);
  }
  return resource;
}

/** The outputs without the stored provider. */
export function outputsOf(resource: HostResource): Props | undefined {
  if (!resource.state) return undefined;
  const { __provider: _provider, ...outputs } = resource.state.outputs;
  return outputs;
}

/** The outputs a TrackingDomain must hold for what the sandbox has. */
export function trackingDomainOutputs(object: TrackingDomainObject): Props {
  return {
    domain: object.domain,
    secure: object.secure,
    adopt: false,
    port: object.port,
    isDefault: object.default,
    status: {
      verified: object.status.verified,
      cnameStatus: object.status.cname_status,
      complianceStatus: object.status.compliance_status,
    },
  };
}

/** Every tracking domain the account holds, as `GET /tracking-domains` lists it. */
async function listTrackingDomains(world: World): Promise<TrackingDomainObject[]> {
  const response = await fetch(`${world.fixture.sandbox.apiUrl}/tracking-domains`, {
    headers: { Authorization: TEST_API_KEY },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { results: TrackingDomainObject[] };
  return body.results;
}

/**
 * The sandbox and the states agree: exactly the domains in state exist (no orphan, no
 * duplicate), each with the secure and port its state says; every verification in state is
 * verified; the default is exactly the one in state (or none); the sending domain links exactly
 * the tracking domain in state (or none). A TrackingDomain's `isDefault` and `status` are what it
 * saw at its last create, update or refresh, so other resources may have moved them since; the
 * operations on a TrackingDomain compare those too.
 */
export async function expectAgreement(world: World): Promise<void> {
  const { sandbox } = world.fixture;
  const listed = await listTrackingDomains(world);
  const inState = world.domains.filter((resource) => resource.state !== undefined);
  expect(listed.map((object) => object.domain).sort()).toEqual(
    inState.map((resource) => resource.state!.id).sort(),
  );
  for (const resource of inState) {
    const live = sandbox.trackingDomain(resource.state!.id)!;
    const outputs = outputsOf(resource)!;
    expect({ domain: outputs.domain, secure: outputs.secure, port: outputs.port }).toEqual({
      domain: live.domain,
      secure: live.secure,
      port: live.port,
    });
  }
  for (const verification of world.verifications.filter((resource) => resource.state)) {
    expect(outputsOf(verification)!.verified).toBe(true);
    expect(sandbox.trackingDomain(verification.state!.id)?.status.verified).toBe(true);
  }
  const defaultInState = world.defaultDomain?.state?.outputs.domain;
  expect(listed.filter((object) => object.default).map((object) => object.domain)).toEqual(
    defaultInState === undefined ? [] : [defaultInState],
  );
  expect(sandbox.sendingDomain(SENDING_DOMAIN)?.trackingDomain).toBe(
    world.link?.state?.outputs.trackingDomain,
  );
}

/** The operation's requests as "METHOD status fault", and any that went to an unexpected path. */
export function requestsSent(
  fixture: EngineFixture,
  operation: Operation,
): { lines: string[]; strayPaths: string[] } {
  const entries = fixture.sandbox.requests;
  return {
    lines: entries.map((entry) =>
      [entry.method, entry.status, entry.fault].filter((part) => part !== undefined).join(" "),
    ),
    strayPaths: entries
      .filter((entry) => operation.paths[entry.method as "GET"] !== entry.path)
      .map((entry) => `${entry.method} ${entry.path}`),
  };
}
