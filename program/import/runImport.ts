/**
 * `pulumi-sparkpost-tracking import`: reads the account, looks up DNS, generates the entries and
 * writes (or, with `--dry-run`, prints) the stack file and the optional TypeScript program.
 * Progress, warnings and errors go to stderr; the result (files written or printed, the DNS
 * providers found, what to do next) to stdout.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import {
  closeSharedAgent,
  createClient,
  normalizeApiUrl,
  REGIONS,
  regionOf,
  type SourcedSetting,
} from "../../provider/sparkpost";
import { ApiKeyError, readApiKey } from "./apiKey";
import type { CommandOutput, ImportFlags } from "./command";
import { USAGE_EXIT_CODE } from "./command";
import { lookUpDns } from "./dnsLookup";
import {
  dnsDecision,
  PROVIDER_NAMES,
  suggestedProvider,
  unusedConfirmations,
} from "./dnsProviders";
import { generateEntries, type GeneratedEntries } from "./entries";
import { plural, readAccount } from "./readAccount";
import { stackFileText } from "./stackFileText";
import type { DnsChoice, DnsFacts, GenerationChoices } from "./types";
import { typescriptProgramText } from "./typescriptText";

/** What the import needs from its process. */
export interface ImportEnvironment extends CommandOutput {
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin: () => Promise<string>;
}

/** A problem of the command line found while running: exit with {@link USAGE_EXIT_CODE}. */
class UsageError extends Error {}

function setting(value: string | undefined, source: string): SourcedSetting | undefined {
  return value === undefined || value.trim() === "" ? undefined : { value: value.trim(), source };
}

/** The connection: flags first, then SPARKPOST_REGION and SPARKPOST_API_URL. */
function connectionOf(flags: ImportFlags, env: NodeJS.ProcessEnv) {
  const region =
    setting(flags.region, "--region") ?? setting(env.SPARKPOST_REGION, "SPARKPOST_REGION");
  const apiUrl =
    setting(flags.apiUrl, "--api-url") ?? setting(env.SPARKPOST_API_URL, "SPARKPOST_API_URL");
  let resolvedRegion: "us" | "eu";
  let baseUrl: string;
  try {
    resolvedRegion = regionOf(region, apiUrl);
    baseUrl =
      apiUrl === undefined ? REGIONS[resolvedRegion] : normalizeApiUrl(apiUrl.value, apiUrl.source);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    region: resolvedRegion,
    baseUrl,
    regionSetting: region === undefined ? undefined : resolvedRegion,
    apiUrlSetting: apiUrl === undefined ? undefined : baseUrl,
  };
}

interface OutputFile {
  /** As shown: relative to the working directory. */
  shown: string;
  absolute: string;
  text: string;
}

/** Refuses files that exist: the import never edits or replaces a file. */
async function refuseExisting(files: readonly Pick<OutputFile, "shown" | "absolute">[]) {
  const existing: string[] = [];
  for (const file of files) {
    if (
      await fs.stat(file.absolute).then(
        () => true,
        () => false,
      )
    )
      existing.push(file.shown);
  }
  if (existing.length > 0) {
    throw new Error(
      `${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""}, and the import does not edit existing files (a stack file holds secrets and the encryption salt): choose another --stack, --out-dir or --typescript, or print the files with --dry-run and copy the entries in. Nothing was read or written.`,
    );
  }
}

/** Writes each file, failing rather than replacing one that appeared meanwhile. */
async function writeFiles(files: readonly OutputFile[]): Promise<void> {
  for (const file of files) {
    await fs.mkdir(path.dirname(file.absolute), { recursive: true });
    await fs.writeFile(file.absolute, file.text, { flag: "wx" });
  }
}

/** One line per zone: its provider as the nameservers say, and what the entries do about it. */
function dnsSummary(
  generated: GeneratedEntries,
  dnsFacts: DnsFacts,
  choices: GenerationChoices,
): string[] {
  if (generated.entries.length === 0) return [];
  if (!choices.dnsLookedUp && choices.confirmedDns.size === 0) {
    return ["DNS: not looked up (--no-dns-lookup): every entry is manual."];
  }
  const zones = new Map<string, { domains: number; text: string }>();
  const unconfirmed: string[] = [];
  for (const { entry } of generated.entries) {
    const decision = dnsDecision(entry.domain, dnsFacts, choices);
    const key = decision.zone ?? "";
    const known = zones.get(key);
    if (known !== undefined) {
      known.domains++;
      continue;
    }
    const facts = dnsFacts.get(entry.domain);
    const suggestion = facts === undefined ? undefined : suggestedProvider(facts.nameservers);
    const provider = suggestion === undefined ? "not looked up" : PROVIDER_NAMES[suggestion];
    const how =
      decision.reason === "confirmed"
        ? " (--dns)"
        : decision.reason === "accepted"
          ? " (--accept-dns-suggestions)"
          : "";
    let text = decision.zone === undefined ? "manual" : `${provider} -> ${decision.choice}${how}`;
    if (
      decision.zone !== undefined &&
      decision.reason === "unconfirmed" &&
      (suggestion === "route53" || suggestion === "cloudflare")
    ) {
      text += `; confirm with --dns ${decision.zone}=${suggestion}`;
      unconfirmed.push(decision.zone);
    }
    zones.set(key, { domains: 1, text });
  }
  const lines = [...zones.entries()]
    .sort(([a], [b]) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)))
    .map(
      ([zone, { domains, text }]) =>
        `  ${zone === "" ? "no zone found" : zone} (${plural(domains, "tracking domain")}): ${text}`,
    );
  const header =
    "DNS providers by zone, from their nameservers (entries stay manual until confirmed):";
  const footer =
    unconfirmed.length > 1
      ? [
          "Run the import again with those --dns flags, or --accept-dns-suggestions for all of them.",
        ]
      : unconfirmed.length === 1
        ? ["Run the import again with that --dns flag to write the record through it."]
        : [];
  return [header, ...lines, ...footer];
}

function nextSteps(stackFile: string, choices: GenerationChoices): string[] {
  return [
    `Next, in the folder of the Pulumi project ${choices.project} (its Pulumi.yaml runs the root program):`,
    `  pulumi stack select --create ${choices.stack}`,
    "  pulumi config set --secret sparkpost:apiKey      (it asks for the key; or set SPARKPOST_API_KEY)",
    "  pulumi preview      every resource shows as a create: each one adopts what exists",
    "  pulumi up           reads from SparkPost and changes nothing there",
    `Review ${stackFile} first: its comments say what was found and what DNS needs.`,
  ];
}

/** Runs the import for `flags`; resolves to the exit code. Never throws. */
export async function runImport(
  flags: ImportFlags,
  environment: ImportEnvironment,
): Promise<number> {
  const progress = (line: string) => environment.stderr(`${line}\n`);
  try {
    const connection = connectionOf(flags, environment.env);
    const outDir = path.resolve(environment.cwd, flags.outDir);
    const located = (absolute: string) => ({
      shown: path.relative(environment.cwd, absolute) || absolute,
      absolute,
    });
    const stackPath = located(path.join(outDir, `Pulumi.${flags.stack}.yaml`));
    const programPath =
      flags.typescript === undefined ? undefined : located(path.resolve(outDir, flags.typescript));
    if (!flags.dryRun) await refuseExisting(programPath ? [stackPath, programPath] : [stackPath]);
    const apiKey = await readApiKey({
      file: flags.apiKeyFile,
      env: environment.env,
      cwd: environment.cwd,
      readStdin: environment.readStdin,
    });
    const client = createClient({ apiKey, baseUrl: connection.baseUrl, log: progress });
    const snapshot = await readAccount(
      client,
      connection.baseUrl,
      flags.subaccounts ?? { kind: "none" },
      progress,
    );
    const domains = snapshot.trackingDomains.map((found) => found.domain);
    const dnsFacts: DnsFacts = flags.dnsLookup
      ? await lookUpDns(domains, { servers: flags.dnsServer }, progress)
      : new Map();
    const confirmedDns = flags.dns ?? new Map<string, DnsChoice>();
    const unused = unusedConfirmations(domains, dnsFacts, confirmedDns);
    if (unused.length > 0) {
      const zones = [
        ...new Set(
          domains.map((domain) => dnsFacts.get(domain)?.zone).filter((zone) => zone !== undefined),
        ),
      ];
      throw new UsageError(
        `--dns names ${unused.join(", ")}, which holds none of the imported tracking domains (their zones: ${zones.sort().join(", ") || "none found"}). Nothing was written.`,
      );
    }
    const choices: GenerationChoices = {
      project: flags.project,
      stack: flags.stack,
      region: connection.region,
      regionSetting: connection.regionSetting,
      apiUrlSetting: connection.apiUrlSetting,
      confirmedDns,
      acceptSuggestions: flags.acceptDnsSuggestions,
      dnsLookedUp: flags.dnsLookup,
      protect: flags.protect,
      retainOnDelete: flags.retainOnDelete,
    };
    const generated = generateEntries(snapshot, dnsFacts, choices);
    for (const item of generated.leftOut) progress(`Left out: ${item}`);

    const files: OutputFile[] = [
      { ...stackPath, text: stackFileText(snapshot, generated, choices) },
    ];
    if (programPath !== undefined) {
      files.push({ ...programPath, text: typescriptProgramText(snapshot, generated, choices) });
    }
    const summary = dnsSummary(generated, dnsFacts, choices);
    if (flags.dryRun) {
      for (const output of files) {
        environment.stdout(`--- ${output.shown} (not written: --dry-run) ---\n${output.text}`);
      }
      environment.stdout([...summary, ""].join("\n"));
    } else {
      await writeFiles(files);
      const wrote = files.map((file) => `Wrote ${file.shown}`);
      environment.stdout(
        [...wrote, ...summary, ...nextSteps(stackPath.shown, choices), ""].join("\n"),
      );
    }
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    environment.stderr(`Error: ${message}\n`);
    return error instanceof UsageError || error instanceof ApiKeyError ? USAGE_EXIT_CODE : 1;
  } finally {
    await closeSharedAgent();
  }
}
