/**
 * The 14 operations of the four resources. `SECOND_REQUESTS` aims the faults at the other request
 * of the operations that make two (a create's read-back, an update's read-back, a delete's look
 * before it unsets).
 */
import {
  defaultCreate,
  defaultDelete,
  defaultRead,
  defaultUpdate,
  linkCreate,
  linkDelete,
  linkRead,
  linkUpdate,
} from "./defaultAndLinkOperations";
import { getTrackingDomain, PRIMARY, type Operation } from "./operationTypes";
import {
  trackingDomainCreate,
  trackingDomainDelete,
  trackingDomainRead,
  trackingDomainUpdate,
  verificationCreate,
  verificationRead,
} from "./trackingDomainOperations";
import { DOMAIN, SENDING_DOMAIN } from "./world";

export type { AnswerShape, Operation, Target } from "./operationTypes";

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
