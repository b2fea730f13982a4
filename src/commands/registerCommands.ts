// The one command table: every command id -> its handler, each run inside the error boundary (src/ui). The
// tree's commands are rows of the same table; their handlers live in src/tree.
// Also builds the services the commands share and registers the read-only document provider.
// This file is part of the extension's core, loaded on first use (src/core.ts): it registers through
// `deps.registerCommand`, the stand-ins activation made for every id of src/shared/commandIds.ts.

import * as vscode from 'vscode';
import { SecretDocumentProvider } from '../documents/SecretDocumentProvider';
import {
  COMMANDS,
  TREE_COMMAND_NAMES,
  type CommandName,
  type FinderCommandName,
  type TreeCommandName,
} from '../shared/commandIds';
import { ReferenceFeature } from '../references/ReferenceFeature';
import { referenceCommands, type ReferenceCommandName } from '../references/referenceCommands';
import type { TreeCommand } from '../tree/treeCommands';
import { runAction, type ActionContext } from '../ui/ErrorBoundary';
import { useKnownVaults } from '../ui/destructiveGate';
import { maskGlobally, unmaskGlobally } from '../ui/log';
import type { VaultService } from '../vault/model';
import type { PanelHost, SecretChange } from '../webviews/PanelHost';
import { SecretFormPanel } from '../webviews/SecretFormPanel';
import { bulkBackup } from '../transfer/bulkActions';
import { emptyFields } from '../shared/secretFormModel';
import { backupSecret } from './backupSecret';
import {
  backupToFolder,
  bulkDeleteRows,
  bulkDisableRows,
  bulkEnableRows,
  exportSelectedOr,
  orBulk,
} from './bulkCommands';
import { ClipboardGuard, clipboardReadable } from './ClipboardGuard';
import { compareVersions, compareWithPrevious } from './compareVersions';
import { copyReference, copySecretId, copyValue, copyVersionedId } from './copy';
import { createSecret } from './createSecret';
import { deleteSecret } from './deleteSecret';
import { editProperties } from './editProperties';
import {
  exportSecretsCommand,
  importSecretsCommand,
  saveValueToFileCommand,
  setValueFromFileCommand,
} from './fileTransferCommands';
import { finderCommands, type FinderDeps } from './finderCommands';
import { newVersion } from './newVersion';
import { openInPortal } from './openInPortal';
import { purgeSecret } from './purgeSecret';
import { recoverSecret } from './recoverSecret';
import { restoreSecret } from './restoreSecret';
import { clientFor, changed, type Services, type TreeRefresh } from './services';
import { selectSubscriptions } from './selectSubscriptions';
import { setEnabled } from './setEnabled';
import { showDeletedSecret } from './showDeletedSecret';
import { showDetails } from './showDetails';
import { showProperties } from './showProperties';
import { showValue } from './showValue';
import { terminalWithSecrets } from './terminalCommand';
import { compareVaults, copyToVault, makeVersionCurrentCommand } from './transferCommands';
import { VaultDirectory } from './VaultDirectory';

/** `selected`: every selected tree row when the view allows many (see selection.ts); undefined otherwise. */
type Handler = (s: Services, arg: unknown, action: ActionContext, selected?: unknown) => Promise<unknown>;

/** The tree's commands (src/tree/treeCommands.ts has their handlers and titles). */
export type TreeCommandHandlers = { readonly [N in TreeCommandName]: TreeCommand };

/** name -> [title used in logs, handler]; the tree's rows come from `TreeCommandHandlers`. */
const SECRET_COMMANDS: {
  readonly [N in Exclude<CommandName, TreeCommandName | ReferenceCommandName | FinderCommandName>]: readonly [
    string,
    Handler,
  ];
} = {
  createSecret: ['Create secret', createSecret],
  newVersion: ['Set new version', newVersion],
  editProperties: ['Edit properties', editProperties],
  enableSecret: ['Enable', orBulk((s, a) => setEnabled(s, true, a), bulkEnableRows)],
  disableSecret: ['Disable', orBulk((s, a) => setEnabled(s, false, a), bulkDisableRows)],
  deleteSecret: ['Delete secret', orBulk(deleteSecret, bulkDeleteRows)],
  showDeletedSecret: ['Show deleted secret', showDeletedSecret],
  recoverSecret: ['Recover deleted secret', recoverSecret],
  purgeSecret: ['Purge deleted secret', purgeSecret],
  backupSecret: ['Back up secret', orBulk(backupSecret, (host, rows) => bulkBackup(host, rows))],
  backupToFolder: ['Back up to folder', (s, a, _action, selected) => backupToFolder(s, a, selected)],
  openTerminalWithSecrets: ['Terminal with secrets', terminalWithSecrets],
  restoreSecret: ['Restore secret', restoreSecret],
  showDetails: ['Show details', showDetails],
  showValue: ['Show value', showValue],
  showProperties: ['Show properties', showProperties],
  compareVersions: ['Compare versions', compareVersions],
  compareWithPrevious: ['Compare with previous', compareWithPrevious],
  copyValue: ['Copy value', copyValue],
  copySecretId: ['Copy secret identifier', copySecretId],
  copyVersionedId: ['Copy versioned identifier', copyVersionedId],
  copyReference: ['Copy Key Vault reference', copyReference],
  openInPortal: ['Open in portal', openInPortal],
  copyToVault: ['Copy to another vault', (s, a, _action, selected) => copyToVault(s, a, selected)],
  compareVaults: ['Compare vaults', compareVaults],
  makeVersionCurrent: ['Make this version current', makeVersionCurrentCommand],
  exportSecrets: ['Export secrets', exportSelectedOr(exportSecretsCommand)],
  importSecrets: ['Import secrets', importSecretsCommand],
  setValueFromFile: ['Set value from file', setValueFromFileCommand],
  saveValueToFile: ['Save value to file', saveValueToFileCommand],
  selectSubscriptions: ['Select subscriptions', selectSubscriptions],
};

export interface CommandDeps {
  readonly vaultService: VaultService;
  /** The vaults the extension knows (the tree lists discovered vaults through `vaults.observing()`). */
  readonly vaults: VaultDirectory;
  readonly tree: TreeRefresh;
  readonly treeCommands: TreeCommandHandlers;
  /** Find across vaults, sort, expiring secrets, managed toggle. */
  readonly finder: FinderDeps;
  /** Registers a command's callback (activation's stand-in for the id hands every call to it). */
  readonly registerCommand: (id: string, callback: (...args: unknown[]) => unknown) => vscode.Disposable;
  /** Registers the `keyvault-secret:` file system's provider (activation registered the scheme). */
  readonly registerDocuments: (provider: vscode.FileSystemProvider) => vscode.Disposable;
}

/** What registerCommands made that the extension-host test API looks at (never used by production code). */
export interface Registered {
  readonly clipboard: ClipboardGuard;
  readonly documents: SecretDocumentProvider;
  readonly references: ReferenceFeature;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): Registered {
  const { vaults } = deps;
  // The gate names a vault with its host when a known vault's display name looks the same.
  useKnownVaults(() => vaults.known());
  const changes = new vscode.EventEmitter<SecretChange>();
  const documents = new SecretDocumentProvider({
    lookup: (url, entry) => vaults.lookup(url, entry),
    clientFor: (v) => deps.vaultService.clientFor(v),
  });
  const clipboard = new ClipboardGuard(
    vscode.env.clipboard,
    (value, held) => (held ? maskGlobally(value) : unmaskGlobally(value)),
    clipboardReadable(vscode.env.uiKind, context.extensionMode),
  );
  const panels: PanelHost = {
    extensionUri: context.extensionUri,
    clientFor: (vault) => clientFor(services, vault),
    changed: (change) => changed(services, change),
    onDidChangeSecret: changes.event,
  };
  const services: Services = {
    extensionUri: context.extensionUri,
    vaultService: deps.vaultService,
    vaults,
    tree: deps.tree,
    documents,
    clipboard,
    panels,
    fireChange: (c) => changes.fire(c),
  };

  context.subscriptions.push(changes, documents, clipboard, deps.registerDocuments(documents));
  const register = (
    name: CommandName,
    title: string,
    handler: (arg: unknown, action: ActionContext, selected?: unknown) => Promise<unknown> | void,
  ): void => {
    context.subscriptions.push(
      deps.registerCommand(COMMANDS[name], (arg?: unknown, selected?: unknown) =>
        runAction(title, (action) => handler(arg, action, selected)),
      ),
    );
  };
  for (const [name, [title, handler]] of Object.entries(SECRET_COMMANDS) as Array<
    [Exclude<CommandName, TreeCommandName | ReferenceCommandName | FinderCommandName>, readonly [string, Handler]]
  >) {
    register(name, title, (arg, action, selected) => handler(services, arg, action, selected));
  }
  // Key Vault references in workspace files: checked against the user's own vaults only (never a workspace's list).
  const references = new ReferenceFeature({
    vaultService: deps.vaultService,
    knownVaults: async () => (await vaults.list()).filter((v) => v.origin !== 'workspace'),
    onDidChangeSecret: changes.event,
  });
  context.subscriptions.push(references);
  const referenceRows = referenceCommands(references, {
    openCreateForm: (vault, name) =>
      void SecretFormPanel.show(panels, { mode: 'create', vault, fields: { ...emptyFields(), name } }),
    openMoveForm: (vault, name, held) =>
      SecretFormPanel.show(panels, {
        mode: 'create',
        vault,
        fields: { ...emptyFields(), name },
        heldValue: held.value,
        confirmCreate: held.confirmCreate,
      }).outcome,
    revealSecret: (vault, name) => deps.tree.revealSecret(vault, name),
  });
  for (const [name, [title, handler]] of Object.entries(referenceRows) as Array<
    [ReferenceCommandName, (typeof referenceRows)[ReferenceCommandName]]
  >) {
    register(name, title, handler);
  }
  for (const [name, title, run] of finderCommands(deps.finder, context.subscriptions)) register(name, title, run);
  for (const name of TREE_COMMAND_NAMES) {
    const { title, run } = deps.treeCommands[name];
    register(name, title, (arg) => run(arg));
  }
  return { clipboard, documents, references };
}
