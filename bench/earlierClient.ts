/**
 * The SparkPost client as an earlier commit had it, for before/after figures: the commit's
 * `provider/` is extracted with `git archive` under `node_modules/.cache/` (so that its imports of
 * undici and friends resolve to this repository's `node_modules`) and imported from there. Needs
 * the repository's git history, as a fresh clone has it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import * as path from "node:path";

const repositoryRoot = path.resolve(__dirname, "..");

/** What the benchmarks use of a client module, old or new. */
export interface ClientModule {
  createClient(options: { apiKey: string; baseUrl: string; log?: (line: string) => void }): {
    createTrackingDomain(domain: string, options: object): Promise<unknown>;
    deleteTrackingDomain(domain: string): Promise<unknown>;
    getTrackingDomain(domain: string): Promise<unknown>;
  };
  closeSharedAgent(): Promise<void>;
}

/** The client of this working tree. */
export async function currentClient(): Promise<ClientModule> {
  return await import("../provider/sparkpost");
}

/** The short hash of `commit` (a hash or any name git knows). */
export function shortHash(commit: string): string {
  return execFileSync("git", ["rev-parse", "--short", commit], {
    cwd: repositoryRoot,
    encoding: "utf8",
  }).trim();
}

/** The client of `commit` (a hash or any name git knows). */
export async function clientAt(commit: string): Promise<ClientModule> {
  const hash = shortHash(commit);
  const directory = path.join(repositoryRoot, "node_modules", ".cache", `bench-${hash}`);
  if (!existsSync(path.join(directory, "provider", "sparkpost", "index.ts"))) {
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
    const archive = execFileSync("git", ["archive", hash, "provider"], {
      cwd: repositoryRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync("tar", ["-x", "-C", directory], { input: archive });
  }
  return (await import(path.join(directory, "provider", "sparkpost", "index.ts"))) as ClientModule;
}
