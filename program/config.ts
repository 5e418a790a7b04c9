/**
 * Reads and checks the root program's stack configuration: the project key `trackingDomains`.
 * Every problem is collected before the program gives up, so one run lists all of them.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseAccounts } from "../provider/sparkpost/accounts";
import { consistencyProblems, type StackAccounts } from "./consistency";
import { schemaProblems, TRACKING_DOMAINS_KEY } from "./schema";
import type { TrackingDomainEntry } from "./trackingDomainEntry";

/**
 * The stack configuration cannot be deployed. A RunError, so the CLI prints the message alone,
 * without a stack trace: the fix is in the stack file, not in the code.
 */
export class StackConfigError extends pulumi.RunError {
  /** One sentence per problem, each naming the list index and field. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[], stackFile: string) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      [
        `The stack configuration "${TRACKING_DOMAINS_KEY}" has ${count}:`,
        ...problems.map((problem) => `  - ${problem}`),
        `Fix ${stackFile} (see program/README.md) and run again.`,
      ].join("\n"),
    );
    this.name = "StackConfigError";
    this.problems = problems;
  }
}

/**
 * Every problem of a `trackingDomains` value: its shape first (the JSON schema), then, once the
 * shape is right, what the schema cannot say (hostnames, duplicates, one default per account,
 * accounts the stack has: `accounts`, none unless given).
 */
export function trackingDomainsProblems(
  value: unknown,
  accounts: StackAccounts = { names: [] },
): string[] {
  const shapeProblems = schemaProblems(value);
  if (shapeProblems.length > 0) return shapeProblems;
  return consistencyProblems(value as TrackingDomainEntry[], accounts);
}

/**
 * The stack's named accounts (`sparkpost:accounts`): their names, or why the value cannot be
 * read. Only regions and API URLs are read from it in the program; the keys stay unused.
 */
export function stackAccounts(): StackAccounts {
  try {
    return { names: [...parseAccounts(new pulumi.Config("sparkpost").get("accounts")).keys()] };
  } catch (error) {
    return { names: [], problem: (error as Error).message };
  }
}

/**
 * The configured value: stack files hold objects, which reach the program as JSON text. A plain
 * string that is not JSON stays a string, for the schema to reject with a clear message.
 */
function parseConfigValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The checked `trackingDomains` entries of the stack, in the order written.
 * @throws StackConfigError listing every problem, when the key is missing or wrong.
 */
export function readTrackingDomains(config: pulumi.Config): TrackingDomainEntry[] {
  const stackFile = `Pulumi.${pulumi.getStack()}.yaml`;
  const text = config.get(TRACKING_DOMAINS_KEY);
  if (text === undefined) {
    throw new StackConfigError(
      [
        `${TRACKING_DOMAINS_KEY} is not set: add "${config.name}:${TRACKING_DOMAINS_KEY}" to ${stackFile}, a list of tracking domains such as [{domain: track.example.com, dns: {provider: route53}}]`,
      ],
      stackFile,
    );
  }
  const value = parseConfigValue(text);
  const problems = trackingDomainsProblems(value, stackAccounts());
  if (problems.length > 0) throw new StackConfigError(problems, stackFile);
  return value as TrackingDomainEntry[];
}
