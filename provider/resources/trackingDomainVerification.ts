import * as pulumi from "@pulumi/pulumi";
import { cnameTarget } from "../dns/record";
import type { PreflightMode } from "../dns/preflight";
import { nameserverProblem } from "../dns/nameserverAddress";
import { attempt } from "./apiFailure";
import { resolveRegion } from "../sparkpost";
import { configureConnection, sparkpost } from "./connection";
import { sslModeProblem } from "../dns/cloudflareSslMode";
import { InputChecker, isUnknown, renderValue, WholeNumberBounds } from "./inputChecker";
import { providerShim } from "./providerShim";
import {
  changedProperties,
  scopeOf,
  refreshed,
  storesLegacyProvider,
  withoutUndefined,
} from "./providerSupport";
import { waitForVerification } from "./waitForVerification";

export const PREFLIGHT_MODES: readonly PreflightMode[] = ["authoritative", "resolver", "off"];
export const DEFAULT_VERIFICATION_TIMEOUT_SECONDS = 1800;
/** How long create may wait for verification: from a second to a day. */
export const VERIFICATION_TIMEOUT_BOUNDS: Readonly<WholeNumberBounds> = {
  min: 1,
  max: 86400,
  unit: "seconds",
};

export interface TrackingDomainVerificationArgs {
  /** The tracking domain to verify. Changing it replaces the verification (it verifies again). */
  domain: pulumi.Input<string>;
  /** The subaccount that owns the domain; unset (or 0) for the primary account. Replaces. */
  subaccountId?: pulumi.Input<number>;
  /**
   * The named account (`sparkpost:accounts`) that holds the domain; unset for the unnamed
   * connection. `check` refuses a name the stack config does not have. Replaces.
   * @default the unnamed connection
   */
  account?: pulumi.Input<string>;
  /**
   * The CNAME target the DNS preflight waits for.
   * @default the current endpoint of the account's region (`sparkpost:region`, or the named
   * account's): "v2.spgo.io" (us) or "eu.v2.spgo.io" (eu)
   */
  expectedTarget?: pulumi.Input<string>;
  /**
   * How long create waits for SparkPost to verify the domain, in seconds (1 to 86400).
   * Pulumi's `customTimeouts` never reach dynamic providers, so the wait is bounded here.
   * @default 1800 (30 minutes)
   */
  timeoutSeconds?: pulumi.Input<number>;
  /**
   * Where to look for the CNAME before asking SparkPost to verify: `"authoritative"` asks the
   * zone's own nameservers (fresh, no caches), `"resolver"` the system resolver, `"off"` skips it.
   * @default "authoritative"
   */
  preflight?: pulumi.Input<"authoritative" | "resolver" | "off">;
  /**
   * The DNS servers the preflight asks instead, as "ip" or "ip:port" (for split-horizon DNS or a
   * local test server). In authoritative mode they are taken as the zone's authorities.
   */
  nameservers?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The record is proxied (Cloudflare's orange cloud): public DNS shows the proxy's addresses
   * instead of a CNAME, so the preflight accepts any address answer.
   * @default false
   */
  proxied?: pulumi.Input<boolean>;
  /**
   * The SSL/TLS encryption mode of the Cloudflare zone that proxies the domain, as Cloudflare
   * reports it: `check` refuses anything but "full", the mode SparkPost documents for HTTPS
   * tracking through Cloudflare, so that a preview stops before a verification that could only
   * time out. Changing it changes nothing in SparkPost.
   * @default not checked
   */
  cloudflareSslMode?: pulumi.Input<string>;
  /** Any values; when they change the domain is verified again (e.g. the DNS record's value). */
  triggers?: pulumi.Input<unknown[]>;
  /**
   * The domain may already be verified (a setup made by hand): create then reads its status
   * first and asks SparkPost nothing more when it is. No effect after creation.
   * @default false
   */
  adopt?: pulumi.Input<boolean>;
}

export interface TrackingDomainVerificationInputs {
  domain: string;
  subaccountId?: number;
  account?: string;
  expectedTarget?: string;
  timeoutSeconds: number;
  preflight: PreflightMode;
  nameservers?: string[];
  proxied: boolean;
  cloudflareSslMode?: string;
  triggers?: unknown[];
  adopt?: boolean;
}

export interface TrackingDomainVerificationOutputs extends TrackingDomainVerificationInputs {
  expectedTarget: string;
  verified: boolean;
  cnameStatus: string;
  complianceStatus: string;
}

function checkInputs(news: Record<string, unknown>) {
  const checker = new InputChecker(news);
  const hasExpectedTarget = news.expectedTarget !== undefined && news.expectedTarget !== null;
  const inputs = {
    domain: checker.hostname("domain", { subdomain: true }),
    subaccountId: checker.subaccountId("subaccountId"),
    account: checker.account("account"),
    expectedTarget: hasExpectedTarget
      ? checker.hostname("expectedTarget", {
          subdomain: false,
          what: "SparkPost's CNAME target",
          example: "v2.spgo.io",
        })
      : undefined,
    timeoutSeconds: checker.integer("timeoutSeconds", {
      ...VERIFICATION_TIMEOUT_BOUNDS,
      default: DEFAULT_VERIFICATION_TIMEOUT_SECONDS,
    }),
    preflight: checker.oneOf("preflight", PREFLIGHT_MODES, "authoritative"),
    nameservers: checker.stringList("nameservers", nameserverProblem),
    proxied: checker.boolean("proxied", false),
    cloudflareSslMode: news.cloudflareSslMode as string | undefined,
    triggers: news.triggers,
    adopt: checker.optionalBoolean("adopt"),
  };
  checker.notCnameToItself("expectedTarget", inputs.expectedTarget, inputs.domain);
  const failures = [...checker.failures];
  const sslMode = news.cloudflareSslMode;
  if (sslMode !== undefined && sslMode !== null && !isUnknown(sslMode)) {
    const problem =
      typeof sslMode === "string"
        ? sslModeProblem(sslMode)
        : `must be a string, not ${renderValue(sslMode)}`;
    if (problem !== undefined) {
      failures.push({ property: "cloudflareSslMode", reason: `cloudflareSslMode ${problem}.` });
    }
  }
  return {
    inputs: withoutUndefined(inputs) as TrackingDomainVerificationInputs,
    failures,
  };
}

/** The outputs: checked inputs, the target actually waited for, and what SparkPost said. */
function verificationOutputs(
  inputs: TrackingDomainVerificationInputs,
  expectedTarget: string,
  status: { verified: boolean; cnameStatus: string; complianceStatus: string },
): TrackingDomainVerificationOutputs {
  return withoutUndefined({ ...inputs, expectedTarget, ...status });
}

export const trackingDomainVerificationProvider: pulumi.dynamic.ResourceProvider<
  TrackingDomainVerificationInputs,
  TrackingDomainVerificationOutputs
> = {
  configure: configureConnection,

  async check(_olds, news) {
    return checkInputs(news as unknown as Record<string, unknown>);
  },

  async diff(_id, olds, news) {
    const replaces = changedProperties(olds, news, [
      "domain",
      "subaccountId",
      "account",
      "triggers",
    ]);
    const settings = [
      "timeoutSeconds",
      "preflight",
      "nameservers",
      "proxied",
      "cloudflareSslMode",
    ] as const;
    const updates = changedProperties(olds, news, settings);
    // An unset expectedTarget means "the region's default", which the outputs already hold.
    if (news.expectedTarget !== undefined && news.expectedTarget !== olds.expectedTarget)
      updates.push("expectedTarget");
    return {
      changes: replaces.length + updates.length > 0 || storesLegacyProvider(olds),
      replaces,
    };
  },

  /**
   * The wait (see waitForVerification). With `adopt`, one GET first: a domain SparkPost already
   * says is verified needs no wait and no verify call.
   */
  async create(inputs) {
    const expectedTarget =
      inputs.expectedTarget ?? cnameTarget(resolveRegion(process.env, inputs.account));
    const client = sparkpost(inputs.account);
    if (inputs.adopt) {
      const object = await attempt(
        `read the verification status of tracking domain ${inputs.domain} to adopt it`,
        client.getTrackingDomain(inputs.domain, scopeOf(inputs.subaccountId)),
      );
      if (object?.status.verified) {
        const status = {
          verified: true,
          cnameStatus: object.status.cname_status,
          complianceStatus: object.status.compliance_status,
        };
        return { id: inputs.domain, outs: verificationOutputs(inputs, expectedTarget, status) };
      }
    }
    const result = await waitForVerification(client, {
      domain: inputs.domain,
      scope: scopeOf(inputs.subaccountId),
      expectedTarget,
      timeoutSeconds: inputs.timeoutSeconds,
      preflight: inputs.preflight,
      nameservers: inputs.nameservers,
      proxied: inputs.proxied,
    });
    const status = {
      verified: result.verified,
      cnameStatus: result.cname_status,
      complianceStatus: result.compliance_status,
    };
    return { id: inputs.domain, outs: verificationOutputs(inputs, expectedTarget, status) };
  },

  /** Drops the verification from state when SparkPost no longer says verified: the next up re-verifies. */
  async read(id, props) {
    if (!props) throw new Error(`cannot refresh ${id}: its state is missing`);
    const object = await attempt(
      `read the verification status of tracking domain ${id}`,
      sparkpost(props.account).getTrackingDomain(id, scopeOf(props.subaccountId)),
    );
    if (!object || !object.status.verified) return {};
    const outs = verificationOutputs(props, props.expectedTarget, {
      verified: true,
      cnameStatus: object.status.cname_status,
      complianceStatus: object.status.compliance_status,
    });
    const { verified: _v, cnameStatus: _c, complianceStatus: _s, ...inputs } = outs;
    return refreshed(id, outs, inputs);
  },

  /** Only wait settings changed (anything else replaces): nothing to ask SparkPost. */
  async update(_id, olds, news) {
    const expectedTarget = news.expectedTarget ?? olds.expectedTarget;
    return {
      outs: verificationOutputs(news, expectedTarget, {
        verified: olds.verified,
        cnameStatus: olds.cnameStatus,
        complianceStatus: olds.complianceStatus,
      }),
    };
  },

  /** Verification is a fact about the domain, not an object: there is nothing to delete. */
  async delete() {},
};

/**
 * Waits, at create, until SparkPost has verified a tracking domain, checking DNS first. Make
 * resources that need a verified domain (`DefaultTrackingDomain`, `SendingDomainLink`) depend on it.
 */
export class TrackingDomainVerification extends pulumi.dynamic.Resource {
  declare public readonly domain: pulumi.Output<string>;
  declare public readonly subaccountId: pulumi.Output<number | undefined>;
  declare public readonly account: pulumi.Output<string | undefined>;
  declare public readonly expectedTarget: pulumi.Output<string>;
  declare public readonly timeoutSeconds: pulumi.Output<number>;
  declare public readonly preflight: pulumi.Output<PreflightMode>;
  declare public readonly nameservers: pulumi.Output<string[] | undefined>;
  declare public readonly proxied: pulumi.Output<boolean>;
  declare public readonly cloudflareSslMode: pulumi.Output<string | undefined>;
  declare public readonly triggers: pulumi.Output<unknown[] | undefined>;
  declare public readonly verified: pulumi.Output<boolean>;
  declare public readonly cnameStatus: pulumi.Output<string>;
  declare public readonly complianceStatus: pulumi.Output<string>;

  constructor(
    name: string,
    args: TrackingDomainVerificationArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      providerShim("TrackingDomainVerification"),
      name,
      {
        domain: args.domain,
        subaccountId: args.subaccountId,
        account: args.account,
        expectedTarget: args.expectedTarget,
        timeoutSeconds: args.timeoutSeconds,
        preflight: args.preflight,
        nameservers: args.nameservers,
        proxied: args.proxied,
        cloudflareSslMode: args.cloudflareSslMode,
        triggers: args.triggers,
        adopt: args.adopt,
        verified: undefined,
        cnameStatus: undefined,
        complianceStatus: undefined,
      },
      opts,
      "sparkpost",
      "TrackingDomainVerification",
    );
  }
}
