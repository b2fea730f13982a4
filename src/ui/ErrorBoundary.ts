// The one error boundary. Every command, every virtual-document read and every webview message runs inside
// `runAction()`: cancellation is silent; any other failure is logged (with the values the action touched masked)
// and shown to the user once, even when it passes through nested boundaries. What is shown goes through
// src/ui/prompts.ts, so a service's text is shown as data.

import * as vscode from 'vscode';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import { userMessage } from '../vault/userMessage';
import { logDebug, logError, logWarn, masked, showLog } from './log';
import { error, info } from './prompts';
import { UserCancelled } from './UserCancelled';
import { deniedHelp } from './deniedAccess';
import { t } from '../shared/l10n';

export { UserCancelled };

export interface ActionContext {
  readonly label: string;
  /** Registers a secret value so no log line or message of this action can contain it. */
  mask(value: string): void;
}

export interface RunOptions {
  /** Log but do not show (a document read: VS Code shows the failure in the editor). */
  readonly suppressDisplay?: boolean;
  /** Re-throw after logging/showing (callers that must fail too, such as a document read). */
  readonly rethrow?: boolean;
}

export function isCancellation(e: unknown): boolean {
  if (e instanceof UserCancelled || e instanceof vscode.CancellationError) return true;
  if (isKeyVaultFailure(e)) return e.kind === 'cancelled';
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'UserCancelled');
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

const shown = new WeakSet<object>();

/** Runs `fn` inside the boundary. Resolves to undefined when it failed or was cancelled (unless `rethrow`). */
export async function runAction<T>(
  label: string,
  fn: (ctx: ActionContext) => Promise<T> | T,
  options: RunOptions = {},
): Promise<T | undefined> {
  const masks = new Set<string>();
  const ctx: ActionContext = { label, mask: (v) => void (v !== '' && masks.add(v)) };
  try {
    return await fn(ctx);
  } catch (e) {
    if (isCancellation(e)) {
      logDebug(`${label}: cancelled`);
      if (options.rethrow === true) throw e;
      return undefined;
    }
    if (isKeyVaultFailure(e) && e.kind === 'unconfirmed') {
      // "Sent; not yet confirmed": the service accepted the change. Not an error: say what is known.
      logWarn(`${label}: ${describe(e)}`, masks);
      if (options.suppressDisplay !== true) void info(masked(userMessage(e), masks));
      if (options.rethrow === true) throw e;
      return undefined;
    }
    logError(`${label} failed: ${describe(e)}`, masks);
    const alreadyShown = typeof e === 'object' && e !== null && shown.has(e);
    if (options.suppressDisplay !== true && !alreadyShown) {
      if (typeof e === 'object' && e !== null) shown.add(e);
      void showFailure(e, masked(userMessage(e), masks));
    }
    if (options.rethrow === true) throw e;
    return undefined;
  }
}

async function showFailure(e: unknown, message: string): Promise<void> {
  const oneLine = message.includes('\n')
    ? t('{0} See the Key Vault output for details.', message.split('\n')[0])
    : message;
  // A refused request: what the vault's guards say, and the fix that matches.
  const help = await deniedHelp(e);
  const text = help?.sentence !== undefined ? `${oneLine} ${help.sentence}` : oneLine;
  const fix = help?.fix;
  const choice = await error(text, ...(fix !== undefined ? [fix.label] : []), t('Show Log'));
  if (choice === t('Show Log')) showLog();
  if (fix !== undefined && choice === fix.label) await vscode.commands.executeCommand(fix.command, fix.argument);
}
