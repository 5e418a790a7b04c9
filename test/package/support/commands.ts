/**
 * Child processes of the package tests: npm, git, tsc and Node, run the way a user's shell runs
 * them. `node` on PATH is the Node.js running the tests (`process.execPath`, Node 24 under
 * `npm run test:package`), so npm resolves and installs for the Node.js the user runs Pulumi
 * with; npm's own `npm_*` variables from `npm run` are dropped so they do not steer the npm
 * commands run here, and NODE_PATH, which could lend a project packages it never installed.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell whose `node` is the one running the tests. */
export function userShellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || ["INIT_CWD", "NODE_OPTIONS", "NODE_PATH"].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = [path.dirname(process.execPath), process.env.PATH].join(path.delimiter);
  return { ...env, ...extra };
}

/** Runs `file` with `args`; resolves with its exit code and output, whatever the code. */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? userShellEnv(),
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 300_000,
        encoding: "utf8",
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(new Error(`${file} ${args.join(" ")} did not run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}

/** Runs the command and returns its stdout; a non-zero exit fails with everything it printed. */
export async function runOk(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  const result = await run(file, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${file} ${args.join(" ")} (in ${options.cwd}) exited with ${result.code}\n` +
        `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result.stdout;
}
