// The messages between the host and the import preview webview. Host -> webview: names, outcomes, reasons and
// results, never a value, and the page's words (importStrings(), translated here). Webview -> host: validated by
// parseImportMessage before anything is used.

import { isRecord, onlyKeys, type Parsed } from '../messages';
import { CONFLICT_CHOICES, type ConflictChoice, type PlanRow, type ResultRow } from './importPlan';
import type { ImportStrings } from './transferStrings';

export interface ImportPlanMessage {
  readonly type: 'plan';
  readonly vaultName: string;
  readonly fileName: string;
  /** The mapping rule, in words. */
  readonly rule: string;
  /** Problems of the file itself (lines that are not entries), safe to show. */
  readonly fileProblems: readonly string[];
  readonly rows: readonly PlanRow[];
  /** Checking the vault (listing, reading to compare) is under way. */
  readonly busy: boolean;
  readonly strings: ImportStrings;
}

export interface ImportProgressMessage {
  readonly type: 'progress';
  readonly done: number;
  readonly total: number;
  readonly current?: string;
}

export interface ImportResultMessage {
  readonly type: 'result';
  readonly rows: readonly ResultRow[];
  readonly summary: string;
  /** The run was stopped before every entry was attempted. */
  readonly cancelled: boolean;
  readonly strings: ImportStrings;
}

export type HostToImport = ImportPlanMessage | ImportProgressMessage | ImportResultMessage;

export type ImportToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'rename'; readonly index: number; readonly target: string }
  | { readonly type: 'choose'; readonly index: number; readonly choice: ConflictChoice }
  | { readonly type: 'apply' }
  | { readonly type: 'stop' }
  | { readonly type: 'close' };

const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x < 100_000;

/** Validates anything the import preview posted; the host still checks an index against its rows. */
export function parseImportMessage(x: unknown): Parsed<ImportToHost> {
  if (!isRecord(x)) return { ok: false, reason: 'a message must be an object' };
  const type = x.type;
  const keys =
    type === 'rename' ? ['type', 'index', 'target'] : type === 'choose' ? ['type', 'index', 'choice'] : ['type'];
  const extra = onlyKeys(x, keys);
  if (extra !== undefined) return { ok: false, reason: extra };
  switch (type) {
    case 'ready':
    case 'apply':
    case 'stop':
    case 'close':
      return { ok: true, message: { type } };
    case 'rename':
      if (!isIndex(x.index)) return { ok: false, reason: 'index must be an entry number' };
      if (typeof x.target !== 'string' || x.target.length > 256)
        return { ok: false, reason: 'target must be a short string' };
      return { ok: true, message: { type, index: x.index, target: x.target } };
    case 'choose':
      if (!isIndex(x.index)) return { ok: false, reason: 'index must be an entry number' };
      if (!(CONFLICT_CHOICES as readonly unknown[]).includes(x.choice)) return { ok: false, reason: 'unknown choice' };
      return { ok: true, message: { type, index: x.index, choice: x.choice as ConflictChoice } };
    default:
      return { ok: false, reason: 'unknown message type' };
  }
}

/** The webview's guard on what the host sent (a plan or a result brings the page's words). */
export function isHostToImport(x: unknown): x is HostToImport {
  if (!isRecord(x)) return false;
  if (x.type === 'plan') return Array.isArray(x.rows) && typeof x.vaultName === 'string' && isRecord(x.strings);
  if (x.type === 'progress') return typeof x.done === 'number' && typeof x.total === 'number';
  if (x.type === 'result') return Array.isArray(x.rows) && typeof x.summary === 'string' && isRecord(x.strings);
  return false;
}
