// The view side of the tree model, as the model's parts see it. Pure (no `vscode`): KeyVaultTree implements it.

import type { SecretFilter } from './filter';
import type { TreeNode } from './nodes';
import type { WelcomeState } from './welcomeState';

/** A cancellable task under a progress notification: `report` sets its message; `signal` aborts on Cancel. */
export type ProgressTask = (report: (message: string) => void, signal: AbortSignal) => Promise<void>;

/** The view side of the model. */
export interface TreeSurface {
  /** These nodes changed (the exact objects last handed out), or everything (undefined). */
  changed(nodes: readonly TreeNode[] | undefined): void;
  /** Shows that the view is busy while `work` runs; returns `work`. */
  inView<T>(work: Promise<T>): Promise<T>;
  /** Runs `task` under a cancellable notification; resolves when the task ends (the notification closes then). */
  withProgress(title: string, task: ProgressTask): Promise<void>;
  /** The welcome that applies changed; `detail` says why discovery failed (for the log). */
  welcomeChanged(state: WelcomeState, detail?: string): void;
  filterChanged(filter: SecretFilter | undefined): void;
}
