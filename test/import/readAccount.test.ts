/**
 * Reading an account for the import against the sandbox: which accounts are read, how links are
 * matched to tracking domains, and what a key without the view permissions (403) or a wrong key
 * (401) makes of it.
 */
import { readAccount } from "../../program/import/readAccount";
import { closeSharedAgent, createClient } from "../../provider/sparkpost";
import { startSandbox, type Sandbox } from "../../sandbox";
import { existingAccountStateFile } from "../support/existingAccount";

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({ stateFile: existingAccountStateFile() });
});
afterEach(() => sandbox.close());
afterAll(closeSharedAgent);

const client = (apiKey = sandbox.apiKey) =>
  createClient({ apiKey, baseUrl: sandbox.apiUrl, retry: { minDelayMs: 0 } });
const read = (selection: Parameters<typeof readAccount>[2], apiKey?: string) =>
  readAccount(client(apiKey), sandbox.apiUrl, selection, () => undefined);

test("links are kept within one account; others are left out, each said why", async () => {
  sandbox.seedSendingDomain("cross.shop.example.com", {
    subaccountId: 42,
    trackingDomain: "track.example.com",
  });
  sandbox.seedSendingDomain("stale.example.com", { trackingDomain: "gone.example.com" });

  const snapshot = await read({ kind: "all" });

  expect(
    snapshot.trackingDomains.map((found) => [
      found.domain,
      found.subaccountId,
      found.sendingDomains,
    ]),
  ).toEqual([
    ["click.example.com", undefined, ["promo.example.com"]],
    ["links.example.org", undefined, []],
    ["track.example.com", undefined, ["mail.example.com", "news.example.com"]],
    ["click.shop.example.com", 42, ["mail.shop.example.com"]],
  ]);
  expect(snapshot.leftOut).toEqual([
    "the link of sending domain cross.shop.example.com (subaccount 42) to track.example.com (the primary account): SparkPost links domains of one account only, so a SendingDomainLink could not read it",
    "the link of sending domain stale.example.com (the primary account) to gone.example.com, a tracking domain SparkPost does not list",
  ]);
});

test("listed subaccounts: only those, read in the same three calls", async () => {
  sandbox.seedSendingDomain("mail.brand.example.net", { subaccountId: 7 });
  const snapshot = await read({ kind: "listed", ids: [7] });
  expect(snapshot.subaccounts).toEqual([{ id: 7, name: "Subaccount 7" }]);
  expect(snapshot.trackingDomains.map((found) => found.domain)).toEqual([
    "click.example.com",
    "links.example.org",
    "track.example.com",
  ]);
  expect(sandbox.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
    "GET /subaccounts",
    "GET /tracking-domains",
    "GET /sending-domains",
  ]);
});

test("a listed subaccount the account does not have is refused before reading domains", async () => {
  await expect(read({ kind: "listed", ids: [42, 99] })).rejects.toThrow(
    "The account has no subaccount 99 (its subaccounts: 42): correct --subaccounts.",
  );
  expect(sandbox.requests.map((request) => request.path)).toEqual(["/subaccounts"]);
});

test.each([
  [
    "/tracking-domains",
    { kind: "none" } as const,
    "SparkPost refused to list the tracking domains of the primary account (403): Forbidden. The API key lacks the tracking_domains/view permission: give it that permission in SparkPost (API keys), or use a key that has it. The import only reads.",
  ],
  [
    "/sending-domains",
    { kind: "all" } as const,
    "SparkPost refused to list the sending domains of every account (403): Forbidden. The API key lacks the sending_domains/view permission: give it that permission in SparkPost (API keys), or use a key that has it. The import only reads.",
  ],
  [
    "/subaccounts",
    { kind: "all" } as const,
    "SparkPost refused to list the subaccounts (403): Forbidden. The API key lacks the subaccounts/view permission: give it that permission in SparkPost (API keys), or use a key that has it. The import only reads.",
  ],
])(
  "a key that may not read %s: one request, an error naming the permission",
  async (path, selection, message) => {
    sandbox.setFaults({ inject: [{ method: "GET", path, status: 403, count: 5 }] });
    await expect(read(selection)).rejects.toThrow(message);
    expect(sandbox.requests.filter((request) => request.path === path)).toHaveLength(1);
  },
);

test("a wrong key: the 401 and what to check", async () => {
  await expect(read({ kind: "none" }, "wrong-key")).rejects.toThrow(
    "SparkPost refused to list the tracking domains of the primary account (401): Unauthorized. Check the API key (SPARKPOST_API_KEY or --api-key-file) and that --region or --api-url names the account's region: US and EU accounts have separate keys.",
  );
});
