/**
 * HTTPS through AWS CloudFront, as SparkPost documents it ("Enabling HTTPS Engagement Tracking",
 * CloudFront): an ACM certificate in us-east-1 (the only region CloudFront takes certificates
 * from) validated through Route53, a distribution whose origin is SparkPost's tracking endpoint,
 * and a Route53 alias from the tracking domain to the distribution.
 */
import * as pulumi from "@pulumi/pulumi";
import type { TrackingDnsRecord } from "../dns/record";
import {
  DEFAULT_RECORD_TTL_SECONDS,
  loadAws,
  route53ZoneId,
  type Route53DnsArgs,
} from "../dns/route53";
import type { CloudFrontHttpsArgs } from "./args";

/** CloudFront accepts certificates from ACM in this region only. */
export const CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";

/** The origin's id inside the distribution. */
const ORIGIN_ID = "sparkpost";

/** What the CloudFront mode declares. */
export interface CloudFrontTracking {
  /** The A alias record from the tracking domain to the distribution. */
  alias: pulumi.CustomResource;
  distribution: pulumi.CustomResource;
  /** Every resource declared, in order: certificate, its validation record and wait, policies, distribution, alias. */
  resources: pulumi.CustomResource[];
}

/**
 * Declares the CloudFront setup for `record` (the tracking domain and SparkPost's endpoint).
 * `opts` are the AWS resources' options (the component's `dnsResourceOptions`, parent and
 * dependencies included); the zone lookup uses their parent and provider.
 */
export function cloudFrontTracking(
  name: string,
  dns: Route53DnsArgs,
  https: CloudFrontHttpsArgs,
  record: pulumi.Output<TrackingDnsRecord>,
  opts: pulumi.CustomResourceOptions,
): CloudFrontTracking {
  const aws = loadAws();
  const zoneId = route53ZoneId(dns, record, opts);
  const domain = record.name;
  const region = CLOUDFRONT_CERTIFICATE_REGION;

  const certificate = new aws.acm.Certificate(
    `${name}-acm-certificate`,
    { domainName: domain, validationMethod: "DNS", region },
    opts,
  );
  const option = certificate.domainValidationOptions.apply((options) => options[0]);
  const validationRecord = new aws.route53.Record(
    `${name}-acm-validation-record`,
    {
      zoneId,
      name: option.resourceRecordName,
      type: option.resourceRecordType,
      records: [option.resourceRecordValue],
      ttl: DEFAULT_RECORD_TTL_SECONDS,
      // ACM asks for the same record whenever a certificate for the name is requested again.
      allowOverwrite: true,
    },
    opts,
  );
  const validation = new aws.acm.CertificateValidation(
    `${name}-acm-validation`,
    { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn], region },
    opts,
  );

  // SparkPost: cache for 1 s at least and 10 s at most, so that repeated opens and clicks still
  // reach it; query strings are part of what is cached, and so are forwarded.
  const cachePolicy = new aws.cloudfront.CachePolicy(
    `${name}-cache-policy`,
    {
      comment: pulumi.interpolate`SparkPost tracking domain ${domain}: TTL 1 to 10 s`,
      minTtl: 1,
      defaultTtl: 10,
      maxTtl: 10,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: "none" },
        headersConfig: { headerBehavior: "none" },
        queryStringsConfig: { queryStringBehavior: "all" },
      },
    },
    opts,
  );
  // SparkPost records the User-Agent of each open and click: forward it, without caching by it.
  const originRequestPolicy = new aws.cloudfront.OriginRequestPolicy(
    `${name}-origin-request-policy`,
    {
      comment: pulumi.interpolate`SparkPost tracking domain ${domain}: forward User-Agent`,
      cookiesConfig: { cookieBehavior: "none" },
      headersConfig: { headerBehavior: "whitelist", headers: { items: ["User-Agent"] } },
      queryStringsConfig: { queryStringBehavior: "none" },
    },
    opts,
  );
  const distribution = new aws.cloudfront.Distribution(
    `${name}-distribution`,
    {
      enabled: true,
      comment: pulumi.interpolate`SparkPost tracking domain ${domain}`,
      aliases: [domain],
      priceClass: https.priceClass ?? "PriceClass_All",
      origins: [
        {
          originId: ORIGIN_ID,
          domainName: record.value,
          customOriginConfig: {
            httpPort: 80,
            httpsPort: 443,
            // HTTP links keep working over HTTP, HTTPS ones reach SparkPost over HTTPS.
            originProtocolPolicy: "match-viewer",
            originSslProtocols: ["TLSv1.2"],
          },
          // CloudFront sends SparkPost's own name as Host; this tells SparkPost which domain it is.
          customHeaders: [{ name: "X-Forwarded-Host", value: domain }],
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        // Links sent before HTTPS was turned on are plain HTTP: serve both.
        viewerProtocolPolicy: "allow-all",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        cachePolicyId: cachePolicy.id,
        originRequestPolicyId: originRequestPolicy.id,
      },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: validation.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
    },
    opts,
  );
  const alias = new aws.route53.Record(
    `${name}-alias`,
    {
      zoneId,
      name: domain,
      type: "A",
      aliases: [
        {
          name: distribution.domainName,
          zoneId: distribution.hostedZoneId,
          evaluateTargetHealth: false,
        },
      ],
      allowOverwrite: dns.allowOverwrite ?? false,
    },
    opts,
  );
  return {
    alias,
    distribution,
    resources: [
      certificate,
      validationRecord,
      validation,
      cachePolicy,
      originRequestPolicy,
      distribution,
      alias,
    ],
  };
}
