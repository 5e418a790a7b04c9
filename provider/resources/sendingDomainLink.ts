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

export interface SendingDomainLinkArgs {
  /**
   * An existing SparkPost sending domain, such as `mail.example.com`. This package links sending
   * domains; it does not create them. Changing it replaces the link.
   */
  sendingDomain: pulumi.Input<string>;
  /**
   * The verified tracking domain its links and opens should go through. Must belong to the same
   * subaccount as the sending domain. Changing it relinks in place.
   */
  trackingDomain: pulumi.Input<string>;
  /** The subaccount owning both domains; unset (or 0) for the primary account. Replaces. */
  subaccountId?: pulumi.Input<number>;
  /**
   * The named account (`sparkpost:accounts`) holding both domains; unset for the unnamed
   * connection. `check` refuses a name the stack config does not have. Replaces.
   * @default the unnamed connection
   */
  account?: pulumi.Input<string>;
  /**
   * The link may already exist (a setup made by hand): create then reads first and writes
   * nothing when the sending domain already points at this tracking domain. No effect after
   * creation.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

export interface SendingDomainLinkInputs {
  sendingDomain: string;
  trackingDomain: string;
  subaccountId?: number;
  account?: string;
  adopt?: boolean;
}

export type SendingDomainLinkOutputs = SendingDomainLinkInputs;

function checkInputs(news: Record<string, unknown>) {
  const checker = new InputChecker(news);
  const inputs = {
    sendingDomain: checker.hostname("sendingDomain", {
      subdomain: false,
      what: "the sending domain to link",
      example: "mail.example.com",
    }),
    trackingDomain: checker.hostname("trackingDomain", { subdomain: true }),
    subaccountId: checker.subaccountId("subaccountId"),
    account: checker.account("account"),
    adopt: checker.optionalBoolean("adopt"),
  };
  checker.distinct("trackingDomain", inputs.trackingDomain, "sendingDomain", inputs.sendingDomain);
  return {
    inputs: withoutUndefined(inputs) as SendingDomainLinkInputs,
    failures: checker.failures,
  };
}

/**
 * What to do about a refused link, only where it applies: a sending domain SparkPost does not
 * have, or a tracking domain it will not link (400/422: not registered, not verified, another
 * subaccount). Other failures (401, 429, 5xx) speak for themselves.
 */
function linkAdvice(
  error: unknown,
  { sendingDomain, trackingDomain }: SendingDomainLinkInputs,
  account: string,
): string | undefined {
  if (isNotFound(error)) {
    return `Sending domain ${sendingDomain} does not exist in ${account}: create and verify it in SparkPost first (this package links sending domains, it does not create them).`;
  }
  const status = statusOf(error);
  if (status === 400 || status === 422) {
    return `Check that tracking domain ${trackingDomain} exists, is verified, and belongs to ${account} like the sending domain (make this link depend on its TrackingDomainVerification).`;
  }
  return undefined;
}

async function link(inputs: SendingDomainLinkInputs): Promise<void> {
  const { sendingDomain, trackingDomain, subaccountId } = inputs;
  const account = accountLabel(subaccountId, inputs.account);
  await attempt(
    `link sending domain ${sendingDomain} to tracking domain ${trackingDomain}`,
    sparkpost(inputs.account).setSendingDomainTrackingDomain(
      sendingDomain,
      trackingDomain,
      scopeOf(subaccountId),
    ),
    (error) => linkAdvice(error, inputs, account),
  );
}

async function isLinkedAlready(inputs: SendingDomainLinkInputs): Promise<boolean> {
  const current = await attempt(
    `read sending domain ${inputs.sendingDomain} to adopt its link`,
    sparkpost(inputs.account).getSendingDomain(inputs.sendingDomain, scopeOf(inputs.subaccountId)),
  );
  return current?.tracking_domain?.toLowerCase() === inputs.trackingDomain;
}

export const sendingDomainLinkProvider: pulumi.dynamic.ResourceProvider<
  SendingDomainLinkInputs,
  SendingDomainLinkOutputs
> = {
  configure: configureConnection,

  async check(_olds, news) {
    return checkInputs(news as unknown as Record<string, unknown>);
  },

  async diff(_id, olds, news) {
    const replaces = changedProperties(olds, news, ["sendingDomain", "subaccountId", "account"]);
    const updates = changedProperties(olds, news, ["trackingDomain"]);
    return {
      changes: replaces.length + updates.length > 0 || storesLegacyProvider(olds),
      replaces,
    };
  },

  /** One PUT; with `adopt`, one GET first and no PUT when the link is already there. */
  async create(inputs) {
    if (!(inputs.adopt && (await isLinkedAlready(inputs)))) await link(inputs);
    return { id: inputs.sendingDomain, outs: inputs };
  },

  /** A sending domain that is gone, or linked to nothing, drops the link from state. */
  async read(id, props) {
    if (!props) throw new Error(`cannot refresh ${id}: its state is missing`);
    const sendingDomain = await attempt(
      `read sending domain ${id}`,
      sparkpost(props.account).getSendingDomain(id, scopeOf(props.subaccountId)),
    );
    const trackingDomain = sendingDomain?.tracking_domain?.toLowerCase();
    if (!trackingDomain) return {};
    const outs = withoutUndefined({
      sendingDomain: id,
      trackingDomain,
      subaccountId: props.subaccountId,
      account: props.account,
      adopt: props.adopt,
    });
    return refreshed(id, outs, outs);
  },

  /** Relinks: one PUT. Nothing relinked (a stored provider being replaced): no call. */
  async update(_id, olds, news) {
    if (olds.trackingDomain !== news.trackingDomain) await link(news);
    return { outs: news };
  },

  /** Clears the link only while it still points at our tracking domain: a relink made since stays. */
  async delete(id, props) {
    const client = sparkpost(props.account);
    const scope = scopeOf(props.subaccountId);
    const action = `unlink sending domain ${id} from tracking domain ${props.trackingDomain}`;
    const current = await attempt(action, client.getSendingDomain(id, scope));
    if (current?.tracking_domain?.toLowerCase() !== props.trackingDomain) return;
    await attemptUnlessGone(action, client.setSendingDomainTrackingDomain(id, "", scope));
  },
};

/**
 * Links a SparkPost sending domain to a tracking domain, so the clicks and opens of messages sent
 * from it go through that tracking domain.
 */
export class SendingDomainLink extends pulumi.dynamic.Resource {
  declare public readonly sendingDomain: pulumi.Output<string>;
  declare public readonly trackingDomain: pulumi.Output<string>;
  declare public readonly subaccountId: pulumi.Output<number | undefined>;
  declare public readonly account: pulumi.Output<string | undefined>;

  constructor(name: string, args: SendingDomainLinkArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim("SendingDomainLink"),
      name,
      {
        sendingDomain: args.sendingDomain,
        trackingDomain: args.trackingDomain,
        subaccountId: args.subaccountId,
        account: args.account,
        adopt: args.adopt,
      },
      opts,
      "sparkpost",
      "SendingDomainLink",
    );
  }
}
