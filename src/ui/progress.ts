// Network work the user waits for runs under a cancellable progress notification: cancelling aborts the
// request in flight. An optional deadline bounds the whole of it (several requests in a row). This module and
// prompts.ts are the only callers of VS Code's progress API (ESLint enforces it); titles and steps are plain text
// (plainSurfaces.ts), so a vault's display name in a title cannot become a link or an icon.

import * as vscode from 'vscode';
import { formatDuration } from '../shared/duration';
import { t } from '../shared/l10n';
import { lineText, progressTitle } from './plainSurfaces';
import { UserCancelled } from './UserCancelled';

export interface ProgressOptions {
  /** The whole of `fn` must finish within this; past it the signal aborts and a clear error is thrown. */
  readonly deadlineMs?: number;
  /** Another way to stop the work (a panel's Stop button): aborting it aborts `fn`'s signal too. */
  readonly signal?: AbortSignal;
}

/** Tells the progress notification what step it is on; `increment` (percent of the whole) moves its bar. */
export type ProgressStep = (message: string, increment?: number) => void;

/** Thrown when a progress's overall deadline passed before its work finished. */
export class DeadlineExceeded extends Error {
  constructor(title: string, ms: number) {
    super(
      t('{0} did not finish within {1}. Refresh to see what was done.', title.replace(/…$/, ''), formatDuration(ms)),
    );
    this.name = 'DeadlineExceeded';
  }
}

export async function withProgress<T>(
  title: string,
  fn: (signal: AbortSignal, step: ProgressStep) => Promise<T>,
  options: ProgressOptions = {},
): Promise<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: progressTitle(title), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      const stop = (): void => controller.abort();
      options.signal?.addEventListener('abort', stop);
      if (options.signal?.aborted === true) controller.abort();
      let timedOut = false;
      const timer =
        options.deadlineMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, options.deadlineMs)
          : undefined;
      try {
        return await fn(controller.signal, (message, increment) =>
          progress.report({ message: lineText(message), ...(increment !== undefined ? { increment } : {}) }),
        );
      } catch (e) {
        if (timedOut && options.deadlineMs !== undefined) throw new DeadlineExceeded(title, options.deadlineMs);
        if (token.isCancellationRequested) throw new UserCancelled();
        throw e;
      } finally {
        if (timer !== undefined) clearTimeout(timer);
        options.signal?.removeEventListener('abort', stop);
        sub.dispose();
      }
    },
  );
}

/** Shows that `work` is under way in a view (the bar under its title); the view's own rows tell what it is. */
export function showInView(viewId: string, work: Promise<unknown>): void {
  void vscode.window.withProgress({ location: { viewId } }, () => work.catch(() => undefined));
}
