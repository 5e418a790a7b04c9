/**
 * The list calls a tool reading a whole account uses, `GET /sending-domains` and
 * `GET /subaccounts`, against a real loopback server: the exact request, the documented answer
 * passed through, answers of another shape refused, and a 403 kept as SparkPost said it.
 */
import {
  clearRateLimitPauses,
  closeSharedAgent,
  type SparkPostClient,
  type SparkPostError,
} from "../../provider/sparkpost";
import { clientFor, rejectionOf, sentHeaders } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";

let server: ScriptServer;
let client: SparkPostClient;

beforeEach(async () => {
  server = await startScriptServer();
  client = clientFor(server).client;
});

afterEach(async () => {
  await server.close();
  clearRateLimitPauses();
});

afterAll(closeSharedAgent);

/** The API reference's example of the sending-domain list, as SparkPost documents it. */
const documentedSendingDomains = [
  {
    domain: "example1.com",
    tracking_domain: "click.example1.com",
    status: {
      ownership_verified: true,
      spf_status: "unverified",
      abuse_at_status: "unverified",
      dkim_status: "valid",
      cname_status: "valid",
      mx_status: "unverified",
      compliance_status: "valid",
      postmaster_at_status: "unverified",
      verification_mailbox_status: "valid",
      verification_mailbox: "susan.calvin",
    },
    shared_with_subaccounts: false,
    is_default_bounce_domain: false,
  },
  {
    domain: "example2.com",
    status: { ownership_verified: true, dkim_status: "valid", compliance_status: "valid" },
    subaccount_id: 123,
    is_default_bounce_domain: false,
  },
];

/** The API reference's example of the subaccount list. */
const documentedSubaccounts = [
  {
    id: 123,
    name: "Joe's Garage",
    status: "active",
    ip_pool: "my_ip_pool",
    compliance_status: "active",
  },
  { id: 456, name: "SharkPost", status: "active", compliance_status: "active" },
  { id: 789, name: "Dev Avocado", status: "suspended", compliance_status: "active" },
];

test.each([
  ["without a scope, every owner's", undefined, {}],
  ["with subaccount 0, the primary account's", { subaccountId: 0 }, { "x-msys-subaccount": "0" }],
  ["with subaccount 42, its own", { subaccountId: 42 }, { "x-msys-subaccount": "42" }],
])(
  "listSendingDomains %s: one GET, the documented answer as it is",
  async (_title, scope, extra) => {
    server.enqueue({ status: 200, json: { results: documentedSendingDomains } });

    expect(await client.listSendingDomains(scope)).toEqual(documentedSendingDomains);
    expect(server.requests).toEqual([
      {
        method: "GET",
        path: "/api/v1/sending-domains",
        headers: sentHeaders(server, extra),
        body: "",
      },
    ]);
  },
);

test("listSubaccounts: one GET without a subaccount header, the documented answer as it is", async () => {
  server.enqueue({ status: 200, json: { results: documentedSubaccounts } });

  expect(await client.listSubaccounts()).toEqual(documentedSubaccounts);
  expect(server.requests).toEqual([
    { method: "GET", path: "/api/v1/subaccounts", headers: sentHeaders(server), body: "" },
  ]);
});

test("empty lists are lists", async () => {
  server.enqueue({ status: 200, json: { results: [] } }, { status: 200, json: { results: [] } });

  expect(await client.listSendingDomains()).toEqual([]);
  expect(await client.listSubaccounts()).toEqual([]);
});

test.each([
  [
    "a sending domain without its domain",
    "sendingDomains",
    { results: [{ status: {} }] },
    "results.0.domain is missing",
  ],
  [
    "a sending domain whose tracking_domain is not a string",
    "sendingDomains",
    { results: [{ domain: "a.example.com", status: {}, tracking_domain: null }] },
    "results.0.tracking_domain is not of type string",
  ],
  [
    "one object where a list is documented",
    "sendingDomains",
    { results: { domain: "a.example.com", status: {} } },
    "results is not of type array",
  ],
  [
    "a subaccount without its id",
    "subaccounts",
    { results: [{ name: "x" }] },
    "results.0.id is missing",
  ],
  [
    "a subaccount id that is not a whole number",
    "subaccounts",
    { results: [{ id: "123" }] },
    "results.0.id is not of type integer",
  ],
])("%s is an unexpected answer, not a value to act on", async (_title, list, json, problem) => {
  server.enqueue({ status: 200, json });
  const call = list === "subaccounts" ? client.listSubaccounts() : client.listSendingDomains();

  const error = (await rejectionOf(call)) as SparkPostError;

  const path = list === "subaccounts" ? "/subaccounts" : "/sending-domains";
  expect(error).toMatchObject({ kind: "unexpected", status: 200, attempts: 1 });
  expect(error.message).toBe(
    `SparkPost API GET ${path} failed (unexpected 200 answer): ${problem} in ${JSON.stringify(json)}`,
  );
});

test("a 403 (a key without sending_domains/view) is refused at once, with SparkPost's words", async () => {
  server.enqueue({ status: 403, json: { errors: [{ message: "Forbidden" }] } });

  const error = (await rejectionOf(client.listSendingDomains())) as SparkPostError;

  expect(error).toMatchObject({
    kind: "refused",
    status: 403,
    attempts: 1,
    apiMessage: "Forbidden",
  });
  expect(server.requests).toHaveLength(1);
});
