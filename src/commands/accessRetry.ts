// After an access fix: the refused request again, until the vault allows it (role assignments take minutes to
// apply), with a growing wait between tries, for a bounded time, under a cancellable progress; and the way out when
// the user may not make the change (the `az` line to copy, the portal page).

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { formatDuration } from '../shared/duration';
import { error, info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultOperation } from '../vault/errors';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';

/** How long the tries go on (role assignments usually apply within minutes). */
export const RETRY_BUDGET_MS = 5 * 60_000;
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 15_000;

/** What is tried again: the refused operation (a secret's value needs its name; otherwise a list stands in). */
export interface Probe {
  readonly operation: VaultOperation;
  readonly secretName?: string;
}

/** One request that needs what `probe` was refused; a value it reads is dropped at once (never kept or shown). */
async function tryOnce(vault: VaultRef, probe: Probe, signal: AbortSignal): Promise<void> {
  const client = vaultDirectory().clientFor(vault);
  if (probe.operation === 'getValue') {
    const name = probe.secretName ?? (await client.listSecrets(undefined, { signal })).items[0]?.name;
    if (name !== undefined) await client.getValue(name, undefined, { signal });
    return;
  }
  if (probe.operation === 'listDeleted' || probe.operation === 'getDeleted') {
    await client.listDeleted(undefined, { signal });
    return;
  }
  await client.listSecrets(undefined, { signal });
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
      },
      { once: true },
    );
  });

/**
 * Tries the refused request until it goes through (true) or the budget ends (false); a refusal means "not yet",
 * any other failure ends the tries and is thrown.
 */
export async function retryUntilAllowed(
  vault: VaultRef,
  probe: Probe,
  doing: string,
  budgetMs = RETRY_BUDGET_MS,
): Promise<boolean> {
  const started = Date.now();
  const allowed = await withProgress(t('Waiting for access to vault {0}…', vault.name), async (signal, step) => {
    let wait = FIRST_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        await tryOnce(vault, probe, signal);
        return true;
      } catch (e) {
        if (!isKeyVaultFailure(e) || e.kind !== 'forbidden') throw e;
      }
      const left = budgetMs - (Date.now() - started);
      if (left <= 0) return false;
      step(t('Not yet (try {0}); trying again in {1}', attempt, formatDuration(Math.min(wait, left))));
      await sleep(Math.min(wait, left), signal);
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    }
  });
  if (allowed) void info(t('Access works now: you can {0} vault {1}.', doing, vault.name));
  else
    void error(
      t(
        'The change was made, but vault {0} still refuses to {1} after {2}. Changes can take longer to apply: try again in a few minutes.',
        vault.name,
        doing,
        formatDuration(budgetMs),
      ),
    );
  return allowed;
}

/**
 * The user may not make the change: say so, and offer the command for someone who may (copied to the clipboard)
 * and the vault's page in the portal.
 */
export async function offerFallback(message: string, command: string, portalPage: string | undefined): Promise<void> {
  const copy = t('Copy az Command');
  const open = t('Open in Portal');
  const choice = await error(
    t('{0} Ask someone who can to run: {1}', message, command),
    copy,
    ...(portalPage !== undefined ? [open] : []),
  );
  if (choice === copy) await vscode.env.clipboard.writeText(command);
  if (choice === open && portalPage !== undefined) await vscode.env.openExternal(vscode.Uri.parse(portalPage, true));
}
