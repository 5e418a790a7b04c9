import * as pulumi from "@pulumi/pulumi";
import { attempt } from "./apiFailure";
import { configureConnection, sparkpost } from "./connection";
import { InputChecker } from "./inputChecker";
import { providerShim } from "./providerShim";
import {
  changedProperties,
  scopeOf,
  storesLegacyProvider,
  refreshed,
  withoutUndefined,
} from "./providerSupport";
import {
  createTrackingDomain,
  finishUnconfirmedCreate,
  isUnconfirmed,
  trackingDomainOutputs,
} from "./trackingDomainCreate";

export interface TrackingDomainArgs {
  /**
   * The tracking hostname, such as `track.example.com`: a subdomain of a domain you own. It is
   * lowercased and a trailing dot dropped. Changing it replaces the tracking domain.
   */
  domain: pulumi.Input<string>;
  /**
   * Serve tracked links and the open pixel over HTTPS (port 443) instead of HTTP (port 80).
   * Verification then needs a valid certificate for the domain. Changes in place. With `adopt`,
   * unset keeps the adopted domain's own setting instead of turning HTTPS off.
   * @default false; with `adopt`, the domain's current setting
   */
  secure?: pulumi.Input<boolean>;
  /**
   * The SparkPost subaccount that owns the domain; unset (or 0) means the primary account.
   * SparkPost sets it only at creation, so changing it replaces the tracking domain.
   */
  subaccountId?: pulumi.Input<number>;
  /**
   * The named account (`sparkpost:accounts`) that holds the domain: its API key, API and region.
   * Unset: the unnamed connection (`sparkpost:apiKey`, `sparkpost:region`, `sparkpost:apiUrl`).
   * `check` refuses a name the stack config does not have, listing those it has. Changing it
   * replaces the tracking domain, the old one deleted first. The key itself is read by the provider
   * at run time and never becomes an input.
   * @default the unnamed connection
   */
  account?: pulumi.Input<string>;
  /**
   * Take over a tracking domain that already exists in SparkPost instead of failing with 409.
   * Pulumi's `import` does not work for dynamic resources; this is the way to bring an existing
   * domain under management. It must belong to the same subaccount. Once adopted the domain is
   * managed like any other: destroying the stack deletes it.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * SparkPost's managed certificate (a `TrackingDomainCertificate`) makes this domain secure:
   * the domain is created over HTTP, so that it can be verified before the certificate exists,
   * and `secure` is never written; SparkPost turns it on when it enables the certificate. `secure`
   * may then only be `true` (what the domain ends with) or unset. Refresh shows SparkPost's value.
   * @default false
   */
  managedCertificate?: pulumi.Input<boolean>;
}

/** The checked inputs the provider works with. */
export interface TrackingDomainInputs {
  domain: string;
  /** Unset only with `adopt`: keep what SparkPost has. */
  secure?: boolean;
  subaccountId?: number;
  /** Unset: the unnamed connection. */
  account?: string;
  adopt: boolean;
  managedCertificate?: boolean;
}

export interface TrackingDomainStatusOutputs {
  verified: boolean;
  cnameStatus: string;
  complianceStatus: string;
}

export interface TrackingDomainOutputs extends TrackingDomainInputs {
  secure: boolean;
  port: number;
  isDefault: boolean;
  status: TrackingDomainStatusOutputs;
}

/**
 * An unset `secure` means false, SparkPost's default, except with `adopt`: then it keeps what
 * SparkPost has, which the previous inputs already say once known (after a refresh, SparkPost's
 * own value), so it is carried forward and a later preview does not show it being removed.
 */
function checkInputs(olds: Record<string, unknown>, news: Record<string, unknown>) {
  const checker = new InputChecker(news);
  const adopt = checker.boolean("adopt", false);
  const previousSecure = typeof olds.secure === "boolean" ? olds.secure : undefined;
  const managedCertificate = checker.optionalBoolean("managedCertificate");
  const inputs = {
    domain: checker.hostname("domain", { subdomain: true }),
    secure:
      checker.optionalBoolean("secure") ??
      (adopt || managedCertificate === true ? previousSecure : false),
    subaccountId: checker.subaccountId("subaccountId"),
    account: checker.account("account"),
    adopt,
    managedCertificate,
  };
  const failures = [...checker.failures];
  if (managedCertificate === true && news.secure === false) {
    failures.push({
      property: "secure",
      reason:
        "secure must be true or unset with managedCertificate: true: SparkPost's managed certificate serves the domain over HTTPS and cannot be turned off.",
    });
  }
  return { inputs: withoutUndefined(inputs) as TrackingDomainInputs, failures };
}

/**
 * True when the program asks for a `secure` other than what the domain has. With a managed
 * certificate `secure` is SparkPost's to set (certificate/enable turns it on), never written here;
 * leaving one, it is written whatever state says, since SparkPost may have set it unseen.
 */
function secureChanges(
  olds: { secure?: boolean; managedCertificate?: boolean },
  news: TrackingDomainInputs,
): boolean {
  if (news.managedCertificate === true || news.secure === undefined) return false;
  return olds.managedCertificate === true || news.secure !== olds.secure;
}

/**
 * The inputs as SparkPost is asked to create the domain: with a managed certificate, over HTTP
 * (SparkPost's default), since a domain must be verified before its certificate can exist.
 */
function creationInputs(inputs: TrackingDomainInputs): TrackingDomainInputs {
  return inputs.managedCertificate === true ? { ...inputs, secure: undefined } : inputs;
}

export const trackingDomainProvider: pulumi.dynamic.ResourceProvider<
  TrackingDomainInputs,
  TrackingDomainOutputs
> = {
  configure: configureConnection,

  async check(olds, news) {
    return checkInputs(
      olds as unknown as Record<string, unknown>,
      news as unknown as Record<string, unknown>,
    );
  },

  async diff(_id, olds, news) {
    const replaces = changedProperties(olds, news, ["domain", "subaccountId", "account"]);
    const updates = secureChanges(olds, news) ? ["secure"] : [];
    if ((olds.managedCertificate ?? false) !== (news.managedCertificate ?? false)) {
      updates.push("managedCertificate");
    }
    return {
      changes: replaces.length + updates.length > 0 || storesLegacyProvider(olds),
      replaces,
      // The same domain in another subaccount or account (which may be the same SparkPost
      // account under another key): the old one must go before the new can exist.
      deleteBeforeReplace: replaces.length > 0 && !replaces.includes("domain"),
    };
  },

  async create(inputs) {
    const client = sparkpost(inputs.account);
    const outs = await createTrackingDomain(client, creationInputs(inputs), inputs);
    return { id: inputs.domain, outs: withManagedCertificate(outs, inputs) };
  },

  /** One GET. A domain SparkPost says is gone leaves state; anything unreadable is an error. */
  async read(id, props) {
    if (!props) throw new Error(`cannot refresh ${id}: its state is missing`);
    const object = await attempt(
      `read tracking domain ${id}`,
      sparkpost(props.account).getTrackingDomain(id, scopeOf(props.subaccountId)),
    );
    if (!object) return {};
    const outs = trackingDomainOutputs(object, props);
    const inputs: TrackingDomainInputs = withoutUndefined({
      domain: outs.domain,
      secure: outs.secure,
      subaccountId: outs.subaccountId,
      account: props.account,
      adopt: props.adopt,
      managedCertificate: props.managedCertificate,
    });
    return refreshed(id, withManagedCertificate(outs, props), inputs);
  },

  /**
   * `secure` changed: one PUT, then one GET for the outputs. Nothing to change (only `adopt`, or
   * a stored provider being replaced): no call. A domain whose creation was never confirmed is
   * finished first.
   */
  async update(id, olds, news) {
    const client = sparkpost(news.account);
    if (isUnconfirmed(olds)) {
      const outs = await finishUnconfirmedCreate(client, creationInputs(news), news);
      return { outs: withManagedCertificate(outs, news) };
    }
    if (!secureChanges(olds, news)) {
      const { __provider: _stored, ...outputs } = olds as TrackingDomainOutputs & {
        __provider?: unknown;
      };
      return { outs: withManagedCertificate({ ...outputs, adopt: news.adopt }, news) };
    }
    const scope = scopeOf(news.subaccountId);
    await attempt(
      `set secure: ${news.secure} on tracking domain ${id}`,
      client.updateTrackingDomain(id, { secure: news.secure }, scope),
    );
    const object = await attempt(
      `read tracking domain ${id} after updating it`,
      client.getTrackingDomain(id, scope),
    );
    if (!object) {
      throw new Error(
        `SparkPost no longer has tracking domain ${id} right after updating it: run \`pulumi refresh\`, then \`pulumi up\` to create it again.`,
      );
    }
    return { outs: withManagedCertificate(trackingDomainOutputs(object, news), news) };
  },

  /** One DELETE. A domain SparkPost says is gone counts as deleted; any other 404 is an error. */
  async delete(id, props) {
    await attempt(
      `delete tracking domain ${id}`,
      sparkpost(props.account).deleteTrackingDomain(id, scopeOf(props.subaccountId)),
    );
  },
};

/** The outputs with the inputs' `managedCertificate` (kept only when set, as every optional). */
function withManagedCertificate(
  outputs: TrackingDomainOutputs,
  inputs: { managedCertificate?: boolean },
): TrackingDomainOutputs {
  return withoutUndefined({ ...outputs, managedCertificate: inputs.managedCertificate });
}

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
  declare public readonly account: pulumi.Output<string | undefined>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly managedCertificate: pulumi.Output<boolean | undefined>;
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
        account: args.account,
        adopt: args.adopt,
        managedCertificate: args.managedCertificate,
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
