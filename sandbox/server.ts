/** Starts the sandbox: a SparkPost-compatible API for tracking and sending domains on loopback. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { Account } from "./account";
import { API_PREFIX, handleApiRequest } from "./apiPipeline";
import { CONTROL_PREFIX, handleControlRequest } from "./control";
import { FaultInjector } from "./faults";
import { apiError, writeAnswer } from "./http";
import { patchTrackingDomain } from "./patch";
import { type AccountState, renderTrackingDomain } from "./records";
import { emptyState, loadState, saveState } from "./stateFile";
import { CnameResolver, DEFAULT_ACCEPTED_TARGETS } from "./verification";
import type {
  RequestLogEntry,
  Sandbox,
  SandboxOptions,
  SandboxSettings,
  SendingDomainSeed,
} from "./types";

/** The key the sandbox accepts unless told otherwise. */
export const DEFAULT_API_KEY = "sandbox-api-key";

function initialSettings(options: SandboxOptions): SandboxSettings {
  return {
    acceptedTargets: options.acceptedTargets ?? [...DEFAULT_ACCEPTED_TARGETS],
    verifyAfterSeconds: options.verifyAfterSeconds,
    negativeCacheSeconds: options.negativeCacheSeconds,
    tlsReady: options.tlsReady ?? true,
    blacklist: options.blacklist ?? [],
    certificateIssueSeconds: options.certificateIssueSeconds,
    certificateErrorCode: options.certificateErrorCode,
  };
}

/** Adds the seeds a loaded state lacks; a state file's own links win over the seeds'. */
function seedMissing(account: Account, seeds: readonly SendingDomainSeed[]): void {
  for (const seed of seeds) {
    if (!account.findSendingDomain(seed.domain)) account.seedSendingDomain(seed);
  }
}

/**
 * Starts a sandbox listening on `host:port` (default 127.0.0.1, any free port).
 * @example
 * const sandbox = await startSandbox({ verifyAfterSeconds: 0 });
 * process.env.SPARKPOST_API_URL = sandbox.apiUrl;
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const now = options.clock ?? Date.now;
  const seeds = options.sendingDomains ?? [];
  const stateFile = options.stateFile;
  const persist = (state: AccountState) => {
    if (stateFile !== undefined) saveState(stateFile, state);
  };
  const account = new Account(
    stateFile === undefined ? emptyState() : loadState(stateFile),
    persist,
  );
  seedMissing(account, seeds);
  const context = {
    account,
    settings: initialSettings(options),
    resolver: new CnameResolver(options.dnsServers),
    now,
  };
  const faults = new FaultInjector(now);
  faults.set(options.faults ?? {});
  const requests: RequestLogEntry[] = [];
  const parts = { context, apiKey, faults, requests, onRequest: options.onRequest };

  const server = http.createServer((request, response) => {
    const isControl =
      request.url === CONTROL_PREFIX || request.url?.startsWith(`${CONTROL_PREFIX}/`);
    const handling = isControl
      ? handleControlRequest(request, response, sandbox)
      : handleApiRequest(request, response, parts);
    handling.catch((error: unknown) => {
      if (!response.headersSent) {
        writeAnswer(response, apiError(500, { message: `Sandbox error: ${String(error)}` }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  const sandbox: Sandbox = {
    url,
    apiUrl: `${url}${API_PREFIX}`,
    apiKey,
    requests,
    clearLog: () => {
      requests.length = 0;
    },
    setFaults: (next) => faults.set(next),
    seedSendingDomain: (domain, seed) => account.seedSendingDomain({ ...seed, domain }),
    trackingDomain: (domain) => {
      const record = account.findTrackingDomain(domain);
      return record && renderTrackingDomain(record, now());
    },
    sendingDomain: (domain) => {
      const sendingDomain = account.findSendingDomain(domain);
      return sendingDomain && { ...sendingDomain };
    },
    patchTrackingDomain: (domain, patch) => patchTrackingDomain(account, domain, patch, now()),
    setCompliance: (domain, status) => patchTrackingDomain(account, domain, { compliance: status }),
    updateSettings: (settings) => {
      context.settings = { ...context.settings, ...settings };
    },
    reset: () => {
      account.replace(emptyState());
      seedMissing(account, seeds);
      context.settings = initialSettings(options);
      context.resolver.forgetCachedAnswers();
      requests.length = 0;
      faults.set({});
    },
    close: async () => {
      context.resolver.cancel();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return sandbox;
}
