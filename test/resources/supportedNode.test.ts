/** The Node.js versions the package refuses to load on, and its words when it does. */
import { unsupportedNodeMessage } from "../../provider/supportedNode";

test.each(["v22.19.0", "v22.21.1", "v23.0.0", "v24.21.0"])("%s is supported", (version) => {
  expect(unsupportedNodeMessage(version)).toBeUndefined();
});

test.each(["v20.20.2", "v22.0.0", "v22.18.9", "v18.20.8"])("%s is refused", (version) => {
  expect(unsupportedNodeMessage(version)).toBe(
    `pulumi-sparkpost-tracking needs Node.js 22.19 or later, but this is Node.js ${version}. ` +
      "Install Node.js 22 LTS or newer (and make it the `node` on PATH, which Pulumi also uses to " +
      "run dynamic providers), then run the command again.",
  );
});
