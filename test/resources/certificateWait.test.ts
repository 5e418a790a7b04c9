/**
 * The managed certificate's wait in-process, against a sandbox on loopback: what it asks SparkPost
 * and in which order, failures that pass waited out, an enable whose answer was lost, a hung read
 * cut at the deadline, what ends it at once, and error codes in plain words.
 */
import { describeErrorCode } from "../../provider/resources/certificateReport";
import type { CertificateObservations } from "../../provider/resources/certificateReport";
import {
  certificatePollMs,
  waitForCertificate,
  type CertificatePlan,
} from "../../provider/resources/waitForCertificate";
import { closeSharedAgent, createClient, type SparkPostClient } from "../../provider/sparkpost";
import { startSandbox, type Sandbox } from "../../sandbox";
import { failureOf } from "../support/failureOf";

const KEY = "certificate-wait-key-81c2";
const DOMAIN = "track.example.com";
const POLL_MS = 30;
const plan: CertificatePlan = { domain: DOMAIN, scope: {}, timeoutSeconds: 10 };

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: KEY, verifyAfterSeconds: 0 });
});
afterAll(async () => {
  await sandbox.close();
  await closeSharedAgent();
});
beforeEach(async () => {
  sandbox.reset();
  await client().createTrackingDomain(DOMAIN, {});
  await client().verifyTrackingDomain(DOMAIN);
  sandbox.clearLog();
});

function client(overrides: { timeoutMs?: number } = {}): SparkPostClient {
  return createClient({
    apiKey: KEY,
    baseUrl: sandbox.apiUrl,
    log: () => undefined,
    retry: { maxRetries: 0, maxRateLimitRetries: 0, minDelayMs: 0, maxDelayMs: 0 },
    ...overrides,
  });
}

/** Runs the wait, collecting its progress lines and what it saw. */
async function wait(planned: CertificatePlan = plan, overrides: { timeoutMs?: number } = {}) {
  const lines: string[] = [];
  const seen: CertificateObservations = { enableSent: false };
  const result = waitForCertificate(client(overrides), planned, seen, POLL_MS, (line) =>
    lines.push(line),
  );
  return { result, lines, seen };
}

const requests = () => sandbox.requests.map((entry) => `${entry.method} ${entry.path}`);
const GET = `GET /tracking-domains/${DOMAIN}`;
const CHECK = `POST /tracking-domains/${DOMAIN}/certificate/check`;
const ENABLE = `POST /tracking-domains/${DOMAIN}/certificate/enable`;

test.each([
  [{}, 30_000],
  [{ SPARKPOST_VERIFY_POLL_MS: "50" }, 300],
  [{ SPARKPOST_VERIFY_POLL_MS: "never" }, 30_000],
])("for the environment %j it looks every %d ms", (env, expected) => {
  expect(certificatePollMs(env)).toBe(expected);
});

test("reads, checks, enables once, then reads until the certificate is valid", async () => {
  sandbox.updateSettings({ certificateIssueSeconds: 0.5 });
  const { result, lines, seen } = await wait();

  expect(await result).toMatchObject({ tlsStatus: "valid", usesManagedCertificate: true });
  expect(requests().slice(0, 4)).toEqual([GET, CHECK, ENABLE, GET]);
  expect(new Set(requests().slice(3))).toEqual(new Set([GET]));
  expect(seen.enableSent).toBe(true);
  expect(lines.slice(0, 2)).toEqual([
    `${DOMAIN}: enabling SparkPost's managed certificate (certificate/enable). This cannot be undone: SparkPost has no way to disable it, and only deleting the tracking domain removes it.`,
    `${DOMAIN}: managed certificate: tls_status "pending": Let's Encrypt is issuing it (usually within 15 minutes); looking again every 0 s, for up to 10 s.`,
  ]);
  expect(lines.at(-1)).toMatch(
    /^track\.example\.com: managed certificate is valid \(tls_status "valid", issued .+, expires .+\)\.$/,
  );
});

test("a certificate already valid is only read", async () => {
  await client().enableTrackingDomainCertificate(DOMAIN);
  sandbox.clearLog();
  const { result, seen } = await wait();

  expect(await result).toMatchObject({ tlsStatus: "valid" });
  expect(requests()).toEqual([GET]);
  expect(seen.enableSent).toBe(false);
});

test("5xx and 429 answers are waited out", async () => {
  sandbox.setFaults({
    inject: [{ method: "GET", path: "/tracking-domains/*", status: 503, count: 2 }],
    tooManyRequests: [{ method: "POST", path: "/tracking-domains/*/certificate/check", count: 1 }],
  });
  const { result, lines } = await wait();

  expect(await result).toMatchObject({ tlsStatus: "valid" });
  expect(
    lines
      .filter((line) => line.includes("Still waiting"))
      .map((line) => line.replace(/\d+ s left/, "N s left")),
  ).toEqual([
    `${DOMAIN}: SparkPost refused to read tracking domain ${DOMAIN} (503): Service Unavailable. Still waiting, N s left.`,
    `${DOMAIN}: SparkPost refused to check whether SparkPost can manage ${DOMAIN}'s certificate (429): Too Many Requests. Still waiting, N s left.`,
  ]);
});

test("an enable whose answer was lost is read back, not sent again", async () => {
  sandbox.setFaults({
    dropAfterProcessing: { method: "POST", path: "/tracking-domains/*/certificate/enable" },
  });
  const { result, seen } = await wait();

  expect(await result).toMatchObject({ tlsStatus: "valid" });
  expect(requests()).toEqual([GET, CHECK, ENABLE, GET]);
  expect(seen.enableSent).toBe(true);
});

test("a read that hangs is cut at the wait's deadline", async () => {
  sandbox.setFaults({ hang: [{ method: "GET", path: "/tracking-domains/*" }] });
  const started = Date.now();
  const { result } = await wait({ ...plan, timeoutSeconds: 1 }, { timeoutMs: 60_000 });
  const error = await failureOf(result);

  expect(Date.now() - started).toBeLessThan(1000 + POLL_MS + 500);
  expect(error.message).toBe(
    `Timed out after 1 s waiting for SparkPost's managed certificate for ${DOMAIN}. ` +
      `SparkPost last said: Could not reach SparkPost to read tracking domain ${DOMAIN}: no complete response within the call's time limit (CALL_TIME_LIMIT). ` +
      "Issuance usually takes up to 15 minutes: if it stays pending, check that the domain is a CNAME to SparkPost's v2 endpoint, that no CAA record excludes letsencrypt.org, then run `pulumi up` again (raise timeoutSeconds if issuance takes longer).",
  );
});

test.each<[string, Parameters<Sandbox["setFaults"]>[0], string, string[]]>([
  [
    "a refused key",
    { inject: [{ method: "GET", status: 401 }] },
    `SparkPost refused to read tracking domain ${DOMAIN} (401): Unauthorized.`,
    [GET],
  ],
  [
    "Let's Encrypt's policy (403 from certificate/check)",
    { inject: [{ method: "POST", path: "/tracking-domains/*/certificate/check", status: 403 }] },
    `SparkPost refused to check whether SparkPost can manage ${DOMAIN}'s certificate (403): Forbidden. SparkPost refuses managed certificates for domains Let's Encrypt's policy excludes, and to keys without the tracking_domains/manage permission: check the key, or serve HTTPS through a CDN instead (https.mode "cloudflare-proxy" or "cloudfront").`,
    [GET, CHECK],
  ],
  [
    "a domain SparkPost cannot manage",
    {
      wrongShape200: [
        {
          method: "POST",
          path: "/tracking-domains/*/certificate/check",
          json: { results: { domain: DOMAIN, supportsManagedCertificate: false } },
        },
      ],
    },
    `SparkPost cannot manage the certificate of ${DOMAIN} (certificate/check: supportsManagedCertificate: false). Managed certificates need the domain's CNAME to point at SparkPost's v2 endpoint (v2.spgo.io, or eu.v2.spgo.io in the EU) and a domain Let's Encrypt's policy allows: fix the CNAME and run \`pulumi up\` again, or serve HTTPS through a CDN instead (https.mode "cloudflare-proxy" or "cloudfront"). Nothing was enabled.`,
    [GET, CHECK],
  ],
])("%s ends the wait at once", async (_title, faults, message, calls) => {
  sandbox.setFaults(faults);
  const { result, seen } = await wait();

  expect((await failureOf(result)).message).toBe(message);
  expect(requests()).toEqual(calls);
  expect(seen.enableSent).toBe(false);
});

test.each([
  [
    "caa_record_forbids_issuance",
    `error_code "caa_record_forbids_issuance": a CAA record of ${DOMAIN} or a parent domain does not allow Let's Encrypt to issue certificates: add a CAA record "0 issue \\"letsencrypt.org\\"" next to the others, or remove them`,
  ],
  [
    "urn:ietf:params:acme:error:rateLimited",
    `error_code "urn:ietf:params:acme:error:rateLimited": Let's Encrypt's rate limits for this registered domain were reached: wait (its limits reset within a week) and try again`,
  ],
  [
    "CNAME_NOT_FOUND",
    `error_code "CNAME_NOT_FOUND": DNS: ${DOMAIN} must be a CNAME to SparkPost's v2 endpoint (v2.spgo.io, or eu.v2.spgo.io in the EU), visible everywhere`,
  ],
  [
    "policy_forbids_issuance",
    `error_code "policy_forbids_issuance": Let's Encrypt's policy excludes this domain: serve HTTPS through a CDN instead (https.mode "cloudflare-proxy" or "cloudfront")`,
  ],
  [
    "urn:ietf:params:acme:error:unauthorized",
    `error_code "urn:ietf:params:acme:error:unauthorized": Let's Encrypt could not check that SparkPost answers for ${DOMAIN} (its HTTP-01 challenge over http://${DOMAIN}/.well-known/acme-challenge/): nothing may stand between the domain and SparkPost (no proxy, CDN or redirect)`,
  ],
  [
    "E4711",
    `error_code "E4711", which SparkPost does not document; its documented causes are a CNAME that is not SparkPost's v2 endpoint, CAA records that exclude Let's Encrypt, and Let's Encrypt failing to reach SparkPost through the domain`,
  ],
  [
    undefined,
    "SparkPost gave no error_code; its documented causes are a CNAME that is not SparkPost's v2 endpoint, CAA records that exclude Let's Encrypt, and Let's Encrypt failing to reach SparkPost through the domain",
  ],
])("error_code %s in plain words", (code, words) => {
  expect(describeErrorCode(DOMAIN, code)).toBe(words);
});
