/**
 * A bare HTTP caller for the sandbox tests: raw undici requests, so the tests see exactly what a
 * client would (status, headers, body text) without going through our SparkPost client.
 */
import { request } from "undici";
import { startSandbox } from "../../sandbox";
import type { Sandbox, SandboxOptions } from "../../sandbox";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the content type says JSON and the body parses, else undefined. */
  json: unknown;
  text: string;
}

export interface CallOptions {
  /** JSON body to send. */
  body?: unknown;
  /** Raw body text to send instead of `body`. */
  rawBody?: string;
  /** `X-MSYS-SUBACCOUNT` header value. */
  subaccount?: number | string;
  /** `Authorization` header; the sandbox's key by default, null for none. */
  authorization?: string | null;
}

/** Calls `method base+path`; `base` is the sandbox's API URL unless the path starts with `/_sandbox`. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const authorization =
    options.authorization === undefined ? sandbox.apiKey : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  if (options.subaccount !== undefined) headers["x-msys-subaccount"] = String(options.subaccount);
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const base = path.startsWith("/_sandbox") ? sandbox.url : sandbox.apiUrl;
  const response = await request(`${base}${path}`, { method: method as "GET", headers, body });
  const text = await response.body.text();
  const isJson = String(response.headers["content-type"] ?? "").startsWith("application/json");
  return {
    status: response.statusCode,
    headers: response.headers,
    json: isJson ? parsed(text) : undefined,
    text,
  };
}

/** The parsed JSON, or undefined for a body that claims to be JSON but is not (a faulty 200). */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts a sandbox for each test and closes it afterwards; read `current()` inside tests.
 * Register from a describe block or the top level of a test file.
 */
export function useSandbox(options: SandboxOptions | (() => SandboxOptions) = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeEach(async () => {
    sandbox = await startSandbox(typeof options === "function" ? options() : options);
  });
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  return () => {
    if (!sandbox) throw new Error("The sandbox runs only inside a test.");
    return sandbox;
  };
}

/** Creates a tracking domain through the API and checks it worked. */
export async function createTrackingDomain(
  sandbox: Sandbox,
  domain: string,
  options: { secure?: boolean; subaccount?: number } = {},
): Promise<void> {
  const reply = await call(sandbox, "POST", "/tracking-domains", {
    body: { domain, ...(options.secure === undefined ? {} : { secure: options.secure }) },
    subaccount: options.subaccount,
  });
  if (reply.status !== 200)
    throw new Error(`Creating ${domain} answered ${reply.status}: ${reply.text}`);
}

/** Marks a tracking domain verified, as if DNS and the check had succeeded. */
export function markVerified(sandbox: Sandbox, domain: string): void {
  sandbox.patchTrackingDomain(domain, {
    status: { verified: true, cname_status: "valid", compliance_status: "valid" },
  });
}
