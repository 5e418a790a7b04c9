/**
 * The shapes of SparkPost's successful answers, as JSON schemas checked by ajv. A 2xx answer whose
 * body does not have the documented shape (a proxy's page, `{"results":{}}`, a field of the wrong
 * type) is an error that says what came back, never a value the resources would act on: an empty
 * sending domain must not read as "no tracking domain linked".
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";

const trackingDomain = {
  type: "object",
  required: ["domain", "secure", "status"],
  properties: {
    domain: { type: "string", minLength: 1 },
    port: { type: "integer" },
    secure: { type: "boolean" },
    default: { type: "boolean" },
    subaccount_id: { type: "integer" },
    status: {
      type: "object",
      required: ["verified"],
      properties: {
        verified: { type: "boolean" },
        cname_status: { type: "string" },
        compliance_status: { type: "string" },
      },
    },
  },
} as const;

/** `{"results": <schema>}`. */
function results(schema: object): object {
  return { type: "object", required: ["results"], properties: { results: schema } };
}

const SHAPES = {
  /** `POST /tracking-domains`. */
  created: results({
    type: "object",
    required: ["domain"],
    properties: { domain: { type: "string", minLength: 1 } },
  }),
  /** `GET /tracking-domains/{d}`. */
  trackingDomain: results(trackingDomain),
  /** `GET /tracking-domains`. */
  trackingDomainList: results({ type: "array", items: trackingDomain }),
  /**
   * `PUT /tracking-domains/{d}` (`{"results":{"domain":...}}`) and `PUT /sending-domains/{d}`
   * (`{"results":{"message":...,"domain":...}}`): both name the domain they changed. Anything
   * less may be a proxy's answer to a request SparkPost never processed.
   */
  updated: results({
    type: "object",
    required: ["domain"],
    properties: { domain: { type: "string", minLength: 1 } },
  }),
  /** `POST /tracking-domains/{d}/verify`. */
  verified: results({
    type: "object",
    required: ["verified"],
    properties: {
      verified: { type: "boolean" },
      cname_status: { type: "string" },
      compliance_status: { type: "string" },
    },
  }),
  /** `GET /sending-domains/{d}`: every sending domain has a `status` object. */
  sendingDomain: results({
    type: "object",
    required: ["status"],
    properties: { status: { type: "object" }, tracking_domain: { type: "string" } },
  }),
  /** `GET /sending-domains`: like one sending domain, with its `domain`. */
  sendingDomainList: results({
    type: "array",
    items: {
      type: "object",
      required: ["domain", "status"],
      properties: {
        domain: { type: "string", minLength: 1 },
        status: { type: "object" },
        tracking_domain: { type: "string" },
        subaccount_id: { type: "integer" },
      },
    },
  }),
  /** `GET /subaccounts`. */
  subaccountList: results({
    type: "array",
    items: {
      type: "object",
      required: ["id"],
      properties: { id: { type: "integer" }, name: { type: "string" }, status: { type: "string" } },
    },
  }),
  /** `POST /tracking-domains/{d}/certificate/check`. */
  certificateCheck: results({
    type: "object",
    required: ["supportsManagedCertificate"],
    properties: { supportsManagedCertificate: { type: "boolean" } },
  }),
  /** `POST /tracking-domains/{d}/certificate/enable`. */
  certificateEnable: results({ type: "object" }),
} as const;

/** The name of a documented answer shape. */
export type ResponseShape = keyof typeof SHAPES;

const ajv = new Ajv({ allErrors: false, strict: true });
const validators = Object.fromEntries(
  Object.entries(SHAPES).map(([name, schema]) => [name, ajv.compile(schema)]),
) as Record<ResponseShape, ValidateFunction>;

/** "results.status" for the instance path "/results/status". */
function fieldPath(error: ErrorObject): string {
  const segments = error.instancePath.split("/").slice(1);
  if (error.keyword === "required") segments.push(String(error.params.missingProperty));
  return segments.length === 0 ? "the body" : segments.join(".");
}

/** Why `body` is not of `shape`, as a phrase ("results.status is missing"), or undefined. */
export function shapeProblem(shape: ResponseShape, body: unknown): string | undefined {
  const validate = validators[shape];
  if (validate(body)) return undefined;
  const [error] = validate.errors ?? [];
  if (error === undefined) return "the body is not what SparkPost documents";
  const field = fieldPath(error);
  switch (error.keyword) {
    case "required":
      return `${field} is missing`;
    case "type":
      return `${field} is not ${String(error.params.type) === "object" ? "an object" : `of type ${String(error.params.type)}`}`;
    default:
      return `${field} ${error.message ?? "is not valid"}`;
  }
}
