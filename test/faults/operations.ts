/**
 * The 14 operations of the four resources, each with the state it needs (built without faults),
 * the request a fault hits, the requests it makes around that one, and what must hold once it has
 * succeeded. `SECOND_REQUESTS` aims the faults at the other request of the operations that make
 * two (a create's read-back, an update's read-back, a delete's look before it unsets).
 */
import type { HostResource } from "../support/hostResource";
import {
  addTrackingDomain,
  DOMAIN,
  OTHER_DOMAIN,
  outputsOf,
  SENDING_DOMAIN,
  trackingDomainOutputs,
  verificationArgs,
  type World,
} from "./world";

type Method = "GET" | "POST" | "PUT" | "DELETE";

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

const TD_ONE = `/tracking-domains/${DOMAIN}`;
const TD_OTHER = `/tracking-domains/${OTHER_DOMAIN}`;
const SD = `/sending-domains/${SENDING_DOMAIN}`;
const PRIMARY = "the primary account";

async function refreshed(subject: HostResource): Promise<void> {
  const result = await subject.refresh();
  if (result !== "refreshed") throw new Error(`refresh dropped ${subject.urn} from state`);
}

function expectTrackingDomainAsSandboxHasIt(subject: HostResource, world: World): void {
  const live = world.fixture.sandbox.trackingDomain(DOMAIN);
  expect(live).toBeDefined();
  expect(outputsOf(subject)).toEqual(trackingDomainOutputs(live!));
}

const verifiedOutputs = (cnameStatus: string) => ({
  domain: DOMAIN,
  expectedTarget: "v2.spgo.io",
  timeoutSeconds: 30,
  preflight: "off",
  proxied: false,
  verified: true,
  cnameStatus,
  complianceStatus: "valid",
});

async function withDefault(world: World, domain: string): Promise<HostResource> {
  const flag = world.fixture.resource("DefaultTrackingDomain", "default");
  world.defaultDomain = flag;
  await flag.create({ domain });
  return flag;
}

async function withLink(world: World, trackingDomain: string): Promise<HostResource> {
  const link = world.fixture.resource("SendingDomainLink", "link");
  world.link = link;
  await link.create({ sendingDomain: SENDING_DOMAIN, trackingDomain });
  return link;
}

const putTrackingDomain = (action: string): Target => ({
  method: "PUT",
  path: "/tracking-domains/*",
  ok: 200,
  replay: "idempotent",
  answer: "updated",
  action,
});
const getTrackingDomain = (action: string, advice?: string): Target => ({
  method: "GET",
  path: "/tracking-domains/*",
  ok: 200,
  replay: "idempotent",
  answer: "trackingDomain",
  action,
  advice,
});
const putSendingDomain = (action: string): Target => ({
  method: "PUT",
  path: "/sending-domains/*",
  ok: 200,
  replay: "idempotent",
  answer: "updated",
  action,
});

const trackingDomainCreate: Operation = {
  name: "TrackingDomain create",
  column: "TD create",
  target: {
    method: "POST",
    path: "/tracking-domains",
    ok: 200,
    replay: "create",
    answer: "created",
    action: `create tracking domain ${DOMAIN} in ${PRIMARY}`,
  },
  paths: { POST: "/tracking-domains", GET: TD_ONE },
  before: [],
  after: ["GET 200"],
  async prepare(world) {
    const subject = world.fixture.resource("TrackingDomain", `domain-${DOMAIN}`);
    world.domains.push(subject);
    return subject;
  },
  run: (subject) => subject.create({ domain: DOMAIN }),
  converge: () => ["POST 200", "GET 200"],
  expectDone(subject, world) {
    expectTrackingDomainAsSandboxHasIt(subject, world);
    expect(outputsOf(subject)).toMatchObject({ secure: false, status: { verified: false } });
  },
};

const trackingDomainRead: Operation = {
  name: "TrackingDomain read (refresh)",
  column: "TD read",
  target: getTrackingDomain(`read tracking domain ${DOMAIN}`),
  paths: { GET: TD_ONE },
  before: [],
  after: [],
  prepare: (world) => addTrackingDomain(world, DOMAIN, { verified: false }),
  run: refreshed,
  converge: () => ["GET 200"],
  expectDone: expectTrackingDomainAsSandboxHasIt,
};

const trackingDomainUpdate: Operation = {
  name: "TrackingDomain update (secure)",
  column: "TD update",
  target: putTrackingDomain(`set secure: true on tracking domain ${DOMAIN}`),
  paths: { PUT: TD_ONE, GET: TD_ONE },
  before: [],
  after: ["GET 200"],
  prepare: (world) => addTrackingDomain(world, DOMAIN, { verified: false }),
  run: (subject) => subject.update({ domain: DOMAIN, secure: true }),
  converge: () => ["PUT 200", "GET 200"],
  expectDone(subject, world) {
    expectTrackingDomainAsSandboxHasIt(subject, world);
    expect(outputsOf(subject)).toMatchObject({ secure: true, port: 443 });
  },
};

const trackingDomainDelete: Operation = {
  name: "TrackingDomain delete",
  column: "TD delete",
  target: {
    method: "DELETE",
    path: "/tracking-domains/*",
    ok: 204,
    replay: "idempotent",
    answer: "noContent",
    action: `delete tracking domain ${DOMAIN}`,
  },
  paths: { DELETE: TD_ONE },
  before: [],
  after: [],
  prepare: (world) => addTrackingDomain(world, DOMAIN, { verified: false }),
  run: (subject) => subject.destroy(),
  converge: (processed) => [processed ? "DELETE 404" : "DELETE 204"],
  expectDone(subject, world) {
    expect(subject.state).toBeUndefined();
    expect(world.fixture.sandbox.trackingDomain(DOMAIN)).toBeUndefined();
  },
};

const verificationCreate: Operation = {
  name: "TrackingDomainVerification create",
  column: "TDV create",
  target: {
    method: "POST",
    path: "/tracking-domains/*/verify",
    ok: 200,
    replay: "verifyWait",
    answer: "verified",
    action: `verify tracking domain ${DOMAIN}`,
  },
  paths: { POST: `${TD_ONE}/verify` },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: false });
    const subject = world.fixture.resource("TrackingDomainVerification", `verify-${DOMAIN}`);
    world.verifications.push(subject);
    return subject;
  },
  run: (subject) => subject.create(verificationArgs(DOMAIN)),
  converge: () => ["POST 200"],
  expectDone(subject, world) {
    expect(outputsOf(subject)).toEqual(verifiedOutputs(""));
    expect(world.fixture.sandbox.trackingDomain(DOMAIN)?.status.verified).toBe(true);
  },
};

const verificationRead: Operation = {
  name: "TrackingDomainVerification read (refresh)",
  column: "TDV read",
  target: getTrackingDomain(`read the verification status of tracking domain ${DOMAIN}`),
  paths: { GET: TD_ONE },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    return world.verifications[0];
  },
  run: refreshed,
  converge: () => ["GET 200"],
  expectDone(subject) {
    expect(outputsOf(subject)).toEqual(verifiedOutputs("valid"));
  },
};

const defaultCreate: Operation = {
  name: "DefaultTrackingDomain create",
  column: "DTD create",
  target: putTrackingDomain(`make ${DOMAIN} the default tracking domain of ${PRIMARY}`),
  paths: { PUT: TD_ONE },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    const subject = world.fixture.resource("DefaultTrackingDomain", "default");
    world.defaultDomain = subject;
    return subject;
  },
  run: (subject) => subject.create({ domain: DOMAIN }),
  converge: () => ["PUT 200"],
  expectDone(subject, world) {
    expect(outputsOf(subject)).toEqual({ domain: DOMAIN });
    expect(world.fixture.sandbox.trackingDomain(DOMAIN)?.default).toBe(true);
  },
};

const defaultRead: Operation = {
  name: "DefaultTrackingDomain read (refresh)",
  column: "DTD read",
  target: {
    method: "GET",
    path: "/tracking-domains",
    ok: 200,
    replay: "idempotent",
    answer: "trackingDomainList",
    action: `list the default tracking domain of ${PRIMARY}`,
  },
  paths: { GET: "/tracking-domains" },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    return withDefault(world, DOMAIN);
  },
  run: refreshed,
  converge: () => ["GET 200"],
  expectDone(subject) {
    expect(outputsOf(subject)).toEqual({ domain: DOMAIN });
  },
};

const defaultUpdate: Operation = {
  name: "DefaultTrackingDomain update (move)",
  column: "DTD update",
  target: putTrackingDomain(`make ${OTHER_DOMAIN} the default tracking domain of ${PRIMARY}`),
  paths: { PUT: TD_OTHER },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    await addTrackingDomain(world, OTHER_DOMAIN, { verified: true });
    return withDefault(world, DOMAIN);
  },
  run: (subject) => subject.update({ domain: OTHER_DOMAIN }),
  converge: () => ["PUT 200"],
  expectDone(subject, world) {
    expect(outputsOf(subject)).toEqual({ domain: OTHER_DOMAIN });
    expect(world.fixture.sandbox.trackingDomain(OTHER_DOMAIN)?.default).toBe(true);
    expect(world.fixture.sandbox.trackingDomain(DOMAIN)?.default).toBe(false);
  },
};

const defaultDelete: Operation = {
  name: "DefaultTrackingDomain delete",
  column: "DTD delete",
  target: putTrackingDomain(`unset ${DOMAIN} as the default tracking domain of ${PRIMARY}`),
  paths: { GET: TD_ONE, PUT: TD_ONE },
  before: ["GET 200"],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    return withDefault(world, DOMAIN);
  },
  run: (subject) => subject.destroy(),
  // The flag already unset, the second run sees it and sends no PUT.
  converge: (processed) => (processed ? ["GET 200"] : ["GET 200", "PUT 200"]),
  expectDone(subject, world) {
    expect(subject.state).toBeUndefined();
    expect(world.fixture.sandbox.trackingDomain(DOMAIN)?.default).toBe(false);
  },
};

const linkCreate: Operation = {
  name: "SendingDomainLink create",
  column: "SDL create",
  target: putSendingDomain(`link sending domain ${SENDING_DOMAIN} to tracking domain ${DOMAIN}`),
  paths: { PUT: SD },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    const subject = world.fixture.resource("SendingDomainLink", "link");
    world.link = subject;
    return subject;
  },
  run: (subject) => subject.create({ sendingDomain: SENDING_DOMAIN, trackingDomain: DOMAIN }),
  converge: () => ["PUT 200"],
  expectDone(subject, world) {
    expect(outputsOf(subject)).toEqual({ sendingDomain: SENDING_DOMAIN, trackingDomain: DOMAIN });
    expect(world.fixture.sandbox.sendingDomain(SENDING_DOMAIN)?.trackingDomain).toBe(DOMAIN);
  },
};

const linkRead: Operation = {
  name: "SendingDomainLink read (refresh)",
  column: "SDL read",
  target: {
    method: "GET",
    path: "/sending-domains/*",
    ok: 200,
    replay: "idempotent",
    answer: "sendingDomain",
    action: `read sending domain ${SENDING_DOMAIN}`,
  },
  paths: { GET: SD },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    return withLink(world, DOMAIN);
  },
  run: refreshed,
  converge: () => ["GET 200"],
  expectDone(subject) {
    expect(outputsOf(subject)).toEqual({ sendingDomain: SENDING_DOMAIN, trackingDomain: DOMAIN });
  },
};

const linkUpdate: Operation = {
  name: "SendingDomainLink update (relink)",
  column: "SDL update",
  target: putSendingDomain(
    `link sending domain ${SENDING_DOMAIN} to tracking domain ${OTHER_DOMAIN}`,
  ),
  paths: { PUT: SD },
  before: [],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    await addTrackingDomain(world, OTHER_DOMAIN, { verified: true });
    return withLink(world, DOMAIN);
  },
  run: (subject) => subject.update({ sendingDomain: SENDING_DOMAIN, trackingDomain: OTHER_DOMAIN }),
  converge: () => ["PUT 200"],
  expectDone(subject, world) {
    expect(outputsOf(subject)).toEqual({
      sendingDomain: SENDING_DOMAIN,
      trackingDomain: OTHER_DOMAIN,
    });
    expect(world.fixture.sandbox.sendingDomain(SENDING_DOMAIN)?.trackingDomain).toBe(OTHER_DOMAIN);
  },
};

const linkDelete: Operation = {
  name: "SendingDomainLink delete",
  column: "SDL delete",
  target: putSendingDomain(
    `unlink sending domain ${SENDING_DOMAIN} from tracking domain ${DOMAIN}`,
  ),
  paths: { GET: SD, PUT: SD },
  before: ["GET 200"],
  after: [],
  async prepare(world) {
    await addTrackingDomain(world, DOMAIN, { verified: true });
    return withLink(world, DOMAIN);
  },
  run: (subject) => subject.destroy(),
  // The link already cleared, the second run sees it and sends no PUT.
  converge: (processed) => (processed ? ["GET 200"] : ["GET 200", "PUT 200"]),
  expectDone(subject, world) {
    expect(subject.state).toBeUndefined();
    expect(world.fixture.sandbox.sendingDomain(SENDING_DOMAIN)?.trackingDomain).toBeUndefined();
  },
};

export const OPERATIONS: readonly Operation[] = [
  trackingDomainCreate,
  trackingDomainRead,
  trackingDomainUpdate,
  trackingDomainDelete,
  verificationCreate,
  verificationRead,
  defaultCreate,
  defaultRead,
  defaultUpdate,
  defaultDelete,
  linkCreate,
  linkRead,
  linkUpdate,
  linkDelete,
];

export const SECOND_REQUESTS: readonly Operation[] = [
  {
    ...trackingDomainCreate,
    name: "TrackingDomain create, its read-back GET",
    column: "TD create: GET",
    target: getTrackingDomain(
      `read tracking domain ${DOMAIN} back after creating it`,
      "The domain is recorded in the stack's state; run `pulumi up` or `pulumi refresh` to complete it.",
    ),
    before: ["POST 200"],
    after: [],
    partialCreate: true,
    converge: () => ["GET 200"],
  },
  {
    ...trackingDomainUpdate,
    name: "TrackingDomain update, its read-back GET",
    column: "TD update: GET",
    target: getTrackingDomain(`read tracking domain ${DOMAIN} after updating it`),
    before: ["PUT 200"],
    after: [],
  },
  {
    ...defaultDelete,
    name: "DefaultTrackingDomain delete, its GET",
    column: "DTD delete: GET",
    target: getTrackingDomain(`unset ${DOMAIN} as the default tracking domain of ${PRIMARY}`),
    before: [],
    after: ["PUT 200"],
    converge: () => ["GET 200", "PUT 200"],
  },
  {
    ...linkDelete,
    name: "SendingDomainLink delete, its GET",
    column: "SDL delete: GET",
    target: {
      ...linkRead.target,
      action: `unlink sending domain ${SENDING_DOMAIN} from tracking domain ${DOMAIN}`,
    },
    before: [],
    after: ["PUT 200"],
    converge: () => ["GET 200", "PUT 200"],
  },
];
