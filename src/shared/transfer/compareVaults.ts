// Compare Vaults: the pure rules. Two vaults' secret lists (metadata only) become one row per name: only in the
// left vault, only in the right one, in both with different metadata, or in both with the same metadata. Whether
// the current values match is a separate verdict the host adds only when the user asks (it never carries a value).
// Key Vault names are case-insensitive, so `Api-Key` and `api-key` are the same secret.

/** What the comparison reads of a secret (the list's properties; never a value). */
export interface ComparedSecret {
  readonly name: string;
  readonly contentType?: string;
  readonly enabled: boolean;
  readonly expiresOn?: Date;
  readonly tags: Readonly<Record<string, string>>;
}

/** The metadata the report compares, in the order its columns show them. */
export const METADATA_FIELDS = ['contentType', 'tags', 'enabled', 'expiresOn'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export type RowState = 'onlyLeft' | 'onlyRight' | 'different' | 'same';
/** The current values of a name in both vaults: equal, not equal, or not readable (disabled, no permission). */
export type ValueVerdict = 'same' | 'different' | 'unreadable';

/** One side of a row, as the webview shows it (dates as ISO strings). */
export interface SideView {
  readonly name: string;
  readonly contentType?: string;
  readonly enabled: boolean;
  readonly expiresOn?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface CompareRow {
  /** The name as the left vault spells it (the right's when only there). */
  readonly name: string;
  readonly state: RowState;
  /** Fields that differ (state 'different' only). */
  readonly differences: readonly MetadataField[];
  readonly left?: SideView;
  readonly right?: SideView;
  /** Only after the user asked for a value comparison, for names in both vaults. */
  readonly value?: ValueVerdict;
}

const key = (name: string): string => name.toLowerCase();

function sideView(s: ComparedSecret): SideView {
  return {
    name: s.name,
    ...(s.contentType !== undefined ? { contentType: s.contentType } : {}),
    enabled: s.enabled,
    ...(s.expiresOn !== undefined ? { expiresOn: s.expiresOn.toISOString() } : {}),
    tags: { ...s.tags },
  };
}

function sameTags(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** The metadata fields in which two secrets differ (an empty content type is the same as none). */
export function metadataDifferences(a: ComparedSecret, b: ComparedSecret): MetadataField[] {
  const out: MetadataField[] = [];
  if ((a.contentType ?? '') !== (b.contentType ?? '')) out.push('contentType');
  if (!sameTags(a.tags, b.tags)) out.push('tags');
  if (a.enabled !== b.enabled) out.push('enabled');
  if (a.expiresOn?.getTime() !== b.expiresOn?.getTime()) out.push('expiresOn');
  return out;
}

/** One row per name of either vault, sorted by name (case-insensitively). */
export function compareVaults(left: readonly ComparedSecret[], right: readonly ComparedSecret[]): CompareRow[] {
  const rights = new Map(right.map((s) => [key(s.name), s]));
  const rows: CompareRow[] = [];
  const seen = new Set<string>();
  for (const l of left) {
    const k = key(l.name);
    if (seen.has(k)) continue;
    seen.add(k);
    const r = rights.get(k);
    if (r === undefined) {
      rows.push({ name: l.name, state: 'onlyLeft', differences: [], left: sideView(l) });
      continue;
    }
    const differences = metadataDifferences(l, r);
    rows.push({
      name: l.name,
      state: differences.length > 0 ? 'different' : 'same',
      differences,
      left: sideView(l),
      right: sideView(r),
    });
  }
  for (const r of right) {
    const k = key(r.name);
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push({ name: r.name, state: 'onlyRight', differences: [], right: sideView(r) });
  }
  return rows.sort((a, b) => key(a.name).localeCompare(key(b.name)) || a.name.localeCompare(b.name));
}

/** The names whose current values a value comparison reads (in both vaults). */
export function namesInBoth(rows: readonly CompareRow[]): string[] {
  return rows.filter((r) => r.left !== undefined && r.right !== undefined).map((r) => r.name);
}

/** The rows with the value verdicts the host found (by name, case-insensitively); other rows unchanged. */
export function withValueVerdicts(
  rows: readonly CompareRow[],
  verdicts: ReadonlyMap<string, ValueVerdict>,
): CompareRow[] {
  const byKey = new Map([...verdicts].map(([n, v]) => [key(n), v]));
  return rows.map((r) => {
    const v = byKey.get(key(r.name));
    return v === undefined ? r : { ...r, value: v };
  });
}

/** Whether a row shows a difference: its metadata, or its values once compared. */
export function rowDiffers(row: CompareRow): boolean {
  return row.state === 'different' || row.value === 'different';
}

export type RowFilterKind = 'all' | 'onlyLeft' | 'onlyRight' | 'different' | 'same';
export const ROW_FILTER_KINDS: readonly RowFilterKind[] = ['all', 'onlyLeft', 'onlyRight', 'different', 'same'];

export interface RowFilter {
  readonly kind: RowFilterKind;
  /** Matched case-insensitively against the name, the content types and the tags (keys and values). */
  readonly text: string;
}

function rowText(row: CompareRow): string {
  const parts = [row.name];
  for (const side of [row.left, row.right]) {
    if (side === undefined) continue;
    if (side.contentType !== undefined) parts.push(side.contentType);
    for (const [k, v] of Object.entries(side.tags)) parts.push(k, v);
  }
  return parts.join('\n').toLowerCase();
}

export function rowMatches(row: CompareRow, filter: RowFilter): boolean {
  const differs = rowDiffers(row);
  const inBoth = row.left !== undefined && row.right !== undefined;
  switch (filter.kind) {
    case 'onlyLeft':
    case 'onlyRight':
      if (row.state !== filter.kind) return false;
      break;
    case 'different':
      if (!differs) return false;
      break;
    case 'same':
      if (!inBoth || differs) return false;
      break;
    case 'all':
      break;
  }
  const text = filter.text.trim().toLowerCase();
  return text === '' || rowText(row).includes(text);
}

/** Counts for the report's filter buttons. */
export function rowCounts(rows: readonly CompareRow[]): Readonly<Record<RowFilterKind, number>> {
  const count = (kind: RowFilterKind): number => rows.filter((r) => rowMatches(r, { kind, text: '' })).length;
  return {
    all: rows.length,
    onlyLeft: count('onlyLeft'),
    onlyRight: count('onlyRight'),
    different: count('different'),
    same: count('same'),
  };
}
