/**
 * Public shapes of the sandbox: its options, its fault switches and its request log. API objects
 * (tracking domains, statuses) come from ./apiObjects, written from the API reference alone.
 */
import type { ComplianceStatus, TrackingDomainObject, TrackingDomainStatus } from "./apiObjects";
import type { FaultKind, Faults } from "./faultTypes";

/** A sending domain the sandbox knows. The sandbox links sending domains; it never creates them. */
export interface SendingDomainSeed {
  domain: string;
  /** Owner of the sending domain; absent means the primary account. */
  subaccountId?: number;
  /** A tracking domain linked from the start (not checked: seeds describe an existing account). */
  trackingDomain?: string;
}

/** Settings that change how verification and creation behave; adjustable while running. */
export interface SandboxSettings {
  /** CNAME targets that verify a tracking domain. @default the four SparkPost endpoints */
  acceptedTargets: string[];
  /** Verify every domain once this many seconds have passed since its creation, without DNS. */
  verifyAfterSeconds?: number;
  /**
   * How long verification's DNS view remembers that a name had no CNAME (NXDOMAIN or no such
   * record), as a recursive resolver does for the zone's negative TTL: a verify made before the
   * record is visible keeps answering `pending` for this long. Fractions allowed. @default 0 (none)
   */
  negativeCacheSeconds?: number;
  /** Whether secure domains answer HTTPS with a valid certificate. @default true */
  tlsReady: boolean;
  /** Domains (and their subdomains) that creation refuses with "domain is on a DNS blacklist". */
  blacklist: string[];
  /**
   * How long issuing a managed certificate takes after `certificate/enable`: `tls_status` is
   * "pending" for this long, then "valid" (or "failed"). Fractions allowed. @default 0
   */
  certificateIssueSeconds?: number;
  /**
   * Issuances started from now on fail with this `tls_certificate.error_code` (`tls_status`
   * "failed") instead of giving a certificate. @default none: they succeed
   */
  certificateErrorCode?: string;
}

/** One API request as the sandbox saw it. The API key is never recorded. */
export interface RequestLogEntry {
  method: string;
  /** Path relative to `/api/v1` as received (case and trailing slash kept), without the query. */
  path: string;
  /** Query parameters (the last value wins when repeated). */
  query: Record<string, string>;
  /** Raw `X-MSYS-SUBACCOUNT` header, or null when absent. */
  subaccount: string | null;
  /** Parsed JSON body; null when empty; the raw text when it is not JSON. */
  body: unknown;
  /**
   * Status sent. When no status line was sent: the status the processed request would have
   * answered (`dropped`, `reset-after-processing`), or 0 when it was not processed (`hang`,
   * `reset-before-processing`).
   */
  status: number;
  /** Whether the request carried the right key. */
  authorized: boolean;
  /** Present only when a fault decided the answer: the name of its switch. */
  fault?: FaultKind;
}

/** A change made "by hand in the SparkPost UI", bypassing the API's rules. */
export interface TrackingDomainPatch {
  secure?: boolean;
  /** Setting true still unsets the owner's previous default, as the UI does. */
  default?: boolean;
  /** Move the domain to a subaccount; null moves it to the primary account. */
  subaccountId?: number | null;
  /** Overwrite status fields as given. */
  status?: Partial<TrackingDomainStatus>;
  /** Shorthand for the compliance review; `blocked` also makes the domain unverified. */
  compliance?: ComplianceStatus;
  /**
   * What became of the managed certificate: `expired` (its renewal failed) or `failed` (its
   * issuance failed), with `tls_certificate.error_code`. The domain must use one.
   */
  tlsCertificate?: { status: "expired" | "failed"; errorCode: string };
}

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** @default "127.0.0.1" */
  host?: string;
  /** @default 0 (any free port) */
  port?: number;
  /** @default "sandbox-api-key" */
  apiKey?: string;
  /** JSON file holding the account; loaded at start, rewritten (atomically) after every change. */
  stateFile?: string;
  /** DNS servers for verification, like `["127.0.0.1:5353"]`; default: the system resolver. */
  dnsServers?: string[];
  acceptedTargets?: string[];
  verifyAfterSeconds?: number;
  negativeCacheSeconds?: number;
  tlsReady?: boolean;
  blacklist?: string[];
  certificateIssueSeconds?: number;
  certificateErrorCode?: string;
  sendingDomains?: SendingDomainSeed[];
  faults?: Faults;
  /** Called after every API request is answered (the CLI prints these). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Milliseconds since the epoch; inject a fake clock to test `verifyAfterSeconds` without waiting. */
  clock?: () => number;
}

/** The stored state of one sending domain. */
export interface SendingDomainState {
  domain: string;
  subaccountId?: number;
  trackingDomain?: string;
}

/** A running sandbox; see {@link startSandbox}. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + "/api/v1"`: what `sparkpost:apiUrl` / `SPARKPOST_API_URL` should be. */
  apiUrl: string;
  apiKey: string;
  /** The live request log (the same array for the sandbox's lifetime). */
  requests: RequestLogEntry[];
  clearLog(): void;
  /**
   * Replaces every fault switch and resets their counters; `{}` turns faults off. Throws, with
   * a sentence saying what is wrong, on faults the control endpoint would refuse.
   */
  setFaults(faults: Faults): void;
  /** Adds (or replaces) a sending domain, as if created in the SparkPost UI. */
  seedSendingDomain(domain: string, options?: Omit<SendingDomainSeed, "domain">): void;
  /** A tracking domain as the API would render it, for assertions; undefined when absent. */
  trackingDomain(domain: string): TrackingDomainObject | undefined;
  sendingDomain(domain: string): SendingDomainState | undefined;
  /** Simulates a change made by hand in the SparkPost UI; throws when the domain does not exist. */
  patchTrackingDomain(domain: string, patch: TrackingDomainPatch): void;
  /** Sets the compliance review result; `blocked` makes the domain unverified. */
  setCompliance(domain: string, status: ComplianceStatus): void;
  /** Changes verification and creation settings while running. */
  updateSettings(settings: Partial<SandboxSettings>): void;
  /** Empties the account (sending domains back to the seeds), the log and the faults. */
  reset(): void;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}
