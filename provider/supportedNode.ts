/**
 * Refuses to load on a Node.js older than the package supports, before anything else runs: on
 * Node.js 20 the HTTP client (undici) would otherwise fail later with an unrelated-looking
 * "Cannot read properties of undefined (reading 'bind')". Every entry point imports this first.
 */

/**
 * The oldest Node.js the package supports (package.json `engines`): undici 8, its HTTP client,
 * needs 22.19.
 */
export const MINIMUM_NODE = { major: 22, minor: 19 } as const;

/** The refusal for `version` (as `process.version` writes it), or undefined when it is supported. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const [major, minor] = (/^v?(\d+)\.(\d+)\./.exec(version) ?? []).slice(1).map(Number);
  const supported =
    major > MINIMUM_NODE.major || (major === MINIMUM_NODE.major && minor >= MINIMUM_NODE.minor);
  if (supported) return undefined;
  const minimum = `${MINIMUM_NODE.major}.${MINIMUM_NODE.minor}`;
  return (
    `pulumi-sparkpost-tracking needs Node.js ${minimum} or later, but this is Node.js ${version}. ` +
    `Install Node.js ${MINIMUM_NODE.major} LTS or newer (and make it the \`node\` on PATH, which Pulumi ` +
    "also uses to run dynamic providers), then run the command again."
  );
}

const refusal = unsupportedNodeMessage(process.version);
if (refusal !== undefined) throw new Error(refusal);
