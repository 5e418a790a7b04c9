/**
 * `@pulumi/aws` and `@pulumi/cloudflare` are optional peer dependencies: a program installs the one
 * its `dns.provider` needs (a Cloudflare user should not download the AWS provider). They are
 * loaded only when a record is declared, with an error that names the package to install.
 */
import * as pulumi from "@pulumi/pulumi";

/** A DNS provider's SDK package and the `dns.provider` value that needs it. */
export interface OptionalPackage {
  name: "@pulumi/aws" | "@pulumi/cloudflare";
  dnsProvider: "route53" | "cloudflare";
}

function isMissing(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === "MODULE_NOT_FOUND" && typeof message === "string" && message.includes(`'${name}'`)
  );
}

/**
 * The package, loaded from the program's dependencies.
 * @throws pulumi.InputPropertyError on `dns.provider` when it is not installed.
 */
export function loadOptionalPackage<T>(wanted: OptionalPackage): T {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when needed
    return require(wanted.name) as T;
  } catch (error) {
    if (!isMissing(error, wanted.name)) throw error;
    throw new pulumi.InputPropertyError({
      propertyPath: "dns.provider",
      reason:
        `dns.provider "${wanted.dnsProvider}" needs the ${wanted.name} package, which is not installed: ` +
        `run \`npm install ${wanted.name}\` in your Pulumi project, or use another dns.provider.`,
    });
  }
}

/** The SDK package of each DNS provider that writes records. */
const DNS_PACKAGES: Readonly<Record<string, OptionalPackage>> = {
  route53: { name: "@pulumi/aws", dnsProvider: "route53" },
  cloudflare: { name: "@pulumi/cloudflare", dnsProvider: "cloudflare" },
};

/**
 * Loads the package `dnsProvider` needs, if any, so that a missing one stops the program before
 * it declares a single resource (not after the tracking domain, which `up` would then create).
 * @throws pulumi.InputPropertyError on `dns.provider` when it is not installed.
 */
export function requireDnsPackage(dnsProvider: string): void {
  const wanted = DNS_PACKAGES[dnsProvider];
  if (wanted !== undefined) loadOptionalPackage(wanted);
}
