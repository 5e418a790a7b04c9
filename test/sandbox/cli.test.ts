/** `npm run sandbox`: a real child process, its printed URL, its request lines and its shutdown. */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as ts from "typescript";
import { request } from "undici";
import { packageVersion } from "../../sandbox/packageVersion";

const REPOSITORY = path.resolve(__dirname, "../..");
const READY_LINE =
  /^SparkPost sandbox ready: set sparkpost:apiUrl \(or SPARKPOST_API_URL\) to (http:\/\/127\.0\.0\.1:\d+\/api\/v1) /;

interface RunningCli {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** tsx's ESM loader by absolute URL, so the CLI can run from any working directory. */
const TSX_LOADER = pathToFileURL(path.join(REPOSITORY, "node_modules/tsx/dist/loader.mjs")).href;

/** The version in the repository's package.json, read here independently of the code under test. */
const REPOSITORY_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPOSITORY, "package.json"), "utf8")) as { version: string }
).version;

/** Runs the CLI through tsx in one node process (no npx wrapper), so signals reach it directly. */
function runCli(args: string[], cwd: string): RunningCli {
  const cli = path.join(REPOSITORY, "sandbox/cli.ts");
  return runNode(["--import", TSX_LOADER, cli, ...args], cwd);
}

function runNode(args: string[], cwd: string): RunningCli {
  const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

/** Resolves with the first match of `pattern` in the output, polling as it arrives. */
async function waitFor(cli: RunningCli, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const match = cli.output().match(pattern);
    if (match) return match;
    if (cli.child.exitCode !== null) throw new Error(`The CLI exited early:\n${cli.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("sandbox CLI", () => {
  let directory: string;
  let running: RunningCli | undefined;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-cli-"));
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill("SIGKILL");
      await running.exited;
    }
    running = undefined;
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("prints its API URL, serves, logs one line per request and stops on SIGTERM", async () => {
    // No --state-file: the default is .sandbox-state.json in the working directory.
    const stateFile = path.join(fs.realpathSync(directory), ".sandbox-state.json");
    running = runCli(
      ["--port", "0", "--verify-after", "0", "--sending-domain", "example.com:3"],
      directory,
    );
    const [readyLine, apiUrl] = await waitFor(running, READY_LINE);
    expect(running.output().split("\n")[0]).toBe(
      `${readyLine}and sparkpost:apiKey (or SPARKPOST_API_KEY) to "sandbox-api-key"; state in ${stateFile}`,
    );

    const headers = { authorization: "sandbox-api-key", "x-msys-subaccount": "3" };
    const created = await request(`${apiUrl}/tracking-domains`, {
      method: "POST",
      headers,
      body: JSON.stringify({ domain: "track.example.com" }),
    });
    expect(created.statusCode).toBe(200);
    expect(await created.body.json()).toEqual({ results: { domain: "track.example.com" } });
    const sendingDomain = await request(`${apiUrl}/sending-domains/example.com?x=1`, { headers });
    expect(await sendingDomain.body.json()).toEqual({
      results: {
        status: {
          ownership_verified: true,
          dkim_status: "valid",
          cname_status: "valid",
          compliance_status: "valid",
        },
        shared_with_subaccounts: false,
        is_default_bounce_domain: false,
        subaccount_id: 3,
      },
    });
    const refused = await request(`${apiUrl}/tracking-domains`, {
      headers: { authorization: "wrong" },
    });
    await refused.body.text();
    await waitFor(running, /GET \/tracking-domains 401/);

    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    expect(running.output().split("\n").slice(1)).toEqual([
      "POST /tracking-domains 200 subaccount=3",
      "GET /sending-domains/example.com?x=1 200 subaccount=3",
      "GET /tracking-domains 401 unauthorized",
      "Received SIGTERM, stopping the sandbox.",
      "",
    ]);
    expect(JSON.parse(fs.readFileSync(stateFile, "utf8")).trackingDomains).toHaveLength(1);
  });

  it("never prints a custom key", async () => {
    const key = "custom-key-9Hq2Vt";
    running = runCli(["--port", "0", "--api-key", key], directory);
    const [, apiUrl] = await waitFor(running, READY_LINE);
    const reply = await request(`${apiUrl}/tracking-domains`, {
      headers: { authorization: key },
    });
    expect(reply.statusCode).toBe(200);
    await reply.body.text();
    await waitFor(running, /GET \/tracking-domains 200/);
    running.child.kill("SIGINT");
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain(
      "sparkpost:apiKey (or SPARKPOST_API_KEY) to the key given with --api-key;",
    );
    expect(running.output()).not.toContain(key);
  });

  it.each([
    [
      ["--port", "99999"],
      "error: option '--port <port>' argument '99999' is invalid. Give a port number from 0 to 65535 (0 picks a free port).",
    ],
    [
      ["--verify-after", "soon"],
      "error: option '--verify-after <seconds>' argument 'soon' is invalid. Give a number of seconds, 0 or more.",
    ],
    [
      ["--sending-domain", "example.com:x"],
      "error: option '--sending-domain <domain[:subaccount]>' argument 'example.com:x' is invalid. Write it as domain or domain:subaccount, e.g. example.com:12.",
    ],
    [
      ["--dns-server", "dns.example.com"],
      "error: option '--dns-server <ip[:port]>' argument 'dns.example.com' is invalid. Give an IP address with an optional port, e.g. 127.0.0.1:5353.",
    ],
  ])("refuses %j with a clear error", async (args, message) => {
    running = runCli(args, directory);
    expect(await running.exited).toBe(1);
    expect(running.output()).toBe(`${message}\n(run with --help to see the flags)\n`);
  });

  it.each(["--version", "-V"])("prints the package version for %s and exits", async (flag) => {
    running = runCli([flag], directory);
    expect(await running.exited).toBe(0);
    expect(running.output()).toBe(`${REPOSITORY_VERSION}\n`);
  });

  it("names itself sparkpost-sandbox in its usage line", async () => {
    running = runCli(["--help"], directory);
    expect(await running.exited).toBe(0);
    expect(running.output().split("\n")[0]).toBe("Usage: sparkpost-sandbox [options]");
    expect(running.output()).toContain("  -V, --version ");
  });

  it("reads the version relative to itself when compiled to bin/sandbox/cli.js", async () => {
    // The package's layout, compiled: <package>/package.json and <package>/bin/sandbox/cli.js.
    const packageRoot = path.join(directory, "installed", "pulumi-sparkpost-tracking");
    fs.mkdirSync(packageRoot, { recursive: true });
    fs.writeFileSync(
      path.join(packageRoot, "package.json"),
      JSON.stringify({ name: "pulumi-sparkpost-tracking", version: "9.8.7-compiled" }),
    );
    fs.symlinkSync(path.join(REPOSITORY, "node_modules"), path.join(packageRoot, "node_modules"));
    const sources = [
      ...fs
        .readdirSync(path.join(REPOSITORY, "sandbox"), { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".ts"))
        .map((file) => path.join("sandbox", file)),
      path.join("provider", "supportedNode.ts"),
    ];
    for (const source of sources) {
      const output = path.join(packageRoot, "bin", source.replace(/\.ts$/, ".js"));
      fs.mkdirSync(path.dirname(output), { recursive: true });
      const text = fs.readFileSync(path.join(REPOSITORY, source), "utf8");
      const compiled = ts.transpileModule(text, {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
          useDefineForClassFields: false,
        },
      });
      fs.writeFileSync(output, compiled.outputText);
    }
    // Run from elsewhere: neither the working directory nor the repository may supply the version.
    running = runNode([path.join(packageRoot, "bin/sandbox/cli.js"), "--version"], os.tmpdir());
    expect(await running.exited).toBe(0);
    expect(running.output()).toBe("9.8.7-compiled\n");
  });
});

describe("packageVersion", () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-version-")));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  const write = (relative: string, manifest: object) => {
    fs.mkdirSync(path.join(directory, relative), { recursive: true });
    fs.writeFileSync(path.join(directory, relative, "package.json"), JSON.stringify(manifest));
  };

  it("is the repository's version from the source folder and from bin/sandbox", () => {
    expect(packageVersion(path.join(REPOSITORY, "sandbox"))).toBe(REPOSITORY_VERSION);
    expect(packageVersion(path.join(REPOSITORY, "bin", "sandbox"))).toBe(REPOSITORY_VERSION);
    expect(packageVersion()).toBe(REPOSITORY_VERSION);
  });

  it("skips package.json files of other packages on the way up", () => {
    write("project", { name: "my-infrastructure", version: "1.0.0" });
    write("project/node_modules/pulumi-sparkpost-tracking", {
      name: "pulumi-sparkpost-tracking",
      version: "3.4.5",
    });
    write("project/node_modules/pulumi-sparkpost-tracking/bin/sandbox", { version: "0.0.1" });
    const start = path.join(
      directory,
      "project/node_modules/pulumi-sparkpost-tracking/bin/sandbox",
    );
    expect(packageVersion(start)).toBe("3.4.5");
  });

  it("says what is missing when there is no package.json of the package", () => {
    write("project", { name: "my-infrastructure", version: "1.0.0" });
    const start = path.join(directory, "project", "copied");
    expect(() => packageVersion(start)).toThrow(
      `No package.json of pulumi-sparkpost-tracking found at or above ${start}: ` +
        "run the sandbox from the package (source or installed), not from a copied file.",
    );
  });
});
