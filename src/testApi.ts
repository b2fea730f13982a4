// The extension-host test API: what the tests reach, assembled from its fakes (src/testApi/: the scripted UI, the
// webview probes, the sign-in fake). activate() loads it (a dynamic import) only when KVS_TEST_API=1; production
// never runs a line of it, and nothing in production keeps a record for it.

import type { RunFeature } from './run/runFeature';
import type * as vscode from 'vscode';
import { dailyExpiryCheck } from './commands/expiringCommands';
import type { FinderDeps } from './commands/findSecret';
import type { Registered } from './commands/registerCommands';
import type { SecretDetectionFeature } from './detection/SecretDetection';
import type { ReferenceFeature } from './references/ReferenceFeature';
import type { ExpiringView } from './tree/ExpiringView';
import type { AppsView } from './tree/AppsView';
import { forgetAppScan, scanDeployedApps } from './vault/apps/appScanStore';
import type { AppScan } from './shared/appUsage';
import type { ToolImplementations } from './lazyActivation';
import type { KeyVaultTree } from './tree/KeyVaultTree';
import { usePrompts } from './ui/prompts';
import type { VaultService } from './vault/model';
import { ScriptedPrompts, type ScriptedUi } from './testApi/scriptedPrompts';
import { createSignInFake, type SignInFake } from './testApi/signInFake';
import { allowedAddresses, timedIpRules, type AllowedAddress } from './commands/timedIpRules';
import { createWebviewProbes, type WebviewProbes } from './testApi/webviewProbes';

export type { PromptKind, PromptRecord, ScriptedAnswer, ScriptedUi } from './testApi/scriptedPrompts';
export type { FakeAccount, SignInFake } from './testApi/signInFake';
export type { CompareProbe, DetailsProbe, FormProbe, ImportProbe, WebviewProbes } from './testApi/webviewProbes';

/** What the extension-host tests may reach (`api.operations`). */
export interface OperationsTestApi {
  readonly ui: ScriptedUi;
  readonly webviews: WebviewProbes;
  readonly clipboard: { lastClear(): Promise<boolean> };
  readonly documents: { isMinted(uri: vscode.Uri): boolean };
  /** Where VS Code keeps this extension's storage and logs (the leak test scans them). */
  readonly paths: { readonly globalStorage: string; readonly workspaceStorage?: string; readonly log: string };
}

export interface TestApi {
  readonly activatedAt: number;
  /** Command ids whose activation stand-in found no handler in the loaded command table (none expected). */
  commandsWithoutHandler(): string[];
  readonly tree: KeyVaultTree;
  /** The extension's own vault service: tests read the vault's true state through it (never through the UI). */
  readonly vaultService: VaultService;
  readonly operations: OperationsTestApi;
  /** Key Vault references in workspace files: the resolver (request count, cache) and the diagnostics. */
  readonly references: ReferenceFeature;
  /** Plain-text secrets in workspace files: the diagnostics (local, opt-in). */
  readonly detection: SecretDetectionFeature;
  /** The Expiring Secrets view. */
  readonly expiring: ExpiringView;
  /** The Deployed Apps view, and a way to forget the last scan of the apps (as a new session would start). */
  readonly apps: {
    readonly view: AppsView;
    forget(): void;
    /** A scan as Check Deployed Apps runs it, without its progress notification: the test aborts it itself. */
    scan(signal: AbortSignal, onProgress: (done: number, known: number) => void): Promise<AppScan>;
  };
  /** One run of the opt-in daily expiry check as its timer would run it at `now` (ms). */
  dailyExpiryCheck(now: number): Promise<number | undefined>;
  /** The tests' Microsoft sign-in (accounts, tenants that need their own sign-in). */
  readonly signIn: SignInFake;
  /**
   * The chat tools' own prepareInvocation, as VS Code calls it before an invoke (an invoke outside a chat shows
   * its confirmation as a dialog, which an extension test cannot read).
   */
  prepareTool(
    name: string,
    input: unknown,
    token: vscode.CancellationToken,
  ): Promise<vscode.PreparedToolInvocation | null | undefined>;
  /** Run and debug with secrets: what the debug and task stand-ins call (the Restricted Mode suite calls it directly). */
  readonly run: RunFeature;
  /** The addresses Allow My Address added: what is kept, and a sweep (as its timer, or the next start, runs it). */
  readonly allowedAddresses: {
    entries(): readonly AllowedAddress[];
    sweep(now: number): Promise<void>;
    start(now: number): Promise<void>;
  };
}

export function createTestApi(
  context: vscode.ExtensionContext,
  parts: {
    readonly activatedAt: number;
    readonly commandsWithoutHandler: () => string[];
    readonly tree: KeyVaultTree;
    readonly vaultService: VaultService;
    readonly registered: Registered;
    readonly finder: FinderDeps;
    readonly agentTools: () => Promise<ToolImplementations>;
    readonly run: RunFeature;
    readonly apps: AppsView;
  },
): TestApi {
  const scripted = new ScriptedPrompts();
  usePrompts(scripted);
  const webviews = createWebviewProbes(context);
  return {
    activatedAt: parts.activatedAt,
    commandsWithoutHandler: parts.commandsWithoutHandler,
    tree: parts.tree,
    expiring: parts.finder.expiring,
    apps: {
      view: parts.apps,
      forget: forgetAppScan,
      scan: (signal, onProgress) => scanDeployedApps(parts.vaultService.discovery, { signal, onProgress }),
    },
    dailyExpiryCheck: (now) => dailyExpiryCheck(parts.finder, now),
    vaultService: parts.vaultService,
    references: parts.registered.references,
    detection: parts.registered.detection,
    signIn: createSignInFake(),
    prepareTool: async (name, input, token) => {
      const tool = (await parts.agentTools()).get(name);
      if (tool === undefined) throw new Error(`No tool ${name}.`);
      return tool.prepareInvocation?.({ input }, token);
    },
    run: parts.run,
    allowedAddresses: {
      entries: () => allowedAddresses(context.globalState),
      sweep: (now) => timedIpRules().sweep(now),
      start: (now) => timedIpRules().start(now),
    },
    operations: {
      ui: {
        answer: (...a) => scripted.answer(...a),
        get asked() {
          return scripted.asked;
        },
        get pending() {
          return scripted.pending;
        },
        reset: () => scripted.reset(),
        verify: () => scripted.verify(),
      },
      webviews,
      clipboard: { lastClear: () => parts.registered.clipboard.lastClear },
      documents: { isMinted: (uri) => parts.registered.documents.isMinted(uri) },
      paths: {
        globalStorage: context.globalStorageUri.fsPath,
        ...(context.storageUri !== undefined ? { workspaceStorage: context.storageUri.fsPath } : {}),
        log: context.logUri.fsPath,
      },
    },
  };
}
