/** What every API route handler receives. */
import type { Account } from "../account";
import type { SandboxSettings } from "../types";
import type { CnameResolver } from "../verification";
import type { TrackingDomainRecord } from "../records";
import { ownerOf } from "../records";
import { canRead, canWrite } from "../auth";

/** The sandbox's shared parts a handler works on. */
export interface ApiContext {
  account: Account;
  settings: SandboxSettings;
  resolver: CnameResolver;
  now: () => number;
}

/** An authorized API request, parsed. */
export interface ApiRequest {
  method: string;
  /** Path segments after `/api/v1`, percent-decoded, without empty (trailing-slash) segments. */
  segments: string[];
  query: URLSearchParams;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  /** `X-MSYS-SUBACCOUNT`, undefined when absent. */
  subaccount: number | undefined;
}

/** A tracking domain the request may read (GET scoping), or undefined. */
export function readableTrackingDomain(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): TrackingDomainRecord | undefined {
  const record = context.account.findTrackingDomain(domain);
  return record && canRead(ownerOf(record), request.subaccount) ? record : undefined;
}

/** A tracking domain the request may change (POST/PUT/DELETE scoping), or undefined. */
export function writableTrackingDomain(
  context: ApiContext,
  request: ApiRequest,
  domain: string,
): TrackingDomainRecord | undefined {
  const record = context.account.findTrackingDomain(domain);
  return record && canWrite(ownerOf(record), request.subaccount) ? record : undefined;
}
