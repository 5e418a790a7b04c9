/**
 * Control endpoints under `/_sandbox/` for other processes (tests driving the CLI, demos):
 * unauthenticated, so answered only to loopback clients. Not logged, not subject to faults.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Answer, apiError, isObject, readBody, writeAnswer } from "./http";
import { faultsProblem } from "./faultValidation";
import { patchProblem } from "./patch";
import type { Faults } from "./faultTypes";
import type { Sandbox, SandboxSettings, TrackingDomainPatch } from "./types";

/** The path prefix of the control endpoints. */
export const CONTROL_PREFIX = "/_sandbox";

const NO_CONTENT: Answer = { status: 204 };

function badRequest(message: string): Answer {
  return apiError(400, { message });
}

/** Whether a peer address is the local machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

/** Handles one request under `/_sandbox/`. */
export async function handleControlRequest(
  request: IncomingMessage,
  response: ServerResponse,
  sandbox: Sandbox,
): Promise<void> {
  if (!isLoopback(request.socket.remoteAddress)) {
    writeAnswer(
      response,
      apiError(403, { message: "The sandbox control API answers loopback clients only" }),
    );
    return;
  }
  const body = await readBody(request);
  if (body.kind === "invalid") {
    writeAnswer(response, badRequest("The body is not valid JSON."));
    return;
  }
  const url = new URL(request.url ?? "/", "http://sandbox");
  const route = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
  const value = body.kind === "json" ? body.value : undefined;
  writeAnswer(response, controlAnswer(sandbox, `${request.method ?? "GET"} ${route}`, value));
}

function controlAnswer(sandbox: Sandbox, route: string, body: unknown): Answer {
  const patchRoute = /^PATCH \/tracking-domains\/([^/]+)$/.exec(route);
  if (patchRoute) return patchTrackingDomain(sandbox, decodeURIComponent(patchRoute[1]), body);
  switch (route) {
    case "GET /requests":
      return { status: 200, json: { requests: sandbox.requests } };
    case "DELETE /requests":
      sandbox.clearLog();
      return NO_CONTENT;
    case "POST /sending-domains":
      return seedSendingDomain(sandbox, body);
    case "PUT /faults": {
      const problem = faultsProblem(body);
      if (problem) return badRequest(problem);
      sandbox.setFaults(body as Faults);
      return NO_CONTENT;
    }
    case "PATCH /settings":
      return updateSettings(sandbox, body);
    case "POST /reset":
      sandbox.reset();
      return NO_CONTENT;
    default:
      return apiError(404, { message: `No control endpoint ${route}` });
  }
}

function patchTrackingDomain(sandbox: Sandbox, domain: string, body: unknown): Answer {
  const problem = patchProblem(body);
  if (problem) return badRequest(problem);
  if (!sandbox.trackingDomain(domain))
    return apiError(404, { message: `The sandbox has no tracking domain ${domain}.` });
  try {
    sandbox.patchTrackingDomain(domain, body as TrackingDomainPatch);
  } catch (error) {
    return badRequest((error as Error).message);
  }
  return NO_CONTENT;
}

function seedSendingDomain(sandbox: Sandbox, body: unknown): Answer {
  if (!isObject(body) || typeof body.domain !== "string" || body.domain === "") {
    return badRequest("The body must be {domain, subaccountId?, trackingDomain?}.");
  }
  const { subaccountId, trackingDomain } = body;
  if (
    subaccountId !== undefined &&
    !(Number.isInteger(subaccountId) && (subaccountId as number) >= 0)
  ) {
    return badRequest("subaccountId must be a non-negative integer.");
  }
  if (trackingDomain !== undefined && typeof trackingDomain !== "string") {
    return badRequest("trackingDomain must be a string.");
  }
  sandbox.seedSendingDomain(body.domain, {
    subaccountId: subaccountId as number | undefined,
    trackingDomain,
  });
  return NO_CONTENT;
}

/**
 * `{tlsReady?, verifyAfterSeconds? (null turns it off), negativeCacheSeconds? (0 turns it off),
 * acceptedTargets?, blacklist?, certificateIssueSeconds?, certificateErrorCode? (null turns it
 * off)}`
 */
function updateSettings(sandbox: Sandbox, body: unknown): Answer {
  if (!isObject(body)) return badRequest("The body must be a JSON object of settings.");
  const settings: Partial<SandboxSettings> = {};
  const isNames = (value: unknown) =>
    Array.isArray(value) && value.every((item) => typeof item === "string");
  for (const [field, value] of Object.entries(body)) {
    if (field === "tlsReady" && typeof value === "boolean") settings.tlsReady = value;
    else if (field === "verifyAfterSeconds" && value === null)
      settings.verifyAfterSeconds = undefined;
    else if (field === "verifyAfterSeconds" && typeof value === "number" && value >= 0) {
      settings.verifyAfterSeconds = value;
    } else if (field === "negativeCacheSeconds" && typeof value === "number" && value >= 0) {
      settings.negativeCacheSeconds = value;
    } else if (field === "certificateIssueSeconds" && typeof value === "number" && value >= 0) {
      settings.certificateIssueSeconds = value;
    } else if (field === "certificateErrorCode" && (value === null || typeof value === "string")) {
      settings.certificateErrorCode = value ?? undefined;
    } else if ((field === "acceptedTargets" || field === "blacklist") && isNames(value)) {
      settings[field] = value;
    } else {
      return badRequest(`Setting ${field} is unknown or has an invalid value.`);
    }
  }
  sandbox.updateSettings(settings);
  return NO_CONTENT;
}
