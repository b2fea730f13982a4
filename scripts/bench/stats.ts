// Small numeric and text helpers for the benchmark report.

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

export function formatMs(ms: number): string {
  return Number.isNaN(ms) ? '-' : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** `{ GetSecrets: 2, Challenge: 1 }` → `GetSecrets×2`, without zero entries and without the challenge. */
export function formatCounts(counts: Readonly<Record<string, number>>, skip: readonly string[] = []): string {
  const parts = Object.entries(counts)
    .filter(([op, n]) => n > 0 && !skip.includes(op))
    .map(([op, n]) => (n === 1 ? op : `${op}×${n}`));
  return parts.length === 0 ? '(none)' : parts.join(' + ');
}

export function sumCounts(counts: Readonly<Record<string, number>>, skip: readonly string[] = []): number {
  return Object.entries(counts).reduce((sum, [op, n]) => (skip.includes(op) ? sum : sum + n), 0);
}

/** A plain-text table: a header row, a rule, then the rows; columns padded to their widest cell. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: readonly number[] = [],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (rightAligned.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
