// The one command table: every command id -> its handler, each run inside the error boundary.
// Also builds the services the commands share, registers the read-only document provider, and returns the
// seams the extension-host tests use (scripted dialogs, webview message injection).

import * as vscode from 'vscode';
import { registerSecretDocuments, SecretDocumentProvider, type DocumentHost } from '../documents/SecretDocumentProvider';
import type { HostToDetails, HostToForm } from '../shared/messages';
import type { SecretFormMode } from '../shared/secretFormModel';
import type { VaultService } from '../vault/model';
import type { SecretChange } from '../webviews/PanelHost';
import { SecretDetailsPanel } from '../webviews/SecretDetailsPanel';
import { SecretFormPanel } from '../webviews/SecretFormPanel';
import { backupSecret } from './backupSecret';
import { ClipboardGuard } from './ClipboardGuard';
import { compareVersions, compareWithPrevious } from './compareVersions';
import { copyReference, copySecretId, copyValue, copyVersionedId } from './copy';
import { createSecret } from './createSecret';
import { deleteSecret } from './deleteSecret';
import { editProperties } from './editProperties';
import { ErrorBoundary, type ActionContext } from './ErrorBoundary';
import { newVersion } from './newVersion';
import { openInPortal } from './openInPortal';
import { ScriptedPrompts, VsCodePrompts, type PromptRecord, type Prompts, type ScriptedAnswer } from './Prompts';
import { purgeSecret } from './purgeSecret';
import { recoverSecret } from './recoverSecret';
import { restoreSecret } from './restoreSecret';
import type { RefusedMessage, Services, TreeRefresh } from './services';
import { setEnabled } from './setEnabled';
import { showDeletedSecret } from './showDeletedSecret';
import { showDetails } from './showDetails';
import { showProperties } from './showProperties';
import { showValue } from './showValue';
import { VaultDirectory } from './VaultDirectory';

export const COMMAND_PREFIX = 'keyVaultSecrets.';

type Handler = (s: Services, arg?: unknown, action?: ActionContext) => Promise<unknown>;

/** id (without the prefix) -> [title used in logs, handler]. */
const COMMANDS: Readonly<Record<string, readonly [string, Handler]>> = {
  createSecret: ['Create secret', createSecret],
  newVersion: ['Set new version', newVersion],
  editProperties: ['Edit properties', editProperties],
  enableSecret: ['Enable', (s, a) => setEnabled(s, true, a)],
  disableSecret: ['Disable', (s, a) => setEnabled(s, false, a)],
  deleteSecret: ['Delete secret', deleteSecret],
  showDeletedSecret: ['Show deleted secret', showDeletedSecret],
  recoverSecret: ['Recover deleted secret', recoverSecret],
  purgeSecret: ['Purge deleted secret', purgeSecret],
  backupSecret: ['Back up secret', backupSecret],
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
};

export const COMMAND_IDS: readonly string[] = Object.keys(COMMANDS).map((k) => `${COMMAND_PREFIX}${k}`);

export interface CommandDeps {
  readonly vaultService: VaultService;
  readonly tree: TreeRefresh;
  /** The extension's log; one is created when not given. */
  readonly log?: vscode.LogOutputChannel;
}

/** What the extension-host tests reach through the test API (TestApi.ui / TestApi.operations). */
export interface OperationsTestApi {
  readonly ui: {
    answer(...answers: ScriptedAnswer[]): void;
    readonly asked: readonly PromptRecord[];
    readonly pending: number;
    readonly validationMessages: readonly string[];
    reset(): void;
  };
  readonly webviews: {
    forms(): ReadonlyArray<{
      readonly mode: SecretFormMode;
      readonly vaultKey: string;
      readonly secretName: string | undefined;
      readonly sent: readonly HostToForm[];
      receive(message: unknown): Promise<void>;
      /** The HTML the webview was given (CSP checks). */
      readonly html: string;
    }>;
    details(): ReadonlyArray<{
      readonly vaultKey: string;
      readonly name: string;
      readonly deleted: boolean;
      readonly sent: readonly HostToDetails[];
      receive(message: unknown): Promise<void>;
      loaded(): Promise<void>;
      readonly html: string;
      readonly localResourceRoots: readonly string[];
    }>;
    readonly refused: readonly RefusedMessage[];
  };
  readonly documents: { reads(uri: vscode.Uri): number };
  readonly clipboard: { lastClear(): Promise<boolean> };
  /** The error boundary: runs fn like a command would (the tree's commands run through it; tests use it too). */
  runInBoundary(label: string, fn: () => Promise<void>): Promise<void>;
}

export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): OperationsTestApi {
  const log = deps.log ?? vscode.window.createOutputChannel('Key Vault Secrets', { log: true });
  if (deps.log === undefined) context.subscriptions.push(log);
  const testing = process.env.KVS_TEST_API === '1';
  const scripted = new ScriptedPrompts();
  let prompts: Prompts = testing ? scripted : new VsCodePrompts();
  const boundary = new ErrorBoundary(log, () => prompts);
  const vaults = new VaultDirectory(deps.vaultService);
  const changes = new vscode.EventEmitter<SecretChange>();
  const documentHost: DocumentHost = {
    run: (label, fn, options) => boundary.run(label, fn, options),
    lookup: (url) => vaults.lookup(url),
    clientFor: (v) => deps.vaultService.clientFor(v),
  };
  const documents = new SecretDocumentProvider(documentHost);
  const clipboard = new ClipboardGuard(vscode.env.clipboard, (value, held) =>
    held ? boundary.maskGlobally(value) : boundary.unmaskGlobally(value),
  );
  const services: Services = {
    extensionUri: context.extensionUri,
    vaultService: deps.vaultService,
    vaults,
    boundary,
    log,
    get prompts() {
      return prompts;
    },
    set prompts(p: Prompts) {
      prompts = p;
    },
    tree: deps.tree,
    documents,
    clipboard,
    onDidChangeSecret: changes.event,
    fireChange: (c) => changes.fire(c),
    refusedMessages: [],
  };

  context.subscriptions.push(changes, documents, clipboard, registerSecretDocuments(documents, `${COMMAND_PREFIX}newVersion`));
  for (const [id, [title, handler]] of Object.entries(COMMANDS)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(`${COMMAND_PREFIX}${id}`, (arg?: unknown) => boundary.run(title, (action) => handler(services, arg, action))),
    );
  }
  context.subscriptions.push(
    new vscode.Disposable(() => {
      for (const p of SecretFormPanel.all()) p.dispose();
      for (const p of SecretDetailsPanel.all()) p.dispose();
    }),
  );

  return {
    ui: {
      answer: (...a) => scripted.answer(...a),
      get asked() {
        return scripted.asked;
      },
      get pending() {
        return scripted.pending;
      },
      get validationMessages() {
        return scripted.validationMessages;
      },
      reset: () => scripted.reset(),
    },
    webviews: {
      forms: () =>
        SecretFormPanel.all().map((f) => ({
          mode: f.mode,
          vaultKey: f.vault.key,
          secretName: f.secretName,
          sent: f.sent,
          receive: (m: unknown) => f.receive(m),
          html: f.panel.webview.html,
        })),
      details: () =>
        SecretDetailsPanel.all().map((d) => ({
          vaultKey: d.vault.key,
          name: d.name,
          deleted: d.isDeleted,
          sent: d.sent,
          receive: (m: unknown) => d.receive(m),
          loaded: () => d.loaded,
          html: d.panel.webview.html,
          localResourceRoots: (d.panel.webview.options.localResourceRoots ?? []).map((u) => u.toString()),
        })),
      refused: services.refusedMessages,
    },
    documents: { reads: (uri) => documents.reads.get(uri.toString()) ?? 0 },
    clipboard: { lastClear: () => clipboard.lastClear },
    runInBoundary: async (label, fn) => {
      await boundary.run(label, fn);
    },
  };
}
