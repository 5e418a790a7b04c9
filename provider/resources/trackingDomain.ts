import * as pulumi from "@pulumi/pulumi";
import type { SparkPostClient, TrackingDomainObject } from "../sparkpost";
import { apiFailure, attempt, statusOf } from "./apiFailure";
import { configureConnection, sparkpost } from "./connection";
import { InputChecker } from "./inputChecker";
import { providerShim } from "./providerShim";
import {
  accountLabel,
  changedProperties,
  partiallyCreated,
  scopeOf,
  storesLegacyProvider,
  refreshed,
  withoutUndefined,
} from "./providerSupport";

export interface TrackingDomainArgs {
  /**
   * The tracking hostname, such as `track.example.com`: a subdomain of a domain you own. It is
   * lowercased and a trailing dot dropped. Changing it replaces the tracking domain.
   */
  domain: pulumi.Input<string>;
  /**
   * Serve tracked links and the open pixel over HTTPS (port 443) instead of HTTP (port 80).
   * Verification then needs a valid certificate for the domain. Changes in place.
   * @default false
   */
  secure?: pulumi.Input<boolean>;
  /**
   * The SparkPost subaccount that owns the domain; unset (or 0) means the primary account.
   * SparkPost sets it only at creation, so changing it replaces the tracking domain.
   */
  subaccountId?: pulumi.Input<number>;
  /**
   * Take over a tracking domain that already exists in SparkPost instead of failing with 409.
   * Pulumi's `import` does not work for dynamic resources; this is the way to bring an existing
   * domain under management. It must belong to the same subaccount. Once adopted the domain is
   * managed like any other: destroying the stack deletes it.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

/** The checked inputs the provider works with. */
export interface TrackingDomainInputs {
  domain: string;
  secure: boolean;
  subaccountId?: number;
  adopt: boolean;
}

export interface TrackingDomainStatusOutputs {
  verified: boolean;
  cnameStatus: string;
  complianceStatus: string;
}

export interface TrackingDomainOutputs extends TrackingDomainInputs {
  port: number;
  isDefault: boolean;
  status: TrackingDomainStatusOutputs;
}

function checkInputs(news: Record<string, unknown>) {
  const checker = new InputChecker(news);
  const inputs = {
    domain: checker.hostname("domain", { subdomain: true }),
    secure: checker.boolean("secure", false),
    subaccountId: checker.subaccountId("subaccountId"),
    adopt: checker.boolean("adopt", false),
  };
  return { inputs: withoutUndefined(inputs) as TrackingDomainInputs, failures: checker.failures };
}

/** Outputs from SparkPost's view of the domain, carrying over the inputs it does not know. */
export function trackingDomainOutputs(
  object: TrackingDomainObject,
  inputs: TrackingDomainInputs,
): TrackingDomainOutputs {
  return withoutUndefined({
    domain: object.domain.toLowerCase(),
    secure: object.secure,
    subaccountId: object.subaccount_id || undefined,
    adopt: inputs.adopt,
    port: object.port,
    isDefault: object.default,
    status: {
      verified: object.status.verified,
      cnameStatus: object.status.cname_status,
      complianceStatus: object.status.compliance_status,
    },
  });
}

/** What a create does, for messages: "create tracking domain t.example.com in subaccount 5". */
function createAction(inputs: TrackingDomainInputs): string {
  return `create tracking domain ${inputs.domain} in ${accountLabel(inputs.subaccountId)}`;
}

async function readBack(client: SparkPostClient, inputs: TrackingDomainInputs) {
  const object = await client.getTrackingDomain(inputs.domain, scopeOf(inputs.subaccountId));
  if (!object)
    throw new Error(
      `SparkPost does not show tracking domain ${inputs.domain} right after creating it.`,
    );
  return trackingDomainOutputs(object, inputs);
}

/** On 409: take the existing domain over when `adopt` allows it and the subaccount matches. */
async function adoptExisting(
  client: SparkPostClient,
  inputs: TrackingDomainInputs,
  conflict: unknown,
) {
  if (!inputs.adopt) {
    throw apiFailure(
      createAction(inputs),
      conflict,
      "Set adopt: true to manage the existing domain (Pulumi's import does not work for dynamic resources), or choose another domain.",
    );
  }
  const scope = scopeOf(inputs.subaccountId);
  const existing = await attempt(
    `read existing tracking domain ${inputs.domain} to adopt it`,
    client.getTrackingDomain(inputs.domain),
  );
  if (!existing) {
    throw apiFailure(
      createAction(inputs),
      conflict,
      "It exists, but this API key cannot see it: check the key's subaccount and permissions.",
    );
  }
  const owner = existing.subaccount_id || undefined;
  if (owner !== inputs.subaccountId) {
    throw new Error(
      `Cannot adopt tracking domain ${inputs.domain}: it belongs to ${accountLabel(owner)}, not ${accountLabel(inputs.subaccountId)}. Set subaccountId to ${owner ?? "nothing (unset)"} to adopt it.`,
    );
  }
  if (existing.secure !== inputs.secure) {
    await attempt(
      `set secure: ${inputs.secure} on adopted tracking domain ${inputs.domain}`,
      client.updateTrackingDomain(inputs.domain, { secure: inputs.secure }, scope),
    );
  }
}

export const trackingDomainProvider: pulumi.dynamic.ResourceProvider<
  TrackingDomainInputs,
  TrackingDomainOutputs
> = {
  configure: configureConnection,

  async check(_olds, news) {
    return checkInputs(news as unknown as Record<string, unknown>);
  },

  async diff(_id, olds, news) {
    const replaces = changedProperties(olds, news, ["domain", "subaccountId"]);
    const updates = changedProperties(olds, news, ["secure"]);
    return {
      changes: replaces.length + updates.length > 0 || storesLegacyProvider(olds),
      replaces,
      // The same domain in another subaccount: the old one must go before the new can exist.
      deleteBeforeReplace: replaces.length > 0 && !replaces.includes("domain"),
    };
  },

  async create(inputs) {
    const client = sparkpost();
    const scope = scopeOf(inputs.subaccountId);
    try {
      await client.createTrackingDomain(inputs.domain, { secure: inputs.secure }, scope);
    } catch (error) {
      if (statusOf(error) !== 409) {
        throw apiFailure(createAction(inputs), error);
      }
      await adoptExisting(client, inputs, error);
    }
    try {
      return { id: inputs.domain, outs: await readBack(client, inputs) };
    } catch (error) {
      // The domain exists now: record it rather than orphan it; refresh fills in the rest.
      const failure = apiFailure(
        `read tracking domain ${inputs.domain} back after creating it`,
        error,
      );
      throw partiallyCreated(
        failure,
        inputs.domain,
        { ...inputs, port: inputs.secure ? 443 : 80 },
        inputs,
      );
    }
  },

  async read(id, props) {
    if (!props) throw new Error(`cannot refresh ${id}: its state is missing`);
    const object = await attempt(
      `read tracking domain ${id}`,
      sparkpost().getTrackingDomain(id, scopeOf(props.subaccountId)),
    );
    if (!object) return {};
    const outs = trackingDomainOutputs(object, props);
    const inputs: TrackingDomainInputs = withoutUndefined({
      domain: outs.domain,
      secure: outs.secure,
      subaccountId: outs.subaccountId,
      adopt: props.adopt,
    });
    return refreshed(id, outs, inputs);
  },

  async update(id, olds, news) {
    const client = sparkpost();
    if (olds.secure !== news.secure) {
      await attempt(
        `set secure: ${news.secure} on tracking domain ${id}`,
        client.updateTrackingDomain(id, { secure: news.secure }, scopeOf(news.subaccountId)),
      );
    }
    return {
      outs: await attempt(`read tracking domain ${id} after updating it`, readBack(client, news)),
    };
  },

  async delete(id, props) {
    // A domain already gone (404) resolves to false: nothing left to delete.
    await attempt(
      `delete tracking domain ${id}`,
      sparkpost().deleteTrackingDomain(id, scopeOf(props.subaccountId)),
    );
  },
};

/**
 * A SparkPost custom tracking domain: the host tracked links and the open pixel go through.
 * Creating it registers the domain; it still needs a CNAME in DNS and a verification
 * (`TrackingDomainVerification`, or the `CustomTrackingDomain` component that does it all).
 */
export class TrackingDomain extends pulumi.dynamic.Resource {
  declare public readonly domain: pulumi.Output<string>;
  declare public readonly secure: pulumi.Output<boolean>;
  declare public readonly port: pulumi.Output<number>;
  declare public readonly subaccountId: pulumi.Output<number | undefined>;
  declare public readonly adopt: pulumi.Output<boolean>;
  /** Whether SparkPost currently has this domain as its account's default. */
  declare public readonly isDefault: pulumi.Output<boolean>;
  declare public readonly status: pulumi.Output<TrackingDomainStatusOutputs>;

  constructor(name: string, args: TrackingDomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("TrackingDomain"),
      name,
      {
        domain: args.domain,
        secure: args.secure,
        subaccountId: args.subaccountId,
        adopt: args.adopt,
        port: undefined,
        isDefault: undefined,
        status: undefined,
      },
      opts,
      "sparkpost",
      "TrackingDomain",
    );
  }
}
