// Masking of secret values in text that leaves the extension (log lines, messages shown to the user).
// Pure: used by the error boundary (src/commands) and the secret form (src/webviews).

const MASK = '***';

/** Replaces every occurrence of each value (longest first) with ***. Values shorter than 3 characters are masked only as whole lines. */
export function maskText(text: string, values: Iterable<string>): string {
  const sorted = [...new Set(values)].filter((v) => v !== '').sort((a, b) => b.length - a.length);
  let out = text;
  for (const v of sorted) {
    if (v.length < 3) {
      if (out === v) out = MASK;
      continue;
    }
    out = out.split(v).join(MASK);
  }
  return out;
}
