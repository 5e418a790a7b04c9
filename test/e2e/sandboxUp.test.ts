/**
 * The quickstart's `npm run sandbox:up` really brings the root program's sandbox stack up and
 * down with the Pulumi CLI: run as users run it, in its own process (the e2e script has built the
 * package, so this runs the script's second half, tools/sandboxUp.ts, directly).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { repositoryRoot } from "./support/rootStack";

/** The CLI version the wrapper module pins (tools/pulumi-cli/go.mod), without its "v". */
function pinnedCliVersion(): string {
  const goMod = fs.readFileSync(path.join(repositoryRoot, "tools/pulumi-cli/go.mod"), "utf8");
  const match = /^\s*github\.com\/pulumi\/pulumi\/pkg\/v3 v(\S+)/m.exec(goMod);
  if (!match)
    throw new Error("tools/pulumi-cli/go.mod requires no github.com/pulumi/pulumi/pkg/v3");
  return match[1];
}

test("sandbox:up previews, creates, refreshes without drift and destroys the sandbox stack", async () => {
  const tsx = path.join(repositoryRoot, "node_modules", "tsx", "dist", "cli.mjs");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, "tools/sandboxUp.ts", "--verify-after", "1"],
    { cwd: repositoryRoot, env: { ...process.env, SPARKPOST_API_KEY: undefined } },
  );
  const lines = stdout.split("\n");
  expect(lines.filter((line) => line.startsWith("Pulumi CLI "))[0]).toMatch(
    new RegExp(`^Pulumi CLI ${pinnedCliVersion().replaceAll(".", "\\.")}: `),
  );
  expect(lines.filter((line) => /^(Preview|Refresh|Destroy): /.test(line))).toEqual([
    'Preview: {"create":12}; SparkPost requests: 0',
    'Refresh: {"same":12}: no drift; SparkPost requests: 9',
    'Destroy: {"delete":12}; tracking domains left in the sandbox: 0',
  ]);
  const outputs = /^Stack outputs:\n([\s\S]*?)\n\n== pulumi refresh ==$/m.exec(stdout);
  expect(JSON.parse(outputs?.[1] ?? "null")).toEqual({
    "click.shop.example.com": {
      dnsRecord: { name: "click.shop.example.com", type: "CNAME", value: "v2.spgo.io" },
      isDefault: true,
      linkedSendingDomains: ["mail.shop.example.com"],
      verified: true,
    },
    "track.example.com": {
      dnsRecord: { name: "track.example.com", type: "CNAME", value: "v2.spgo.io" },
      isDefault: true,
      linkedSendingDomains: ["mail.example.com", "news.example.com"],
      verified: true,
    },
  });
});
