/**
 * What every dynamic resource of this package stores in state as its provider (`__provider`).
 *
 * The engine runs the provider stored in state for `refresh` and `destroy`, so whatever is
 * serialized there outlives the package version that wrote it. Serializing the implementation
 * (as `pulumi.dynamic.Resource` does by default) would pin that version's code and internal file
 * paths in every state file: a later release could neither fix `read` or `delete` for existing
 * resources nor move a file without breaking `destroy`. So the stored provider is a shim that, when
 * the provider host loads it, takes the implementation from the package installed in the project:
 * `require("pulumi-sparkpost-tracking/dynamic-provider").providers[kind]`.
 *
 * That entry, its `providers` export and the kind names are a compatibility promise: every
 * later version must serve them, and must read, update and delete what earlier versions created.
 *
 * The shim has one method. The host calls `configure` first, right after loading a provider and
 * before anything else (`getProvider` in `@pulumi/pulumi/cmd/dynamic-provider`); the shim's
 * `configure` copies the implementation's methods onto itself, so `check`, `diff`, `create`,
 * `read`, `update` and `delete` are the implementation's own from then on. One serialized function
 * instead of seven keeps the text near 500 bytes (the state holds it twice per resource).
 *
 * The method is built from the source text below rather than written as a function: the
 * serializer stores a function's source as the JavaScript emitter printed it, and emitters differ
 * (tsc, esbuild, versions of each). From text, the stored provider is the same byte for byte
 * whether the program runs installed or from source, so a package upgrade never shows as a
 * change of `__provider` in a preview. test/fixtures/serializedProviders holds the promised text.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The kinds of dynamic resource this package defines, as their type tokens name them. */
export type ResourceKind =
  | "TrackingDomain"
  | "TrackingDomainVerification"
  | "DefaultTrackingDomain"
  | "SendingDomainLink"
  | "TrackingDomainCertificate";

/** The package entry the stored providers load their implementation from. */
export const PROVIDER_ENTRY = "pulumi-sparkpost-tracking/dynamic-provider";

// `this` is the shim: the host calls `provider.configure(request)`. Strict mode keeps the
// serializer from adding `arguments`/`caller` definitions for the function.
const CONFIGURE_SOURCE = [
  `"use strict";`,
  `const entry = "${PROVIDER_ENTRY}";`,
  `let provider;`,
  `try {`,
  `  provider = require(entry).providers[this.kind];`,
  `} catch (error) {`,
  `  error.message = "Cannot load the " + this.kind + " provider from " + entry + ` +
    `" (install pulumi-sparkpost-tracking in " + process.cwd() + "): " + error.message;`,
  `  throw error;`,
  `}`,
  `if (provider === undefined) {`,
  `  throw new Error(entry + " has no " + this.kind + " provider: install a newer pulumi-sparkpost-tracking.");`,
  `}`,
  `Object.assign(this, provider);`,
  `return provider.configure(request);`,
].join("\n");

const shims = new Map<ResourceKind, pulumi.dynamic.ResourceProvider>();

/**
 * The provider object a resource of `kind` hands to `pulumi.dynamic.Resource`: one per kind for
 * the whole process, since the SDK caches each provider's serialization by object identity.
 */
export function providerShim(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  let shim = shims.get(kind);
  if (shim === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- see CONFIGURE_SOURCE above
    const configure = new Function("request", CONFIGURE_SOURCE);
    // Not a complete ResourceProvider until `configure` has run in the provider host.
    shim = { kind, configure } as unknown as pulumi.dynamic.ResourceProvider;
    shims.set(kind, shim);
  }
  return shim;
}
