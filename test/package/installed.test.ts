/**
 * The package as users get it: `npm pack` of a fresh clone, installed from the tarball into fresh
 * projects beside the newest `@pulumi/pulumi` on the registry. What the tarball holds, the Route53
 * example type-checked and run there (installedPackageSuite.ts), a Cloudflare-only project that
 * gets no AWS package and a clear error when it asks for Route53, and what each project weighs.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { runOk, userShellEnv } from "./support/commands";
import {
  dnsPackages,
  footprintReport,
  installedPackageSuite,
} from "./support/installedPackageSuite";
import { packFromFreshClone, REPOSITORY_ROOT, type PackedPackage } from "./support/packedPackage";
import { templateTsconfig, UserProject } from "./support/userProject";

/** The newest `@pulumi/pulumi` the registry has, as npm reports it. */
async function newestSdk(): Promise<string> {
  const stdout = await runOk("npm", ["view", "@pulumi/pulumi", "version"], {
    cwd: REPOSITORY_ROOT,
    env: userShellEnv(),
  });
  return stdout.trim();
}

let packed: PackedPackage;
beforeAll(async () => {
  packed = await packFromFreshClone();
});

describe("the tarball", () => {
  test("holds exactly the compiled provider, sandbox and program, README, LICENSE and package.json", async () => {
    const listing = (
      await runOk(
        "git",
        ["ls-tree", "-r", "--name-only", packed.commit, "--", "provider", "sandbox", "program"],
        { cwd: REPOSITORY_ROOT },
      )
    )
      .split("\n")
      .filter((file) => file !== "");
    // Each source module ships as its JavaScript and its declarations; JSON the code imports
    // ships as is. No sources, tests, source maps, fixtures or READMEs of folders.
    const compiled = listing
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .flatMap((file) => [`bin/${file.slice(0, -3)}.js`, `bin/${file.slice(0, -3)}.d.ts`]);
    const json = listing.filter((file) => file.endsWith(".json")).map((file) => `bin/${file}`);
    const expected = [...compiled, ...json, "LICENSE", "README.md", "package.json"].sort((a, b) =>
      a.localeCompare(b),
    );
    expect(packed.files.map((file) => file.path)).toEqual(expected);

    const inTarball = execFileSync("tar", ["-tzf", packed.tarball], { encoding: "utf8" })
      .split("\n")
      .filter((entry) => entry !== "")
      .map((entry) => entry.replace(/^package\//, ""))
      .sort((a, b) => a.localeCompare(b));
    expect(inTarball).toEqual(expected);

    console.log(
      `npm pack of ${packed.commit.slice(0, 12)}: ${path.basename(packed.tarball)}, ` +
        `${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked\n` +
        packed.files.map((file) => `  ${String(file.size).padStart(6)}  ${file.path}`).join("\n"),
    );
  });

  test("its package.json builds on git installs and declares the peers and the Node range", () => {
    const manifest = JSON.parse(
      execFileSync("tar", ["-xzOf", packed.tarball, "package/package.json"], { encoding: "utf8" }),
    ) as Record<string, unknown>;
    expect(manifest.engines).toEqual({ node: ">=22.19.0" });
    expect((manifest.scripts as Record<string, string>).prepare).toBe("npm run build");
    expect(Object.keys(manifest.peerDependencies as object).sort()).toEqual([
      "@pulumi/aws",
      "@pulumi/cloudflare",
      "@pulumi/pulumi",
    ]);
    expect(manifest.peerDependenciesMeta).toEqual({
      "@pulumi/aws": { optional: true },
      "@pulumi/cloudflare": { optional: true },
    });
    expect(Object.keys(manifest.dependencies as object)).not.toContain("@pulumi/pulumi");
  });
});

describe("the README, as the npm page shows it", () => {
  let readme: string;
  let manifest: {
    repository: { url: string };
    engines: { node: string };
    peerDependencies: Record<string, string>;
    exports: Record<string, unknown>;
  };
  let repository: string;

  beforeAll(() => {
    readme = execFileSync("tar", ["-xzOf", packed.tarball, "package/README.md"], {
      encoding: "utf8",
    });
    manifest = JSON.parse(
      execFileSync("tar", ["-xzOf", packed.tarball, "package/package.json"], { encoding: "utf8" }),
    ) as typeof manifest;
    repository = manifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
  });

  test("every link is absolute; those into the repository name its files, folders and headings", () => {
    expect(repository).toBe(
      "https://github.com/pulumi-sparkpost-tracking/pulumi-sparkpost-tracking",
    );
    const prose = readme.replace(/^```[\s\S]*?^```/gm, "");
    const targets = [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !target.startsWith("https://"))).toEqual([]);

    const headings = new Set(
      [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) =>
        match[1]
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, "")
          .replace(/ /g, "-"),
      ),
    );
    const broken: string[] = [];
    for (const target of targets.filter((link) => link.startsWith(repository))) {
      const rest = target.slice(repository.length);
      const anchor = /^#(.+)$/.exec(rest)?.[1];
      const file = /^\/(tree|blob)\/HEAD\/([^#]+)$/.exec(rest);
      if (anchor !== undefined) {
        if (!headings.has(anchor)) broken.push(`${target}: no such heading`);
      } else if (file) {
        const kind = file[1] === "tree" ? "tree" : "blob";
        const actual = execFileSync("git", ["cat-file", "-t", `${packed.commit}:${file[2]}`], {
          cwd: REPOSITORY_ROOT,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        }).trim();
        if (actual !== kind) broken.push(`${target}: a ${actual}, not a ${kind}`);
      } else {
        broken.push(`${target}: neither a heading nor /tree/HEAD/ or /blob/HEAD/`);
      }
    }
    expect(broken).toEqual([]);
  });

  test("gives the install line of each DNS provider and the ranges package.json declares", () => {
    for (const line of [
      "npm install pulumi-sparkpost-tracking @pulumi/pulumi @pulumi/aws",
      "npm install pulumi-sparkpost-tracking @pulumi/pulumi @pulumi/cloudflare",
      "npm install pulumi-sparkpost-tracking @pulumi/pulumi",
    ]) {
      expect(readme.split("\n")).toContain(line);
    }
    const lowest = (range: string) => /^(?:\^|>=)(\d+(?:\.[1-9]\d*)?)/.exec(range)?.[1];
    const sdk = /^\^(\d+\.\d+)\.0$/.exec(manifest.peerDependencies["@pulumi/pulumi"])?.[1];
    expect(`Node.js ${lowest(manifest.engines.node)} or later`).toBe("Node.js 22.19 or later");
    expect(readme).toContain(`Supported: Node.js ${lowest(manifest.engines.node)} or later`);
    expect(readme).toContain(`\`@pulumi/pulumi\` ${sdk} or later in 3.x`);
    expect(readme).toContain(
      `\`@pulumi/aws\` ${lowest(manifest.peerDependencies["@pulumi/aws"])?.split(".")[0]} and ` +
        `\`@pulumi/cloudflare\` ${lowest(manifest.peerDependencies["@pulumi/cloudflare"])?.split(".")[0]} are optional peers`,
    );
  });

  test("documents the stable provider entry, which package.json exports", () => {
    expect(Object.keys(manifest.exports)).toContain("./dynamic-provider");
    expect(readme).toContain("## Upgrading");
    expect(readme).toContain(
      "entry: `pulumi-sparkpost-tracking/dynamic-provider`. That entry, its `providers` export and the",
    );
    expect(readme).toContain("### From 0.1.0");
  });
});

describe("installed beside the newest @pulumi/pulumi, with @pulumi/aws (the route53 example)", () => {
  installedPackageSuite({ label: "newest", sdkVersion: newestSdk });
});

describe("a Cloudflare-only project", () => {
  let project: UserProject;

  beforeAll(async () => {
    project = await UserProject.create("cloudflare", [
      packed.tarball,
      "@pulumi/pulumi",
      "typescript",
      "@types/node",
      "@pulumi/cloudflare",
    ]);
  });
  afterAll(() => project?.remove());

  test("gets no AWS package and one @pulumi/pulumi", async () => {
    expect(dnsPackages(project)).toEqual(["@pulumi/cloudflare"]);
    expect(project.copiesOf("@pulumi/pulumi")).toEqual(["node_modules/@pulumi/pulumi"]);
    console.log(await footprintReport("Cloudflare-only project", project));
  });

  test("the Cloudflare example type-checks there, declarations included, without AWS's types", async () => {
    // The package's declarations name @pulumi/aws types (`import type`); a project without it
    // must still compile with Pulumi's template settings and no skipLibCheck.
    project.copyIn(path.join(REPOSITORY_ROOT, "examples/cloudflare/index.ts"), "index.ts");
    const typescriptMajor = Number(project.installedVersion("typescript").split(".")[0]);
    project.write("tsconfig.json", templateTsconfig(["index.ts"], typescriptMajor));
    expect(await project.tsc(["-p", "tsconfig.json", "--noEmit"])).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
  });

  test("a Route53 record there fails with the error naming @pulumi/aws", async () => {
    project.write(
      "route53.js",
      [
        `const { CustomTrackingDomain } = require("pulumi-sparkpost-tracking");`,
        `new CustomTrackingDomain("tracking", {`,
        `  domain: "track.example.com",`,
        `  dns: { provider: "route53" },`,
        `});`,
        ``,
      ].join("\n"),
    );
    const run = await project.runUnderMocks("route53.js", "tracking", {});
    expect(run.error).toEqual({
      name: "Error",
      message:
        'dns.provider "route53" needs the @pulumi/aws package, which is not installed: ' +
        "run `npm install @pulumi/aws` in your Pulumi project, or use another dns.provider.",
      propertyPath: "dns.provider",
    });
    // The refusal comes before anything is declared: an `up` creates nothing in SparkPost.
    expect(run.resources).toEqual([]);
  });
});
