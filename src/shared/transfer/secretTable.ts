// CSV and TSV files of secrets for import and export: a header naming the columns, then one secret a row.
//   name,value,contentType,tags,notBefore,expires,enabled
// name and value are required, the others optional (in any order, names not case-sensitive). tags is a JSON object
// of text values ({"env":"prod"}: any tag text survives, no escaping rule of our own); notBefore and expires are
// ISO 8601 date-times (2026-12-31T23:59:00Z); enabled is true or false; an empty cell means "not set". Each row is
// checked by the service's rules (src/shared/validation.ts) before anything is sent: a row that breaks one is
// refused in the preview with its line and why; a row that cannot be read as a row is a problem with its line.
// Untrusted text: the record layer (delimited.ts) is one pass; every cell read here is bounded.

import { t } from '../l10n';
import {
  parseIsoDateTime,
  validateContentType,
  validateDates,
  validateTags,
  type SecretFieldsInput,
} from '../validation';
import { eachRecord, writeRecords, type Delimiter } from './delimited';
import {
  MAX_TRANSFER_ENTRIES,
  MAX_TRANSFER_FILE_BYTES,
  MAX_TRANSFER_PROBLEMS,
  shownKey,
  type FileEntry,
  type FileProblem,
} from './dotenv';

export const TABLE_COLUMNS = ['name', 'value', 'contentType', 'tags', 'notBefore', 'expires', 'enabled'] as const;
export type TableColumn = (typeof TABLE_COLUMNS)[number];

/** The properties a row sets besides its value (only the columns the file has). */
export type RowFields = Omit<SecretFieldsInput, 'value'>;

export interface TableEntry extends FileEntry {
  readonly fields: RowFields;
  /** Why the row cannot be imported as it is ("Line 4: …"), shown in the preview; never quotes the value. */
  readonly refusal?: string;
}

/** Whether a parsed entry is a CSV/TSV row (it carries properties, and maybe a refusal). */
export function isTableEntry(entry: FileEntry): entry is TableEntry {
  return 'fields' in entry;
}

export interface ParsedTable {
  readonly entries: readonly TableEntry[];
  readonly problems: readonly FileProblem[];
}

/** A tags cell longer than this cannot hold 15 tags of 256 + 256 characters: refused unread. */
export const MAX_TAGS_CELL = 16 * 1024;

/** Which table a file's name says: `.csv` → comma, `.tsv` or `.tab` → tab; undefined for any other name. */
export function tableDelimiterOf(path: string): Delimiter | undefined {
  if (/\.csv$/i.test(path)) return ',';
  if (/\.(tsv|tab)$/i.test(path)) return '\t';
  return undefined;
}

/** Whether a bracket outside strings follows the first: tags nest nothing (JSON.parse would build every level). */
function nests(cell: string): boolean {
  let opened = 0;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < cell.length && cell.charCodeAt(i) !== 0x22; i++) if (cell.charCodeAt(i) === 0x5c) i++;
    } else if ((c === 0x7b || c === 0x5b) && ++opened > 1) return true;
  }
  return false;
}

function readTags(cell: string): Record<string, string> | string {
  const refusal = t('tags must be a JSON object of text values, such as {"env":"prod"}.');
  if (cell.length > MAX_TAGS_CELL || nests(cell)) return refusal;
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return refusal;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refusal;
  // JSON.parse defines every member as an own property (`__proto__` too); fromEntries keeps them as data.
  const members = Object.entries(parsed as Record<string, unknown>);
  if (members.some(([, v]) => typeof v !== 'string')) return refusal;
  return Object.fromEntries(members) as Record<string, string>;
}

/** A row's properties, or why they break a rule (the first broken, as the service would answer). */
function readFields(cell: (c: TableColumn) => string | undefined): RowFields | string {
  const fields: { -readonly [K in keyof RowFields]: RowFields[K] } = {};
  const contentType = cell('contentType');
  if (contentType !== undefined && contentType !== '') {
    const bad = validateContentType(contentType);
    if (bad !== undefined) return bad;
    fields.contentType = contentType;
  }
  const tags = cell('tags');
  if (tags !== undefined && tags.trim() !== '') {
    const read = readTags(tags);
    if (typeof read === 'string') return read;
    const bad = validateTags(read);
    if (bad !== undefined) return bad;
    fields.tags = read;
  }
  for (const [column, key] of [
    ['notBefore', 'notBefore'],
    ['expires', 'expiresOn'],
  ] as const) {
    const text = cell(column);
    if (text === undefined || text.trim() === '') continue;
    const date = parseIsoDateTime(text);
    if (date === undefined) return t('{0} is not an ISO 8601 date-time such as 2026-12-31T23:59:00Z.', column);
    fields[key] = date;
  }
  const dates = validateDates(fields.notBefore, fields.expiresOn);
  if (dates.expiresOn !== undefined) return dates.expiresOn;
  const enabled = cell('enabled')?.trim().toLowerCase();
  if (enabled === 'true' || enabled === 'false') fields.enabled = enabled === 'true';
  else if (enabled !== undefined && enabled !== '') return t('enabled must be true or false.');
  return fields;
}

/**
 * Parses a CSV or TSV file of secrets. Rows become entries (key = the secret name as written, no mapping); a row
 * whose properties break a rule is an entry with its refusal; a header without name and value, a quoted field
 * never closed, or a row of the wrong width are problems with their line. At most MAX_TRANSFER_ENTRIES rows.
 */
function readTable(text: string, delimiter: Delimiter): ParsedTable {
  const entries: TableEntry[] = [];
  const problems: FileProblem[] = [];
  if (text.length > MAX_TRANSFER_FILE_BYTES)
    return { entries, problems: [{ line: 0, message: t('The file is larger than 1 MB.') }] };
  let columns: Array<TableColumn | undefined> | undefined;
  let width = 0;
  let index = new Map<TableColumn, number>();
  const refuse = (line: number, message: string): boolean => {
    problems.push({ line, message });
    if (problems.length < MAX_TRANSFER_PROBLEMS) return true;
    problems.push({
      line,
      message: t('More than {0} problems: the rest of the file is not read.', MAX_TRANSFER_PROBLEMS),
    });
    return false;
  };
  const stopped = eachRecord(text, delimiter, (record) => {
    if (columns === undefined) {
      const known = new Map(TABLE_COLUMNS.map((c) => [c.toLowerCase(), c]));
      columns = record.fields.map((f) => known.get(f.trim().toLowerCase()));
      width = record.count;
      const missing = (['name', 'value'] as const).filter((c) => !columns?.includes(c));
      if (missing.length > 0 || record.count > record.fields.length) {
        problems.push({
          line: record.line,
          message: t(
            'Line {0}: the first row must name the columns: name and value, and any of contentType, tags, notBefore, expires, enabled.',
            record.line,
          ),
        });
        return false;
      }
      const seen = new Set<TableColumn>();
      for (const [i, c] of columns.entries()) {
        if (c === undefined)
          problems.push({
            line: record.line,
            message: t('Column {0} {1} is not a known column: it is not imported.', i + 1, shownKey(record.fields[i])),
          });
        else if (seen.has(c)) {
          problems.push({ line: record.line, message: t('Line {0}: the column {1} is named twice.', record.line, c) });
          return false;
        } else seen.add(c);
      }
      index = new Map(columns.flatMap((c, i) => (c === undefined ? [] : [[c, i] as const])));
      return true;
    }
    if (record.count !== width)
      return refuse(
        record.line,
        t('Line {0} has {1} fields; the header has {2}: the row is not imported.', record.line, record.count, width),
      );
    if (entries.length >= MAX_TRANSFER_ENTRIES) {
      problems.push({
        line: record.line,
        message: t('More than {0} entries: the rest of the file is not read.', MAX_TRANSFER_ENTRIES),
      });
      return false;
    }
    const cell = (c: TableColumn): string | undefined => {
      const i = index.get(c);
      return i === undefined ? undefined : record.fields[i];
    };
    const fields = readFields(cell);
    const base = { key: cell('name') ?? '', value: cell('value') ?? '', line: record.line };
    entries.push(
      typeof fields === 'string'
        ? { ...base, fields: {}, refusal: t('Line {0}: {1}', record.line, fields) }
        : { ...base, fields },
    );
    return true;
  });
  problems.push(...stopped.map((p) => ({ line: p.line, message: p.message })));
  if (columns === undefined && stopped.length === 0)
    problems.push({ line: 0, message: t('The file is empty: the first row must name the columns.') });
  return { entries, problems };
}

/** A CSV file of secrets (comma-separated, RFC 4180 quoting); see readTable. */
export function parseCsv(text: string): ParsedTable {
  return readTable(text, ',');
}

/** A TSV file of secrets (tab-separated, the same quoting). */
export function parseTsv(text: string): ParsedTable {
  return readTable(text, '\t');
}

/** One secret as exported: its value and the properties of its current version. */
export interface TableRow {
  readonly name: string;
  readonly value: string;
  readonly contentType?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly notBefore?: Date;
  readonly expiresOn?: Date;
  readonly enabled: boolean;
}

function cellsOf(r: TableRow): string[] {
  return [
    r.name,
    r.value,
    r.contentType ?? '',
    Object.keys(r.tags).length > 0 ? JSON.stringify(r.tags) : '',
    r.notBefore?.toISOString() ?? '',
    r.expiresOn?.toISOString() ?? '',
    String(r.enabled),
  ];
}

/** The file: a byte-order mark (spreadsheets then read UTF-8), the header, one row per secret; every cell exact. */
export function serializeSecretTable(rows: readonly TableRow[], delimiter: Delimiter): string {
  return `\uFEFF${writeRecords([[...TABLE_COLUMNS], ...rows.map(cellsOf)], delimiter)}`;
}

/** A cell a spreadsheet would run as a formula (or read as one): it starts with =, +, -, @, a tab or a CR. */
export function isFormulaLike(cell: string): boolean {
  return /^[=+\-@\t\r]/.test(cell);
}

/** The names of the rows that have a formula-like cell (the export says so; the cells are written exactly). */
export function formulaLikeRows(rows: readonly TableRow[]): string[] {
  return rows.filter((r) => cellsOf(r).some(isFormulaLike)).map((r) => r.name);
}
