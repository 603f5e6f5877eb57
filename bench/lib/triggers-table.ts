/** Figures and the table of bench/triggers.ts. Pure. */

export interface Row {
  readonly label: string;
  readonly samples: readonly number[];
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Milliseconds with a precision that suits their size. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "-";
  if (ms < 0) return `-${formatMs(-ms)}`;
  if (ms < 1) return `${(ms * 1000).toFixed(0)} us`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}x` : "-";
}

/** One line per row: samples, median, p90, min, max; columns padded. */
export function renderTable(rows: readonly Row[]): string {
  const header = ["case", "samples", "median", "p90", "min", "max"];
  const lines: string[][] = [header];
  for (const row of rows) {
    const { samples } = row;
    lines.push([
      row.label,
      String(samples.length),
      formatMs(median(samples)),
      formatMs(percentile(samples, 90)),
      formatMs(Math.min(...samples)),
      formatMs(Math.max(...samples)),
    ]);
  }
  const widths = header.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? "").length)));
  return lines
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
