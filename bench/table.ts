/** Plain-text tables and number formats for the benchmarks' printed results. */

/** Prints rows under a header, each column padded to its widest cell: labels left, figures right. */
export function printTable(header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join("  ");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of cells.slice(1)) console.log(line(row));
}

/** Bytes in the unit that keeps them readable: `812 B`, `94.3 KiB`, `36.7 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A ratio such as `9.5x` (`digits` after the point); `n/a` when the divisor is zero. */
export function formatRatio(numerator: number, denominator: number, digits = 1): string {
  return denominator === 0 ? "n/a" : `${(numerator / denominator).toFixed(digits)}x`;
}
