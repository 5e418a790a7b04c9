/**
 * SparkPost's managed certificate through the real dynamic-provider host, against the sandbox:
 * the preview that refuses it until its irreversibility is acknowledged, a TrackingDomain that
 * leaves `secure` to the certificate, create (check, enable, the wait for tls_status valid), a
 * no-op up, refresh of a valid, expired or gone certificate, the repair of an expired one, a
 * failed issuance in plain words, a timeout that records what was enabled, and a delete that
 * makes no call.
 */
import { EngineFixture, startEngineFixture } from "../support/engineFixture";
import { failureOf } from "../support/failureOf";
import { HostCallError } from "../support/providerHost";
import type { HostResource } from "../support/hostResource";

const DOMAIN = "track.example.com";
let fixture: EngineFixture;

beforeAll(async () => {
  fixture = await startEngineFixture({ sandbox: { verifyAfterSeconds: 0 } });
});
afterAll(async () => fixture.close());
beforeEach(() => fixture.sandbox.reset());

/** Outputs without the stored provider. */
function outputsOf(resource: HostResource): Record<string, unknown> {
  const { __provider: _stored, ...outputs } = resource.state!.outputs;
  return outputs;
}

/**
 * What the host printed while `run` ran, up to a line containing `last`: the host's stdout may
 * arrive after the call's answer.
 */
async function printedDuring(run: () => Promise<unknown>, last: string): Promise<string[]> {
  const before = fixture.host.stdout.length;
  await run();
  const printed = () => fixture.host.stdout.slice(before);
  for (let waited = 0; !printed().includes(last) && waited < 2000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return printed().split("\n").filter(Boolean);
}

const certificateArgs = { domain: DOMAIN, acknowledgeIrreversible: true, timeoutSeconds: 20 };

/** The TrackingDomain and verification a managed certificate needs, as the component makes them. */
async function verifiedManagedDomain(): Promise<HostResource> {
  const domain = fixture.resource("TrackingDomain", "domain");
  await domain.create({ domain: DOMAIN, secure: true, managedCertificate: true });
  await fixture.resource("TrackingDomainVerification", "verify").create({
    domain: DOMAIN,
    preflight: "off",
  });
  fixture.sandbox.clearLog();
  return domain;
}

describe("the preview", () => {
  test.each<[string, Record<string, unknown>, { property: string; reason: string }]>([
    [
      "without acknowledgeIrreversible",
      { domain: DOMAIN },
      {
        property: "acknowledgeIrreversible",
        reason:
          "acknowledgeIrreversible must be true, not unset: enabling SparkPost's managed certificate cannot be undone: SparkPost has no way to disable it, the domain stays secure (HTTPS links) from then on, and `pulumi destroy` leaves the certificate in place; only deleting the tracking domain removes it. Set acknowledgeIrreversible: true to go ahead.",
      },
    ],
    [
      "with acknowledgeIrreversible false",
      { domain: DOMAIN, acknowledgeIrreversible: false },
      {
        property: "acknowledgeIrreversible",
        reason: expect.stringMatching(/^acknowledgeIrreversible must be true, not false: /),
      },
    ],
    [
      "for a legacy CNAME target",
      { ...certificateArgs, cnameTarget: "spgo.io" },
      {
        property: "cnameTarget",
        reason:
          'cnameTarget is "spgo.io", a legacy SparkPost endpoint, which offers no managed certificates: SparkPost issues them only to domains whose CNAME points at a v2 endpoint ("v2.spgo.io" or "eu.v2.spgo.io"). Leave cnameTarget unset for the region\'s v2 endpoint (the record is updated), or serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront").',
      },
    ],
    [
      "for an Enterprise CNAME target",
      { ...certificateArgs, cnameTarget: "acme.et.e.sparkpost.com" },
      {
        property: "cnameTarget",
        reason:
          'cnameTarget is "acme.et.e.sparkpost.com", an Enterprise endpoint, which offers no managed certificates (only SparkPost\'s v2 endpoints "v2.spgo.io" or "eu.v2.spgo.io" do): serve HTTPS through a CDN that holds the certificate (CustomTrackingDomain\'s https.mode "cloudflare-proxy" or "cloudfront").',
      },
    ],
  ])("is refused by check %s, before any call", async (_title, args, failure) => {
    const { failures } = await fixture.host.check(
      fixture.resource("TrackingDomainCertificate", "c").urn,
      {},
      { ...args, __provider: fixture.serialized.TrackingDomainCertificate },
    );
    expect(failures).toEqual([failure]);
    expect(fixture.sandbox.requests).toEqual([]);
  });

  test("a verification through Cloudflare's proxy refuses a zone whose SSL/TLS mode is not Full", async () => {
    const { failures } = await fixture.host.check(
      fixture.resource("TrackingDomainVerification", "v").urn,
      {},
      {
        domain: DOMAIN,
        proxied: true,
        cloudflareSslMode: "flexible",
        __provider: fixture.serialized.TrackingDomainVerification,
      },
    );
    expect(failures).toEqual([
      {
        property: "cloudflareSslMode",
        reason:
          'cloudflareSslMode is "flexible", but SparkPost\'s HTTPS tracking through Cloudflare\'s proxy needs the zone\'s SSL/TLS encryption mode "full" ("Full"): set it in the zone\'s SSL/TLS overview, or set https.sslMode to "set" to let the stack set it for the whole zone, or to "skip" when a Configuration Rule sets "Full" for this host alone.',
      },
    ]);
  });

  test("a TrackingDomain with managedCertificate refuses secure: false", async () => {
    const { failures } = await fixture.host.check(
      fixture.resource("TrackingDomain", "d").urn,
      {},
      {
        domain: DOMAIN,
        secure: false,
        managedCertificate: true,
        __provider: fixture.serialized.TrackingDomain,
      },
    );
    expect(failures).toEqual([
      {
        property: "secure",
        reason:
          "secure must be true or unset with managedCertificate: true: SparkPost's managed certificate serves the domain over HTTPS and cannot be turned off.",
      },
    ]);
  });
});

describe("the whole lifecycle", () => {
  test("create, a no-op up, refresh, expiry and its repair, destroy", async () => {
    fixture.sandbox.updateSettings({ certificateIssueSeconds: 2 });
    const domain = fixture.resource("TrackingDomain", "domain");
    await domain.create({ domain: DOMAIN, secure: true, managedCertificate: true });
    // Created over HTTP, so that SparkPost can verify it before the certificate exists.
    expect(fixture.sandbox.requests[0].body).toEqual({ domain: DOMAIN });
    expect(outputsOf(domain)).toMatchObject({ secure: false, port: 80, managedCertificate: true });
    await fixture.resource("TrackingDomainVerification", "verify").create({
      domain: DOMAIN,
      preflight: "off",
    });
    fixture.sandbox.clearLog();

    const certificate = fixture.resource("TrackingDomainCertificate", "certificate");
    expect(await certificate.preview(certificateArgs)).toBe("create");
    const printed = await printedDuring(
      () => certificate.create(certificateArgs),
      "managed certificate is valid",
    );

    const requests = fixture.requestLines();
    expect(requests.slice(0, 4)).toEqual([
      `GET /tracking-domains/${DOMAIN} 200`,
      `POST /tracking-domains/${DOMAIN}/certificate/check 200`,
      `POST /tracking-domains/${DOMAIN}/certificate/enable 200`,
      `GET /tracking-domains/${DOMAIN} 200`,
    ]);
    expect(new Set(requests.slice(4))).toEqual(new Set([`GET /tracking-domains/${DOMAIN} 200`]));
    const issued = fixture.sandbox.trackingDomain(DOMAIN)!.tls_certificate!;
    expect(outputsOf(certificate)).toEqual({
      domain: DOMAIN,
      acknowledgeIrreversible: true,
      timeoutSeconds: 20,
      tlsStatus: "valid",
      secure: true,
      issuedAt: issued.issued_at,
      expiresAt: issued.expires_at,
    });
    expect(printed[0]).toBe(
      `${DOMAIN}: enabling SparkPost's managed certificate (certificate/enable). This cannot be undone: SparkPost has no way to disable it, and only deleting the tracking domain removes it.`,
    );
    expect(printed[1]).toBe(
      `${DOMAIN}: managed certificate: tls_status "pending": Let's Encrypt is issuing it (usually within 15 minutes); looking again every 0.3 s, for up to 20 s.`,
    );
    expect(printed.at(-1)).toBe(
      `${DOMAIN}: managed certificate is valid (tls_status "valid", issued ${issued.issued_at}, expires ${issued.expires_at}).`,
    );

    // A no-op up: nothing to ask SparkPost, for the certificate nor the domain.
    fixture.sandbox.clearLog();
    await certificate.same(certificateArgs);
    await domain.same({ domain: DOMAIN, secure: true, managedCertificate: true });
    expect(fixture.sandbox.requests).toEqual([]);

    // Refresh: SparkPost turned secure on; the domain's state catches up and stays without diff.
    expect(await domain.refresh()).toBe("refreshed");
    expect(outputsOf(domain)).toMatchObject({ secure: true, port: 443, managedCertificate: true });
    await domain.same({ domain: DOMAIN, secure: true, managedCertificate: true });
    expect(await certificate.refresh()).toBe("refreshed");
    expect(outputsOf(certificate).tlsStatus).toBe("valid");
    await certificate.same(certificateArgs);

    // A renewal fails: refresh shows it, and the next up asks SparkPost again and waits.
    fixture.sandbox.patchTrackingDomain(DOMAIN, {
      tlsCertificate: { status: "expired", errorCode: "caa_record_forbids_issuance" },
    });
    expect(await certificate.refresh()).toBe("refreshed");
    expect(outputsOf(certificate)).toMatchObject({
      tlsStatus: "expired",
      errorCode: "caa_record_forbids_issuance",
    });
    expect(certificate.state!.inputs).toEqual({
      ...certificateArgs,
      __provider: fixture.serialized.TrackingDomainCertificate,
    });
    fixture.sandbox.clearLog();
    const repair = await printedDuring(
      () => certificate.update(certificateArgs),
      "managed certificate is valid",
    );
    expect(repair[0]).toBe(
      `${DOMAIN}: SparkPost's managed certificate for ${DOMAIN} expired: its renewal failed (tls_status: expired). ` +
        `Error_code "caa_record_forbids_issuance": a CAA record of ${DOMAIN} or a parent domain does not allow Let's Encrypt to issue certificates: add a CAA record "0 issue \\"letsencrypt.org\\"" next to the others, or remove them. ` +
        "Fix the cause, re-verify the domain if its DNS changed, then run `pulumi up` again: it asks SparkPost for the certificate once more. " +
        "The certificate stays enabled meanwhile (it cannot be undone), so links are served over HTTPS without a valid certificate until then. Asking SparkPost again.",
    );
    // Enabled before: no certificate/check, straight to enable.
    expect(fixture.requestLines().slice(0, 2)).toEqual([
      `GET /tracking-domains/${DOMAIN} 200`,
      `POST /tracking-domains/${DOMAIN}/certificate/enable 200`,
    ]);
    expect(outputsOf(certificate).tlsStatus).toBe("valid");

    // Destroy: no call; the certificate stays, and the stack says so.
    fixture.sandbox.clearLog();
    const deleted = await printedDuring(() => certificate.destroy(), "leaving");
    expect(fixture.sandbox.requests).toEqual([]);
    expect(deleted).toEqual([
      `${DOMAIN}: leaving SparkPost's managed certificate in place: SparkPost has no way to disable it. It goes when the tracking domain is deleted; until then the domain keeps serving HTTPS.`,
    ]);
    expect(fixture.sandbox.trackingDomain(DOMAIN)).toMatchObject({
      secure: true,
      uses_managed_certificate: true,
      status: { tls_status: "valid" },
    });
  });

  test.each([
    ["is gone", async () => fixture.sandbox.reset()],
    [
      "was made again without one",
      async () => {
        fixture.sandbox.reset();
        await verifiedManagedDomain();
      },
    ],
  ])("refresh drops a certificate whose domain %s", async (_title, change) => {
    await verifiedManagedDomain();
    const certificate = fixture.resource("TrackingDomainCertificate", "certificate");
    await certificate.create(certificateArgs);
    await change();

    expect(await certificate.refresh()).toBe("gone");
  });
});

test("leaving the managed certificate writes secure again: links are plain HTTP, the certificate stays", async () => {
  const domain = await verifiedManagedDomain();
  await fixture.resource("TrackingDomainCertificate", "certificate").create(certificateArgs);
  // State still shows the domain as created, over HTTP: SparkPost turned secure on unseen.
  expect(outputsOf(domain).secure).toBe(false);
  fixture.sandbox.clearLog();

  await domain.update({ domain: DOMAIN });

  expect(fixture.sandbox.requests.map((entry) => [entry.method, entry.body])).toEqual([
    ["PUT", { secure: false }],
    ["GET", null],
  ]);
  expect(fixture.sandbox.trackingDomain(DOMAIN)).toMatchObject({
    secure: false,
    uses_managed_certificate: true,
  });
  await domain.same({ domain: DOMAIN });
});

describe("failures", () => {
  test("a failed issuance is reported in plain words and recorded, and the next up repairs it", async () => {
    await verifiedManagedDomain();
    fixture.sandbox.updateSettings({ certificateErrorCode: "urn:ietf:params:acme:error:dns" });
    const certificate = fixture.resource("TrackingDomainCertificate", "certificate");

    const error = await failureOf(certificate.create(certificateArgs));

    expect(error.message).toBe(
      `SparkPost could not issue a managed certificate for ${DOMAIN} (tls_status: failed). ` +
        `Error_code "urn:ietf:params:acme:error:dns": DNS: ${DOMAIN} must be a CNAME to SparkPost's v2 endpoint (v2.spgo.io, or eu.v2.spgo.io in the EU), visible everywhere. ` +
        "Fix the cause, re-verify the domain if its DNS changed, then run `pulumi up` again: it asks SparkPost for the certificate once more. " +
        "The certificate stays enabled meanwhile (it cannot be undone), so links are served over HTTPS without a valid certificate until then.",
    );
    // Enabled, so recorded: nothing in SparkPost is left unknown to the stack.
    expect(error).toBeInstanceOf(HostCallError);
    expect(outputsOf(certificate)).toEqual({
      ...certificateArgs,
      tlsStatus: "failed",
      secure: true,
      errorCode: "urn:ietf:params:acme:error:dns",
    });

    fixture.sandbox.updateSettings({ certificateErrorCode: undefined });
    expect(await certificate.preview(certificateArgs)).toMatchObject({ changes: "some" });
    await certificate.finishPartialCreate(certificateArgs);
    expect(outputsOf(certificate).tlsStatus).toBe("valid");
  });

  test("a timeout records the enabled certificate; the next up waits for it without enabling again", async () => {
    await verifiedManagedDomain();
    fixture.sandbox.updateSettings({ certificateIssueSeconds: 2 });
    const certificate = fixture.resource("TrackingDomainCertificate", "certificate");

    const started = Date.now();
    const error = await failureOf(certificate.create({ ...certificateArgs, timeoutSeconds: 1 }));

    // Never more than one poll interval (6 x 50 ms) past the deadline, plus the host's overhead.
    expect(Date.now() - started).toBeLessThan(1000 + 300 + 700);
    expect(error.message).toBe(
      `Timed out after 1 s waiting for SparkPost's managed certificate for ${DOMAIN}. ` +
        'SparkPost last said: tls_status "pending". ' +
        "The certificate was requested and stays requested (it cannot be undone): the next `pulumi up` waits for it again without asking anew. " +
        "Issuance usually takes up to 15 minutes: if it stays pending, check that the domain is a CNAME to SparkPost's v2 endpoint, that no CAA record excludes letsencrypt.org, then run `pulumi up` again (raise timeoutSeconds if issuance takes longer).",
    );
    expect(outputsOf(certificate)).toMatchObject({ tlsStatus: "pending", secure: true });

    // The next up: the engine updates a partially created resource; it only waits.
    fixture.sandbox.clearLog();
    await certificate.finishPartialCreate(certificateArgs);
    expect(outputsOf(certificate).tlsStatus).toBe("valid");
    expect(new Set(fixture.requestLines())).toEqual(
      new Set([`GET /tracking-domains/${DOMAIN} 200`]),
    );
  });

  test("an unverified domain: nothing enabled, nothing recorded", async () => {
    await verifiedManagedDomain();
    fixture.sandbox.patchTrackingDomain(DOMAIN, {
      status: { verified: false, cname_status: "invalid", compliance_status: "valid" },
    });
    const certificate = fixture.resource("TrackingDomainCertificate", "certificate");

    const error = await failureOf(certificate.create(certificateArgs));

    expect(error.message).toBe(
      `Tracking domain ${DOMAIN} is not verified, and SparkPost enables managed certificates only for verified domains. ` +
        "The domain must be verified first: let its TrackingDomainVerification finish (or run `pulumi refresh` if it was verified before and is not any more), then run `pulumi up` again.",
    );
    expect(certificate.state).toBeUndefined();
    expect(fixture.requestLines()).toEqual([`GET /tracking-domains/${DOMAIN} 200`]);
  });
});
