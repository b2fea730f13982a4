// Copies secret values to the clipboard and clears the clipboard after `keyVaultSecrets.clipboardClearSeconds`
// if it still holds that value (a value the user has since replaced is left alone). That needs the clipboard to be
// read back; where it cannot be (VS Code in a browser), nothing is scheduled and the copy says so at once.

import * as vscode from 'vscode';
import { readClipboardClearSeconds } from '../vault/settings';

export interface ClipboardLike {
  readText(): Thenable<string>;
  writeText(text: string): Thenable<void>;
}

export const CLIPBOARD_SETTING = 'clipboardClearSeconds';
export const DEFAULT_CLEAR_SECONDS = 30;

/** What happens to a copied value: cleared after `seconds`, never (the setting is 0), or never because the clipboard
 *  cannot be read back to check that it still holds the value. */
export type ClearPlan =
  { readonly kind: 'clears'; readonly seconds: number } | { readonly kind: 'off' } | { readonly kind: 'unreadable' };

/**
 * Whether the clipboard can be read back later. In a browser (code-server, Codespaces or vscode.dev in a browser
 * tab) the page usually may not read the clipboard: VS Code then shows "Unable to read from the browser's
 * clipboard… Retry" when asked, long after the copy. Under extension tests VS Code's web clipboard is an in-memory
 * one that can be read (VS Code switches to it itself), so the tests there still see the clear.
 */
export function clipboardReadable(uiKind: vscode.UIKind, mode: vscode.ExtensionMode): boolean {
  return uiKind === vscode.UIKind.Desktop || mode === vscode.ExtensionMode.Test;
}

export class ClipboardGuard implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  /** Runs the scheduled clear (the timer's callback), until it has run or was cancelled. */
  private fire: (() => void) | undefined;
  /** The clear that ran last, while it runs and after. */
  private clearing: Promise<boolean> | undefined;
  private pending: string | undefined;
  /** Resolves when the last scheduled clear has run (tests wait on it). */
  lastClear: Promise<boolean> = Promise.resolve(false);

  constructor(
    private readonly clipboard: ClipboardLike,
    private readonly onHeld: (value: string, held: boolean) => void = () => undefined,
    private readonly readable = true,
  ) {}

  /** clipboardClearSeconds from user settings, clamped to 0..3600 (src/vault/settings.ts). */
  static clearSeconds(): number {
    return readClipboardClearSeconds();
  }

  /** Copies a secret value; says whether and when it will be cleared. */
  async copySecret(value: string): Promise<ClearPlan> {
    this.cancelPending();
    await this.clipboard.writeText(value);
    const seconds = ClipboardGuard.clearSeconds();
    if (seconds === 0) return { kind: 'off' };
    if (!this.readable) return { kind: 'unreadable' };
    this.pending = value;
    this.onHeld(value, true);
    this.lastClear = new Promise<boolean>((resolve) => {
      const fire = (): void => {
        this.timer = undefined;
        this.fire = undefined;
        const clearing = this.clearIfStillHeld().catch(() => false);
        this.clearing = clearing;
        void clearing.then(resolve);
      };
      this.fire = fire;
      this.timer = setTimeout(fire, seconds * 1000);
    });
    return { kind: 'clears', seconds };
  }

  /** Copies text that is not secret (ids, references): cancels any pending clear of an earlier value. */
  async copyText(text: string): Promise<void> {
    this.cancelPending();
    await this.clipboard.writeText(text);
  }

  private cancelPending(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.fire = undefined;
    if (this.pending !== undefined) this.onHeld(this.pending, false);
    this.pending = undefined;
  }

  private async clearIfStillHeld(): Promise<boolean> {
    const value = this.pending;
    this.pending = undefined;
    if (value === undefined) return false;
    this.onHeld(value, false);
    const now = await this.clipboard.readText();
    if (now !== value) return false;
    await this.clipboard.writeText('');
    return true;
  }

  /**
   * When the extension stops: clears now a value still waiting to be cleared, rather than leave it behind.
   * Resolves when that clear has ended (at once when none is pending or running); deactivation waits for it.
   * Deactivation and dispose() both call it, in either order: the second call waits for the same clear.
   */
  flush(): Promise<boolean> {
    const fire = this.fire;
    if (fire !== undefined) {
      clearTimeout(this.timer);
      fire();
    }
    return this.clearing ?? Promise.resolve(false);
  }

  dispose(): void {
    void this.flush();
  }
}
