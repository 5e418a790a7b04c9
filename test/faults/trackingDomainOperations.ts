/** The operations of TrackingDomain and TrackingDomainVerification, for the fault suite. */
import {
  expectTrackingDomainAsSandboxHasIt,
  getTrackingDomain,
  PRIMARY,
  putTrackingDomain,
  refreshed,
  TD_ONE,
  verifiedOutputs,
  type Operation,
} from "./operationTypes";
import { addTrackingDomain, DOMAIN, outputsOf, verificationArgs } from "./world";

export const trackingDomainCreate: Operation = {
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

export const trackingDomainRead: Operation = {
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

export const trackingDomainUpdate: Operation = {
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

export const trackingDomainDelete: Operation = {
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

export const verificationCreate: Operation = {
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

export const verificationRead: Operation = {
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
