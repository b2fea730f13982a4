// Find Secret in All Vaults…: what to look for (the tree filter's syntax: name, type:…, tag:…), then a quick pick
// that fills as each vault's list arrives (src/tree/searchVaults.ts fills the tree's own lists, so nothing is
// listed twice), Esc stops it. Choosing a secret reveals its row and offers its actions; choosing a vault that
// could not be listed reveals that vault's row (its error row says why and has Retry).

import * as vscode from 'vscode';
import { COMMANDS, type CommandName } from '../shared/commandIds';
import { formatFilter } from '../tree/filter';
import type { ExpiringView } from '../tree/ExpiringView';
import type { KeyVaultTree } from '../tree/KeyVaultTree';
import { secretId, vaultNodeId, type SecretNode } from '../tree/nodes';
import { searchAllVaults, type SearchRow } from '../tree/searchVaults';
import { askFilter } from '../tree/treeCommands';
import { info, pick, pickPaged, type PickItem } from '../ui/prompts';
import type { VaultService } from '../vault/model';
import { t } from '../shared/l10n';

export interface FinderDeps {
  readonly tree: KeyVaultTree;
  readonly service: VaultService;
  /** This workspace's state (the sort order). */
  readonly state: vscode.Memento;
  /** The Expiring Secrets view. */
  readonly expiring: ExpiringView;
  /** State kept across workspaces (the daily check's last time). */
  readonly global: vscode.Memento;
}

const FIND_TITLE = t('Find Secret in All Vaults');

function tagsText(tags: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(tags);
  return entries.length === 0 ? undefined : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

/** A result row of the pick. Every text here is data from the service: the prompts floor neutralises it. */
export function findItem(row: SearchRow): PickItem<SearchRow> {
  if (row.kind === 'failure') {
    return {
      label: row.where,
      description: t('could not be listed: {0}', row.text.message),
      detail: row.text.detail,
      data: row,
    };
  }
  const s = row.secret;
  const state = [s.enabled ? '' : 'disabled', s.managed ? 'certificate' : '', s.contentType ?? ''].filter(
    (p) => p !== '',
  );
  const tags = tagsText(s.tags);
  return {
    label: s.name,
    description: [row.vault.name, ...state].join(' · '),
    ...(tags !== undefined ? { detail: tags } : {}),
    data: row,
  };
}

const ACTIONS: ReadonlyArray<readonly [string, CommandName]> = [
  ['Show Value', 'showValue'],
  ['Copy Value', 'copyValue'],
  ['Show Details', 'showDetails'],
  ['Copy Secret Identifier', 'copySecretId'],
  ['Copy Key Vault Reference', 'copyReference'],
  ['Set New Version…', 'newVersion'],
  ['Edit Properties…', 'editProperties'],
];

async function offerActions(node: SecretNode): Promise<void> {
  const actions =
    node.vault.source === 'discovered' ? [...ACTIONS, ['Open in Azure Portal', 'openInPortal'] as const] : ACTIONS;
  const chosen = await pick(
    actions.map(([label, command]) => ({ label, data: command })),
    {
      title: t('{0} in {1}', node.secret.name, node.vault.name),
      placeHolder: t('What do you want to do with this secret? (Esc: nothing)'),
    },
  );
  if (chosen) await vscode.commands.executeCommand(COMMANDS[chosen.data], node);
}

export async function findSecret(deps: FinderDeps, arg?: unknown): Promise<void> {
  const filter = await askFilter(arg, { title: FIND_TITLE, empty: 'Empty lists every secret.' });
  if (filter === 'cancel') return;
  const query = filter ? `"${formatFilter(filter)}"` : t('every secret');
  const result = await pickPaged<SearchRow>(
    async function* (signal) {
      for await (const rows of searchAllVaults(deps.tree.model, deps.service, filter, signal)) yield rows.map(findItem);
    },
    {
      title: `${FIND_TITLE}: ${query}`,
      placeHolder: t('Results fill in as each vault is listed (Esc stops). Type to narrow them.'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  const row = result.picked?.data;
  if (row === undefined) {
    if (result.complete && result.count === 0) void info(t('No secret matches {0} in your vaults.', query));
    return;
  }
  if (row.kind === 'failure') {
    if (row.vault) await deps.tree.revealVault(row.vault);
    return;
  }
  await deps.tree.revealSecret(row.vault, row.secret.name);
  const id = secretId(vaultNodeId(row.vault), row.secret.name);
  const shown = deps.tree.findNode(id);
  // Hidden by the tree's filter: the actions still take the secret as a row.
  const node: SecretNode =
    shown?.kind === 'secret'
      ? shown
      : { kind: 'secret', id, parentId: vaultNodeId(row.vault), vault: row.vault, secret: row.secret };
  await offerActions(node);
}
