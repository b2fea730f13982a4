// What each plain-text surface receives: the one mapping from the text the extension wants to show to the text
// VS Code renders, for notifications, modals, progress notifications, input boxes, quick picks, file dialogs and
// the status bar. Every surface in src/ui passes its text through here, and ESLint forbids reaching those VS Code
// APIs from anywhere else, so no text can skip it. Text the extension did not write (a service's message, a name
// from a response, a vault's display name from the workspace) therefore never becomes a link, a command or an icon.
//
// Pure: only types come from `vscode`, so the bad-input catalogue runs these very functions in plain Node.

import type * as vscode from 'vscode';
import { plainLine, plainText } from '../shared/markup';

/** A notification's or a modal's message, a modal's detail, an input box's prompt or validation message. */
export const messageText = plainText;

/** One line: titles (progress, input box, quick pick, dialog), placeholders, pick items, progress steps, status. */
export const lineText = plainLine;

const optionalMessage = (s: string | undefined): string | undefined => (s === undefined ? undefined : messageText(s));
const optionalLine = (s: string | undefined): string | undefined => (s === undefined ? undefined : lineText(s));

export function messageOptions(options: vscode.MessageOptions): vscode.MessageOptions {
  return { ...options, detail: optionalMessage(options.detail) };
}

export function pickItem<T extends vscode.QuickPickItem>(item: T): T {
  return {
    ...item,
    label: lineText(item.label),
    description: optionalLine(item.description),
    detail: optionalLine(item.detail),
  };
}

export function pickOptions(options: vscode.QuickPickOptions): vscode.QuickPickOptions {
  return { ...options, title: optionalLine(options.title), placeHolder: optionalLine(options.placeHolder) };
}

export function inputOptions(options: vscode.InputBoxOptions): vscode.InputBoxOptions {
  const validate = options.validateInput?.bind(options);
  return {
    ...options,
    title: optionalLine(options.title),
    prompt: optionalMessage(options.prompt),
    placeHolder: optionalLine(options.placeHolder),
    ...(validate !== undefined
      ? {
          validateInput: async (text: string) => {
            const verdict = await validate(text);
            if (typeof verdict === 'string') return messageText(verdict);
            return verdict ?? undefined;
          },
        }
      : {}),
  };
}

export function dialogTitle<O extends { readonly title?: string }>(options: O): O {
  return { ...options, title: optionalLine(options.title) };
}

/** A progress notification's title (and, through `lineText`, each step it reports). */
export function progressTitle(title: string): string {
  return lineText(title);
}
