/**
 * What an operation of the fault suite is: the state it needs, the request a fault hits, the
 * requests it makes around that one, and what must hold once it has succeeded; and the helpers the
 * operations share.
 */
import type { HostResource } from "../support/hostResource";
import {
  DOMAIN,
  OTHER_DOMAIN,
  outputsOf,
  SENDING_DOMAIN,
  trackingDomainOutputs,
  type World,
} from "./world";

export type Method = "GET" | "POST" | "PUT" | "DELETE";

/** Which documented answer the target request expects, as the client checks it. */
export type AnswerShape =
  | "created"
  | "trackingDomain"
  | "trackingDomainList"
  | "updated"
  | "verified"
  | "sendingDomain"
  | "noContent";

/** The one request of an operation that a fault hits. */
export interface Target {
  method: Method;
  /** The sandbox matcher's path pattern, relative to /api/v1. */
  path: string;
  /** Its status without faults. */
  ok: number;
  /**
   * How the provider may send it again: `idempotent` within the call; `create` only when it
   * surely did not take effect, after reading back; `verifyWait` as the verification wait does.
   */
  replay: "idempotent" | "create" | "verifyWait";
  answer: AnswerShape;
  /** What the provider says it was doing when this request fails. */
  action: string;
  /** What the provider adds to that message. */
  advice?: string;
}

export interface Operation {
  name: string;
  /** Short column name for the outcome table. */
  column: string;
  target: Target;
  /** The path each method of this operation goes to (each method goes to one path). */
  paths: Partial<Record<Method, string>>;
  /** "METHOD status" lines of the requests before and after the target, without faults. */
  before: string[];
  after: string[];
  /** A garbled answer to the target ends in a partial create, finished by the next up. */
  partialCreate?: boolean;
  /** Builds the state the operation needs; returns the resource it operates on. */
  prepare(world: World): Promise<HostResource>;
  run(subject: HostResource): Promise<void>;
  /** The requests of the same operation run again after a failure (`processed`: the failed one took effect). */
  converge(processed: boolean): string[];
  /** What holds after the operation succeeded, the first time or on the second run. */
  expectDone(subject: HostResource, world: World): void;
}

export const TD_ONE = `/tracking-domains/${DOMAIN}`;
export const TD_OTHER = `/tracking-domains/${OTHER_DOMAIN}`;
export const SD = `/sending-domains/${SENDING_DOMAIN}`;
export const PRIMARY = "the primary account";

export async function refreshed(subject: HostResource): Promise<void> {
  const result = await subject.refresh();
  if (result !== "refreshed") throw new Error(`refresh dropped ${subject.urn} from state`);
}

export function expectTrackingDomainAsSandboxHasIt(subject: HostResource, world: World): void {
  const live = world.fixture.sandbox.trackingDomain(DOMAIN);
  expect(live).toBeDefined();
  expect(outputsOf(subject)).toEqual(trackingDomainOutputs(live!));
}

export const verifiedOutputs = (cnameStatus: string) => ({
  domain: DOMAIN,
  expectedTarget: "v2.spgo.io",
  timeoutSeconds: 30,
  preflight: "off",
  proxied: false,
  verified: true,
  cnameStatus,
  complianceStatus: "valid",
});

export async function withDefault(world: World, domain: string): Promise<HostResource> {
  const flag = world.fixture.resource("DefaultTrackingDomain", "default");
  world.defaultDomain = flag;
  await flag.create({ domain });
  return flag;
}

export async function withLink(world: World, trackingDomain: string): Promise<HostResource> {
  const link = world.fixture.resource("SendingDomainLink", "link");
  world.link = link;
  await link.create({ sendingDomain: SENDING_DOMAIN, trackingDomain });
  return link;
}

export const putTrackingDomain = (action: string): Target => ({
  method: "PUT",
  path: "/tracking-domains/*",
  ok: 200,
  replay: "idempotent",
  answer: "updated",
  action,
});
export const getTrackingDomain = (action: string, advice?: string): Target => ({
  method: "GET",
  path: "/tracking-domains/*",
  ok: 200,
  replay: "idempotent",
  answer: "trackingDomain",
  action,
  advice,
});
export const putSendingDomain = (action: string): Target => ({
  method: "PUT",
  path: "/sending-domains/*",
  ok: 200,
  replay: "idempotent",
  answer: "updated",
  action,
});
