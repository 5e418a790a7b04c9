/**
 * The quickstart's `npm run sandbox:up` really brings the root program's sandbox stack up and down:
 * run as users run it, in its own process.
 */
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

const root = path.resolve(__dirname, "..", "..");

test("sandbox:up creates the sandbox stack in dependency order, finds no drift and destroys it", async () => {
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, "tools/sandboxUp.ts", "--verify-after", "1"],
    {
      cwd: root,
      env: { ...process.env, SPARKPOST_API_KEY: undefined },
    },
  );
  const created = stdout.split("\n").filter((line) => line.startsWith("+ "));
  const expected = [
    "+ TrackingDomain track-example-com-domain (id track.example.com)",
    "+ TrackingDomain click-shop-example-com-domain (id click.shop.example.com)",
    "+ TrackingDomainVerification track-example-com-verification (id track.example.com)",
    "+ TrackingDomainVerification click-shop-example-com-verification (id click.shop.example.com)",
    "+ DefaultTrackingDomain track-example-com-default (id primary)",
    "+ SendingDomainLink track-example-com-link-mail.example.com (id mail.example.com)",
    "+ SendingDomainLink track-example-com-link-news.example.com (id news.example.com)",
    "+ DefaultTrackingDomain click-shop-example-com-default (id subaccount-42)",
    "+ SendingDomainLink click-shop-example-com-link-mail.shop.example.com (id mail.shop.example.com)",
  ];
  // The two domains proceed in parallel, so only each domain's own chain has a fixed order.
  expect([...created].sort()).toEqual([...expected].sort());
  const position = (name: string) => created.findIndex((line) => line.includes(` ${name} `));
  for (const prefix of ["track-example-com", "click-shop-example-com"]) {
    const verification = position(`${prefix}-verification`);
    expect(position(`${prefix}-domain`)).toBeLessThan(verification);
    expect(position(`${prefix}-default`)).toBeGreaterThan(verification);
  }
  expect(position("track-example-com-link-mail.example.com")).toBeGreaterThan(
    position("track-example-com-verification"),
  );
  expect(stdout).toContain('"verified": true');
  expect(stdout).toContain("Refresh: 9 reads, 9 requests, 0 resources gone.\n");
  expect(stdout).toContain("Destroyed 9 resources in reverse order.\n");
}, 60000);
