/**
 * The import's test bench: a sandbox holding the existing account of
 * test/support/existingAccount.ts and a DNS server serving its zones, and the import run against
 * them in-process, its output captured.
 */
import { closeSharedAgent } from "../../provider/sparkpost";
import { runCommandLine } from "../../program/import/command";
import { runImport } from "../../program/import/runImport";
import { type Sandbox, startSandbox } from "../../sandbox";
import { type DnsTestServer, startDnsServer } from "../support/dnsServer";
import { existingAccountStateFile, serveExistingDns } from "../support/existingAccount";

export interface AccountBench {
  sandbox: Sandbox;
  dns: DnsTestServer;
  close(): Promise<void>;
}

/** Starts the sandbox (from a fresh copy of the account) and the DNS server. */
export async function startAccountBench(): Promise<AccountBench> {
  const sandbox = await startSandbox({ stateFile: existingAccountStateFile() });
  const dns = await startDnsServer();
  serveExistingDns(dns);
  return {
    sandbox,
    dns,
    async close() {
      await sandbox.close();
      await dns.close();
      await closeSharedAgent();
    },
  };
}

/** What one run of the command printed and returned. */
export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdin?: string;
}

/** Runs `pulumi-sparkpost-tracking <args>` in this process; nothing reaches the real stdout. */
export async function runCommand(args: string[], options: RunOptions = {}): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const environment = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    readStdin: async () => options.stdin ?? "",
  };
  const code = await runCommandLine(
    ["node", "pulumi-sparkpost-tracking", ...args],
    environment,
    (flags) => runImport(flags, environment),
  );
  return { code, stdout, stderr };
}
