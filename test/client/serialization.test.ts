/**
 * The client survives Pulumi's closure serialization, as the dynamic providers use it: the text
 * captures no key and nothing unserializable, and once loaded it talks to the API.
 */
import * as pulumi from "@pulumi/pulumi";
import { closeSharedAgent, createClient, setStackConnectionConfig } from "../../provider/sparkpost";
import { FAKE_API_KEY } from "../support/httpClientFixture";
import { startScriptServer, type ScriptServer } from "../support/httpScriptServer";

let server: ScriptServer;

beforeAll(async () => {
  server = await startScriptServer();
});

afterAll(async () => {
  setStackConnectionConfig({});
  await server.close();
  await closeSharedAgent();
});

test("a serialized function that builds a client works and holds no key", async () => {
  // The key is live while serializing, yet must reach the code at run time only.
  setStackConnectionConfig({ apiKey: FAKE_API_KEY, apiUrl: server.baseUrl });
  async function readDomain(domain: string) {
    const client = createClient({ retry: { maxRetries: 0 } });
    return client.getTrackingDomain(domain);
  }
  const serialized = await pulumi.runtime.serializeFunction(() => readDomain, {
    isFactoryFunction: true,
  });
  const module = { exports: {} as Record<string, unknown> };
  // Loading text as code is what the dynamic-provider host does with a serialized provider.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function("module", "exports", "require", serialized.text)(module, module.exports, require);
  // A factory's text exports what the factory returned.
  const loaded = module.exports[serialized.exportName] as typeof readDomain;

  server.enqueue({ status: 200, json: { results: { domain: "track.example.com" } } });
  const result = await loaded("track.example.com");

  expect(serialized.text).not.toContain(FAKE_API_KEY);
  expect(result).toEqual({ domain: "track.example.com" });
  expect(server.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
    ["/api/v1/tracking-domains/track.example.com", FAKE_API_KEY],
  ]);
});
