import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_VERSION, USER_AGENT } from "../../provider/version";

test("PACKAGE_VERSION is package.json's version, and the user agent carries it", () => {
  const packageJson = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8"));

  expect(PACKAGE_VERSION).toBe(packageJson.version);
  expect(USER_AGENT).toBe(`pulumi-sparkpost-tracking/${packageJson.version}`);
});
