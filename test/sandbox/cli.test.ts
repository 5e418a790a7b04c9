/** `npm run sandbox`: a real child process, its printed URL, its request lines and its shutdown. */
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { request } from "undici";

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

/** Runs the CLI through tsx in one node process (no npx wrapper), so signals reach it directly. */
function runCli(args: string[], cwd: string): RunningCli {
  const cli = path.join(REPOSITORY, "sandbox/cli.ts");
  const child = spawn(process.execPath, ["--import", TSX_LOADER, cli, ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
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
});
