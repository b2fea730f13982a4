// The messages between the host and the Compare Vaults report webview. The report is read-only: no secret value
// ever travels either way (the value comparison sends only a verdict per name). Everything the webview posts is
// validated by `parseCompareMessage` before the host uses it. Every report the host posts brings the page's words
// (compareStrings(), translated on the host).

import { isRecord, onlyKeys, type Parsed } from '../messages';
import { isSecretName } from '../validation';
import type { CompareRow } from './compareVaults';
import type { CompareStrings } from './transferStrings';

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
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'compareValues' }
  | { readonly type: 'open'; readonly side: CompareSide; readonly name: string }
  | { readonly type: 'copy'; readonly from: CompareSide; readonly name: string };

const isSide = (x: unknown): x is CompareSide => x === 'left' || x === 'right';

export function parseCompareMessage(x: unknown): Parsed<CompareToHost> {
  if (!isRecord(x)) return { ok: false, reason: 'a message must be an object' };
  switch (x.type) {
    case 'ready':
    case 'refresh':
    case 'compareValues': {
      const extra = onlyKeys(x, ['type']);
      return extra === undefined ? { ok: true, message: { type: x.type } } : { ok: false, reason: extra };
    }
    case 'open': {
      const extra = onlyKeys(x, ['type', 'side', 'name']);
      if (extra !== undefined) return { ok: false, reason: extra };
      if (!isSide(x.side)) return { ok: false, reason: 'side must be left or right' };
      if (!isSecretName(x.name)) return { ok: false, reason: 'name must be a secret name' };
      return { ok: true, message: { type: 'open', side: x.side, name: x.name } };
    }
    case 'copy': {
      const extra = onlyKeys(x, ['type', 'from', 'name']);
      if (extra !== undefined) return { ok: false, reason: extra };
      if (!isSide(x.from)) return { ok: false, reason: 'from must be left or right' };
      if (!isSecretName(x.name)) return { ok: false, reason: 'name must be a secret name' };
      return { ok: true, message: { type: 'copy', from: x.from, name: x.name } };
    }
    default:
      return { ok: false, reason: 'unknown message type' };
  }
}

/** The front end's guard for what the host posts. */
export function isHostToCompare(x: unknown): x is HostToCompare {
  return (
    isRecord(x) && x.type === 'report' && Array.isArray(x.rows) && typeof x.loading === 'boolean' && isRecord(x.strings)
  );
}
