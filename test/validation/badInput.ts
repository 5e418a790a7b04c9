/**
 * What every case of the bad-input suite is, and the tally printed at its end.
 */

/** The three places a mistake can be refused before anything reaches SparkPost. */
export type Target = "resources" | "component" | "root config";

export const TARGETS: readonly Target[] = ["resources", "component", "root config"];

/** One bad input: where it goes, the exact property path and the exact message expected. */
export interface BadInput {
  title: string;
  /** Set when today's behaviour is wrong: the case runs as `test.failing` and says why here. */
  defect?: string;
}

/** Counts, per target, the cases defined and the rejections that held as specified. */
export class Tally {
  private readonly keys = new Map<Target, Set<string>>();
  private readonly defects = new Map<Target, number>();
  private readonly held = new Map<Target, number>();

  /** Records a case of the table; returns false when the same input is already there. */
  define(target: Target, key: string, defect: string | undefined): boolean {
    if (defect !== undefined) {
      this.defects.set(target, (this.defects.get(target) ?? 0) + 1);
      return true;
    }
    const keys = this.keys.get(target) ?? new Set<string>();
    this.keys.set(target, keys);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  }

  /** A rejection asserted in full: path, message, and nothing sent or declared. */
  rejected(target: Target): void {
    this.held.set(target, (this.held.get(target) ?? 0) + 1);
  }

  /** Distinct inputs the tables expect to be refused (defect cases not included). */
  distinct(target?: Target): number {
    const targets = target === undefined ? TARGETS : [target];
    return targets.reduce((sum, each) => sum + (this.keys.get(each)?.size ?? 0), 0);
  }

  summary(): string {
    const parts = TARGETS.map(
      (target) =>
        `${target} ${this.held.get(target) ?? 0}/${this.distinct(target)} (+${this.defects.get(target) ?? 0} defects)`,
    );
    const held = TARGETS.reduce((sum, target) => sum + (this.held.get(target) ?? 0), 0);
    const defects = TARGETS.reduce((sum, target) => sum + (this.defects.get(target) ?? 0), 0);
    return `Bad-input suite: ${held} of ${this.distinct()} distinct bad inputs rejected as specified (${parts.join(", ")}); ${defects} known defects run as test.failing.`;
  }
}
