// The expiring-secrets overview's Refresh (lists every vault, filling the Vaults tree's own lists, under a
// cancellable progress) and the opt-in daily check: once a day, well after startup, silently (no sign-in prompt:
// a vault that needs one is skipped), one notification with the count when something needs attention.

import * as vscode from 'vscode';
import { dailyCheckDue, expiringObjectsSummary, expiringSummary } from '../tree/expiring';
import type { ExpiringView } from '../tree/ExpiringView';
import { EXPIRING_VIEW_ID } from '../tree/ExpiringView';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { searchAllVaults, type SearchRow } from '../tree/searchVaults';
import { logCheckFailure } from '../ui/checkLog';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { VaultService } from '../vault/model';
import { readExpiryWarningDays } from '../vault/settings';
import { workspaceTrusted } from '../vault/workspaceGate';
import { t } from '../shared/l10n';

export interface ExpiringDeps {
  readonly tree: KeyVaultTree;
  readonly service: VaultService;
  readonly expiring: ExpiringView;
  /** Where the last daily check's time is kept (globalState: once a day per machine, whatever the workspace). */
  readonly global: vscode.Memento;
}

const LAST_CHECK_KEY = 'keyVaultSecrets.expiryCheck.last';
/** How long after activation the first daily check waits (startup has finished by then). */
const FIRST_CHECK_DELAY_MS = 60_000;

/** Lists every vault (each page at most once, shared with the tree) and stops early when `signal` aborts. */
async function listEverything(deps: ExpiringDeps, signal: AbortSignal): Promise<void> {
  let last: readonly SearchRow[] = [];
  for await (const rows of searchAllVaults(deps.tree.model, deps.service, undefined, signal)) last = rows;
  for (const row of last)
    if (row.kind === 'failure') logCheckFailure('Expiry check', row.where, 'list', row.text.detail);
  await listCertificatesAndKeys(deps, signal);
}

/** Then the certificates and keys of every vault whose secrets were listed (each page at most once, shared). */
async function listCertificatesAndKeys(deps: ExpiringDeps, signal: AbortSignal): Promise<void> {
  const lists = deps.tree.model.lists;
  if (!lists.objects.available) return;
  for (const { vault, secrets } of lists.allSecrets()) {
    if (secrets.error !== undefined) continue; // a vault that could not be listed is logged above
    for (const kind of ['certificate', 'key'] as const) {
      if (signal.aborted) return;
      const list = lists.objects.items(vault, kind);
      await list.loadAll(signal);
      if (list.error !== undefined) logCheckFailure('Expiry check', vault.name, 'list', list.error.error);
    }
  }
}

/** Context key: the Expiring Secrets view is shown (it appears once the user asks for it, or the daily check found something). */
const CONTEXT_EXPIRING_SHOWN = 'keyVaultSecrets.expiringShown';

async function showExpiringView(): Promise<void> {
  await vscode.commands.executeCommand('setContext', CONTEXT_EXPIRING_SHOWN, true);
  await vscode.commands.executeCommand(`${EXPIRING_VIEW_ID}.focus`);
}

/** Shows the view, lists every vault (cancellable), then the overview re-renders. */
export async function refreshExpiring(deps: ExpiringDeps): Promise<void> {
  await showExpiringView();
  await deps.expiring.whileListing(() =>
    withProgress(t('Listing every vault for expiring secrets, certificates and keys'), (signal) =>
      listEverything(deps, signal),
    ),
  );
}

/** One daily check: silent listing, then one notification when something expired or expires soon. */
export async function dailyExpiryCheck(deps: ExpiringDeps, now = Date.now()): Promise<number | undefined> {
  if (!dailyCheckDue(deps.global.get<number>(LAST_CHECK_KEY), now)) return undefined;
  await deps.global.update(LAST_CHECK_KEY, now);
  await listEverything(deps, new AbortController().signal);
  deps.expiring.changed();
  const rows = deps.expiring.rows();
  const objects = deps.expiring.objectRows();
  if (rows.length + objects.length > 0) {
    const days = readExpiryWarningDays();
    const text = [rows.length > 0 ? expiringSummary(rows, days) : '', expiringObjectsSummary(objects, days)]
      .filter((p) => p !== '')
      .join(' ');
    void info(text, t('Show')).then((answer) => {
      if (answer === t('Show')) void showExpiringView();
    });
  }
  return rows.length + objects.length;
}

/**
 * Schedules the opt-in daily check (setting `keyVaultSecrets.expiryCheck`): nothing at activation; the first
 * check a minute later, then every hour it looks whether a day has passed. Off in an untrusted workspace.
 */
export function scheduleDailyExpiryCheck(deps: ExpiringDeps, enabled: () => boolean): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const run = (): void => {
    if (enabled() && workspaceTrusted())
      void dailyExpiryCheck(deps).catch((e: unknown) => logCheckFailure('Expiry check', 'every vault', 'list', e));
    timer = setTimeout(run, 3_600_000);
  };
  timer = setTimeout(run, FIRST_CHECK_DELAY_MS);
  return new vscode.Disposable(() => clearTimeout(timer));
}
