/**
 * A fault during `pulumi up` on a fresh sandbox stack: SparkPost creates a tracking domain but the
 * answer never arrives (the connection drops after processing). That `up` may fail; the next one
 * must converge, with every domain created once and nothing left outside the state.
 */
import { RootStack, startRootStack } from "./support/rootStack";
import { links, trackingDomainLines } from "./support/sandboxAccount";

let root: RootStack;
const started = Date.now();

beforeAll(async () => {
  root = await startRootStack();
});

afterAll(async () => {
  await root?.close();
  console.log(`faults e2e: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test("a create whose answer is lost: the next up converges, and destroy leaves nothing behind", async () => {
  root.sandbox.setFaults({
    dropAfterProcessing: { method: "POST", path: "/tracking-domains", count: 1 },
  });
  const first = await root.stack.up({ color: "never" }).then(
    (result) => `succeeded: ${JSON.stringify(result.summary.resourceChanges)}`,
    (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  console.log(`up with a dropped POST /tracking-domains answer ${first}`);
  const dropped = root.sandbox.requests.filter((request) => request.fault === "dropped");
  expect(dropped.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
    "POST /tracking-domains 200",
  ]);
  root.sandbox.setFaults({});

  const second = await root.stack.up({ color: "never" });
  expect(second.summary.result).toBe("succeeded");
  expect(await trackingDomainLines(root.sandbox)).toEqual([
    "click.shop.example.com subaccount=42 secure=false default=true verified=true",
    "track.example.com primary secure=false default=true verified=true",
  ]);
  expect(
    links(root.sandbox, ["mail.example.com", "news.example.com", "mail.shop.example.com"]),
  ).toEqual([
    "mail.example.com -> track.example.com",
    "news.example.com -> track.example.com",
    "mail.shop.example.com -> click.shop.example.com",
  ]);
  // One POST per domain over both runs, the dropped one included: after the lost answer the
  // client read the domain back instead of posting it again (README: "A create is repeated only
  // when it surely did not reach SparkPost").
  const creates = root.sandbox.requests
    .filter((request) => request.method === "POST" && request.path === "/tracking-domains")
    .map((request) => `${(request.body as { domain: string }).domain} ${request.status}`)
    .sort();
  console.log(`POST /tracking-domains over both runs: ${creates.join(", ")}`);
  expect(creates).toEqual(["click.shop.example.com 200", "track.example.com 200"]);

  const preview = await root.stack.preview();
  expect(preview.changeSummary).toEqual({ same: 12 });

  await root.stack.destroy();
  expect(await trackingDomainLines(root.sandbox)).toEqual([]);
});
