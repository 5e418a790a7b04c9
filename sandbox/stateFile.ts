/** Keeps the account in a JSON file so separate `pulumi up`, `refresh` and `destroy` runs share it. */
import * as fs from "node:fs";
import type { AccountState } from "./records";

/** An empty account. */
export function emptyState(): AccountState {
  return { trackingDomains: [], sendingDomains: [] };
}

/** Reads the state file; a missing file is an empty account, a damaged one is an error. */
export function loadState(file: string): AccountState {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyState();
    throw error;
  }
  let parsed: Partial<AccountState>;
  try {
    parsed = JSON.parse(text) as Partial<AccountState>;
  } catch {
    throw new Error(
      `Sandbox state file ${file} is not valid JSON: delete it to start from an empty account.`,
    );
  }
  if (!Array.isArray(parsed.trackingDomains) || !Array.isArray(parsed.sendingDomains)) {
    throw new Error(
      `Sandbox state file ${file} lacks trackingDomains or sendingDomains: delete it to start from an empty account.`,
    );
  }
  return { trackingDomains: parsed.trackingDomains, sendingDomains: parsed.sendingDomains };
}

/**
 * Writes the state through a temporary file and a rename, so a reader (or a crash) never sees a
 * half-written file.
 */
export function saveState(file: string, state: AccountState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temporary, file);
}
