/**
 * How many bytes each resource kind's serialized provider adds to state. Every resource stores it
 * twice (inputs and outputs), so this is paid per resource, per state file, per preview.
 *
 *   npm run bench:size
 */
import * as pulumi from "@pulumi/pulumi";
import { defaultTrackingDomainProvider } from "../provider/resources/defaultTrackingDomain";
import { sendingDomainLinkProvider } from "../provider/resources/sendingDomainLink";
import { trackingDomainProvider } from "../provider/resources/trackingDomain";
import { trackingDomainVerificationProvider } from "../provider/resources/trackingDomainVerification";

const providers = {
  TrackingDomain: trackingDomainProvider,
  TrackingDomainVerification: trackingDomainVerificationProvider,
  DefaultTrackingDomain: defaultTrackingDomainProvider,
  SendingDomainLink: sendingDomainLinkProvider,
};

/** The smallest possible provider, as the unit the others are compared with. */
const minimalProvider = {
  async create() {
    return { id: "x", outs: {} };
  },
};

async function size(provider: object): Promise<number> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return Buffer.byteLength(serialized.text);
}

async function main(): Promise<void> {
  const unit = await size(minimalProvider);
  console.log(`minimal provider: ${unit} bytes`);
  for (const [kind, provider] of Object.entries(providers)) {
    const bytes = await size(provider);
    console.log(
      `${kind}: ${bytes} bytes (${(bytes / unit).toFixed(1)}x minimal), ${2 * bytes} bytes per resource in state`,
    );
  }
}

void main();
