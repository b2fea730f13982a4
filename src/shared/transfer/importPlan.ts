// What an import will do, entry by entry, decided before anything is sent: the target name (mapped by the
// visible rule, editable), and the outcome against the vault's state. Values are compared here and never leave
// the host: the rows carry names, outcomes and reasons only.

import { t } from '../l10n';
import { validateSecretName, validateSecretValue, type SecretFieldsInput } from '../validation';
import { secretNameKey } from './nameMapping';

/**
 * created: no such secret; newVersion: the current value differs (or could not be read to compare);
 * unchanged: same value, nothing is sent; conflict: the name is deleted but recoverable (recover, purge or skip);
 * refused: the entry cannot be imported as it is (name, size, duplicate, certificate-backed).
 */
export type ImportOutcome = 'created' | 'newVersion' | 'unchanged' | 'conflict' | 'refused';
export type ConflictChoice = 'recover' | 'purge' | 'skip';
export const CONFLICT_CHOICES: readonly ConflictChoice[] = ['skip', 'recover', 'purge'];

export interface PlanEntry {
  readonly key: string;
  readonly target: string;
  /** Host only. */
  readonly value: string;
  /** A CSV/TSV row's properties: sent with the value, in place of the ones a new version would keep. */
  readonly fields?: Omit<SecretFieldsInput, 'value'>;
  /** Why the row is refused before any check of the vault (a CSV/TSV row breaking a rule, with its line). */
  readonly refusal?: string;
}

/** The vault as listed once: names are keyed by secretNameKey (Key Vault names are case-insensitive). */
export interface VaultState {
  readonly existing: ReadonlyMap<string, { readonly managed: boolean }>;
  readonly deleted: ReadonlySet<string>;
  /** Current values of existing names, read once each; undefined = could not be read (disabled, forbidden). */
  readonly currentValues: ReadonlyMap<string, string | undefined>;
  /** The current version's properties of each name whose value was read (a CSV/TSV row compares them too). */
  readonly currentFields?: ReadonlyMap<string, Omit<SecretFieldsInput, 'value'>>;
}

type Fields = Omit<SecretFieldsInput, 'value'>;

const sameTags = (a: Readonly<Record<string, string>> = {}, b: Readonly<Record<string, string>> = {}): boolean => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
};

/** The properties a row names that differ from the current version's (an empty list when they are all the same). */
export function changedFields(fields: Fields, current: Fields): string[] {
  const changed: string[] = [];
  if (fields.contentType !== undefined && fields.contentType !== (current.contentType ?? ''))
    changed.push('contentType');
  if (fields.tags !== undefined && !sameTags(fields.tags, current.tags)) changed.push('tags');
  if (fields.notBefore !== undefined && fields.notBefore.getTime() !== current.notBefore?.getTime())
    changed.push('notBefore');
  if (fields.expiresOn !== undefined && fields.expiresOn.getTime() !== current.expiresOn?.getTime())
    changed.push('expires');
  if (fields.enabled !== undefined && fields.enabled !== (current.enabled ?? true)) changed.push('enabled');
  return changed;
}

export interface PlanRow {
  readonly index: number;
  readonly key: string;
  readonly target: string;
  readonly outcome: ImportOutcome;
  /** Why refused, or a note (e.g. the current value could not be read to compare). */
  readonly reason?: string;
  /** For conflicts: what the user chose (default skip). */
  readonly choice?: ConflictChoice;
}

/** Refusals that need no vault: the name rule, the size rule, and two entries mapping to one name. */
export function refusals(entries: readonly Omit<PlanEntry, 'key'>[]): Array<string | undefined> {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(secretNameKey(e.target), (counts.get(secretNameKey(e.target)) ?? 0) + 1);
  return entries.map((e) => {
    if (e.refusal !== undefined) return e.refusal;
    const name = validateSecretName(e.target);
    if (name !== undefined) return name;
    const size = validateSecretValue(e.value);
    if (size !== undefined) return size;
    if ((counts.get(secretNameKey(e.target)) ?? 0) > 1)
      return t('Another entry maps to the secret name "{0}" too (names are not case-sensitive).', e.target);
    return undefined;
  });
}

/** The names that need one GetSecret to classify: existing, not refused. */
export function namesToRead(
  entries: readonly Omit<PlanEntry, 'key'>[],
  existing: ReadonlyMap<string, unknown>,
): string[] {
  const refused = refusals(entries);
  return entries
    .filter((e, i) => refused[i] === undefined && existing.has(secretNameKey(e.target)))
    .map((e) => e.target);
}

/** One row per entry, in file order. `choices`: the user's conflict choices by entry index. */
export function planImport(
  entries: readonly PlanEntry[],
  state: VaultState,
  choices: ReadonlyMap<number, ConflictChoice> = new Map(),
): PlanRow[] {
  const refused = refusals(entries);
  return entries.map((e, index) => {
    const base = { index, key: e.key, target: e.target };
    const why = refused[index];
    if (why !== undefined) return { ...base, outcome: 'refused', reason: why };
    const k = secretNameKey(e.target);
    const existing = state.existing.get(k);
    if (existing !== undefined) {
      if (existing.managed)
        return {
          ...base,
          outcome: 'refused',
          reason: t('"{0}" is certificate-backed: its value changes only through its certificate.', e.target),
        };
      if (!state.currentValues.has(k) || state.currentValues.get(k) === undefined)
        return {
          ...base,
          outcome: 'newVersion',
          reason: t('The current value could not be read to compare (disabled or not permitted).'),
        };
      if (state.currentValues.get(k) !== e.value) return { ...base, outcome: 'newVersion' };
      // The same value: a CSV/TSV row whose properties differ still needs a new version to carry them.
      const current = state.currentFields?.get(k);
      const changed = e.fields !== undefined && current !== undefined ? changedFields(e.fields, current) : [];
      if (changed.length === 0) return { ...base, outcome: 'unchanged' };
      return {
        ...base,
        outcome: 'newVersion',
        reason: t('The value is the same; {0} differ: a new version carries them.', changed.join(', ')),
      };
    }
    if (state.deleted.has(k)) return { ...base, outcome: 'conflict', choice: choices.get(index) ?? 'skip' };
    return { ...base, outcome: 'created' };
  });
}

/** Whether applying a row sends anything. */
export function writes(row: PlanRow): boolean {
  return (
    row.outcome === 'created' ||
    row.outcome === 'newVersion' ||
    (row.outcome === 'conflict' && row.choice !== undefined && row.choice !== 'skip')
  );
}

/** How a row ended when the import ran. */
export type ResultKind =
  | 'created'
  | 'newVersion'
  | 'recovered'
  | 'purgedAndCreated'
  | 'unchanged'
  | 'skipped'
  | 'refused'
  | 'failed'
  /** Sent, but the answer was lost (twice): it may or may not be in the vault. Counted apart. */
  | 'unconfirmed'
  | 'notRun';

export interface ResultRow {
  readonly index: number;
  readonly key: string;
  readonly target: string;
  readonly result: ResultKind;
  /** Failure or unconfirmed text (service words, never a value). */
  readonly message?: string;
}

/** What a row that sends nothing ends as. */
export function resultWithoutWrite(row: PlanRow): ResultKind {
  if (row.outcome === 'unchanged') return 'unchanged';
  if (row.outcome === 'refused') return 'refused';
  return 'skipped';
}

/** Whether a result means a value was written to the vault. */
export function wasWritten(kind: ResultKind): boolean {
  return kind === 'created' || kind === 'newVersion' || kind === 'recovered' || kind === 'purgedAndCreated';
}

/** The closing line: what was written and what was not, in counts (the per-entry list is in the panel). */
export function resultSummary(rows: readonly ResultRow[]): string {
  const written = rows.filter((r) => wasWritten(r.result)).length;
  const failed = rows.filter((r) => r.result === 'failed').length;
  const notRun = rows.filter((r) => r.result === 'notRun').length;
  const unconfirmed = rows.filter((r) => r.result === 'unconfirmed').length;
  const parts = [
    unconfirmed > 0
      ? t('{0} of {1} entries written, {2} unconfirmed: check them in the vault.', written, rows.length, unconfirmed)
      : t('{0} of {1} entries written.', written, rows.length),
  ];
  if (failed > 0) parts.push(t('{0} failed.', failed));
  if (notRun > 0) parts.push(t('Cancelled: {0} not attempted.', notRun));
  return parts.join(' ');
}
