/**
 * Collects what each scenario actually did (recorded before its assertions run, so the table is
 * true even for failing rows) and prints it as markdown: fault class × operation, and the count
 * per class.
 */
import type { Outcome } from "./expectations";

const CODES: Record<Outcome, string> = {
  "same-operation success": "ok",
  "failed, then converged": "conv",
  "partial create, then finished": "part",
  "fault not reached": "n/r",
  failed: "FAIL",
};

export const LEGEND =
  "ok: same-operation success; conv: failed with a message, state unchanged, the same operation " +
  "again converged; part: recorded as a partial create, the next up finished it; n/r: the fault " +
  "was not reached (a 204 has no body to stall); FAIL: failed and did not converge, or an " +
  "assertion of the row failed.";

export class OutcomeTable {
  private readonly cells = new Map<string, Outcome>();

  /** Rows and columns in the order to print them, whatever order the scenarios finish in. */
  constructor(
    private readonly rows: readonly string[],
    private readonly columns: readonly string[],
  ) {}

  record(row: string, column: string, outcome: Outcome): void {
    this.cells.set(`${row}\u0000${column}`, outcome);
  }

  /** Marks a cell FAIL when the row's assertions failed although its outcome was recorded. */
  markFailed(row: string, column: string): void {
    this.cells.set(`${row}\u0000${column}`, "failed");
  }

  render(title: string): string {
    if (this.cells.size === 0) return `${title}: no scenario ran`;
    const header = ["fault class", ...this.columns, "ok", "conv", "part", "n/r", "FAIL"];
    const lines = [
      `### ${title}`,
      "",
      `| ${header.join(" | ")} |`,
      `| ${header.map(() => "---").join(" | ")} |`,
    ];
    for (const row of this.rows) {
      const codes = this.columns.map((column) => {
        const outcome = this.cells.get(`${row}\u0000${column}`);
        return outcome === undefined ? "" : CODES[outcome];
      });
      const count = (code: string) => String(codes.filter((cell) => cell === code).length);
      lines.push(
        `| ${[row, ...codes, ...["ok", "conv", "part", "n/r", "FAIL"].map(count)].join(" | ")} |`,
      );
    }
    lines.push("", LEGEND);
    return lines.join("\n");
  }
}
