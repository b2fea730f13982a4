// The one error boundary. Every command, every virtual-document request and every webview message runs inside
// `run()`: cancellation is silent; any other failure is logged (with the values the action touched masked)
// and shown to the user once, even when it passes through nested boundaries.

import * as vscode from 'vscode';
import { maskText } from '../shared/maskText';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { userMessage } from '../vault/vaultHelpers';
import type { Prompts } from './Prompts';

/** Thrown by pickers and confirmations when the user backs out; never shown. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled by the user');
    this.name = 'UserCancelled';
  }
}

export interface ActionContext {
  readonly label: string;
  /** Registers a secret value so no log line of this action can contain it. */
  mask(value: string): void;
}

export interface RunOptions {
  /** Log but do not show (a document request: VS Code shows the failure in the editor). */
  readonly suppressDisplay?: boolean;
  /** Re-throw after logging/showing (callers that must fail too, such as a document read). */
  readonly rethrow?: boolean;
}

export function isCancellation(e: unknown): boolean {
  if (e instanceof UserCancelled || e instanceof vscode.CancellationError) return true;
  if (isKeyVaultFailure(e)) return e.kind === 'cancelled';
  return e instanceof Error && e.name === 'AbortError';
}

function describe(e: unknown): string {
  if (isKeyVaultFailure(e)) {
    const parts = [`${e.name}(${e.kind})`, e.message];
    if (e.status !== undefined) parts.push(`status=${e.status}`);
    if (e.code !== undefined) parts.push(`code=${e.code}`);
    if (e.innerCode !== undefined) parts.push(`inner=${e.innerCode}`);
    if (e.field !== undefined) parts.push(`field=${e.field}`);
    return parts.join(' ');
  }
  if (e instanceof Error) return `${e.name}: ${e.message}${e.stack !== undefined ? `\n${e.stack}` : ''}`;
  return String(e);
}

export class ErrorBoundary {
  private readonly shown = new WeakSet<object>();
  /** Values masked in every log line, for as long as the extension runs (values the clipboard guard holds, …). */
  private readonly globalMasks = new Set<string>();

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly prompts: () => Prompts,
  ) {}

  maskGlobally(value: string): void {
    if (value !== '') this.globalMasks.add(value);
  }
  unmaskGlobally(value: string): void {
    this.globalMasks.delete(value);
  }

  /** Runs `fn` inside the boundary. Resolves to undefined when it failed or was cancelled (unless `rethrow`). */
  async run<T>(label: string, fn: (ctx: ActionContext) => Promise<T> | T, options: RunOptions = {}): Promise<T | undefined> {
    const masks = new Set<string>();
    const ctx: ActionContext = { label, mask: (v) => void (v !== '' && masks.add(v)) };
    try {
      return await fn(ctx);
    } catch (e) {
      if (isCancellation(e)) {
        this.log.debug(`${label}: cancelled`);
        if (options.rethrow === true) throw e;
        return undefined;
      }
      const all = [...masks, ...this.globalMasks];
      this.log.error(maskText(`${label} failed: ${describe(e)}`, all));
      const alreadyShown = typeof e === 'object' && e !== null && this.shown.has(e);
      if (options.suppressDisplay !== true && !alreadyShown) {
        if (typeof e === 'object' && e !== null) this.shown.add(e);
        void this.show(maskText(userMessage(e), all));
      }
      if (options.rethrow === true) throw e;
      return undefined;
    }
  }

  private async show(message: string): Promise<void> {
    const oneLine = message.includes('\n') ? `${message.split('\n')[0]} See the Key Vault output for details.` : message;
    const choice = await this.prompts().error(oneLine, 'Show Log');
    if (choice === 'Show Log') this.log.show(true);
  }

  info(message: string): void {
    this.log.info(maskText(message, this.globalMasks));
  }
}
