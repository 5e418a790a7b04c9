/**
 * Typed calls to the SparkPost tracking-domain and sending-domain endpoints. Knows nothing of
 * Pulumi; every failure is a SparkPostError.
 */
import type { Dispatcher } from "undici";
import { normalizeApiUrl, resolveApiKey, resolveBaseUrl } from "./connection";
import { createSparkPostError, isNotFound, isSparkPostError, type SparkPostError } from "./errors";
import {
  isRetryable,
  retryDelayMs,
  retrySettings,
  wasNeverSent,
  type Replay,
  type RetryOptions,
} from "./retryPolicy";
import { send, type ApiRequest, type TransportSettings } from "./transport";
import type {
  CertificateCheckResult,
  CertificateEnableResult,
  Scope,
  SendingDomainObject,
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
   * Per-attempt wait for the response headers, and again for each gap in the body; undici's
   * timers fire with about one second of slack. @default 30000
   */
  timeoutMs?: number;
  /**
   * Per-attempt wait for calls during which SparkPost itself requests the domain (verify,
   * certificate check), which take longer. @default 60000
   */
  verifyTimeoutMs?: number;
  retry?: RetryOptions;
  /** Receives progress lines, such as each retry. Never given the API key. */
  log?: (line: string) => void;
  /** The connection pool to send through; the process-wide pool (8 per origin) by default. */
  dispatcher?: Dispatcher;
}

type Call = Omit<ApiRequest, "timeoutMs" | "replay"> & { replay?: Replay; slow?: boolean };

function domainPath(collection: "tracking-domains" | "sending-domains", domain: string): string {
  return `/${collection}/${encodeURIComponent(domain)}`;
}

/** The error for a 2xx answer without the `results` SparkPost always sends. */
function missingResults(call: Call): SparkPostError {
  return createSparkPostError({
    method: call.method,
    path: call.path,
    status: 200,
    errors: [],
    apiMessage: "the response has no results",
    attempts: 1,
  });
}

/** The `results` object of a SparkPost answer. */
function resultsOf<T>(body: unknown, call: Call): T {
  const results = (body as { results?: unknown } | undefined)?.results;
  if (typeof results !== "object" || results === null) throw missingResults(call);
  return results as T;
}

/** Returns `fallback` for a 404 SparkPostError and rethrows anything else. */
function onNotFound<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (isNotFound(error)) return fallback;
    throw error;
  };
}

/** Calls to the SparkPost API for one key and base URL. Build it with {@link createClient}. */
export class SparkPostClient {
  private readonly transport: TransportSettings;
  private readonly timeoutMs: number;
  private readonly verifyTimeoutMs: number;

  constructor(options: ClientOptions) {
    this.transport = {
      apiKey: options.apiKey,
      baseUrl: normalizeApiUrl(options.baseUrl, "baseUrl"),
      retry: retrySettings(options.retry),
      log: options.log ?? (() => undefined),
      dispatcher: options.dispatcher,
    };
    // Not enumerable, so that logging or serializing a client does not print the key.
    Object.defineProperty(this, "transport", { enumerable: false });
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.verifyTimeoutMs = options.verifyTimeoutMs ?? 60_000;
  }

  private async call(call: Call): Promise<unknown> {
    const { slow, replay, ...request } = call;
    const timeoutMs = slow ? this.verifyTimeoutMs : this.timeoutMs;
    const response = await send(this.transport, {
      ...request,
      replay: replay ?? "idempotent",
      timeoutMs,
    });
    return response.body;
  }

  /**
   * `POST /tracking-domains`. Retried blindly only when the POST surely did not take effect. After
   * an ambiguous failure (timeout, reset, 5xx) the domain is read back: present means created;
   * absent means the POST is sent again (for a 5xx that is not 502/503/504, the error is thrown).
   */
  async createTrackingDomain(
    domain: string,
    options: { secure?: boolean },
    scope?: Scope,
  ): Promise<{ domain: string }> {
    const body = options.secure === undefined ? { domain } : { domain, secure: options.secure };
    const call: Call = {
      method: "POST",
      path: "/tracking-domains",
      body,
      scope,
      replay: "whenNotSent",
    };
    const { maxRetries } = this.transport.retry;
    for (let replays = 0; ; replays++) {
      try {
        return resultsOf<{ domain: string }>(await this.call(call), call);
      } catch (error) {
        if (!isSparkPostError(error) || !isAmbiguous(error)) throw error;
        this.transport.log(
          `SparkPost API POST /tracking-domains: ${outcomeOf(error)} left it unclear whether ` +
            `${domain} was created; reading it back`,
        );
        const existing = await this.getTrackingDomain(domain, scope);
        if (existing !== undefined) return { domain: existing.domain };
        if (replays >= maxRetries || !isRetryable("idempotent", failureOf(error))) throw error;
        const delayMs = retryDelayMs(replays + 1, failureOf(error), this.transport.retry);
        this.transport.log(
          `SparkPost API POST /tracking-domains: ${domain} was not created, sending again in ${delayMs} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** `GET /tracking-domains/{domain}`; undefined when SparkPost answers 404. */
  async getTrackingDomain(
    domain: string,
    scope?: Scope,
  ): Promise<TrackingDomainObject | undefined> {
    const call: Call = { method: "GET", path: domainPath("tracking-domains", domain), scope };
    return this.call(call).then(
      (body) => resultsOf<TrackingDomainObject>(body, call),
      onNotFound(undefined),
    );
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
    const results = resultsOf<unknown>(await this.call(call), call);
    if (!Array.isArray(results)) throw missingResults(call);
    return results as TrackingDomainObject[];
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
    await this.call({ method: "PUT", path: domainPath("tracking-domains", domain), body, scope });
  }

  /**
   * `DELETE /tracking-domains/{domain}`: true when deleted, false when SparkPost says 404 (already
   * gone, or deleted by an earlier attempt whose answer was lost).
   */
  async deleteTrackingDomain(domain: string, scope?: Scope): Promise<boolean> {
    const call: Call = { method: "DELETE", path: domainPath("tracking-domains", domain), scope };
    return this.call(call).then(() => true, onNotFound(false));
  }

  /** `POST /tracking-domains/{domain}/verify`: SparkPost checks the CNAME now and says so. */
  async verifyTrackingDomain(domain: string, scope?: Scope): Promise<VerifyResult> {
    const path = `${domainPath("tracking-domains", domain)}/verify`;
    const call: Call = { method: "POST", path, scope, slow: true };
    return resultsOf<VerifyResult>(await this.call(call), call);
  }

  /** `POST /tracking-domains/{domain}/certificate/check`: can SparkPost manage its certificate? */
  async checkTrackingDomainCertificate(
    domain: string,
    scope?: Scope,
  ): Promise<CertificateCheckResult> {
    const path = `${domainPath("tracking-domains", domain)}/certificate/check`;
    const call: Call = { method: "POST", path, scope, slow: true };
    return resultsOf<CertificateCheckResult>(await this.call(call), call);
  }

  /**
   * `POST /tracking-domains/{domain}/certificate/enable`: starts managed HTTPS, irreversibly.
   * Retried only when it surely did not take effect.
   */
  async enableTrackingDomainCertificate(
    domain: string,
    scope?: Scope,
  ): Promise<CertificateEnableResult> {
    const path = `${domainPath("tracking-domains", domain)}/certificate/enable`;
    const call: Call = { method: "POST", path, scope, replay: "whenNotSent" };
    return resultsOf<CertificateEnableResult>(await this.call(call), call);
  }

  /** `GET /sending-domains/{domain}`; undefined when SparkPost answers 404. */
  async getSendingDomain(domain: string, scope?: Scope): Promise<SendingDomainObject | undefined> {
    const call: Call = { method: "GET", path: domainPath("sending-domains", domain), scope };
    return this.call(call).then(
      (body) => resultsOf<SendingDomainObject>(body, call),
      onNotFound(undefined),
    );
  }

  /** `PUT /sending-domains/{sendingDomain}` linking `trackingDomain`; `""` removes the link. */
  async setSendingDomainTrackingDomain(
    sendingDomain: string,
    trackingDomain: string,
    scope?: Scope,
  ): Promise<void> {
    const body = { tracking_domain: trackingDomain };
    await this.call({
      method: "PUT",
      path: domainPath("sending-domains", sendingDomain),
      body,
      scope,
    });
  }
}

function failureOf(error: SparkPostError): { status?: number; code?: string } {
  if (error.status !== undefined) return { status: error.status };
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return { code: typeof code === "string" ? code : undefined };
}

function outcomeOf(error: SparkPostError): string {
  return error.status !== undefined ? `HTTP ${error.status}` : error.apiMessage;
}

/** True when a failed POST may have taken effect: a 5xx, or a network failure after sending. */
function isAmbiguous(error: SparkPostError): boolean {
  if (error.status !== undefined) return error.status >= 500;
  return !wasNeverSent(failureOf(error).code);
}

/**
 * A client for `options`; a missing `apiKey` or `baseUrl` comes from the stack config or the
 * environment (see `resolveConnection`).
 *
 * @throws an error named SparkPostConfigurationError when a missing setting cannot be resolved.
 */
export function createClient(options: Partial<ClientOptions> = {}): SparkPostClient {
  return new SparkPostClient({
    ...options,
    apiKey: options.apiKey ?? resolveApiKey(),
    baseUrl: options.baseUrl ?? resolveBaseUrl(),
  });
}
