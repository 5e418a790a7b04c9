/**
 * What every resource stores in state as its provider: the shim of provider/resources/
 * providerShim.ts, byte for byte the text in test/fixtures/serializedProviders. That text is a
 * compatibility promise (the engine runs it for refresh and destroy of resources created long
 * ago), so a change to it must be deliberate: it shows once as an update of every resource.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PROVIDER_ENTRY } from "../../provider/resources/providerShim";
import { storesLegacyProvider } from "../../provider/resources/providerSupport";
import { setStackConnectionConfig } from "../../provider/sparkpost";
import { RESOURCE_KINDS, serializedProviders } from "../support/engineFixture";

const fixtures = path.join(__dirname, "../fixtures/serializedProviders");
const promised = (kind: string) => readFileSync(path.join(fixtures, `${kind}.js`), "utf8");

afterEach(() => setStackConnectionConfig({}));

test.each(RESOURCE_KINDS)("the %s provider is the promised text, at most 2 KB", async (kind) => {
  const texts = await serializedProviders();

  expect(texts[kind]).toBe(promised(kind));
  expect(Buffer.byteLength(texts[kind])).toBeLessThanOrEqual(2048);
  expect(texts[kind]).toContain(`const entry = "${PROVIDER_ENTRY}";`);
  expect(texts[kind]).toContain(`kind: "${kind}"`);
});

test("a live key while serializing leaves no trace in any provider", async () => {
  const key = "shim-test-key-0f9e8d7c6b5a";
  setStackConnectionConfig({ apiKey: key, apiUrl: "http://127.0.0.1:1/api/v1" });
  process.env.SPARKPOST_API_KEY = key;
  try {
    const texts = Object.values(await serializedProviders());
    expect(texts.filter((text) => text.includes(key))).toEqual([]);
  } finally {
    delete process.env.SPARKPOST_API_KEY;
  }
});

test("the shim is told apart from the whole implementation 0.1.0 stored", () => {
  const legacy = readFileSync(path.join(fixtures, "legacy-0.1.0-TrackingDomain.js"), "utf8");

  expect(storesLegacyProvider({ __provider: legacy })).toBe(true);
  expect(storesLegacyProvider({ __provider: promised("TrackingDomain") })).toBe(false);
  expect(storesLegacyProvider({})).toBe(false);
});
