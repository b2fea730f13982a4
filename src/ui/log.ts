// The extension's one log (the "Key Vault Secrets" output channel) and the values no line of it may contain.
// activate() hands the channel over once; every floor imports these functions (nothing is injected).

import type * as vscode from 'vscode';
import { maskText } from '../shared/maskText';

let channel: vscode.LogOutputChannel | undefined;
/** Values masked in every log line for as long as the extension runs (a value the clipboard still holds, …). */
const globalMasks = new Set<string>();

/** Called once by activate(). */
export function useLog(log: vscode.LogOutputChannel): void {
  channel = log;
}

export function maskGlobally(value: string): void {
  if (value !== '') globalMasks.add(value);
}

export function unmaskGlobally(value: string): void {
  globalMasks.delete(value);
}

/** `text` with the global masks and `extra` values masked. */
export function masked(text: string, extra: Iterable<string> = []): string {
  return maskText(text, [...extra, ...globalMasks]);
}

export function logError(message: string, extra: Iterable<string> = []): void {
  channel?.error(masked(message, extra));
}

export function logWarn(message: string, extra: Iterable<string> = []): void {
  channel?.warn(masked(message, extra));
}

/** A change the user made (an access fix): what, on which vault, for whom — never a token or a value. */
export function logInfo(message: string): void {
  channel?.info(masked(message));
}

export function logDebug(message: string): void {
  channel?.debug(masked(message));
}

export function showLog(): void {
  channel?.show(true);
}
