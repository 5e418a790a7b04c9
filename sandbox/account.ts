/**
 * The sandbox's account: tracking and sending domains with the invariants SparkPost keeps
 * (one default per owner, deletion unlinks). No HTTP here; every change is saved through `onChange`.
 */
import type { SendingDomainSeed, SendingDomainState } from "./types";
import { type AccountState, type TrackingDomainRecord, ownerOf } from "./records";
import { normalizeDomain } from "./domainName";

/** A tracking domain and sending domains store with SparkPost's cross-object rules. */
export class Account {
  private state: AccountState;

  constructor(
    state: AccountState,
    private readonly onChange: (state: AccountState) => void,
  ) {
    this.state = state;
  }

  /** The whole state (live objects: change them only through this class). */
  snapshot(): AccountState {
    return this.state;
  }

  /** Replaces everything, as a reset does. */
  replace(state: AccountState): void {
    this.state = state;
    this.changed();
  }

  /** Tracking domains in creation order. */
  trackingDomains(): readonly TrackingDomainRecord[] {
    return this.state.trackingDomains;
  }

  findTrackingDomain(domain: string): TrackingDomainRecord | undefined {
    const name = normalizeDomain(domain);
    return this.state.trackingDomains.find((record) => record.domain === name);
  }

  addTrackingDomain(record: TrackingDomainRecord): void {
    this.state.trackingDomains.push(record);
    this.changed();
  }

  /** Applies a change to a record, keeping one default per owner, then saves. */
  updateTrackingDomain(
    record: TrackingDomainRecord,
    change: (record: TrackingDomainRecord) => void,
  ): void {
    change(record);
    if (record.default) this.unsetOtherDefaults(record);
    this.changed();
  }

  /** Deletes a tracking domain and, as SparkPost does silently, unlinks it from every sending domain. */
  deleteTrackingDomain(record: TrackingDomainRecord): void {
    this.state.trackingDomains = this.state.trackingDomains.filter((other) => other !== record);
    for (const sendingDomain of this.state.sendingDomains) {
      if (sendingDomain.trackingDomain === record.domain) delete sendingDomain.trackingDomain;
    }
    this.changed();
  }

  findSendingDomain(domain: string): SendingDomainState | undefined {
    const name = normalizeDomain(domain);
    return this.state.sendingDomains.find((sendingDomain) => sendingDomain.domain === name);
  }

  /** Adds a sending domain, or replaces the one of that name. */
  seedSendingDomain(seed: SendingDomainSeed): void {
    const sendingDomain: SendingDomainState = { domain: normalizeDomain(seed.domain) };
    if (seed.subaccountId !== undefined && seed.subaccountId !== 0)
      sendingDomain.subaccountId = seed.subaccountId;
    if (seed.trackingDomain) sendingDomain.trackingDomain = normalizeDomain(seed.trackingDomain);
    const others = this.state.sendingDomains.filter(
      (existing) => existing.domain !== sendingDomain.domain,
    );
    this.state.sendingDomains = [...others, sendingDomain];
    this.changed();
  }

  /** Links a tracking domain to a sending domain, or unlinks with undefined. */
  linkSendingDomain(sendingDomain: SendingDomainState, trackingDomain: string | undefined): void {
    if (trackingDomain === undefined) delete sendingDomain.trackingDomain;
    else sendingDomain.trackingDomain = trackingDomain;
    this.changed();
  }

  private unsetOtherDefaults(record: TrackingDomainRecord): void {
    for (const other of this.state.trackingDomains) {
      if (other !== record && ownerOf(other) === ownerOf(record)) other.default = false;
    }
  }

  private changed(): void {
    this.onChange(this.state);
  }
}
