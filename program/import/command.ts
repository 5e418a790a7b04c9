/**
 * The `pulumi-sparkpost-tracking` command line, parsed with commander: its one subcommand,
 * `import`, turns a live SparkPost account into the root program's stack configuration.
 * `npx pulumi-sparkpost-tracking import --stack prod` reads well because the bin has the
 * package's name.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { normalizeApiUrl } from "../../provider/sparkpost";
import { packageVersion } from "../../sandbox/packageVersion";
import type { DnsChoice, SubaccountSelection } from "./types";

/** The command's name: the package's, so that `npx` finds it. */
export const COMMAND_NAME = "pulumi-sparkpost-tracking";

/** The project name of the root program (its Pulumi.yaml), the default namespace. */
export const DEFAULT_PROJECT = "pulumi-sparkpost-tracking";

/** Columns the help text is wrapped to. */
const HELP_WIDTH = 100;

/** Exit code of a command line that cannot run as written. */
export const USAGE_EXIT_CODE = 2;

/** The `import` subcommand's flags, parsed. */
export interface ImportFlags {
  stack: string;
  project: string;
  region?: "us" | "eu";
  apiUrl?: string;
  apiKeyFile?: string;
  subaccounts?: SubaccountSelection;
  dns?: Map<string, DnsChoice>;
  acceptDnsSuggestions: boolean;
  dnsLookup: boolean;
  dnsServer?: string[];
  protect: boolean;
  retainOnDelete: boolean;
  outDir: string;
  typescript?: string;
  dryRun: boolean;
}

/** Pulumi project and stack names: letters, digits, `-`, `_` and `.`. */
function pulumiName(what: string): (value: string) => string {
  return (value) => {
    if (!/^[A-Za-z0-9_.-]+$/.test(value)) {
      throw new InvalidArgumentError(
        `A ${what} name holds only letters, digits, "-", "_" and ".", such as "prod".`,
      );
    }
    return value;
  };
}

function apiUrl(value: string): string {
  try {
    return normalizeApiUrl(value, "--api-url");
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function subaccounts(value: string): SubaccountSelection {
  if (value.trim().toLowerCase() === "all") return { kind: "all" };
  const items = value.split(",").map((item) => item.trim());
  if (items.some((item) => !/^[1-9]\d{0,9}$/.test(item) || Number(item) > 2147483647)) {
    throw new InvalidArgumentError(
      'Write "all", or subaccount ids separated by commas, such as 42,57 (the primary account is always read).',
    );
  }
  return { kind: "listed", ids: [...new Set(items.map(Number))].sort((a, b) => a - b) };
}

const DNS_CHOICES: readonly DnsChoice[] = ["route53", "cloudflare", "manual"];

function dnsConfirmation(
  value: string,
  previous: Map<string, DnsChoice> | undefined,
): Map<string, DnsChoice> {
  const match = /^([^=\s]+)=([^=\s]+)$/.exec(value);
  const zone = match?.[1].toLowerCase().replace(/\.$/, "");
  const provider = match?.[2].toLowerCase() as DnsChoice | undefined;
  if (zone === undefined || provider === undefined || !DNS_CHOICES.includes(provider)) {
    throw new InvalidArgumentError(
      "Write it as <zone>=<provider>, the provider being route53, cloudflare or manual, such as example.com=route53.",
    );
  }
  const earlier = previous?.get(zone);
  if (earlier !== undefined && earlier !== provider) {
    throw new InvalidArgumentError(
      `Zone ${zone} is already set to ${earlier}: name each zone once.`,
    );
  }
  return new Map([...(previous ?? []), [zone, provider]]);
}

function dnsServer(value: string, previous: string[] | undefined): string[] {
  if (!/^(\[[0-9a-f:.]+\]|[0-9.]+|[0-9a-f:]+)(:\d+)?$/i.test(value)) {
    throw new InvalidArgumentError(
      "Give an IP address with an optional port, e.g. 127.0.0.1:5353.",
    );
  }
  return [...(previous ?? []), value];
}

/** Said instead of commander's own error, which would repeat the key. */
const KEY_ARGUMENT_REFUSAL =
  "--api-key is not accepted: a key on the command line lands in the shell's history. Set SPARKPOST_API_KEY, or use --api-key-file <file> (- for standard input).";

/** The `import` subcommand; `run` receives its parsed flags. */
function importSubcommand(run: (flags: ImportFlags) => Promise<void>): Command {
  return new Command("import")
    .summary("write the root program's stack configuration for an existing SparkPost account")
    .description(
      "Read the tracking domains, defaults and sending-domain links of a SparkPost account and " +
        "write the root program's stack configuration that adopts them, so that the first " +
        "`pulumi up` only reads from SparkPost. The API key comes from SPARKPOST_API_KEY or " +
        "--api-key-file, never from an argument.",
    )
    .addOption(
      new Option("--stack <name>", "the stack: writes Pulumi.<name>.yaml")
        .argParser(pulumiName("stack"))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option("--project <name>", "the Pulumi project, whose name prefixes trackingDomains")
        .argParser(pulumiName("project"))
        .default(DEFAULT_PROJECT),
    )
    .addOption(
      new Option(
        "--region <region>",
        "the account's region (default: SPARKPOST_REGION, else us)",
      ).choices(["us", "eu"]),
    )
    .addOption(
      new Option(
        "--api-url <url>",
        "the API base, ending in /api/v1 (default: SPARKPOST_API_URL, else the region's)",
      ).argParser(apiUrl),
    )
    .addOption(
      new Option(
        "--api-key-file <file>",
        'read the API key from <file>, or from standard input with "-" (default: SPARKPOST_API_KEY)',
      ),
    )
    .addOption(new Option("--api-key [key]").hideHelp())
    .addOption(
      new Option(
        "--subaccounts <which>",
        'also read subaccounts: "all", or ids such as 42,57 (default: the primary account only)',
      ).argParser(subaccounts),
    )
    .addOption(
      new Option(
        "--dns <zone=provider>",
        "confirm a zone's DNS provider: route53, cloudflare or manual (repeatable; unconfirmed zones stay manual)",
      ).argParser(dnsConfirmation),
    )
    .addOption(
      new Option(
        "--accept-dns-suggestions",
        "write records through the provider each zone's nameservers suggest (Route53, Cloudflare)",
      ),
    )
    .addOption(new Option("--no-dns-lookup", "look nothing up in DNS: every entry manual"))
    .addOption(
      new Option(
        "--dns-server <ip[:port]>",
        "DNS server for the lookups (repeatable; default: the system's)",
      ).argParser(dnsServer),
    )
    .addOption(new Option("--no-protect", "leave protect: true out of the entries"))
    .addOption(new Option("--retain-on-delete", "add retainOnDelete: true to every entry"))
    .addOption(new Option("--out-dir <dir>", "where to write the files").default("."))
    .addOption(
      new Option(
        "--typescript <file>",
        "also write the equivalent TypeScript program (CustomTrackingDomain declarations) to <file>, relative to --out-dir",
      ),
    )
    .addOption(new Option("--dry-run", "print the files instead of writing them"))
    .showHelpAfterError("(run with --help to see the flags)")
    .action(async (_options: unknown, command: Command) => {
      if (command.opts<{ apiKey?: unknown }>().apiKey !== undefined) {
        command.error(`error: ${KEY_ARGUMENT_REFUSAL}`, { exitCode: USAGE_EXIT_CODE });
      }
      const flags =
        command.opts<Omit<ImportFlags, "acceptDnsSuggestions" | "retainOnDelete" | "dryRun">>();
      const booleans = command.opts<{
        acceptDnsSuggestions?: boolean;
        retainOnDelete?: boolean;
        dryRun?: boolean;
      }>();
      await run({
        ...flags,
        acceptDnsSuggestions: booleans.acceptDnsSuggestions === true,
        retainOnDelete: booleans.retainOnDelete === true,
        dryRun: booleans.dryRun === true,
      });
    });
}

/** Where the command line writes. */
export interface CommandOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Parses `argv` (as `process.argv`: node, script, arguments) and runs `import` with `run`.
 * Resolves to the exit code: 0 after help or the version, {@link USAGE_EXIT_CODE} for a command
 * line that cannot run, else what `run` decided.
 */
export async function runCommandLine(
  argv: readonly string[],
  output: CommandOutput,
  run: (flags: ImportFlags) => Promise<number>,
  version: string = packageVersion(),
): Promise<number> {
  let exitCode = 0;
  const program = new Command(COMMAND_NAME)
    .description("Tools for the pulumi-sparkpost-tracking package.")
    .version(version, "-V, --version", "print the package version and exit")
    .addCommand(
      importSubcommand(async (flags) => {
        exitCode = await run(flags);
      }),
    )
    .showHelpAfterError("(run with --help to see the commands)");
  for (const command of [program, ...program.commands]) {
    command.exitOverride().configureOutput({
      writeOut: output.stdout,
      writeErr: output.stderr,
      // The same text on every terminal, and in tests.
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
    });
  }
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  }
  return exitCode;
}
