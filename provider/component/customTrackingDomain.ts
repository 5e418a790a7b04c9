import * as pulumi from "@pulumi/pulumi";
import { cloudflareCnameRecord } from "../dns/cloudflare";
import type { TrackingDnsRecord } from "../dns/record";
import { requireDnsPackage } from "../dns/optionalPackage";
import { route53CnameRecord } from "../dns/route53";
import { DefaultTrackingDomain } from "../resources/defaultTrackingDomain";
import { SendingDomainLink } from "../resources/sendingDomainLink";
import { TrackingDomain } from "../resources/trackingDomain";
import type { TrackingDomainCertificate } from "../resources/trackingDomainCertificate";
import { TrackingDomainVerification } from "../resources/trackingDomainVerification";
import type { CustomTrackingDomainArgs, CustomTrackingDomainDnsArgs } from "./args";
import { claimDefault } from "./defaultClaims";
import { declareHttpsDnsSide, declareManagedCertificate, planHttps } from "./httpsChildren";
import { programDnsRecord, programRegion } from "./programDnsRecord";
import { validateArgs } from "./validateArgs";

/**
 * The DNS record resource the component creates, if any: an `aws.route53.Record` or a
 * `cloudflare.DnsRecord`. Typed as their common base so that programs install only the DNS
 * package they use; cast it to the class of your `dns.provider` to reach its own outputs.
 */
export type TrackingDnsRecordResource = pulumi.CustomResource;

/**
 * A SparkPost custom tracking domain, end to end: creates the domain in SparkPost, writes its
 * CNAME into Route53 or Cloudflare (or leaves it to you), waits until SparkPost verifies it, then
 * makes it the (sub)account default and links sending domains to it, if asked.
 *
 * Children, in order: `<name>-domain` (TrackingDomain), `<name>-cname` (the DNS record),
 * `<name>-verification` (TrackingDomainVerification, after the record), then `<name>-default`
 * (DefaultTrackingDomain) and `<name>-link-<sendingDomain>` (SendingDomainLink), after the
 * verification. `pulumi destroy` undoes them in reverse order.
 */
export class CustomTrackingDomain extends pulumi.ComponentResource {
  /**
   * The CNAME record the domain needs (name, type, value). Computed in the program from the
   * domain, `cnameTarget` and the region (`sparkpost:region`, or the named `account`'s), so
   * `pulumi preview` shows it: with
   * `dns: { provider: "manual" }`, create this record yourself.
   */
  public readonly dnsRecord: pulumi.Output<TrackingDnsRecord>;
  /** Whether SparkPost verified the domain (true once `pulumi up` has finished). */
  public readonly verified: pulumi.Output<boolean>;
  /** The tracking domain in SparkPost. */
  public readonly trackingDomain: TrackingDomain;
  /** The wait for SparkPost's verification; it runs again when the record's value changes. */
  public readonly verification: TrackingDomainVerification;
  /**
   * The Route53 or Cloudflare record (with `https.mode "cloudfront"`, the Route53 alias to the
   * distribution); undefined with `dns: { provider: "manual" }`.
   */
  public readonly record?: TrackingDnsRecordResource;
  /** SparkPost's managed certificate, with `https.mode "managed"`. */
  public readonly certificate?: TrackingDomainCertificate;
  /** Owner of the account's default flag, with `default: true`. */
  public readonly defaultDomain?: DefaultTrackingDomain;
  /** One link per entry of `sendingDomains`, in the same order. */
  public readonly links: SendingDomainLink[];

  /**
   * @throws pulumi.InputPropertyError for an argument the program knows to be wrong (an `account`
   * the stack config lacks too), and pulumi.ResourceError for a bad region (`sparkpost:region`,
   * or the account's) or a second default for one account.
   */
  constructor(
    name: string,
    args: CustomTrackingDomainArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Checked before registering the component, so bad input leaves nothing half-declared.
    const plain = validateArgs(args);
    requireDnsPackage(args.dns.provider);
    super("sparkpost:index:CustomTrackingDomain", name, {}, opts);

    const { account } = plain;
    let region: string;
    try {
      region = programRegion(account);
    } catch (error) {
      throw new pulumi.ResourceError((error as Error).message, this);
    }
    if (plain.makeDefault && isPlainSubaccount(args.subaccountId)) {
      const refusal = claimDefault(name, args.subaccountId, account);
      if (refusal !== undefined) throw new pulumi.ResourceError(refusal, this);
    }

    this.dnsRecord = programDnsRecord(args.domain, args.cnameTarget, region);
    // `adopt` and `account` reach every SparkPost child: adopting a setup made by hand then only
    // reads, and every call of the domain goes to the one account.
    const { subaccountId, adopt } = args;
    const dnsOptions = pulumi.mergeOptions(args.dnsResourceOptions ?? {}, { parent: this });
    const https = planHttps(args, this.dnsRecord, dnsOptions);
    this.trackingDomain = new TrackingDomain(
      `${name}-domain`,
      {
        domain: args.domain,
        secure: https.secure,
        subaccountId,
        account,
        adopt,
        managedCertificate: https.managedCertificate,
      },
      { parent: this },
    );
    // The record waits for the SparkPost domain, so a refused domain writes nothing to DNS.
    const recordOptions = pulumi.mergeOptions(dnsOptions, { dependsOn: [this.trackingDomain] });
    const httpsDnsSide = declareHttpsDnsSide(name, args, https, this.dnsRecord, recordOptions);
    this.record =
      httpsDnsSide?.record ??
      createRecord(`${name}-cname`, args.dns, this.dnsRecord, recordOptions);

    const target = this.dnsRecord.value;
    this.verification = new TrackingDomainVerification(
      `${name}-verification`,
      {
        // From the TrackingDomain's output, so the verification really waits for it.
        domain: this.trackingDomain.domain,
        subaccountId,
        account,
        expectedTarget: target,
        timeoutSeconds: args.verification?.timeoutSeconds,
        preflight: args.verification?.preflight,
        nameservers: args.verification?.nameservers,
        proxied: https.proxied,
        cloudflareSslMode: https.cloudflareSslMode,
        // A new target means a new record, and a change of `secure` a check over the other
        // protocol (SparkPost's only check of HTTPS): verify again. HTTP adds nothing, so stacks
        // that never set `secure` keep the triggers they always had.
        adopt,
        triggers: pulumi
          .all([target, https.verifiesOverHttps])
          .apply(([value, secure]) => (secure === true ? [value, "https"] : [value])),
      },
      {
        parent: this,
        dependsOn: [...(this.record ? [this.record] : []), ...(httpsDnsSide?.alsoWaitFor ?? [])],
      },
    );
    this.certificate = declareManagedCertificate(
      name,
      args,
      this.trackingDomain.domain,
      target,
      this.verification,
      this,
    );

    // With a managed certificate, the domain is used once it serves HTTPS, not before.
    const afterVerification = {
      parent: this,
      dependsOn: [this.certificate ?? this.verification],
    };
    if (plain.makeDefault) {
      this.defaultDomain = new DefaultTrackingDomain(
        `${name}-default`,
        { domain: this.trackingDomain.domain, subaccountId, account, adopt },
        afterVerification,
      );
    }
    this.links = plain.sendingDomains.map(
      (sendingDomain) =>
        new SendingDomainLink(
          `${name}-link-${sendingDomain}`,
          {
            sendingDomain,
            trackingDomain: this.trackingDomain.domain,
            subaccountId,
            account,
            adopt,
          },
          afterVerification,
        ),
    );

    this.verified = this.verification.verified;
    this.registerOutputs({ dnsRecord: this.dnsRecord, verified: this.verified });
  }
}

/** A subaccount id the program knows now; an Output cannot be checked for duplicate defaults. */
function isPlainSubaccount(value: pulumi.Input<number> | undefined): value is number | undefined {
  return value === undefined || typeof value === "number";
}

function createRecord(
  resourceName: string,
  dns: CustomTrackingDomainDnsArgs,
  record: pulumi.Output<TrackingDnsRecord>,
  opts: pulumi.CustomResourceOptions,
): TrackingDnsRecordResource | undefined {
  switch (dns.provider) {
    case "route53":
      return route53CnameRecord(resourceName, dns, record, opts);
    case "cloudflare":
      return cloudflareCnameRecord(resourceName, dns, record, opts);
    case "manual":
      return undefined;
  }
}
