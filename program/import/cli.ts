#!/usr/bin/env node
/**
 * The `pulumi-sparkpost-tracking` bin: `npx pulumi-sparkpost-tracking import --stack prod` writes
 * the root program's stack configuration for an existing SparkPost account (see program/README.md).
 */
import "../../provider/supportedNode";
import { runCommandLine } from "./command";
import { runImport } from "./runImport";

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => (text += chunk));
    process.stdin.once("end", () => resolve(text));
    process.stdin.once("error", reject);
  });
}

const environment = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  readStdin,
};

runCommandLine(process.argv, environment, (flags) => runImport(flags, environment)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
