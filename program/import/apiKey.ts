/**
 * The API key of the import, from `SPARKPOST_API_KEY` or from a file (`-` for standard input):
 * never a command-line argument, which would land in the shell's history and in `ps`.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

/** Where the key is read from, for messages; the key itself is never shown. */
export interface ApiKeySources {
  /** `--api-key-file`: a path, or "-" for standard input. */
  file?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin: () => Promise<string>;
}

/** The error of a missing or unreadable key: a usage problem, said with what to do. */
export class ApiKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiKeyError";
  }
}

const HOW =
  "set SPARKPOST_API_KEY, or pass --api-key-file <file> (or --api-key-file - to read it from standard input)";

/** The key, trimmed; throws an ApiKeyError saying how to give one. */
export async function readApiKey(sources: ApiKeySources): Promise<string> {
  if (sources.file === undefined) {
    const key = sources.env.SPARKPOST_API_KEY?.trim() ?? "";
    if (key === "") throw new ApiKeyError(`No SparkPost API key: ${HOW}.`);
    return key;
  }
  const fromStdin = sources.file === "-";
  let text: string;
  try {
    text = fromStdin
      ? await sources.readStdin()
      : await fs.readFile(path.resolve(sources.cwd, sources.file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ApiKeyError(`Could not read the API key from ${sources.file} (${code}).`);
  }
  const key = text.trim();
  if (key === "") {
    throw new ApiKeyError(
      `${fromStdin ? "Standard input" : sources.file} holds no API key: ${HOW}.`,
    );
  }
  if (/\s/.test(key)) {
    throw new ApiKeyError(
      `${fromStdin ? "Standard input" : sources.file} holds more than one word: it must hold the API key alone.`,
    );
  }
  return key;
}
