// The messages between the host and the import preview webview. Host -> webview: names, outcomes, reasons and
// results, never a value, and the page's words (importStrings(), translated here). Webview -> host: validated by
// parseImportMessage before anything is used.

import { CONFLICT_CHOICES, type ConflictChoice, type PlanRow, type ResultRow } from '../transfer/importPlan';
import type { ImportStrings } from '../transfer/transferStrings';
import { isRecord, parseWebviewMessage, type MessageRules, type Parsed, type ReadyMessage } from './validate';

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
  | ReadyMessage
  | { readonly type: 'rename'; readonly index: number; readonly target: string }
  | { readonly type: 'choose'; readonly index: number; readonly choice: ConflictChoice }
  | { readonly type: 'apply' }
  | { readonly type: 'stop' }
  | { readonly type: 'close' };

const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x < 100_000;

const IMPORT_RULES: MessageRules<ImportToHost> = {
  ready: {},
  apply: {},
  stop: {},
  close: {},
  rename: {
    keys: ['index', 'target'],
    read: (x) => {
      if (!isIndex(x.index)) return 'index must be an entry number';
      if (typeof x.target !== 'string' || x.target.length > 256) return 'target must be a short string';
      return { type: 'rename', index: x.index, target: x.target };
    },
  },
  choose: {
    keys: ['index', 'choice'],
    read: (x) => {
      if (!isIndex(x.index)) return 'index must be an entry number';
      if (!(CONFLICT_CHOICES as readonly unknown[]).includes(x.choice)) return 'unknown choice';
      return { type: 'choose', index: x.index, choice: x.choice as ConflictChoice };
    },
  },
};

/** Validates anything the import preview posted; the host still checks an index against its rows. */
export function parseImportMessage(x: unknown): Parsed<ImportToHost> {
  return parseWebviewMessage(x, IMPORT_RULES);
}

/** The webview's guard on what the host sent (a plan or a result brings the page's words). */
export function isHostToImport(x: unknown): x is HostToImport {
  if (!isRecord(x)) return false;
  if (x.type === 'plan') return Array.isArray(x.rows) && typeof x.vaultName === 'string' && isRecord(x.strings);
  if (x.type === 'progress') return typeof x.done === 'number' && typeof x.total === 'number';
  if (x.type === 'result') return Array.isArray(x.rows) && typeof x.summary === 'string' && isRecord(x.strings);
  return false;
}
