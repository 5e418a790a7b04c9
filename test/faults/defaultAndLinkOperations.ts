/** The operations of DefaultTrackingDomain and SendingDomainLink, for the fault suite. */
import {
  PRIMARY,
  putSendingDomain,
  putTrackingDomain,
  refreshed,
  SD,
  TD_ONE,
  TD_OTHER,
  withDefault,
  withLink,
  type Operation,
} from "./operationTypes";
import { addTrackingDomain, DOMAIN, OTHER_DOMAIN, outputsOf, SENDING_DOMAIN } from "./world";

export const defaultCreate: Operation = {
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

export const defaultRead: Operation = {
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

export const defaultUpdate: Operation = {
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

export const defaultDelete: Operation = {
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

export const linkCreate: Operation = {
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

export const linkRead: Operation = {
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

export const linkUpdate: Operation = {
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

export const linkDelete: Operation = {
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
