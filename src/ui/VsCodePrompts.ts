// The real surfaces: VS Code's notifications, modals, input boxes, quick picks, file dialogs and status bar.
// Only src/ui/prompts.ts calls it, with text already neutralised.

import * as vscode from 'vscode';
import type { PagedItems, PagedPick, PickItem, Prompts } from './prompts';
import { t } from '../shared/l10n';

export class VsCodePrompts implements Prompts {
  async warning(message: string, options: vscode.MessageOptions, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, options, ...buttons);
  }
  async openLink(link: string): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(link, true));
  }
  async info(message: string, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showInformationMessage(message, ...buttons);
  }
  async error(message: string, ...buttons: string[]): Promise<string | undefined> {
    return vscode.window.showErrorMessage(message, ...buttons);
  }
  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    return vscode.window.showInputBox(options);
  }
  async pick<T>(items: readonly PickItem<T>[], options: vscode.QuickPickOptions): Promise<PickItem<T> | undefined> {
    return vscode.window.showQuickPick(items, { ...options, canPickMany: false });
  }
  async pickMany<T>(
    items: readonly PickItem<T>[],
    options: vscode.QuickPickOptions,
  ): Promise<readonly PickItem<T>[] | undefined> {
    return vscode.window.showQuickPick(items, { ...options, canPickMany: true });
  }
  pickPaged<T>(items: PagedItems<T>, options: vscode.QuickPickOptions): Promise<PagedPick<T>> {
    return new Promise<PagedPick<T>>((resolve, reject) => {
      const qp = vscode.window.createQuickPick<PickItem<T>>();
      qp.title = options.title;
      qp.placeholder = options.placeHolder;
      qp.matchOnDescription = options.matchOnDescription ?? false;
      qp.matchOnDetail = options.matchOnDetail ?? false;
      qp.ignoreFocusOut = options.ignoreFocusOut ?? false;
      qp.keepScrollPosition = true;
      qp.busy = true;
      const controller = new AbortController();
      let settled = false;
      let complete = false;
      let count = 0;
      const finish = (picked: PickItem<T> | undefined, error?: unknown): void => {
        if (settled) return;
        settled = true;
        controller.abort();
        qp.dispose();
        if (error !== undefined) reject(error instanceof Error ? error : new Error(t('The list could not be loaded.')));
        else resolve({ picked, complete, count });
      };
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0] ?? qp.activeItems[0];
        if (picked !== undefined) finish(picked);
      });
      qp.onDidHide(() => finish(undefined));
      qp.show();
      void (async () => {
        try {
          for await (const loaded of items(controller.signal)) {
            if (settled) return;
            // A new page must not move the highlight the user has moved (or the filter they typed: that stays).
            const active = qp.activeItems[0];
            qp.items = loaded;
            count = loaded.length;
            const same =
              active === undefined
                ? undefined
                : loaded.find((i) => i.label === active.label && i.description === active.description);
            if (same !== undefined) qp.activeItems = [same];
          }
          complete = true;
          qp.busy = false;
          if (count === 0) finish(undefined);
        } catch (e) {
          // After a pick or a cancel the aborted request's error is expected: nothing to report.
          if (!settled) finish(undefined, e);
        }
      })();
    });
  }
  async saveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return vscode.window.showSaveDialog(options);
  }
  async openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri | undefined> {
    const picked = await vscode.window.showOpenDialog({ ...options, canSelectMany: false });
    return picked?.[0];
  }
  status(message: string, timeoutMs: number): void {
    vscode.window.setStatusBarMessage(message, timeoutMs);
  }
}
