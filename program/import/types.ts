/**
 * What `pulumi-sparkpost-tracking import` works with: the account as read from SparkPost, what
 * DNS says about each tracking domain, and the choices the user made on the command line.
 */

/** A tracking domain as found in the account, with the sending domains linked to it. */
export interface FoundTrackingDomain {
  /** Lowercase, as SparkPost stores it. */
  domain: string;
  secure: boolean;
  /** Absent for the primary account. */
  subaccountId?: number;
  /** The default tracking domain of its account or subaccount. */
  isDefault: boolean;
  verified: boolean;
  /** SparkPost's `status.cname_status`, for the note on an unverified domain. */
  cnameStatus: string;
  /** The sending domains of the same account linked to it, sorted. */
  sendingDomains: string[];
}

/** A subaccount that was read, as `GET /subaccounts` lists it. */
export interface ImportedSubaccount {
  id: number;
  name?: string;
}

/** Everything read from one SparkPost account. */
export interface AccountSnapshot {
  /** The API base that was read, for the generated files' header. */
  apiUrl: string;
  /** The subaccounts read besides the primary account, by id; empty for the primary alone. */
  subaccounts: ImportedSubaccount[];
  /** Primary account first, then each subaccount by id; by name within each. */
  trackingDomains: FoundTrackingDomain[];
  /** Things found and left out, one sentence each (a link across accounts, a dangling link...). */
  leftOut: string[];
}

/** Which accounts to read: the primary alone, every subaccount too, or some of them. */
export type SubaccountSelection =
  { kind: "none" } | { kind: "all" } | { kind: "listed"; ids: number[] };

/** Where a zone's nameservers say it is served, from their names. */
export type DnsSuggestion = "route53" | "cloudflare" | "other";

/** A DNS provider the root program can write records to, or `manual`. */
export type DnsChoice = "route53" | "cloudflare" | "manual";

/** What DNS says about one tracking domain's zone and record. */
export interface DomainDnsFacts {
  /** The zone holding the domain (the nearest parent with NS records), when found. */
  zone?: string;
  /** Its nameservers, sorted. */
  nameservers: string[];
  /** Why no zone was found, as a phrase ("no NS records for example.com"). */
  zoneProblem?: string;
  /** The CNAME's target, normalized, when the domain has one. */
  cname?: string;
  /** What public DNS shows instead of a CNAME, or why it could not be asked. */
  cnameNote?: string;
}

/** The facts of every tracking domain, by domain; empty when DNS was not looked up. */
export type DnsFacts = ReadonlyMap<string, DomainDnsFacts>;

/** What the command line decided about the generated entries. */
export interface GenerationChoices {
  /** The Pulumi project: the namespace of `trackingDomains` in the stack file. */
  project: string;
  stack: string;
  /** `us` or `eu`: which CNAME target is the default one. */
  region: "us" | "eu";
  /** Written to the stack file as `sparkpost:region` when the user named a region. */
  regionSetting?: "us" | "eu";
  /** Written to the stack file as `sparkpost:apiUrl` when the user named an API URL. */
  apiUrlSetting?: string;
  /** DNS providers confirmed per zone (`--dns zone=provider`). */
  confirmedDns: ReadonlyMap<string, DnsChoice>;
  /** Take every zone's Route53 or Cloudflare suggestion as confirmed. */
  acceptSuggestions: boolean;
  /** Whether DNS was looked up at all. */
  dnsLookedUp: boolean;
  /** `protect: true` on every entry. */
  protect: boolean;
  /** `retainOnDelete: true` on every entry. */
  retainOnDelete: boolean;
}
