/**
 * A user's Pulumi project in a fresh folder under os.tmpdir(): `npm init -y`, then
 * `npm install` of what the user adds, from the npm registry. It holds no file of this
 * repository: the package comes from its tarball, programs are written or copied into it, and
 * the helpers that run things there (mockRunner.ts, the provider host) load every module from
 * the project's own node_modules.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { run, runOk, userShellEnv } from "./commands";
import type { MockedRun } from "./mockRunner";

const MOCK_RUNNER = path.join(__dirname, "mockRunner.ts");

/** npm's flags for every install here: no audit or funding calls to the registry. */
const INSTALL_FLAGS = ["--no-audit", "--no-fund"];

/**
 * A tsconfig like the one `pulumi new typescript` writes: strict, CommonJS, Node resolution,
 * and no `skipLibCheck`, so the package's declarations are type-checked too. TypeScript 6
 * (what `npm install typescript` picks beside the newest `@pulumi/pulumi`, whose optional peer
 * range stops below 7) reports `moduleResolution: "node"` as deprecated (TS5107) unless told to
 * ignore it; the template's settings are kept, the deprecation silenced.
 */
export function templateTsconfig(files: string[], typescriptMajor: number): object {
  return {
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "es2020",
      module: "commonjs",
      moduleResolution: "node",
      ...(typescriptMajor >= 6 ? { ignoreDeprecations: "6.0" } : {}),
      sourceMap: true,
      experimentalDecorators: true,
      pretty: false,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
    },
    files,
  };
}

export class UserProject {
  private constructor(readonly dir: string) {}

  /** `npm init -y` in a fresh folder, then `npm install` of `packages` (nothing if empty). */
  static async create(label: string, packages: string[]): Promise<UserProject> {
    const dir = mkdtempSync(path.join(tmpdir(), `sparkpost-tracking-${label}-`));
    const project = new UserProject(dir);
    try {
      assertNoModulesAbove(dir);
      await project.npm(["init", "-y"]);
      if (packages.length > 0) await project.install(packages);
    } catch (error) {
      project.remove();
      throw error;
    }
    return project;
  }

  npm(args: string[]): Promise<string> {
    return runOk("npm", args, { cwd: this.dir, env: userShellEnv() });
  }

  install(packages: string[]): Promise<string> {
    return this.npm(["install", ...INSTALL_FLAGS, ...packages]);
  }

  /** package.json's `dependencies`, as npm recorded them. */
  dependencies(): Record<string, string> {
    const manifest = JSON.parse(readFileSync(path.join(this.dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    return manifest.dependencies ?? {};
  }

  /** The version of `name` installed at the top of node_modules. */
  installedVersion(name: string): string {
    const manifest = path.join(this.dir, "node_modules", name, "package.json");
    return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  }

  /** Every copy of package `name` anywhere under node_modules, as paths relative to the project. */
  copiesOf(name: string): string[] {
    const found: string[] = [];
    const visit = (modules: string): void => {
      if (!existsSync(modules)) return;
      for (const entry of readdirSync(modules)) {
        if (entry.startsWith(".")) continue;
        const names = entry.startsWith("@")
          ? readdirSync(path.join(modules, entry)).map((inner) => `${entry}/${inner}`)
          : [entry];
        for (const packageName of names) {
          const dir = path.join(modules, packageName);
          if (packageName === name) found.push(path.relative(this.dir, dir));
          visit(path.join(dir, "node_modules"));
        }
      }
    };
    visit(path.join(this.dir, "node_modules"));
    return found.sort();
  }

  write(file: string, content: string | object): void {
    const text = typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`;
    writeFileSync(path.join(this.dir, file), text);
  }

  copyIn(source: string, file: string): void {
    cpSync(source, path.join(this.dir, file));
  }

  /** The project's own `tsc` with `args`; its exit code and output. */
  tsc(args: string[]): ReturnType<typeof run> {
    return run(
      process.execPath,
      [path.join(this.dir, "node_modules", "typescript", "bin", "tsc"), ...args],
      {
        cwd: this.dir,
      },
    );
  }

  /** Plain Node in the project (`args` after `node`); its stdout, or a failure with everything printed. */
  runNode(args: string[], env: Record<string, string> = {}): Promise<string> {
    return runOk(process.execPath, args, { cwd: this.dir, env: userShellEnv(env) });
  }

  /** Runs compiled `program` (relative to the project) under mocks with `config` (fully qualified keys). */
  async runUnderMocks(
    program: string,
    projectName: string,
    config: Record<string, unknown>,
  ): Promise<MockedRun> {
    const pulumiConfig = Object.fromEntries(
      Object.entries(config).map(([key, value]) => [
        key,
        typeof value === "string" ? value : JSON.stringify(value),
      ]),
    );
    const stdout = await runOk(
      process.execPath,
      ["--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", MOCK_RUNNER, program, projectName],
      { cwd: this.dir, env: userShellEnv({ PULUMI_CONFIG: JSON.stringify(pulumiConfig) }) },
    );
    const line = stdout.trim().split("\n").pop() ?? "";
    if (!line.startsWith("{")) throw new Error(`the mocked run printed no result:\n${stdout}`);
    return JSON.parse(line) as MockedRun;
  }

  /** Bytes under node_modules, as `du` counts them (allocated blocks, hard links once). */
  async footprintBytes(): Promise<number> {
    const stdout = await runOk("du", ["-s", "--block-size=1", "node_modules"], { cwd: this.dir });
    return Number(stdout.split(/\s/)[0]);
  }

  /** `du` of each entry of node_modules (scopes split into their packages), largest first. */
  async footprintByPackage(): Promise<{ name: string; bytes: number }[]> {
    const modules = path.join(this.dir, "node_modules");
    const names = readdirSync(modules)
      .filter((entry) => !entry.startsWith("."))
      .flatMap((entry) =>
        entry.startsWith("@")
          ? readdirSync(path.join(modules, entry)).map((inner) => `${entry}/${inner}`)
          : [entry],
      );
    const stdout = await runOk("du", ["-s", "--block-size=1", ...names], { cwd: modules });
    return stdout
      .trim()
      .split("\n")
      .map((line) => {
        const [bytes, name] = line.split("\t");
        return { name, bytes: Number(bytes) };
      })
      .sort((a, b) => b.bytes - a.bytes);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Node.js looks for packages in every node_modules above a file: one in a parent of the temp
 * folder would lend the project packages the user never installed.
 */
function assertNoModulesAbove(dir: string): void {
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    if (existsSync(path.join(parent, "node_modules"))) {
      throw new Error(`${parent}/node_modules exists: a project under ${dir} would use it`);
    }
    if (path.dirname(parent) === parent) return;
  }
}

/** Megabytes with one decimal, for the printed figures. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
