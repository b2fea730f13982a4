// Network work the user waits for runs under a cancellable progress notification: cancelling aborts the
// request in flight. An optional deadline bounds the whole of it (several requests in a row).

import * as vscode from 'vscode';
import { formatDuration } from '../shared/duration';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import { UserCancelled } from './UserCancelled';

export interface ProgressOptions {
  /** The whole of `fn` must finish within this; past it the signal aborts and a clear error is thrown. */
  readonly deadlineMs?: number;
}

/** Tells the progress notification what step it is on. */
export type ProgressStep = (message: string) => void;

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
    { location: vscode.ProgressLocation.Notification, title: plainLine(title), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      let timedOut = false;
      const timer =
        options.deadlineMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, options.deadlineMs)
          : undefined;
      try {
        return await fn(controller.signal, (message) => progress.report({ message: plainLine(message) }));
      } catch (e) {
        if (timedOut && options.deadlineMs !== undefined) throw new DeadlineExceeded(title, options.deadlineMs);
        if (token.isCancellationRequested) throw new UserCancelled();
        throw e;
      } finally {
        if (timer !== undefined) clearTimeout(timer);
        sub.dispose();
      }
    },
  );
}
