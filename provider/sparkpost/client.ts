/**
 * Typed calls to the SparkPost tracking-domain and sending-domain endpoints. Knows nothing of
 * Pulumi; every failure is a SparkPostError.
 */
import type { Dispatcher } from "undici";
import { normalizeApiUrl } from "./connection";
import { createWithReadBack, type CreateOutcome } from "./createWithReadBack";
import { createSparkPostError, excerpt, isNotFound, type SparkPostError } from "./errors";
import { redact, redactValue } from "./redact";
import type { RequestSlots } from "./requestSlots";
import { shapeProblem, type ResponseShape } from "./responseShapes";
import { retrySettings, type Replay, type RetryOptions } from "./retryPolicy";
import { resolveApiKey, resolveBaseUrl } from "./resolveConnection";
import { send, type ApiRequest, type TransportSettings } from "./transport";
import type {
  CertificateCheckResult,
  CertificateEnableResult,
  Scope,
  SendingDomainListEntry,
  SendingDomainObject,
  SubaccountObject,
  TrackingDomainObject,
  VerifyResult,
} from "./types";

/** How a {@link SparkPostClient} connects, waits and retries. */
export interface ClientOptions {
  /** The SparkPost API key, sent as the raw `Authorization` header. */
  apiKey: string;
  /** The API base, e.g. `https://api.sparkpost.com/api/v1`; a trailing slash is tolerated. */
  baseUrl: string;
  /**
   * Per-attempt wait for the response headers, and again for each gap in the body.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Per-attempt wait for calls during which SparkPost itself requests the domain (verify,
   * certificate check), which take longer. @default 60000
   */
  verifyTimeoutMs?: number;
  /**
   * How long one call may take in all, its attempts and the waits between them, once it is
   * under way (time queued behind other requests of the process is not counted). @default 120000
   */
  callBudgetMs?: number;
  retry?: RetryOptions;
  /** Receives progress lines, such as each retry. Never given the API key. */
  log?: (line: string) => void;
  /** The connection pool to send through; the process-wide pool by default. */
  dispatcher?: Dispatcher;
  /** The bound on requests in flight; by default the account's in this process (per API and key). */
  slots?: RequestSlots;
  /** After this long in flight a request stops counting against that bound. @default 5000 */
  slowRequestMs?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** A tighter time budget for this call than the client's `callBudgetMs` (a wait's time left). */
  budgetMs?: number;
}

type Call = Omit<ApiRequest, "timeoutMs" | "replay" | "budgetMs"> & {
  replay?: Replay;
  slow?: boolean;
  budgetMs?: number;
};

function domainPath(collection: "tracking-domains" | "sending-domains", domain: string): string {
  return `/${collection}/${encodeURIComponent(domain)}`;
}

export { CREATE_UNCONFIRMED, type CreateOutcome } from "./createWithReadBack";

/** Calls to the SparkPost API for one key and base URL. Build it with {@link createClient}. */
export class SparkPostClient {
  private readonly transport: TransportSettings;
  private readonly timeoutMs: number;
  private readonly verifyTimeoutMs: number;
  private readonly callBudgetMs: number;

  constructor(options: ClientOptions) {
    this.transport = {
      apiKey: options.apiKey,
      baseUrl: normalizeApiUrl(options.baseUrl, "baseUrl"),
      retry: retrySettings(options.retry),
      log: options.log ?? (() => undefined),
      dispatcher: options.dispatcher,
      slots: options.slots,
      slowRequestMs: options.slowRequestMs,
    };
    // Not enumerable, so that logging or serializing a client does not print the key.
    Object.defineProperty(this, "transport", { enumerable: false });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.verifyTimeoutMs = options.verifyTimeoutMs ?? 60_000;
    this.callBudgetMs = options.callBudgetMs ?? 120_000;
  }

  /**
   * Sends `call` and returns the `results` of its answer, checked against `shape`; `"noBody"`
   * for calls SparkPost answers with 204 and nothing else (a body means someone else answered).
   */
  private async call<T>(call: Call, shape: ResponseShape | "noBody"): Promise<T> {
    const { slow, replay, budgetMs, ...request } = call;
    const response = await send(this.transport, {
      ...request,
      replay: replay ?? "idempotent",
      timeoutMs: slow ? this.verifyTimeoutMs : this.timeoutMs,
      budgetMs: Math.min(budgetMs ?? Infinity, this.callBudgetMs),
    });
    if (shape === "noBody") {
      if (response.body === undefined) return undefined as T;
      const problem = "SparkPost answers this with 204 and no body, but a body came back";
      throw this.unexpectedAnswer(call, response.status, response.attempts, problem, response.body);
    }
    const problem = shapeProblem(shape, response.body);
    if (problem !== undefined) {
      throw this.unexpectedAnswer(call, response.status, response.attempts, problem, response.body);
    }
    return (response.body as { results: T }).results;
  }

  private unexpectedAnswer(
    call: Call,
    status: number,
    attempts: number,
    problem: string,
    body: unknown,
  ): SparkPostError {
    const shown =
      body === undefined
        ? "an empty body"
        : JSON.stringify(redactValue(body, this.transport.apiKey));
    return createSparkPostError({
      kind: "unexpected",
      method: call.method,
      path: call.path,
      status,
      errors: [],
      apiMessage: `${problem} in ${excerpt(redact(shown, this.transport.apiKey))}`,
      attempts,
    });
  }

  /**
   * `POST /tracking-domains`, never sent twice blindly: see createWithReadBack.ts.
   *
   * @throws SparkPostError for a clear refusal; an error with code `CREATE_UNCONFIRMED` when the
   * answer was unclear and reading back failed too.
   */
  async createTrackingDomain(
    domain: string,
    options: { secure?: boolean },
    scope?: Scope,
  ): Promise<CreateOutcome> {
    const body = options.secure === undefined ? { domain } : { domain, secure: options.secure };
    const post: Call = { method: "POST", path: "/tracking-domains", body, scope };
    return createWithReadBack(domain, {
      post: () => this.call({ ...post, replay: "whenNotSent" }, "created"),
      readBack: () => this.getTrackingDomain(domain, scope),
      retry: this.transport.retry,
      log: this.transport.log,
    });
  }

  /** `GET /tracking-domains/{domain}`; undefined when SparkPost says it does not exist. */
  async getTrackingDomain(
    domain: string,
    scope?: Scope,
    options: CallOptions = {},
  ): Promise<TrackingDomainObject | undefined> {
    const path = domainPath("tracking-domains", domain);
    const call: Call = { method: "GET", path, scope, budgetMs: options.budgetMs };
    return this.call<TrackingDomainObject>(call, "trackingDomain").catch(onNotFound(undefined));
  }

  /** `GET /tracking-domains`, optionally only the default ones or those of some subaccounts. */
  async listTrackingDomains(
    filter: { default?: boolean; subaccounts?: number[] } = {},
    scope?: Scope,
  ): Promise<TrackingDomainObject[]> {
    const query: Record<string, string> = {};
    if (filter.default !== undefined) query.default = String(filter.default);
    if (filter.subaccounts !== undefined) query.subaccounts = filter.subaccounts.join(",");
    const call: Call = { method: "GET", path: "/tracking-domains", query, scope };
    return this.call<TrackingDomainObject[]>(call, "trackingDomainList");
  }

  /** `PUT /tracking-domains/{domain}` with only the fields given. */
  async updateTrackingDomain(
    domain: string,
    changes: { secure?: boolean; default?: boolean },
    scope?: Scope,
  ): Promise<void> {
    const body: { secure?: boolean; default?: boolean } = {};
    if (changes.secure !== undefined) body.secure = changes.secure;
    if (changes.default !== undefined) body.default = changes.default;
    const path = domainPath("tracking-domains", domain);
    await this.call({ method: "PUT", path, body, scope }, "updated");
  }

  /**
   * `DELETE /tracking-domains/{domain}`: true when deleted, false when SparkPost says it does not
   * exist (already gone, or deleted by an earlier attempt whose answer was lost).
   */
  async deleteTrackingDomain(domain: string, scope?: Scope): Promise<boolean> {
    const call: Call = { method: "DELETE", path: domainPath("tracking-domains", domain), scope };
    return this.call(call, "noBody").then(() => true, onNotFound(false));
  }

  /** `POST /tracking-domains/{domain}/verify`: SparkPost checks the CNAME now and says so. */
  async verifyTrackingDomain(
    domain: string,
    scope?: Scope,
    options: CallOptions = {},
  ): Promise<VerifyResult> {
    const path = `${domainPath("tracking-domains", domain)}/verify`;
    const call: Call = { method: "POST", path, scope, slow: true, budgetMs: options.budgetMs };
    return this.call<VerifyResult>(call, "verified");
  }

  /** `POST /tracking-domains/{domain}/certificate/check`: can SparkPost manage its certificate? */
  async checkTrackingDomainCertificate(
    domain: string,
    scope?: Scope,
    options: CallOptions = {},
  ): Promise<CertificateCheckResult> {
    const path = `${domainPath("tracking-domains", domain)}/certificate/check`;
    const call: Call = { method: "POST", path, scope, slow: true, budgetMs: options.budgetMs };
    return this.call<CertificateCheckResult>(call, "certificateCheck");
  }

  /**
   * `POST /tracking-domains/{domain}/certificate/enable`: starts managed HTTPS, irreversibly.
   * Retried only when it surely did not take effect.
   */
  async enableTrackingDomainCertificate(
    domain: string,
    scope?: Scope,
    options: CallOptions = {},
  ): Promise<CertificateEnableResult> {
    const path = `${domainPath("tracking-domains", domain)}/certificate/enable`;
    const { budgetMs } = options;
    const call: Call = { method: "POST", path, scope, replay: "whenNotSent", budgetMs };
    return this.call<CertificateEnableResult>(call, "certificateEnable");
  }

  /** `GET /sending-domains/{domain}`; undefined when SparkPost says it does not exist. */
  async getSendingDomain(domain: string, scope?: Scope): Promise<SendingDomainObject | undefined> {
    const call: Call = { method: "GET", path: domainPath("sending-domains", domain), scope };
    return this.call<SendingDomainObject>(call, "sendingDomain").catch(onNotFound(undefined));
  }

  /**
   * `GET /sending-domains`: every sending domain the key sees, each with its `domain`. Without a
   * scope SparkPost lists the primary account's and every subaccount's (`subaccount_id` set);
   * `{subaccountId: 0}` only the primary account's.
   */
  async listSendingDomains(scope?: Scope): Promise<SendingDomainListEntry[]> {
    const call: Call = { method: "GET", path: "/sending-domains", scope };
    return this.call<SendingDomainListEntry[]>(call, "sendingDomainList");
  }

  /** `GET /subaccounts`: the account's subaccounts (not their data). */
  async listSubaccounts(): Promise<SubaccountObject[]> {
    return this.call<SubaccountObject[]>({ method: "GET", path: "/subaccounts" }, "subaccountList");
  }

  /** `PUT /sending-domains/{sendingDomain}` linking `trackingDomain`; `""` removes the link. */
  async setSendingDomainTrackingDomain(
    sendingDomain: string,
    trackingDomain: string,
    scope?: Scope,
  ): Promise<void> {
    const body = { tracking_domain: trackingDomain };
    const path = domainPath("sending-domains", sendingDomain);
    await this.call({ method: "PUT", path, body, scope }, "updated");
  }
}

/** Returns `fallback` when SparkPost says the object does not exist, and rethrows anything else. */
function onNotFound<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (isNotFound(error)) return fallback;
    throw error;
  };
}

/**
 * A client for `options`; a missing `apiKey` or `baseUrl` comes from the stack config or the
 * environment (see `resolveConnection`): the unnamed connection's, or named account `account`'s.
 *
 * @throws an error named SparkPostConfigurationError when a missing setting cannot be resolved.
 */
export function createClient(
  options: Partial<ClientOptions> = {},
  account?: string,
): SparkPostClient {
  return new SparkPostClient({
    ...options,
    apiKey: options.apiKey ?? resolveApiKey(process.env, account),
    baseUrl: options.baseUrl ?? resolveBaseUrl(process.env, account),
  });
}
