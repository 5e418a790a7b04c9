import * as pulumi from "@pulumi/pulumi";
import { isNotFound } from "../sparkpost";
import { attempt, attemptUnlessGone, statusOf } from "./apiFailure";
import { configureConnection, sparkpost } from "./connection";
import { InputChecker } from "./inputChecker";
import { providerShim } from "./providerShim";
import {
  accountLabel,
  changedProperties,
  scopeOf,
  storesLegacyProvider,
  refreshed,
  withoutUndefined,
} from "./providerSupport";

export interface DefaultTrackingDomainArgs {
  /**
   * The verified tracking domain to make the default. Changing it moves the default in place
   * (SparkPost unsets the previous default itself).
   */
  domain: pulumi.Input<string>;
  /**
   * The subaccount whose default this is; unset (or 0) for the primary account. Each account and
   * each subaccount has at most one default, so declare at most one of these per account.
   * Changing it replaces the resource.
   */
  subaccountId?: pulumi.Input<number>;
  /**
   * The named account (`sparkpost:accounts`) whose default this is; unset for the unnamed
   * connection. Each (account, subaccount) has its own default. `check` refuses a name the stack
   * config does not have. Replaces.
   * @default the unnamed connection
   */
  account?: pulumi.Input<string>;
  /**
   * The default may already be set (a setup made by hand): create then reads first and writes
   * nothing when the domain already is the default. No effect after creation.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

export interface DefaultTrackingDomainInputs {
  domain: string;
  subaccountId?: number;
  account?: string;
  adopt?: boolean;
}

export type DefaultTrackingDomainOutputs = DefaultTrackingDomainInputs;

function checkInputs(news: Record<string, unknown>) {
  const checker = new InputChecker(news);
  const inputs = {
    domain: checker.hostname("domain", { subdomain: true }),
    subaccountId: checker.subaccountId("subaccountId"),
    account: checker.account("account"),
    adopt: checker.optionalBoolean("adopt"),
  };
  return {
    inputs: withoutUndefined(inputs) as DefaultTrackingDomainInputs,
    failures: checker.failures,
  };
}

/** The id names the account whose default flag this resource owns. */
function idOf(subaccountId: number | undefined): string {
  return subaccountId === undefined ? "primary" : `subaccount-${subaccountId}`;
}

async function makeDefault(inputs: DefaultTrackingDomainInputs): Promise<void> {
  const account = accountLabel(inputs.subaccountId, inputs.account);
  await attempt(
    `make ${inputs.domain} the default tracking domain of ${account}`,
    sparkpost(inputs.account).updateTrackingDomain(
      inputs.domain,
      { default: true },
      scopeOf(inputs.subaccountId),
    ),
    (error) =>
      statusOf(error) === 422
        ? "Verify the domain first: make this resource depend on its TrackingDomainVerification (CustomTrackingDomain does this for you)."
        : isNotFound(error)
          ? `Create the tracking domain in ${account} first.`
          : undefined,
  );
}

async function isDefaultAlready(inputs: DefaultTrackingDomainInputs): Promise<boolean> {
  const object = await attempt(
    `read tracking domain ${inputs.domain} to adopt its default flag`,
    sparkpost(inputs.account).getTrackingDomain(inputs.domain, scopeOf(inputs.subaccountId)),
  );
  return object?.default === true;
}

export const defaultTrackingDomainProvider: pulumi.dynamic.ResourceProvider<
  DefaultTrackingDomainInputs,
  DefaultTrackingDomainOutputs
> = {
  configure: configureConnection,

  async check(_olds, news) {
    return checkInputs(news as unknown as Record<string, unknown>);
  },

  async diff(_id, olds, news) {
    const replaces = changedProperties(olds, news, ["subaccountId", "account"]);
    const updates = changedProperties(olds, news, ["domain"]);
    return {
      changes: replaces.length + updates.length > 0 || storesLegacyProvider(olds),
      replaces,
    };
  },

  /** One PUT; with `adopt`, one GET first and no PUT when the domain already is the default. */
  async create(inputs) {
    if (!(inputs.adopt && (await isDefaultAlready(inputs)))) await makeDefault(inputs);
    return { id: idOf(inputs.subaccountId), outs: inputs };
  },

  /**
   * One list call: which domain is the account's default now. None means the flag is gone and the
   * resource leaves state; another domain shows as drift that the next `up` moves back.
   */
  async read(id, props) {
    if (!props) throw new Error(`cannot refresh ${id}: its state is missing`);
    // Subaccount 0 in the header limits the list to the primary account's own domains.
    const defaults = await attempt(
      `list the default tracking domain of ${accountLabel(props.subaccountId, props.account)}`,
      sparkpost(props.account).listTrackingDomains(
        { default: true },
        { subaccountId: props.subaccountId ?? 0 },
      ),
    );
    const current = defaults.find(
      (domain) => (domain.subaccount_id || undefined) === props.subaccountId,
    );
    if (!current) return {};
    const outs = withoutUndefined({
      domain: current.domain.toLowerCase(),
      subaccountId: props.subaccountId,
      account: props.account,
      adopt: props.adopt,
    });
    return refreshed(id, outs, outs);
  },

  /** Moves the default: one PUT. Nothing moved (a stored provider being replaced): no call. */
  async update(_id, olds, news) {
    if (olds.domain !== news.domain) await makeDefault(news);
    return { outs: news };
  },

  /** Unsets the flag only while our domain still holds it: a default set elsewhere since is kept. */
  async delete(_id, props) {
    const client = sparkpost(props.account);
    const scope = scopeOf(props.subaccountId);
    const action = `unset ${props.domain} as the default tracking domain of ${accountLabel(props.subaccountId, props.account)}`;
    const object = await attempt(action, client.getTrackingDomain(props.domain, scope));
    if (!object?.default) return;
    await attemptUnlessGone(
      action,
      client.updateTrackingDomain(props.domain, { default: false }, scope),
    );
  },
};

/**
 * Makes a verified tracking domain the default of the primary account or one subaccount: messages
 * whose sending domain has no linked tracking domain use it. The single owner of that flag.
 */
export class DefaultTrackingDomain extends pulumi.dynamic.Resource {
  declare public readonly domain: pulumi.Output<string>;
  declare public readonly subaccountId: pulumi.Output<number | undefined>;
  declare public readonly account: pulumi.Output<string | undefined>;

  constructor(name: string, args: DefaultTrackingDomainArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("DefaultTrackingDomain"),
      name,
      {
        domain: args.domain,
        subaccountId: args.subaccountId,
        account: args.account,
        adopt: args.adopt,
      },
      opts,
      "sparkpost",
      "DefaultTrackingDomain",
    );
  }
}
