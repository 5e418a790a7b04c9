/**
 * The root program's stack files (`Pulumi.<stack>.yaml`) as data: the tracking domains they list,
 * the sending domains a sandbox must know for them, and edits made the way a GitOps repository
 * makes them, by rewriting the file.
 */
import * as fs from "node:fs";
import { dump as dumpYaml, load as loadYaml } from "js-yaml";
import type { SendingDomainSeed } from "../sandbox";
import type { TrackingDomainEntry } from "../program/trackingDomainEntry";

/** The root program's project name: the namespace of `trackingDomains`. */
export const ROOT_PROJECT = "pulumi-sparkpost-tracking";
const TRACKING_DOMAINS_KEY = `${ROOT_PROJECT}:trackingDomains`;

interface StackFileContent {
  config?: Record<string, unknown>;
  [key: string]: unknown;
}

function readStackFile(file: string): StackFileContent {
  return (loadYaml(fs.readFileSync(file, "utf8")) ?? {}) as StackFileContent;
}

/** The `trackingDomains` entries of a stack file, as written (not validated). */
export function trackingDomainsOf(file: string): TrackingDomainEntry[] {
  return (readStackFile(file).config?.[TRACKING_DOMAINS_KEY] ?? []) as TrackingDomainEntry[];
}

/** The sending domains a stack links, so a sandbox can be seeded with them (it never creates them). */
export function sendingDomainSeeds(file: string): SendingDomainSeed[] {
  return trackingDomainsOf(file).flatMap((entry) =>
    (entry.sendingDomains ?? []).map((domain) =>
      entry.subaccountId === undefined ? { domain } : { domain, subaccountId: entry.subaccountId },
    ),
  );
}

/**
 * Rewrites the `trackingDomains` of a stack file with `edit`, keeping every other key (the
 * encryption salt, secrets) as it is. Comments are not kept.
 */
export function editTrackingDomains(
  file: string,
  edit: (entries: TrackingDomainEntry[]) => void,
): void {
  const content = readStackFile(file);
  const entries = structuredClone(trackingDomainsOf(file));
  edit(entries);
  content.config = { ...content.config, [TRACKING_DOMAINS_KEY]: entries };
  fs.writeFileSync(file, dumpYaml(content, { lineWidth: -1 }));
}
