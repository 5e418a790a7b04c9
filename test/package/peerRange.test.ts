/**
 * The lowest `@pulumi/pulumi` the peer range claims, really: the installed-package check
 * (installedPackageSuite.ts: install, type-check, mocks, serialization, the real provider host
 * running the shims' `configure`) with exactly that version, and npm refusing the release just
 * below it. installed.test.ts runs the same check with the newest release.
 *
 * Why the range starts where it does: the package's own code works from 3.139 (the first SDK
 * whose provider host calls `configure`), but every `@pulumi/aws` 7 and `@pulumi/cloudflare` 6
 * release depends on `@pulumi/pulumi` ^3.142.0. Below that npm installs a second SDK under the
 * DNS package, which has no engine connection: the Route53 example then fails under mocks with
 * "Cannot read properties of undefined (reading 'invoke')". A peer range starting at 3.142 turns
 * that into npm's ERESOLVE at install time.
 */
import { execFileSync } from "node:child_process";
import { runOk, userShellEnv } from "./support/commands";
import { installedPackageSuite } from "./support/installedPackageSuite";
import { packFromFreshClone, REPOSITORY_ROOT } from "./support/packedPackage";
import { UserProject } from "./support/userProject";

/** The peer range on `@pulumi/pulumi` in the packed package.json, e.g. "^3.142.0". */
async function packedPeerRange(): Promise<{ range: string; lowest: string }> {
  const packed = await packFromFreshClone();
  const manifest = JSON.parse(
    execFileSync("tar", ["-xzOf", packed.tarball, "package/package.json"], { encoding: "utf8" }),
  ) as { peerDependencies: Record<string, string> };
  const range = manifest.peerDependencies["@pulumi/pulumi"];
  const lowest = /^\^(3\.\d+\.\d+)$/.exec(range)?.[1];
  if (lowest === undefined) throw new Error(`expected a caret range on 3.x, found "${range}"`);
  return { range, lowest };
}

function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(".").map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

describe("installed beside the lowest @pulumi/pulumi of the peer range, with @pulumi/aws", () => {
  installedPackageSuite({
    label: "lowest",
    sdkVersion: async () => (await packedPeerRange()).lowest,
  });
});

test("npm refuses the @pulumi/pulumi release just below the peer range", async () => {
  const packed = await packFromFreshClone();
  const { range, lowest } = await packedPeerRange();
  const releases = JSON.parse(
    await runOk("npm", ["view", "@pulumi/pulumi", "versions", "--json"], {
      cwd: REPOSITORY_ROOT,
      env: userShellEnv(),
    }),
  ) as string[];
  const below = releases
    .filter((version) => /^\d+\.\d+\.\d+$/.test(version) && compareVersions(version, lowest) < 0)
    .sort(compareVersions)
    .pop()!;
  console.log(`peer range ${range}; the release below it: ${below}`);

  const project = await UserProject.create("below-range", []);
  try {
    const failure = await project.install([packed.tarball, `@pulumi/pulumi@${below}`]).then(
      () => "installed",
      (error: Error) => error.message,
    );
    expect(failure).toContain("npm error code ERESOLVE");
    expect(failure).toContain(
      `npm error peer @pulumi/pulumi@"${range}" from ${packed.name}@${packed.version}`,
    );
  } finally {
    project.remove();
  }
});
