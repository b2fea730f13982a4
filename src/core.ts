// The composition root (the extension's core): the vault service, the views' providers, the command table, the
// documents and the references, wired by hand. Its own chunk, loaded on first use (src/extension.ts): a command, a
// view's first expand, a secret document, an open text document (the references) or the opt-in daily check. It
// registers nothing with VS Code directly: the stand-ins activation registered (src/lazyActivation.ts) receive it
// all.

import { registerAppsView, type AppsView } from './tree/AppsView';
import type * as vscode from 'vscode';
import { registerCommands, type Registered } from './commands/registerCommands';
import { TimedIpRules, useTimedIpRules } from './commands/timedIpRules';
import type { FinderDeps } from './commands/findSecret';
import type { ToolImplementations } from './lazyActivation';
import { sharedOnce } from './shared/concurrency';
import { RunApprovals } from './run/runApprovals';
import { RunFeature } from './run/runFeature';
import { registerExpiringView } from './tree/ExpiringView';
import type { KeyVaultTree } from './tree/KeyVaultTree';
import { registerTree } from './tree/registerTree';
import type { CreateView } from './tree/views';
import { info } from './ui/prompts';
import { createVaultService } from './vault/createVaultService';
import type { VaultService } from './vault/model';
import { onRetry } from './vault/retryNotes';
import { readExpiryWarningDays } from './vault/settings';
import { usePinStore } from './vault/pinnedVaults';
import { useVaultDirectory, VaultDirectory } from './vault/VaultDirectory';
import { useExtensionRoot } from './webviews/extensionRoot';
import { disposeAllPanels } from './webviews/WebviewPanelBase';

/** What activation hands the core: its log and where the core registers (the stand-ins activation made). */
export interface RegistrationPoints {
  readonly log: vscode.LogOutputChannel;
  readonly registerCommand: (id: string, callback: (...args: unknown[]) => unknown) => vscode.Disposable;
  readonly createView: CreateView;
  readonly registerDocuments: (provider: vscode.FileSystemProvider) => vscode.Disposable;
}

/** What the core made (the test API looks at it). */
export interface Core {
  readonly tree: KeyVaultTree;
  readonly vaultService: VaultService;
  readonly registered: Registered;
  readonly finder: FinderDeps;
  /** The Deployed Apps view. */
  readonly apps: AppsView;
  /** The chat tools (src/agentTools/), loaded on the first call: a chunk of their own. */
  agentTools(): Promise<ToolImplementations>;
  /** Run and debug with secrets: activation's debug and task stand-ins hand their calls to it. */
  readonly run: RunFeature;
  /** When the extension stops: every open panel closes; what must end first (a value still waiting to be cleared from the clipboard). */
  shutdown(): Promise<unknown>;
}

/**
 * The one composition root: sets up the module-level services every floor imports (the vault directory, the
 * extension's root for the panels), wires the views, the command table, the documents and the references, and
 * registers everything through `host`; no network work.
 */
export function startCore(context: vscode.ExtensionContext, host: RegistrationPoints): Core {
  const vaultService = createVaultService({ log: (m) => host.log.warn(m), tell: (m) => void info(m) });
  context.subscriptions.push(vaultService);
  // Every retry the SDK makes by itself (throttled, unavailable, unanswered) is one line of the log.
  onRetry((n) => host.log.warn(`${n.method} ${n.where}: retried (attempt ${n.attempt}) after ${n.after}`));
  context.subscriptions.push({ dispose: () => onRetry(undefined) });
  // The tree lists vaults through the directory, so a command argument naming a discovered vault resolves.
  const vaults = new VaultDirectory(vaultService);
  useVaultDirectory(vaults);
  // Firewall rules the user allowed for a while: ended ones are removed now (none: no request), the rest timed.
  const allowed = new TimedIpRules(context.globalState, vaults);
  useTimedIpRules(allowed);
  context.subscriptions.push(allowed);
  void allowed.start();
  useExtensionRoot(context.extensionUri);
  // Pinned vaults: the user's global state (never a workspace's), read by the tree and the pickers.
  usePinStore(context.globalState);
  const observed = vaults.observing();
  const tree = registerTree(context, observed, host.createView);
  const expiring = registerExpiringView(context, { tree, expiryWarningDays: readExpiryWarningDays }, host.createView);
  const apps = registerAppsView(context, host.createView);
  const finder = { tree, service: observed, state: context.workspaceState, expiring, global: context.globalState };
  const run = new RunFeature(new RunApprovals(context.globalState));
  const registered = registerCommands(context, {
    run,
    tree,
    service: observed,
    finder,
    registerCommand: host.registerCommand,
    registerDocuments: host.registerDocuments,
  });
  const shutdown = (): Promise<unknown> => {
    disposeAllPanels(); // every panel of every kind
    return registered.clipboard.flush();
  };
  const agentTools = sharedOnce(async () =>
    (await import('./agentTools/agentTools.js')).createAgentTools({ references: registered.references }),
  );
  return { tree, vaultService, registered, finder, apps, agentTools, run, shutdown };
}
