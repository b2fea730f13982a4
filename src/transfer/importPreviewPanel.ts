// Host side of the import preview: one panel per import. It holds the file's entries (values stay here, in
// memory, until the panel closes) and the vault's state as read once; the webview gets names, outcomes and
// reasons only. Renames and conflict choices come back as messages, are validated, and re-plan the rows. Apply
// writes entry by entry (progress, cancellable between entries) and ends with a per-entry result.

import { t } from '../shared/l10n';
import {
  parseImportMessage,
  type HostToImport,
  type ImportPlanMessage,
  type ImportToHost,
} from '../shared/webviewMessages/importPreviewProtocol';
import {
  planImport,
  resultSummary,
  writes,
  wasWritten,
  type ConflictChoice,
  type PlanEntry,
  type PlanRow,
  type ResultRow,
} from '../shared/transfer/importPlan';
import { importRuleText } from '../shared/transfer/nameMapping';
import { tableDelimiterOf } from '../shared/transfer/secretTable';
import { importStrings } from '../shared/transfer/transferStrings';
import { logWarn } from '../ui/log';
import { withProgress } from '../ui/progress';
import { info, warning } from '../ui/prompts';
import { lossConfirmed } from '../ui/destructiveGate';
import { importLosses } from '../shared/transfer/importLoss';
import type { VaultClient, VaultRef } from '../vault/model';
import { PanelKind, WebviewPanelBase } from '../webviews/WebviewPanelBase';
import { announce } from '../vault/changes';
import { applyImport } from './importApply';
import { readCurrentValues, type ImportVaultState } from './importVaultState';

export const IMPORT_VIEW_TYPE = 'keyVaultSecrets.importPreview';

export interface ImportSource {
  readonly fileName: string;
  readonly entries: readonly PlanEntry[];
  readonly fileProblems: readonly string[];
}

const kind = new PanelKind<ImportPreviewPanel>();

export class ImportPreviewPanel extends WebviewPanelBase<ImportToHost, HostToImport> {
  private entries: PlanEntry[];
  private readonly choices = new Map<number, ConflictChoice>();
  private rows: PlanRow[] = [];
  private running: AbortController | undefined;
  private finished = false;
  /** The last apply (tests wait on it). */
  applied: Promise<readonly ResultRow[] | undefined> = Promise.resolve(undefined);

  static all(): readonly ImportPreviewPanel[] {
    return kind.all();
  }

  /** One panel per import: never revealed for another. */
  static show(vault: VaultRef, client: VaultClient, source: ImportSource, state: ImportVaultState): ImportPreviewPanel {
    return kind.show(undefined, () => new ImportPreviewPanel(vault, client, source, state));
  }

  private constructor(
    readonly vault: VaultRef,
    private readonly client: VaultClient,
    private readonly source: ImportSource,
    private readonly state: ImportVaultState,
  ) {
    super({
      viewType: IMPORT_VIEW_TYPE,
      entry: 'importPreview',
      title: t('Import into {0}', vault.name),
      logName: 'Import preview',
      parse: parseImportMessage,
    });
    this.entries = [...source.entries];
    this.replan();
  }

  /** The rows as the preview shows them now (names and outcomes only). */
  get plan(): readonly PlanRow[] {
    return this.rows;
  }

  private replan(): void {
    this.rows = planImport(this.entries, this.state, this.choices);
  }

  private planMessage(): ImportPlanMessage {
    return {
      type: 'plan',
      vaultName: this.vault.name,
      fileName: this.source.fileName,
      // A CSV/TSV row names its secret as written: no mapping rule applies.
      rule:
        tableDelimiterOf(this.source.fileName) !== undefined
          ? t('Secret names: the name column, as written.')
          : importRuleText(),
      fileProblems: this.source.fileProblems,
      rows: this.rows,
      busy: false,
      strings: importStrings(),
    };
  }

  protected async dispatch(msg: ImportToHost): Promise<boolean> {
    if ((msg.type === 'rename' || msg.type === 'choose') && (msg.index >= this.entries.length || this.finished)) {
      logWarn('Import preview: refused a change to an entry that is not in the plan.');
      return false;
    }
    switch (msg.type) {
      case 'ready':
        this.post(this.planMessage());
        return true;
      case 'rename': {
        if (this.running !== undefined) return false;
        const entry = this.entries[msg.index];
        this.entries[msg.index] = { ...entry, target: msg.target.trim() };
        // A name that exists and was not read yet: one GetSecret to compare, as for the file's own names.
        await readCurrentValues(this.client, this.state, [this.entries[msg.index].target]);
        this.replan();
        this.post(this.planMessage());
        return true;
      }
      case 'choose':
        if (this.running !== undefined) return false;
        this.choices.set(msg.index, msg.choice);
        this.replan();
        this.post(this.planMessage());
        return true;
      case 'apply':
        if (this.running !== undefined || this.finished) return false;
        this.applied = this.apply();
        await this.applied;
        return true;
      case 'stop':
        this.running?.abort();
        return true;
      case 'close':
        this.dispose();
        return true;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  /**
   * Asks the gate for what the plan loses (new versions over existing secrets; purges, typed), on the host: a
   * webview's message never purges on its own. Declined: nothing is sent and the preview stays as it was.
   */
  private async apply(): Promise<readonly ResultRow[] | undefined> {
    const controller = new AbortController();
    // Set before asking: no rename or choice is taken while the user is asked, so the rows asked about are written.
    this.running = controller;
    let confirmed = false;
    try {
      for (const loss of importLosses(this.rows, this.vault)) if (!(await lossConfirmed(loss))) return undefined;
      confirmed = true;
    } finally {
      if (!confirmed) {
        this.running = undefined;
        this.post(this.planMessage()); // the page's Apply button comes back
      }
    }
    const toWrite = this.rows.filter(writes).length;
    let results: ResultRow[] = [];
    try {
      results = await withProgress(
        t('Importing {0} entries into {1}…', toWrite, this.vault.name),
        (signal, step) =>
          applyImport(this.client, this.rows, this.entries, this.state.kept, {
            signal,
            onProgress: (done, total, current) => {
              this.post({ type: 'progress', done, total, ...(current !== undefined ? { current } : {}) });
              if (current === undefined) step(t('{0} of {1}', done, total), 100 / total);
            },
            changed: (name, kind) => announce({ vault: this.vault, name, kind }),
          }),
        { signal: controller.signal },
      );
    } finally {
      this.running = undefined;
      this.finished = true;
      // The values are not needed any more: only the names stay for the result.
      this.entries = this.entries.map((e) => ({ ...e, value: '' }));
    }
    const summary = resultSummary(results);
    const cancelled = results.some((r) => r.result === 'notRun');
    this.post({ type: 'result', rows: results, summary, cancelled, strings: importStrings() });
    const written = results.filter((r) => wasWritten(r.result)).map((r) => r.target);
    const message = written.length > 0 ? t('{0} Written: {1}.', summary, written.join(', ')) : summary;
    if (cancelled || results.some((r) => r.result === 'failed' || r.result === 'unconfirmed'))
      void warning(message, {});
    else void info(message);
    return results;
  }

  /** Closing stops a run and drops the file's values. */
  protected override onClose(): void {
    this.running?.abort();
    this.entries = [];
  }
}
