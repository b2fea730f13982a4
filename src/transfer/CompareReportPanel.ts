// Compare Vaults: the read-only report panel, one per pair of vaults. It lists both vaults (metadata only) and
// shows one row per name; the current values are compared only when the user asks, per report: both values of a
// name are read, compared here and dropped at once; only the verdict (same / different / unreadable) goes to the
// webview. From a row the user opens either secret (the details command) or copies it across (Copy to Vault).

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { t } from '../shared/l10n';
import {
  parseCompareMessage,
  type CompareReportState,
  type CompareToHost,
  type CompareSide,
  type HostToCompare,
} from '../shared/webviewMessages/compareReportProtocol';
import {
  compareVaults,
  namesInBoth,
  withValueVerdicts,
  type CompareRow,
  type ValueVerdict,
} from '../shared/transfer/compareVaults';
import { eachLimited } from '../shared/concurrency';
import { compareStrings } from '../shared/transfer/transferStrings';
import { runAction, isCancellation } from '../ui/ErrorBoundary';
import { logWarn } from '../ui/log';
import { withProgress } from '../ui/progress';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultClient, VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { listAll } from '../vault/listing';
import { PanelKind, WebviewPanelBase } from '../webviews/WebviewPanelBase';
import { copySecretsToVault } from './copySecrets';
import { vaultDirectory } from '../vault/VaultDirectory';

export const COMPARE_VIEW_TYPE = 'keyVaultSecrets.compareVaults';
/** Value reads in flight at once (two per name). */
const VALUE_CONCURRENCY = 4;

/** A failure reading one value: the verdict says "unreadable" (disabled, no permission, gone since the listing). */
function unreadable(e: unknown): boolean {
  return isKeyVaultFailure(e) && ['disabled', 'forbidden', 'notFound'].includes(e.kind);
}

async function sameValue(a: VaultClient, b: VaultClient, name: string, signal: AbortSignal): Promise<ValueVerdict> {
  try {
    const [x, y] = await Promise.all([
      a.getValue(name, undefined, { signal }),
      b.getValue(name, undefined, { signal }),
    ]);
    return x.value === y.value ? 'same' : 'different';
  } catch (e) {
    if (unreadable(e)) return 'unreadable';
    throw e;
  }
}

const kind = new PanelKind<CompareReportPanel>();

export class CompareReportPanel extends WebviewPanelBase<CompareToHost, HostToCompare> {
  private loadSeq = 0;
  private state: CompareReportState;
  /** The last load finished (tests wait on it). */
  loaded: Promise<void> = Promise.resolve();

  static all(): readonly CompareReportPanel[] {
    return kind.all();
  }

  static show(left: VaultRef, right: VaultRef): CompareReportPanel {
    return kind.show(
      `${left.key}\n${right.key}`,
      () => new CompareReportPanel(left, right),
      (existing) => existing.reload(),
    );
  }

  private constructor(
    readonly left: VaultRef,
    readonly right: VaultRef,
  ) {
    super({
      viewType: COMPARE_VIEW_TYPE,
      entry: 'compareReport',
      title: t('{0} ↔ {1}', left.name, right.name),
      logName: 'Compare vaults',
      parse: parseCompareMessage,
    });
    this.state = {
      type: 'report',
      loading: true,
      left: { name: left.name, url: left.url },
      right: { name: right.name, url: right.url },
      rows: [],
      valuesCompared: false,
      comparingValues: false,
    };
    this.reload();
  }

  /** The rows shown now (tests). */
  get rows(): readonly CompareRow[] {
    return this.state.rows;
  }

  /** Lists both vaults again. A value comparison is not repeated: the user asks again for the new report. */
  reload(): void {
    const seq = ++this.loadSeq;
    this.update({ loading: true, valuesCompared: false });
    this.loaded = runAction('Compare vaults', async () => {
      try {
        const [l, r] = await Promise.all(
          [this.left, this.right].map((v) => {
            const client = vaultDirectory().clientFor(v);
            return listAll((token) => client.listSecrets(token));
          }),
        );
        if (seq !== this.loadSeq) return;
        this.update({ loading: false, rows: compareVaults(l, r), error: undefined });
      } catch (e) {
        if (seq !== this.loadSeq) return;
        if (isCancellation(e)) throw e;
        logWarn(`Compare vaults ${this.left.name} and ${this.right.name}: ${userMessage(e)}`);
        this.update({ loading: false, error: userMessage(e) });
      }
    }).then(() => undefined);
  }

  /** The user asked: reads both current values of every name in both vaults, compares, keeps only the verdicts. */
  async compareValues(): Promise<void> {
    const names = namesInBoth(this.state.rows);
    if (names.length === 0) return;
    const seq = this.loadSeq;
    const a = vaultDirectory().clientFor(this.left);
    const b = vaultDirectory().clientFor(this.right);
    this.update({ comparingValues: true });
    try {
      const verdicts = await withProgress(
        t('Comparing the values of {0} secrets in {1} and {2}…', names.length, this.left.name, this.right.name),
        async (signal, step) => {
          const found = new Map<string, ValueVerdict>();
          await eachLimited(names, VALUE_CONCURRENCY, async (name) => {
            if (signal.aborted) return;
            found.set(name, await sameValue(a, b, name, signal));
            step(t('{0} of {1}', found.size, names.length));
          });
          return found;
        },
      );
      if (seq === this.loadSeq)
        this.update({ rows: withValueVerdicts(this.state.rows, verdicts), valuesCompared: true });
    } finally {
      this.update({ comparingValues: false });
    }
  }

  protected async dispatch(msg: CompareToHost): Promise<boolean> {
    switch (msg.type) {
      case 'ready':
        this.postReport();
        return true;
      case 'refresh':
        this.reload();
        await this.loaded;
        return true;
      case 'compareValues':
        await this.compareValues();
        return true;
      case 'open': {
        const row = this.rowOf(msg.name, msg.side);
        await vscode.commands.executeCommand(COMMANDS.showDetails, {
          kind: 'secret',
          vault: this.vaultOf(msg.side),
          name: row.name,
        });
        return true;
      }
      case 'copy': {
        const row = this.rowOf(msg.name, msg.from);
        const to: CompareSide = msg.from === 'left' ? 'right' : 'left';
        await copySecretsToVault(this.vaultOf(msg.from), [row.name], this.vaultOf(to));
        this.reload();
        await this.loaded;
        return true;
      }
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  private vaultOf(side: CompareSide): VaultRef {
    return side === 'left' ? this.left : this.right;
  }

  /** The row of a name the webview named, on that side: anything else is refused (the webview is untrusted). */
  private rowOf(name: string, side: CompareSide): { name: string } {
    const row = this.state.rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
    const present = side === 'left' ? row?.left : row?.right;
    if (present === undefined)
      throw new Error(t('"{0}" is not in vault {1} in this report.', name, this.vaultOf(side).name));
    return { name: present.name };
  }

  private update(change: Partial<Omit<CompareReportState, 'type'>>): void {
    const next = { ...this.state, ...change };
    if (change.error === undefined && 'error' in change) delete (next as { error?: string }).error;
    this.state = next;
    this.postReport();
  }

  private postReport(): void {
    this.post({ ...this.state, strings: compareStrings() });
  }
}
