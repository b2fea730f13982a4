// The command side of Terminal with Secrets…: from a .env file (the Explorer's context menu passes its URI, the
// palette asks for one) or from secrets selected in the Vaults view (each becomes a variable by the export
// naming rule, db-password -> DB_PASSWORD).

import { basename } from 'node:path';
import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { secretToVariable } from '../shared/transfer/nameMapping';
import {
  openTerminalWithSecrets,
  readDotenvFile,
  variablesOfDotenv,
  type SkippedVariable,
  type WantedVariable,
} from '../transfer/terminal';
import type { ActionContext } from '../ui/ErrorBoundary';
import { UserCancelled } from '../ui/UserCancelled';
import { openDialog } from '../ui/prompts';
import { groupByVault } from '../transfer/bulkRun';
import { selectionOf } from './selection';
import type { Services } from './services';
import { requireTrustedWorkspace } from '../vault/workspaceGate';

export async function terminalWithSecrets(
  _s: Services,
  arg: unknown,
  action: ActionContext,
  selected?: unknown,
): Promise<vscode.Terminal | undefined> {
  // In Restricted Mode a terminal with secrets is not offered at all (its Explorer item is hidden there too).
  requireTrustedWorkspace(t('Terminal with Secrets'));
  if (!(arg instanceof vscode.Uri)) {
    const { targets } = selectionOf(arg, selected);
    if (targets.length > 0) {
      const wanted: WantedVariable[] = [];
      const skipped: SkippedVariable[] = [];
      const keys = new Set<string>();
      for (const target of targets) {
        if (target.kind !== 'secret') {
          skipped.push({
            key: target.kind === 'vault' ? target.vault.name : target.name,
            reason: t('select secrets (not vaults or deleted secrets)'),
          });
          continue;
        }
        const key = secretToVariable(target.name);
        if (keys.has(key)) {
          skipped.push({ key, reason: t('two selected secrets map to this variable; the first is used') });
          continue;
        }
        keys.add(key);
        const current = target.version === undefined || target.current === true;
        wanted.push({
          key,
          vault: target.vault,
          name: target.name,
          ...(!current && target.version !== undefined ? { version: target.version } : {}),
        });
      }
      const source = groupByVault(targets)
        .map((g) => g.vault.name)
        .join(', ');
      return openTerminalWithSecrets(source, wanted, skipped, action);
    }
  }
  const file =
    arg instanceof vscode.Uri
      ? arg
      : await openDialog({
          title: t('Terminal with Secrets: choose a .env file of Key Vault references'),
          openLabel: t('Open Terminal'),
          canSelectFiles: true,
          canSelectFolders: false,
          ...(vscode.workspace.workspaceFolders?.[0] !== undefined
            ? { defaultUri: vscode.workspace.workspaceFolders[0].uri }
            : {}),
        });
  if (file === undefined) throw new UserCancelled();
  const { wanted, skipped, literal } = await variablesOfDotenv(await readDotenvFile(file));
  return openTerminalWithSecrets(basename(file.path), wanted, skipped, action, { literal });
}
