/**
 * The package as `npm pack` makes it from a fresh clone of this repository's HEAD (or of the
 * commit SPARKPOST_TRACKING_PACK_REF names).
 *
 * What is faithful and what is borrowed: the clone holds exactly the committed files (nothing
 * untracked, no `bin/` from an earlier build), and `npm pack` there runs the package's own
 * `prepare` script, which builds `bin/` from those files: the same steps as a user's
 * `git clone && npm ci && npm pack`, or npm's own build of a git dependency. Only `npm ci` is
 * borrowed: instead of downloading the ~340 development packages again (minutes), the clone's
 * `node_modules` is a symlink to this repository's, which `npm ci` installed from the same
 * package-lock.json (checked: the clone's lockfile must be byte-identical to the one on disk
 * here). The build reads only the compiler and type declarations from it.
 *
 * Packing takes about 15 s, so the package suites share one tarball per jest run (they run in
 * band, in one process): it is kept under os.tmpdir() in a folder named after the process, and
 * folders of processes that no longer run are removed. The first suite packs HEAD as it is
 * then; later suites of the run test that same tarball even if HEAD has moved meanwhile.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runOk, userShellEnv } from "./commands";

export const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..", "..");
const CACHE_PREFIX = "pulumi-sparkpost-tracking-pack-";

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackedPackage {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** The commit the clone was made at. */
  commit: string;
  name: string;
  version: string;
  /** The files in the tarball, as `npm pack --json` lists them, sorted by path. */
  files: PackedFile[];
  /** Bytes of the .tgz, and of its files unpacked. */
  size: number;
  unpackedSize: number;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the tarball folders of earlier jest runs whose process has exited. */
function removeStaleCaches(): void {
  for (const entry of readdirSync(tmpdir())) {
    const pid = Number(/^pulumi-sparkpost-tracking-pack-(\d+)$/.exec(entry)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) {
      rmSync(path.join(tmpdir(), entry), { recursive: true, force: true });
    }
  }
}

/**
 * The commit to pack: HEAD, or the commit SPARKPOST_TRACKING_PACK_REF names (to test an earlier
 * commit, or one HEAD is not yet: the tests print which one they packed).
 */
async function commitToPack(): Promise<string> {
  const ref = process.env.SPARKPOST_TRACKING_PACK_REF || "HEAD";
  return (
    await runOk("git", ["rev-parse", "--verify", `${ref}^{commit}`], { cwd: REPOSITORY_ROOT })
  ).trim();
}

/**
 * Files the working tree changed, among those that make up the package. The tarball is packed
 * from HEAD: this says loudly when it differs from what is on disk.
 */
async function uncommittedPackageChanges(): Promise<string[]> {
  const status = await runOk(
    "git",
    [
      "status",
      "--porcelain",
      "--",
      "provider",
      "sandbox",
      "program",
      "package.json",
      "README.md",
      "tsconfig.json",
      "tsconfig.build.json",
    ],
    { cwd: REPOSITORY_ROOT },
  );
  return status.split("\n").filter((line) => line.trim() !== "");
}

async function packFresh(commit: string, destination: string): Promise<PackedPackage> {
  const work = mkdtempSync(path.join(tmpdir(), "sparkpost-tracking-clone-"));
  try {
    const clone = path.join(work, "clone");
    await runOk("git", ["clone", "--quiet", "--no-hardlinks", REPOSITORY_ROOT, clone], {
      cwd: work,
    });
    await runOk("git", ["-c", "advice.detachedHead=false", "checkout", "--quiet", commit], {
      cwd: clone,
    });
    const cloneLock = readFileSync(path.join(clone, "package-lock.json"));
    const installedLock = readFileSync(path.join(REPOSITORY_ROOT, "package-lock.json"));
    if (!cloneLock.equals(installedLock)) {
      throw new Error(
        "package-lock.json at HEAD differs from the one on disk, so this repository's " +
          "node_modules is not what `npm ci` would install in a fresh clone: commit or revert it.",
      );
    }
    if (existsSync(path.join(clone, "bin"))) {
      throw new Error("a fresh clone must not hold bin/: is it committed?");
    }
    symlinkSync(path.join(REPOSITORY_ROOT, "node_modules"), path.join(clone, "node_modules"));
    const stdout = await runOk(
      "npm",
      ["pack", "--json", "--pack-destination", destination, "--no-audit", "--no-fund"],
      { cwd: clone, env: userShellEnv() },
    );
    // `prepare` prints the build's banner to stdout before npm's JSON.
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as {
      name: string;
      version: string;
      filename: string;
      size: number;
      unpackedSize: number;
      files: PackedFile[];
    }[];
    return {
      tarball: path.join(destination, packed.filename),
      commit,
      name: packed.name,
      version: packed.version,
      files: packed.files
        .map(({ path: file, size }) => ({ path: file, size }))
        .sort((a, b) => a.path.localeCompare(b.path)),
      size: packed.size,
      unpackedSize: packed.unpackedSize,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The tarball of HEAD (or SPARKPOST_TRACKING_PACK_REF), packed from a fresh clone once per jest run. */
export async function packFromFreshClone(): Promise<PackedPackage> {
  const cache = path.join(tmpdir(), `${CACHE_PREFIX}${process.pid}`);
  const record = path.join(cache, "packed.json");
  if (existsSync(record)) return JSON.parse(readFileSync(record, "utf8")) as PackedPackage;

  removeStaleCaches();
  const commit = await commitToPack();
  const changes = await uncommittedPackageChanges();
  if (process.env.SPARKPOST_TRACKING_PACK_REF) {
    console.warn(`Packing ${commit.slice(0, 12)} (SPARKPOST_TRACKING_PACK_REF), not HEAD.`);
  } else if (changes.length > 0) {
    console.warn(
      `Packing HEAD (${commit.slice(0, 12)}), as a fresh clone has it. These uncommitted ` +
        `changes are NOT in the tarball under test:\n${changes.join("\n")}`,
    );
  }
  mkdirSync(cache, { recursive: true });
  const packed = await packFresh(commit, cache);
  writeFileSync(record, JSON.stringify(packed));
  return packed;
}
