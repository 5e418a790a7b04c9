/**
 * `pulumi-sparkpost-tracking import` as a user runs it: exact output on stdout and stderr, exit
 * codes (0 done, 1 failed, 2 a command line that cannot run), files written or refused, and the
 * API key kept off the command line. Runs in this process against the sandbox holding the
 * existing account; the last tests run the bin itself as a child process.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { packageVersion } from "../../sandbox/packageVersion";
import { AccountBench, runCommand, startAccountBench } from "./accountFixture";

const REPOSITORY = path.resolve(__dirname, "../..");

let bench: AccountBench;
let folder: string;
let api: string;
let dns: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  bench = await startAccountBench();
  api = bench.sandbox.apiUrl;
  dns = bench.dns.address;
  // The generated comments are wrapped at 100 columns, so their line breaks depend on the URL's
  // length: loopback ports from the ephemeral range always have five digits.
  expect(new URL(api).port).toMatch(/^\d{5}$/);
  env = { SPARKPOST_API_KEY: bench.sandbox.apiKey };
});
afterAll(() => bench.close());

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "import-cli-"));
  bench.sandbox.clearLog();
  bench.sandbox.setFaults({});
});

const requestLines = () =>
  bench.sandbox.requests.map((request) => `${request.method} ${request.path}`);
const filesIn = (directory: string) => fs.readdirSync(directory, { recursive: true }).sort();
const importArgs = (...extra: string[]) => [
  "import",
  "--stack",
  "prod",
  "--api-url",
  api,
  "--dns-server",
  dns,
  ...extra,
];

describe("help and version", () => {
  test("--help lists the import command", async () => {
    const run = await runCommand(["--help"]);
    expect(run).toEqual({
      code: 0,
      stderr: "",
      stdout: `Usage: pulumi-sparkpost-tracking [options] [command]

Tools for the pulumi-sparkpost-tracking package.

Options:
  -V, --version     print the package version and exit
  -h, --help        display help for command

Commands:
  import [options]  write the root program's stack configuration for an existing SparkPost account
  help [command]    display help for command
`,
    });
  });

  test("import --help says every flag", async () => {
    const run = await runCommand(["import", "--help"]);
    expect(run).toEqual({
      code: 0,
      stderr: "",
      stdout: `Usage: pulumi-sparkpost-tracking import [options]

Read the tracking domains, defaults and sending-domain links of a SparkPost account and write the
root program's stack configuration that adopts them, so that the first \`pulumi up\` only reads from
SparkPost. The API key comes from SPARKPOST_API_KEY or --api-key-file, never from an argument.

Options:
  --stack <name>            the stack: writes Pulumi.<name>.yaml
  --project <name>          the Pulumi project, whose name prefixes trackingDomains (default:
                            "pulumi-sparkpost-tracking")
  --region <region>         the account's region (default: SPARKPOST_REGION, else us) (choices:
                            "us", "eu")
  --api-url <url>           the API base, ending in /api/v1 (default: SPARKPOST_API_URL, else the
                            region's)
  --api-key-file <file>     read the API key from <file>, or from standard input with "-" (default:
                            SPARKPOST_API_KEY)
  --subaccounts <which>     also read subaccounts: "all", or ids such as 42,57 (default: the primary
                            account only)
  --dns <zone=provider>     confirm a zone's DNS provider: route53, cloudflare or manual
                            (repeatable; unconfirmed zones stay manual)
  --accept-dns-suggestions  write records through the provider each zone's nameservers suggest
                            (Route53, Cloudflare)
  --no-dns-lookup           look nothing up in DNS: every entry manual
  --dns-server <ip[:port]>  DNS server for the lookups (repeatable; default: the system's)
  --no-protect              leave protect: true out of the entries
  --retain-on-delete        add retainOnDelete: true to every entry
  --out-dir <dir>           where to write the files (default: ".")
  --typescript <file>       also write the equivalent TypeScript program (CustomTrackingDomain
                            declarations) to <file>, relative to --out-dir
  --dry-run                 print the files instead of writing them
  -h, --help                display help for command
`,
    });
  });

  test("--version prints the package's version", async () => {
    expect(await runCommand(["--version"])).toEqual({
      code: 0,
      stdout: `${packageVersion()}\n`,
      stderr: "",
    });
  });
});

describe("a command line that cannot run: exit 2, nothing read, nothing written", () => {
  test.each<[string, string[], NodeJS.ProcessEnv | undefined, string]>([
    [
      "no --stack",
      ["import"],
      undefined,
      "error: required option '--stack <name>' not specified\n(run with --help to see the flags)\n",
    ],
    [
      "a stack name with a slash",
      ["import", "--stack", "org/prod"],
      undefined,
      `error: option '--stack <name>' argument 'org/prod' is invalid. A stack name holds only letters, digits, "-", "_" and ".", such as "prod".\n(run with --help to see the flags)\n`,
    ],
    [
      "a region other than us and eu",
      ["import", "--stack", "prod", "--region", "ap"],
      undefined,
      "error: option '--region <region>' argument 'ap' is invalid. Allowed choices are us, eu.\n(run with --help to see the flags)\n",
    ],
    [
      "an API URL without /api/v1",
      ["import", "--stack", "prod", "--api-url", "https://api.sparkpost.com"],
      undefined,
      `error: option '--api-url <url>' argument 'https://api.sparkpost.com' is invalid. --api-url must be the API base, ending in /api/v1, such as https://api.eu.sparkpost.com/api/v1, https://<tenant>.api.e.sparkpost.com/api/v1 or the sandbox's http://127.0.0.1:4010/api/v1; got "https://api.sparkpost.com".\n(run with --help to see the flags)\n`,
    ],
    [
      "subaccounts that are not ids",
      ["import", "--stack", "prod", "--subaccounts", "0,shop"],
      undefined,
      `error: option '--subaccounts <which>' argument '0,shop' is invalid. Write "all", or subaccount ids separated by commas, such as 42,57 (the primary account is always read).\n(run with --help to see the flags)\n`,
    ],
    [
      "an unknown DNS provider",
      ["import", "--stack", "prod", "--dns", "example.com=azure"],
      undefined,
      "error: option '--dns <zone=provider>' argument 'example.com=azure' is invalid. Write it as <zone>=<provider>, the provider being route53, cloudflare or manual, such as example.com=route53.\n(run with --help to see the flags)\n",
    ],
    [
      "one zone given two providers",
      ["import", "--stack", "prod", "--dns", "example.com=route53", "--dns", "Example.com.=manual"],
      undefined,
      "error: option '--dns <zone=provider>' argument 'Example.com.=manual' is invalid. Zone example.com is already set to route53: name each zone once.\n(run with --help to see the flags)\n",
    ],
    [
      "a region that contradicts the API URL",
      [
        "import",
        "--stack",
        "prod",
        "--region",
        "us",
        "--api-url",
        "https://api.eu.sparkpost.com/api/v1",
      ],
      undefined,
      'Error: --region is "us", but --api-url https://api.eu.sparkpost.com/api/v1 is SparkPost\'s EU API: set --region to "eu", or remove it, since the API host already says which region the account is in.\n',
    ],
    [
      "no API key",
      ["import", "--stack", "prod", "--api-url", "http://127.0.0.1:9/api/v1"],
      {},
      "Error: No SparkPost API key: set SPARKPOST_API_KEY, or pass --api-key-file <file> (or --api-key-file - to read it from standard input).\n",
    ],
  ])("%s", async (_title, args, environment, stderr) => {
    const run = await runCommand(args, { env: environment ?? env, cwd: folder });
    expect(run).toEqual({ code: 2, stdout: "", stderr });
    expect(requestLines()).toEqual([]);
    expect(filesIn(folder)).toEqual([]);
  });

  test("no subcommand: the help, on stderr", async () => {
    const run = await runCommand([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toBe("Usage: pulumi-sparkpost-tracking [options] [command]");
  });

  test.each([["--api-key", "a-secret-key-value"], ["--api-key=a-secret-key-value"]])(
    "a key given as an argument (%s) is refused, and not repeated",
    async (...flag) => {
      const run = await runCommand([...importArgs(), ...flag], { env: {}, cwd: folder });
      expect(run).toEqual({
        code: 2,
        stdout: "",
        stderr:
          "error: --api-key is not accepted: a key on the command line lands in the shell's history. Set SPARKPOST_API_KEY, or use --api-key-file <file> (- for standard input).\n(run with --help to see the flags)\n",
      });
      expect(requestLines()).toEqual([]);
    },
  );

  test("a --dns zone that holds no imported domain, after reading: nothing written", async () => {
    const run = await runCommand(importArgs("--dns", "example.net=route53"), { env, cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n").slice(-2)).toEqual([
      "Error: --dns names example.net, which holds none of the imported tracking domains (their zones: example.com, example.org). Nothing was written.",
      "",
    ]);
    expect(filesIn(folder)).toEqual([]);
  });
});

/** What the run against the existing account prints on stderr, before anything else. */
const progressLines = (selection = "the primary account and every subaccount") => [
  `Reading ${selection} at ${api}`,
  "Subaccounts: 42 (Subaccount 42)",
  "Found 4 tracking domains and 4 linked sending domains",
  `Looking up the zone and CNAME of 4 tracking domains in DNS through ${dns}`,
];

const DNS_SUMMARY = [
  "DNS providers by zone, from their nameservers (entries stay manual until confirmed):",
  "  example.com (2 tracking domains): Route53 -> route53 (--dns)",
  "  example.org (1 tracking domain): another DNS provider -> manual",
  "  shop.example.com (1 tracking domain): Cloudflare -> manual; confirm with --dns shop.example.com=cloudflare",
  "Run the import again with that --dns flag to write the record through it.",
];

describe("a run that writes", () => {
  test("writes the stack file and the program, then says what to do next", async () => {
    const args = importArgs("--subaccounts", "all", "--dns", "example.com=route53");
    const run = await runCommand([...args, "--typescript", "program/index.ts"], {
      env,
      cwd: folder,
    });

    expect(run).toEqual({
      code: 0,
      stderr: [...progressLines(), ""].join("\n"),
      stdout: [
        "Wrote Pulumi.prod.yaml",
        "Wrote program/index.ts",
        ...DNS_SUMMARY,
        "Next, in the folder of the Pulumi project pulumi-sparkpost-tracking (its Pulumi.yaml runs the root program):",
        "  pulumi stack select --create prod",
        "  pulumi config set --secret sparkpost:apiKey      (it asks for the key; or set SPARKPOST_API_KEY)",
        "  pulumi preview      every resource shows as a create: each one adopts what exists",
        "  pulumi up           reads from SparkPost and changes nothing there",
        "Review Pulumi.prod.yaml first: its comments say what was found and what DNS needs.",
        "",
      ].join("\n"),
    });
    expect(filesIn(folder)).toEqual(["Pulumi.prod.yaml", "program", "program/index.ts"]);
    expect(requestLines()).toEqual([
      "GET /subaccounts",
      "GET /tracking-domains",
      "GET /sending-domains",
    ]);

    // --dry-run prints the very same files, and writes nothing.
    const dryFolder = fs.mkdtempSync(path.join(os.tmpdir(), "import-cli-dry-"));
    const dry = await runCommand([...args, "--typescript", "program/index.ts", "--dry-run"], {
      env,
      cwd: dryFolder,
    });
    const read = (file: string) => fs.readFileSync(path.join(folder, file), "utf8");
    expect(dry).toEqual({
      code: 0,
      stderr: [...progressLines(), ""].join("\n"),
      stdout: [
        `--- Pulumi.prod.yaml (not written: --dry-run) ---\n${read("Pulumi.prod.yaml")}`,
        `--- program/index.ts (not written: --dry-run) ---\n${read("program/index.ts")}`,
        [...DNS_SUMMARY, ""].join("\n"),
      ].join(""),
    });
    expect(filesIn(dryFolder)).toEqual([]);
  });

  test("never replaces a file: an existing stack file stops it before any request", async () => {
    fs.writeFileSync(path.join(folder, "Pulumi.prod.yaml"), "encryptionsalt: v1:abc\n");
    const run = await runCommand(importArgs(), { env, cwd: folder });
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "Error: Pulumi.prod.yaml already exists, and the import does not edit existing files (a stack file holds secrets and the encryption salt): choose another --stack, --out-dir or --typescript, or print the files with --dry-run and copy the entries in. Nothing was read or written.\n",
    });
    expect(fs.readFileSync(path.join(folder, "Pulumi.prod.yaml"), "utf8")).toBe(
      "encryptionsalt: v1:abc\n",
    );
    expect(requestLines()).toEqual([]);
  });

  test("--out-dir and --project place and name what it writes", async () => {
    const run = await runCommand(
      importArgs("--out-dir", "stacks", "--project", "tracking", "--no-dns-lookup"),
      { env, cwd: folder },
    );
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").slice(0, 3)).toEqual([
      "Wrote stacks/Pulumi.prod.yaml",
      "DNS: not looked up (--no-dns-lookup): every entry is manual.",
      "Next, in the folder of the Pulumi project tracking (its Pulumi.yaml runs the root program):",
    ]);
    const text = fs.readFileSync(path.join(folder, "stacks/Pulumi.prod.yaml"), "utf8");
    expect(text).toContain("\n  tracking:trackingDomains:\n");
  });
});

describe("the API key", () => {
  test.each([
    [
      "from standard input",
      ["--api-key-file", "-"],
      () => ({ stdin: `${bench.sandbox.apiKey}\n` }),
    ],
    [
      "from a file",
      ["--api-key-file", "key.txt"],
      () => {
        fs.writeFileSync(path.join(folder, "key.txt"), `  ${bench.sandbox.apiKey}\n`);
        return {};
      },
    ],
  ])("%s, instead of SPARKPOST_API_KEY", async (_title, flags, prepare) => {
    const run = await runCommand(importArgs("--dry-run", ...flags), {
      env: {},
      cwd: folder,
      ...prepare(),
    });
    expect(run.code).toBe(0);
    expect(bench.sandbox.requests.every((request) => request.authorized)).toBe(true);
    expect(requestLines()).toEqual(["GET /tracking-domains", "GET /sending-domains"]);
  });

  test.each<[string, string[], string | undefined, string]>([
    [
      "an empty standard input",
      ["--api-key-file", "-"],
      "\n",
      "Error: Standard input holds no API key: set SPARKPOST_API_KEY, or pass --api-key-file <file> (or --api-key-file - to read it from standard input).\n",
    ],
    [
      "a missing file",
      ["--api-key-file", "missing.txt"],
      undefined,
      "Error: Could not read the API key from missing.txt (ENOENT).\n",
    ],
    [
      "a file holding more than the key",
      ["--api-key-file", "-"],
      "SPARKPOST_API_KEY=abc\nother\n",
      "Error: Standard input holds more than one word: it must hold the API key alone.\n",
    ],
  ])("%s: exit 2, and the text is never echoed", async (_title, flags, stdin, stderr) => {
    const run = await runCommand(importArgs(...flags), { env: {}, cwd: folder, stdin });
    expect(run).toEqual({ code: 2, stdout: "", stderr });
    expect(requestLines()).toEqual([]);
  });
});

describe("SparkPost refusing", () => {
  test.each([
    [
      "/tracking-domains",
      "SparkPost refused to list the tracking domains of the primary account (403): Forbidden. The API key lacks the tracking_domains/view permission: give it that permission in SparkPost (API keys), or use a key that has it. The import only reads.",
    ],
    [
      "/sending-domains",
      "SparkPost refused to list the sending domains of the primary account (403): Forbidden. The API key lacks the sending_domains/view permission: give it that permission in SparkPost (API keys), or use a key that has it. The import only reads.",
    ],
  ])(
    "a key that may not read %s: exit 1, the permission named, nothing written",
    async (apiPath, message) => {
      bench.sandbox.setFaults({ inject: [{ method: "GET", path: apiPath, status: 403 }] });
      const run = await runCommand(importArgs(), { env, cwd: folder });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n").slice(-2)).toEqual([`Error: ${message}`, ""]);
      expect(filesIn(folder)).toEqual([]);
      expect(run.stderr).not.toContain(bench.sandbox.apiKey);
    },
  );

  test("a wrong key: exit 1, and the key appears nowhere", async () => {
    const run = await runCommand(importArgs(), {
      env: { SPARKPOST_API_KEY: "wrong-key-5fK2q" },
      cwd: folder,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("(401): Unauthorized. Check the API key");
    expect(run.stdout + run.stderr).not.toContain("wrong-key-5fK2q");
  });
});

test("an account with many domains reports its DNS lookups as they go", async () => {
  for (let index = 0; index < 60; index++) {
    const domain = `t${String(index).padStart(2, "0")}.many.example.net`;
    const created = await fetch(`${api}/tracking-domains`, {
      method: "POST",
      headers: { Authorization: bench.sandbox.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify({ domain }),
    });
    expect(created.status).toBe(200);
  }
  bench.sandbox.clearLog();
  try {
    const run = await runCommand(importArgs("--dry-run"), { env, cwd: folder });
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n")).toEqual([
      `Reading the primary account at ${api}`,
      "Found 63 tracking domains and 3 linked sending domains",
      `Looking up the zone and CNAME of 63 tracking domains in DNS through ${dns}`,
      "  DNS: 25 of 63 tracking domains done",
      "  DNS: 50 of 63 tracking domains done",
      "  DNS: 63 of 63 tracking domains done",
      "",
    ]);
    expect(requestLines()).toEqual(["GET /tracking-domains", "GET /sending-domains"]);
  } finally {
    for (let index = 0; index < 60; index++) {
      const domain = `t${String(index).padStart(2, "0")}.many.example.net`;
      await fetch(`${api}/tracking-domains/${domain}`, {
        method: "DELETE",
        headers: { Authorization: bench.sandbox.apiKey },
      });
    }
  }
});

describe("the bin, as a child process", () => {
  const TSX_LOADER = pathToFileURL(path.join(REPOSITORY, "node_modules/tsx/dist/loader.mjs")).href;

  function runBin(
    args: string[],
    environment: NodeJS.ProcessEnv,
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(
      process.execPath,
      ["--import", TSX_LOADER, path.join(REPOSITORY, "program/import/cli.ts"), ...args],
      {
        cwd: folder,
        env: { PATH: process.env.PATH, ...environment },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) =>
      child.once("close", (code) => resolve({ code, stdout, stderr })),
    );
  }

  test("exits 0 after writing, with the same output as in-process", async () => {
    const result = await runBin(importArgs("--no-dns-lookup"), env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `Reading the primary account at ${api}\nFound 3 tracking domains and 3 linked sending domains\n`,
    );
    expect(result.stdout.split("\n")[0]).toBe("Wrote Pulumi.prod.yaml");
    expect(filesIn(folder)).toEqual(["Pulumi.prod.yaml"]);
  });

  test("exits 1 on a refusal and 2 on a bad command line", async () => {
    bench.sandbox.setFaults({ inject: [{ method: "GET", path: "/sending-domains", status: 403 }] });
    expect((await runBin(importArgs("--no-dns-lookup"), env)).code).toBe(1);
    const usage = await runBin(["import"], env);
    expect(usage).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "error: required option '--stack <name>' not specified\n(run with --help to see the flags)\n",
    });
  });
});
