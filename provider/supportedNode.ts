/**
 * Refuses to load on a Node.js older than the package supports, before anything else runs: on
 * Node.js 20 the HTTP client (undici) would otherwise fail later with an unrelated-looking
 * "Cannot read properties of undefined (reading 'bind')". Every entry point imports this first.
 */

/** The oldest Node.js major version the package supports (package.json `engines`). */
export const MINIMUM_NODE_MAJOR = 22;

/** The refusal for `version` (as `process.version` writes it), or undefined when it is supported. */
export function unsupportedNodeMessage(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return (
    `pulumi-sparkpost-tracking needs Node.js ${MINIMUM_NODE_MAJOR} or later, but this is Node.js ${version}. ` +
    `Install Node.js ${MINIMUM_NODE_MAJOR} LTS or newer (and make it the \`node\` on PATH, which Pulumi ` +
    "also uses to run dynamic providers), then run the command again."
  );
}

const refusal = unsupportedNodeMessage(process.version);
if (refusal !== undefined) throw new Error(refusal);
