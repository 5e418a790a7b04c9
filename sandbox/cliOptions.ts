/**
 * Command-line flags of the `sparkpost-sandbox` bin (`npm run sandbox` here), parsed with commander
 * into {@link SandboxOptions}.
 */
import * as path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import type { SandboxOptions, SendingDomainSeed } from "./types";
import { DEFAULT_API_KEY } from "./server";
import { packageVersion } from "./packageVersion";

/** The command's name, as package.json's `bin` installs it. */
export const COMMAND_NAME = "sparkpost-sandbox";

/** The port the CLI listens on unless told otherwise. */
export const DEFAULT_CLI_PORT = 4010;

function port(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535) {
    throw new InvalidArgumentError("Give a port number from 0 to 65535 (0 picks a free port).");
  }
  return number;
}

function seconds(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError("Give a number of seconds, 0 or more.");
  }
  return number;
}

function sendingDomain(value: string, previous: SendingDomainSeed[]): SendingDomainSeed[] {
  const match = /^([^:\s]+)(?::(\d+))?$/.exec(value);
  if (!match) {
    throw new InvalidArgumentError("Write it as domain or domain:subaccount, e.g. example.com:12.");
  }
  const seed: SendingDomainSeed = { domain: match[1] };
  if (match[2] !== undefined) seed.subaccountId = Number(match[2]);
  return [...previous, seed];
}

function dnsServer(value: string, previous: string[]): string[] {
  if (!/^(\[[0-9a-f:.]+\]|[0-9.]+|[0-9a-f:]+)(:\d+)?$/i.test(value)) {
    throw new InvalidArgumentError(
      "Give an IP address with an optional port, e.g. 127.0.0.1:5353.",
    );
  }
  return [...previous, value];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A repeatable option: each use adds one value, parsed by `parse`. */
function repeatable(
  flags: string,
  description: string,
  parse: (value: string, previous: string[]) => string[],
): Option {
  return new Option(flags, `${description} (repeatable)`).argParser(parse);
}

/**
 * The commander program; `parse` it, then read {@link sandboxOptionsFrom}. `--version` prints
 * `version`, by default the package's.
 */
export function sandboxCommand(version: string = packageVersion()): Command {
  return new Command(COMMAND_NAME)
    .description(
      "A SparkPost-compatible API for tracking and sending domains, for local use and tests.",
    )
    .version(version, "-V, --version", "print the package version and exit")
    .addOption(
      new Option("--port <port>", "port to listen on (0 picks a free one)")
        .argParser(port)
        .default(DEFAULT_CLI_PORT),
    )
    .addOption(new Option("--host <host>", "address to listen on").default("127.0.0.1"))
    .addOption(
      new Option("--api-key <key>", "the API key clients must send").default(DEFAULT_API_KEY),
    )
    .addOption(
      new Option("--state-file <file>", "JSON file holding the account between runs").default(
        ".sandbox-state.json",
      ),
    )
    .addOption(
      repeatable("--dns-server <ip[:port]>", "DNS server for verification", dnsServer).default(
        [],
        "the system's",
      ),
    )
    .addOption(
      new Option(
        "--verify-after <seconds>",
        "demo switch: verify any domain this long after creation, without DNS",
      ).argParser(seconds),
    )
    .addOption(
      new Option(
        "--negative-cache <seconds>",
        "verification's DNS view remembers a missing CNAME this long, like a resolver's negative TTL",
      ).argParser(seconds),
    )
    .addOption(
      new Option("--sending-domain <domain[:subaccount]>", "seed a sending domain (repeatable)")
        .argParser(sendingDomain)
        .default([], "none"),
    )
    .addOption(
      repeatable("--accepted-target <name>", "CNAME target that verifies", collect).default(
        [],
        "SparkPost's four",
      ),
    )
    .addOption(
      repeatable(
        "--blacklist <domain>",
        "refuse this domain and its subdomains at creation",
        collect,
      ).default([], "none"),
    )
    .addOption(
      new Option(
        "--tls-not-ready",
        "secure domains fail verification as if their certificate were invalid",
      ),
    )
    .addOption(
      new Option(
        "--certificate-delay <seconds>",
        "managed certificates stay pending this long after certificate/enable",
      ).argParser(seconds),
    )
    .showHelpAfterError("(run with --help to see the flags)");
}

interface ParsedFlags {
  port: number;
  host: string;
  apiKey: string;
  stateFile: string;
  dnsServer: string[];
  verifyAfter?: number;
  negativeCache?: number;
  sendingDomain: SendingDomainSeed[];
  acceptedTarget: string[];
  blacklist: string[];
  tlsNotReady?: boolean;
  certificateDelay?: number;
}

/** Turns parsed flags into sandbox options; the state file is resolved against `cwd`. */
export function sandboxOptionsFrom(command: Command, cwd: string): SandboxOptions {
  const flags = command.opts<ParsedFlags>();
  return {
    port: flags.port,
    host: flags.host,
    apiKey: flags.apiKey,
    stateFile: path.resolve(cwd, flags.stateFile),
    dnsServers: flags.dnsServer.length > 0 ? flags.dnsServer : undefined,
    verifyAfterSeconds: flags.verifyAfter,
    negativeCacheSeconds: flags.negativeCache,
    sendingDomains: flags.sendingDomain,
    acceptedTargets: flags.acceptedTarget.length > 0 ? flags.acceptedTarget : undefined,
    blacklist: flags.blacklist,
    tlsReady: !flags.tlsNotReady,
    certificateIssueSeconds: flags.certificateDelay,
  };
}
