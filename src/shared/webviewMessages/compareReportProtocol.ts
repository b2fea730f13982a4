// The messages between the host and the Compare Vaults report webview. The report is read-only: no secret value
// ever travels either way (the value comparison sends only a verdict per name). Everything the webview posts is
// validated by `parseCompareMessage` before the host uses it. Every report the host posts brings the page's words
// (compareStrings(), translated on the host).

import type { CompareRow } from '../transfer/compareVaults';
import type { CompareStrings } from '../transfer/transferStrings';
import { isSecretName } from '../validation';
import { isRecord, parseWebviewMessage, type MessageRules, type Parsed, type ReadyMessage } from './validate';

export type CompareSide = 'left' | 'right';

export interface CompareReportState {
  readonly type: 'report';
  readonly loading: boolean;
  readonly left: { readonly name: string; readonly url: string };
  readonly right: { readonly name: string; readonly url: string };
  readonly rows: readonly CompareRow[];
  /** The current values were compared for this report (a verdict is on each row in both vaults). */
  readonly valuesCompared: boolean;
  /** A value comparison is under way. */
  readonly comparingValues: boolean;
  /** A failure to show, in plain words. */
  readonly error?: string;
}

export type HostToCompare = CompareReportState & { readonly strings: CompareStrings };

export type CompareToHost =
  | ReadyMessage
  | { readonly type: 'refresh' }
  | { readonly type: 'compareValues' }
  | { readonly type: 'open'; readonly side: CompareSide; readonly name: string }
  | { readonly type: 'copy'; readonly from: CompareSide; readonly name: string };

const isSide = (x: unknown): x is CompareSide => x === 'left' || x === 'right';

const COMPARE_RULES: MessageRules<CompareToHost> = {
  ready: {},
  refresh: {},
  compareValues: {},
  open: {
    keys: ['side', 'name'],
    read: (x) => {
      if (!isSide(x.side)) return 'side must be left or right';
      if (!isSecretName(x.name)) return 'name must be a secret name';
      return { type: 'open', side: x.side, name: x.name };
    },
  },
  copy: {
    keys: ['from', 'name'],
    read: (x) => {
      if (!isSide(x.from)) return 'from must be left or right';
      if (!isSecretName(x.name)) return 'name must be a secret name';
      return { type: 'copy', from: x.from, name: x.name };
    },
  },
};

/** Validates anything the report posted. */
export function parseCompareMessage(x: unknown): Parsed<CompareToHost> {
  return parseWebviewMessage(x, COMPARE_RULES);
}

/** The front end's guard for what the host posts. */
export function isHostToCompare(x: unknown): x is HostToCompare {
  return (
    isRecord(x) && x.type === 'report' && Array.isArray(x.rows) && typeof x.loading === 'boolean' && isRecord(x.strings)
  );
}
