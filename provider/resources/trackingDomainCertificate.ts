import * as pulumi from "@pulumi/pulumi";
import { managedHttpsTargetProblem } from "../dns/managedHttpsTarget";
import { attempt } from "./apiFailure";
import {
  certificateStateOf,
  type CertificateObservations,
  type CertificateState,
} from "./certificateReport";
import { configureConnection, sparkpost } from "./connection";
import { InputChecker, isUnknown, renderValue } from "./inputChecker";
import { providerShim } from "./providerShim";
import {
  changedProperties,
  partiallyCreated,
  refreshed,
  scopeOf,
  storesLegacyProvider,
  withoutUndefined,
} from "./providerSupport";
import { VERIFICATION_TIMEOUT_BOUNDS } from "./trackingDomainVerification";
import { waitForCertificate } from "./waitForCertificate";

/** How long create waits for the certificate by default: Let's Encrypt usually needs 15 minutes. */
export const DEFAULT_CERTIFICATE_TIMEOUT_SECONDS = 1800;

/** Why `acknowledgeIrreversible` exists, in the words check uses when it is missing. */
export const IRREVERSIBLE_REASON =
  "enabling SparkPost's managed certificate cannot be undone: SparkPost has no way to disable it, the domain stays secure (HTTPS links) from then on, and `pulumi destroy` leaves the certificate in place; only deleting the tracking domain removes it";

export interface TrackingDomainCertificateArgs {
  /**
   * The verified tracking domain whose certificate SparkPost should manage. Changing it replaces
   * the resource: the new domain gets a certificate, the old one keeps its own.
   */
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
   * Must be `true`: enabling SparkPost's managed certificate cannot be undone (SparkPost has no
   * way to disable it; only deleting the tracking domain removes it), and destroying this resource
   * leaves it in place. `check` refuses the resource without it, so that the preview says so
   * before anything is enabled.
   */
  acknowledgeIrreversible: pulumi.Input<boolean>;
  /**
   * The CNAME target the domain points at, when known: `check` refuses targets SparkPost issues
   * no managed certificates for (legacy `spgo.io` / `eu.spgo.io`, Enterprise endpoints).
   * @default not checked
   */
  cnameTarget?: pulumi.Input<string>;
  /**
   * How long create waits for the certificate to become valid, in seconds (1 to 86400). Pulumi's
   * `customTimeouts` never reach dynamic providers, so the wait is bounded here.
   * @default 1800 (30 minutes)
   */
  timeoutSeconds?: pulumi.Input<number>;
}

export interface TrackingDomainCertificateInputs {
  domain: string;
  subaccountId?: number;
  account?: string;
  acknowledgeIrreversible: true;
  cnameTarget?: string;
  timeoutSeconds: number;
}

export interface TrackingDomainCertificateOutputs extends TrackingDomainCertificateInputs {
  /** SparkPost's `tls_status`: "valid" once created; refresh shows "pending", "failed", "expired". */
  tlsStatus: string;
  /** The domain's `secure`, which SparkPost turns on when it enables the certificate. */
  secure: boolean;
  issuedAt?: string;
  expiresAt?: string;
  /** `tls_certificate.error_code`, when issuance or renewal failed. */
  errorCode?: string;
}

function checkInputs(news: Record<string, unknown>) {
  const checker = new InputChecker(news);
  const hasTarget = news.cnameTarget !== undefined && news.cnameTarget !== null;
  const inputs = {
    domain: checker.hostname("domain", { subdomain: true }),
    subaccountId: checker.subaccountId("subaccountId"),
    account: checker.account("account"),
    acknowledgeIrreversible: true as const,
    cnameTarget: hasTarget
      ? checker.hostname("cnameTarget", {
          subdomain: false,
          what: "SparkPost's CNAME target",
          example: "v2.spgo.io",
        })
      : undefined,
    timeoutSeconds: checker.integer("timeoutSeconds", {
      ...VERIFICATION_TIMEOUT_BOUNDS,
      default: DEFAULT_CERTIFICATE_TIMEOUT_SECONDS,
    }),
  };
  const failures = [...checker.failures];
  const acknowledged = news.acknowledgeIrreversible;
  if (acknowledged !== true && !isUnknown(acknowledged)) {
    const given = acknowledged === undefined ? "unset" : renderValue(acknowledged);
    failures.push({
      property: "acknowledgeIrreversible",
      reason: `acknowledgeIrreversible must be true, not ${given}: ${IRREVERSIBLE_REASON}. Set acknowledgeIrreversible: true to go ahead.`,
    });
  }
  const target = inputs.cnameTarget;
  const targetProblem =
    target === undefined || isUnknown(target) ? undefined : managedHttpsTargetProblem(target);
  if (targetProblem !== undefined) {
    failures.push({ property: "cnameTarget", reason: `cnameTarget ${targetProblem}.` });
  }
  return {
    inputs: withoutUndefined(inputs) as TrackingDomainCertificateInputs,
    failures,
  };
}

function certificateOutputs(
  inputs: TrackingDomainCertificateInputs,
  state: CertificateState,
): TrackingDomainCertificateOutputs {
  return withoutUndefined({
    ...inputs,
    tlsStatus: state.tlsStatus,
    secure: state.secure,
    issuedAt: state.issuedAt,
    expiresAt: state.expiresAt,
    errorCode: state.errorCode,
  });
}

/** The inputs part of stored outputs (what refresh hands back as the resource's inputs). */
function inputsOf(outputs: TrackingDomainCertificateOutputs): TrackingDomainCertificateInputs {
  const {
    tlsStatus: _t,
    secure: _s,
    issuedAt: _i,
    expiresAt: _e,
    errorCode: _c,
    ...inputs
  } = outputs as TrackingDomainCertificateOutputs & { __provider?: unknown };
  const { __provider: _p, ...rest } = inputs as typeof inputs & { __provider?: unknown };
  return rest;
}

/**
 * Requests the certificate (or waits for one already requested) and returns the outputs. Once
 * `enable` may have been sent, any failure records the resource in state (a partial create, or
 * the failed update's unchanged state), since the certificate cannot be taken back.
 */
async function obtain(
  inputs: TrackingDomainCertificateInputs,
  serializedInputs: object,
): Promise<TrackingDomainCertificateOutputs> {
  const seen: CertificateObservations = { enableSent: false };
  const plan = {
    domain: inputs.domain,
    scope: scopeOf(inputs.subaccountId),
    timeoutSeconds: inputs.timeoutSeconds,
  };
  try {
    const client = sparkpost(inputs.account);
    return certificateOutputs(inputs, await waitForCertificate(client, plan, seen));
  } catch (error) {
    if (!seen.enableSent && seen.state?.usesManagedCertificate !== true) throw error;
    // What SparkPost showed last; "unknown" when enable's answer was lost before any read.
    const state: CertificateState = seen.state?.usesManagedCertificate
      ? seen.state
      : { usesManagedCertificate: true, tlsStatus: "unknown", secure: seen.state?.secure ?? false };
    const outputs = certificateOutputs(inputs, state);
    throw partiallyCreated(error as Error, inputs.domain, outputs, serializedInputs);
  }
}

export const trackingDomainCertificateProvider: pulumi.dynamic.ResourceProvider<
  TrackingDomainCertificateInputs,
  TrackingDomainCertificateOutputs
> = {
  configure: configureConnection,

  async check(_olds, news) {
    return checkInputs(news as unknown as Record<string, unknown>);
  },

  /**
   * A new domain or subaccount is another certificate. A stored status other than valid (refresh
   * found it pending, failed or expired; a create cut short) is a change too: the next `up`
   * updates it, which asks SparkPost again and waits.
   */
  async diff(_id, olds, news) {
    const replaces = changedProperties(olds, news, ["domain", "subaccountId", "account"]);
    const updates = changedProperties(olds, news, ["timeoutSeconds", "cnameTarget"]);
    return {
      changes:
        replaces.length + updates.length > 0 ||
        olds.tlsStatus !== "valid" ||
        storesLegacyProvider(olds),
      replaces,
    };
  },

  async create(inputs) {
    return { id: inputs.domain, outs: await obtain(inputs, inputs) };
  },

  /**
   * One GET. A domain that is gone, or no longer uses a managed certificate (deleted and created
   * again), leaves state: the next `up` enables it again. A certificate that is pending, failed or
   * expired stays, with SparkPost's status and error code, and the next `up` repairs it.
   */
  async read(id, props) {
    if (!props) throw new Error(`cannot refresh ${id}: its state is missing`);
    const object = await attempt(
      `read the managed certificate of tracking domain ${id}`,
      sparkpost(props.account).getTrackingDomain(id, scopeOf(props.subaccountId)),
    );
    if (!object || object.uses_managed_certificate !== true) return {};
    const inputs = inputsOf(props);
    return refreshed(id, certificateOutputs(inputs, certificateStateOf(object)), inputs);
  },

  /** Only settings changed and the certificate is valid: no call. Otherwise ask and wait again. */
  async update(_id, olds, news) {
    if (olds.tlsStatus === "valid") {
      const { tlsStatus, secure, issuedAt, expiresAt, errorCode } = olds;
      return {
        outs: withoutUndefined({ ...news, tlsStatus, secure, issuedAt, expiresAt, errorCode }),
      };
    }
    return { outs: await obtain(news, news) };
  },

  /** SparkPost cannot disable a managed certificate: delete says so and makes no call. */
  async delete(id) {
    console.log(
      `${id}: leaving SparkPost's managed certificate in place: SparkPost has no way to disable it. It goes when the tracking domain is deleted; until then the domain keeps serving HTTPS.`,
    );
  },
};

/**
 * SparkPost's managed certificate (Let's Encrypt, renewed by SparkPost) for a verified tracking
 * domain whose CNAME points at a v2 endpoint: create runs `certificate/check` and
 * `certificate/enable`, then waits until `tls_status` is `valid`. SparkPost turns the domain's
 * `secure` on when it enables the certificate. **Irreversible**: there is no way to disable it;
 * destroying this resource leaves it in place, and only deleting the tracking domain removes it.
 */
export class TrackingDomainCertificate extends pulumi.dynamic.Resource {
  declare public readonly domain: pulumi.Output<string>;
  declare public readonly subaccountId: pulumi.Output<number | undefined>;
  declare public readonly account: pulumi.Output<string | undefined>;
  declare public readonly acknowledgeIrreversible: pulumi.Output<true>;
  declare public readonly cnameTarget: pulumi.Output<string | undefined>;
  declare public readonly timeoutSeconds: pulumi.Output<number>;
  declare public readonly tlsStatus: pulumi.Output<string>;
  declare public readonly secure: pulumi.Output<boolean>;
  declare public readonly issuedAt: pulumi.Output<string | undefined>;
  declare public readonly expiresAt: pulumi.Output<string | undefined>;
  declare public readonly errorCode: pulumi.Output<string | undefined>;

  constructor(
    name: string,
    args: TrackingDomainCertificateArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(
      providerShim("TrackingDomainCertificate"),
      name,
      {
        domain: args.domain,
        subaccountId: args.subaccountId,
        account: args.account,
        acknowledgeIrreversible: args.acknowledgeIrreversible,
        cnameTarget: args.cnameTarget,
        timeoutSeconds: args.timeoutSeconds,
        tlsStatus: undefined,
        secure: undefined,
        issuedAt: undefined,
        expiresAt: undefined,
        errorCode: undefined,
      },
      opts,
      "sparkpost",
      "TrackingDomainCertificate",
    );
  }
}
