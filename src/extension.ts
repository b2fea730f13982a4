// Activation: the activation entry, what must exist as soon as the extension is active, and nothing else. Every
// command id, the tree views and the `keyvault-secret:` file system are registered here as stand-ins
// (src/lazyActivation.ts); the core (src/core.ts: the vault layer, the tree, the command table, panels, documents,
// references) is its own chunk, imported on first use, and registers its handlers and providers into those
// stand-ins. So are the chat tools (package.json's languageModelTools), whose code is a chunk of its own. No
// network work.

import * as vscode from 'vscode';
import type { Core } from './core';
import { registerSecretDocuments } from './documents/registerSecretDocuments';
import { contributedToolNames, LazyCommands, LazyFileSystem, lazyViews, registerLazyTools } from './lazyActivation';
import { registerRunStandIns } from './lazyRun';
import { ALL_COMMAND_IDS, COMMANDS } from './shared/commandIds';
import { settleWithin } from './shared/concurrency';
import { useTranslator } from './shared/l10n';
import type { TestApi } from './testApi';
import { VIEWS } from './tree/views';
import { useLog } from './ui/log';
import { readDailyExpiryCheck } from './vault/settings';
import { ALLOWED_ADDRESSES_KEY } from './shared/allowedAddressesKey';

export type { TestApi } from './testApi';

const OPEN_LINK_COMMAND = COMMANDS.openLink;

/** How long deactivation waits for what must end first (the clipboard's clear): VS Code is closing meanwhile. */
export const SHUTDOWN_WAIT_MS = 1000;

/** The core, once something loaded it: deactivation asks it to finish its work. */
let loadedCore: Promise<Core> | undefined;

/** Schemes of the documents the references feature reads (an open one is a first use of the core). */
const TEXT_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/**
 * Registers the stand-ins and returns; the core loads on first use. Returns the test API only when
 * KVS_TEST_API=1 (then the core and the test API's file are loaded here).
 */
export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const activatedAt = Date.now();
  useTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const log = vscode.window.createOutputChannel('Key Vault Secrets', { log: true });
  context.subscriptions.push(log);
  useLog(log);

  let core: Promise<Core> | undefined;
  const load = (): Promise<Core> => {
    if (core !== undefined) return core;
    core = import('./core.js').then(({ startCore }) =>
      startCore(context, { log, registerCommand: commands.register, createView, registerDocuments }),
    );
    loadedCore = core;
    core.then(
      () => {
        const missing = commands.missing();
        if (missing.length > 0) log.error(`Commands without a handler in the command table: ${missing.join(', ')}`);
      },
      (e: unknown) => log.error(`The extension could not load: ${e instanceof Error ? e.message : String(e)}`),
    );
    return core;
  };
  const commands = new LazyCommands(ALL_COMMAND_IDS, load, context.subscriptions);
  const createView = lazyViews(Object.values(VIEWS), load, context.subscriptions);
  const documents = new LazyFileSystem(load);
  context.subscriptions.push(documents, registerSecretDocuments(documents));
  const registerDocuments = (provider: vscode.FileSystemProvider): vscode.Disposable => documents.connect(provider);
  // The chat tools: stand-ins now; the core and the tools' own chunk on the first call.
  registerLazyTools(
    contributedToolNames(context.extension.packageJSON),
    () => load().then((c) => c.agentTools()),
    context.subscriptions,
  );
  // Launch configurations and tasks with Key Vault secrets: stand-ins that load the core only when one opts in.
  context.subscriptions.push(registerRunStandIns(load));
  // Links to a vault or a secret (<scheme>://keyvault-secrets.keyvault-secrets/open?vault=…&secret=…): handed, as
  // text, to the Open Link command, whose stand-in loads the core on first use; the command checks every part.
  context.subscriptions.push(
    vscode.window.registerUriHandler({
      handleUri: (uri) => void vscode.commands.executeCommand(OPEN_LINK_COMMAND, uri.toString()),
    }),
  );

  // The references feature reads open text documents; the opt-in daily check runs a minute after startup.
  const isText = (d: vscode.TextDocument): boolean => TEXT_SCHEMES.has(d.uri.scheme);
  // A firewall rule the user allowed for a while may have ended while VS Code was closed: the core removes it.
  const allowedAddresses = context.globalState.get<unknown>(ALLOWED_ADDRESSES_KEY);
  const rulesKept = Array.isArray(allowedAddresses) && allowedAddresses.length > 0;
  if (vscode.workspace.textDocuments.some(isText) || readDailyExpiryCheck() || rulesKept)
    setTimeout(() => void load(), 0);
  else {
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (!isText(d)) return;
      opened.dispose();
      void load();
    });
    context.subscriptions.push(opened);
  }

  if (process.env.KVS_TEST_API !== '1') return undefined;
  const [parts, { createTestApi }] = await Promise.all([load(), import('./testApi.js')]);
  return createTestApi(context, { activatedAt, commandsWithoutHandler: () => commands.missing(), ...parts });
}

/**
 * Waits (at most SHUTDOWN_WAIT_MS) for the core's last work: a copied value still waiting to be cleared is cleared
 * now, and the clipboard write must reach the clipboard before the extension host goes. Everything else is
 * released through context.subscriptions.
 */
export async function deactivate(): Promise<void> {
  const core = loadedCore;
  if (core === undefined) return;
  await settleWithin(
    core.then((c) => c.shutdown()),
    SHUTDOWN_WAIT_MS,
  );
}
