/**
 * The verification wait in-process, against a sandbox and DNS servers on loopback: it keeps
 * waiting through failures that pass, stops at its own deadline, and falls back when no DNS
 * server can be reached for the preflight.
 */
import { createSocket } from "node:dgram";
import {
  pollTiming,
  waitForVerification,
  type PollTiming,
} from "../../provider/resources/waitForVerification";
import { closeSharedAgent, createClient, type SparkPostClient } from "../../provider/sparkpost";
import { startSandbox, type Sandbox } from "../../sandbox";
import { DnsTestServer, startDnsServer } from "../support/dnsServer";
import { failureOf } from "../support/failureOf";

const KEY = "wait-test-key-5d1e";
const FAST: PollTiming = {
  preflightIntervalMs: 20,
  propagationWaitMs: 0,
  firstVerifyPauseMs: 40,
  maxVerifyPauseMs: 80,
};

let sandbox: Sandbox;
let dns: DnsTestServer;
/** A UDP port on loopback where nothing listens: queries there are refused at once. */
let silentServer: string;

async function closedUdpPort(): Promise<string> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

beforeAll(async () => {
  dns = await startDnsServer();
  sandbox = await startSandbox({ apiKey: KEY, verifyAfterSeconds: 0 });
  silentServer = await closedUdpPort();
});
afterAll(async () => {
  await sandbox.close();
  await dns.close();
  await closeSharedAgent();
});
beforeEach(() => {
  sandbox.reset();
  dns.remove("track.example.com");
});

function client(lines: string[], overrides: { timeoutMs?: number } = {}): SparkPostClient {
  return createClient({
    apiKey: KEY,
    baseUrl: sandbox.apiUrl,
    log: (line) => lines.push(line),
    retry: { minDelayMs: 0, maxDelayMs: 0, rateLimitDelayMs: [5, 5] },
    ...overrides,
  });
}

async function createDomain(): Promise<void> {
  await client([]).createTrackingDomain("track.example.com", {});
  sandbox.clearLog();
}

const plan = {
  domain: "track.example.com",
  scope: {},
  expectedTarget: "v2.spgo.io",
  timeoutSeconds: 10,
  preflight: "authoritative" as const,
  proxied: false,
};

describe("the timing", () => {
  test.each([
    [{}, [5000, 10_000, 30_000, 300_000]],
    [{ SPARKPOST_VERIFY_POLL_MS: "50" }, [50, 100, 300, 3000]],
    [{ SPARKPOST_VERIFY_POLL_MS: "soon" }, [5000, 10_000, 30_000, 300_000]],
    [{ SPARKPOST_VERIFY_POLL_MS: "-1" }, [5000, 10_000, 30_000, 300_000]],
  ])("for the environment %j: DNS, first verify after DNS, pauses %j ms", (env, expected) => {
    const timing = pollTiming(env);
    expect([
      timing.preflightIntervalMs,
      timing.propagationWaitMs,
      timing.firstVerifyPauseMs,
      timing.maxVerifyPauseMs,
    ]).toEqual(expected);
  });

  test("the first verify waits for SparkPost's resolvers after DNS first shows the record, and says so", async () => {
    await createDomain();
    dns.setCname("track.example.com", "v2.spgo.io");
    const lines: string[] = [];

    const result = await waitForVerification(
      client([]),
      { ...plan, nameservers: [dns.address] },
      { ...FAST, propagationWaitMs: 60 },
      (line) => lines.push(line),
    );

    expect(result.verified).toBe(true);
    expect(lines).toEqual([
      `track.example.com: DNS preflight: the given authoritative nameservers (${dns.address}) answer CNAME track.example.com -> v2.spgo.io`,
      "track.example.com: waiting 0.1 s for SparkPost's resolvers to see the record too before the first verify.",
      "track.example.com: verified by SparkPost.",
    ]);
    expect(sandbox.requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "POST /tracking-domains/track.example.com/verify",
    ]);
  });

  test("no verify is made before the wait after DNS is over, and the timeout says why", async () => {
    await createDomain();
    dns.setCname("track.example.com", "v2.spgo.io");

    const error = await failureOf(
      waitForVerification(
        client([]),
        { ...plan, nameservers: [dns.address], timeoutSeconds: 1 },
        { ...FAST, propagationWaitMs: 60_000 },
        () => undefined,
      ),
    );

    expect(sandbox.requests).toEqual([]);
    expect(error.message).toBe(
      "Timed out after 1 s waiting for SparkPost to verify tracking domain track.example.com. " +
        `DNS: the given authoritative nameservers (${dns.address}) answer CNAME track.example.com -> v2.spgo.io. ` +
        "SparkPost last said: nothing yet: DNS showed the expected record too close to the deadline, " +
        "and the first verify waits 60 s after that for SparkPost's resolvers to see the record too. " +
        "Check that track.example.com is a CNAME to v2.spgo.io in the zone's authoritative DNS, then " +
        "run `pulumi up` again (raise timeoutSeconds if DNS changes take long to publish).",
    );
  });

  test("with the preflight off there is nothing to wait after: the first verify goes at once", async () => {
    await createDomain();

    const result = await waitForVerification(
      client([]),
      { ...plan, preflight: "off" },
      { ...FAST, propagationWaitMs: 60_000 },
      () => undefined,
    );

    expect(result.verified).toBe(true);
    expect(sandbox.requests).toHaveLength(1);
  });
});

test("429s and 5xx from verify are waited out, and the next verify succeeds", async () => {
  await createDomain();
  dns.setCname("track.example.com", "v2.spgo.io");
  sandbox.setFaults({
    tooManyRequests: [{ method: "POST", path: "/tracking-domains/*/verify", count: 31 }],
    inject: [{ method: "POST", path: "/tracking-domains/*/verify", status: 503, count: 6 }],
  });
  const lines: string[] = [];

  const result = await waitForVerification(
    client(lines),
    { ...plan, nameservers: [dns.address] },
    FAST,
    (line) => lines.push(line),
  );

  expect(result).toEqual({ verified: true, cname_status: "", compliance_status: "valid" });
  const faults = sandbox.requests.map((entry) => entry.fault ?? `${entry.status}`);
  // The sandbox answers injected statuses first: 6 503s exhaust one verify call (1 + 5
  // retries), 31 429s the next (1 + 30), then it works.
  expect(faults).toEqual([
    ...Array<string>(6).fill("injected"),
    ...Array<string>(31).fill("too-many-requests"),
    "200",
  ]);
  const waiting = lines.filter((line) => line.includes("Still waiting"));
  expect(waiting.map((line) => line.replace(/\d+ s left/, "N s left"))).toEqual([
    "track.example.com: SparkPost refused to verify tracking domain track.example.com (503 after 6 attempts): Service Unavailable. Still waiting, N s left.",
    "track.example.com: SparkPost refused to verify tracking domain track.example.com (429 after 31 attempts): Too Many Requests. Still waiting, N s left.",
  ]);
});

test("a verify call that hangs is cut at the wait's deadline, not at its own 60 s timeout", async () => {
  await createDomain();
  sandbox.setFaults({ hang: [{ method: "POST", path: "/tracking-domains/*/verify", count: 5 }] });
  const lines: string[] = [];

  const error = await failureOf(
    waitForVerification(
      client(lines, { timeoutMs: 60_000 }),
      { ...plan, preflight: "off", timeoutSeconds: 1 },
      FAST,
      (line) => lines.push(line),
    ),
  );

  expect(error.message).toBe(
    "Timed out after 1 s waiting for SparkPost to verify tracking domain track.example.com. " +
      "DNS: not checked. SparkPost last said: Could not reach SparkPost to verify tracking domain " +
      "track.example.com: no complete response within the call's time limit (CALL_TIME_LIMIT). " +
      "Check that track.example.com is a CNAME to v2.spgo.io in the zone's authoritative DNS, then " +
      "run `pulumi up` again (raise timeoutSeconds if DNS changes take long to publish).",
  );
  expect(sandbox.requests.map((entry) => entry.fault)).toEqual(["hang"]);
});

test("a key SparkPost refuses ends the wait at once", async () => {
  await createDomain();
  sandbox.setFaults({
    inject: [{ method: "POST", path: "/tracking-domains/*/verify", status: 401 }],
  });

  const error = await failureOf(
    waitForVerification(client([]), { ...plan, preflight: "off" }, FAST, () => undefined),
  );

  expect(error.message).toBe(
    "SparkPost refused to verify tracking domain track.example.com (401): Unauthorized.",
  );
});

describe("when DNS cannot be reached from this machine", () => {
  test("unreachable nameservers fall back to the system resolvers, which see the record", async () => {
    await createDomain();
    dns.setCname("track.example.com", "v2.spgo.io");
    const lines: string[] = [];

    const result = await waitForVerification(
      client([]),
      { ...plan, nameservers: [silentServer], systemResolvers: [dns.address] },
      FAST,
      (line) => lines.push(line),
    );

    expect(result.verified).toBe(true);
    expect(lines).toEqual([
      `track.example.com: DNS preflight: the given authoritative nameservers (${silentServer}) refused the connection (nothing listens there)`,
      "track.example.com: no nameserver answered the preflight; asking the system resolvers instead.",
      `track.example.com: DNS preflight: the system resolvers (${dns.address}) answer CNAME track.example.com -> v2.spgo.io`,
      "track.example.com: verified by SparkPost.",
    ]);
  });

  test("with no DNS server reachable at all, SparkPost is asked without a preflight", async () => {
    await createDomain();
    const lines: string[] = [];

    const result = await waitForVerification(
      client([]),
      { ...plan, nameservers: [silentServer], systemResolvers: [silentServer] },
      FAST,
      (line) => lines.push(line),
    );

    expect(result.verified).toBe(true);
    expect(lines).toEqual([
      `track.example.com: DNS preflight: the given authoritative nameservers (${silentServer}) refused the connection (nothing listens there)`,
      "track.example.com: no nameserver answered the preflight; asking the system resolvers instead.",
      `track.example.com: DNS preflight: the system resolvers (${silentServer}) refused the connection (nothing listens there)`,
      "track.example.com: no DNS server answered the preflight either, so DNS cannot be checked from this machine: asking SparkPost to verify without it, backing off between calls.",
      "track.example.com: verified by SparkPost.",
    ]);
    expect(sandbox.requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      "POST /tracking-domains/track.example.com/verify",
    ]);
  });
});
