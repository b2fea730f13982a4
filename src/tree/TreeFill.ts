// Filling lists: every remaining page of some lists, a few at once, under one cancellable notification (a filter
// shows every match, Load all). A list already being filled is not loaded twice: whoever asks joins that fill.
// Pure (no `vscode`): the notification is the TreeSurface's.

import { eachLimited } from '../shared/concurrency';
import { t } from '../shared/l10n';
import { ChangeThrottle, timerSchedule, type Schedule } from './ChangeThrottle';
import type { SecretFilter } from './filter';
import type { TreeNode } from './nodes';
import type { RenderedRows } from './RenderedRows';
import type { TreeSurface } from './treeSurface';
import type { AnyList } from './TreeLists';

/** A list to fill and the row that shows it. */
export interface FillTarget {
  readonly list: AnyList;
  readonly parent: TreeNode;
}

export interface TreeFillOptions {
  /** While a list loads all its pages, at most one change event per this many ms. */
  readonly throttleMs: number;
  readonly schedule?: Schedule;
  /** How many lists a fill loads at once. */
  readonly concurrency: number;
  /** The active filter (a fill cancelled under a filter is not started again for it). */
  readonly filter: () => SecretFilter | undefined;
}

export class TreeFill {
  /** Lists the user cancelled filling for the current filter (not filled again automatically). */
  readonly stopped = new Set<AnyList>();
  /** Lists being filled under a progress notification right now, each with the fill that ends when it is full. */
  private readonly filling = new Map<AnyList, Promise<void>>();
  private readonly throttle: ChangeThrottle<TreeNode>;

  constructor(
    private readonly host: TreeSurface,
    private readonly rows: RenderedRows,
    private readonly options: TreeFillOptions,
  ) {
    this.throttle = new ChangeThrottle<TreeNode>(
      options.throttleMs,
      (nodes) => rows.fire(nodes),
      options.schedule ?? timerSchedule,
    );
  }

  dispose(): void {
    this.throttle.dispose();
  }

  /**
   * Loads every remaining page of the given lists (a few at once) under one cancellable notification, which closes
   * as soon as the last page is in. `live`: the parents re-render while pages arrive (throttled), else only the
   * caller shows the result. A list another fill is loading is not loaded twice: this waits for that fill, so
   * whoever asks (the view's expand beside a reveal's, a filter set meanwhile) gets the full list, not its first
   * pages.
   */
  async fill(targets: readonly FillTarget[], title: string, live: boolean): Promise<void> {
    const running = new Set<Promise<void>>();
    for (const { list } of targets) {
      const fill = this.filling.get(list);
      if (fill) running.add(fill);
    }
    const todo = targets.filter(
      (target, i) => !this.filling.has(target.list) && targets.findIndex((o) => o.list === target.list) === i,
    );
    if (todo.length > 0) {
      const fill = this.loadAllOf(todo, title, live).finally(() => {
        for (const { list } of todo) this.filling.delete(list);
        this.throttle.flush();
        if (live) this.rows.fire(todo.map((target) => target.parent));
      });
      for (const { list } of todo) this.filling.set(list, fill);
      running.add(fill);
    }
    await Promise.all(running);
  }

  /** The fill itself: every remaining page of each list, a few lists at once, under one cancellable notification. */
  private async loadAllOf(todo: readonly FillTarget[], title: string, live: boolean): Promise<void> {
    await this.host.withProgress(title, async (report, signal) => {
      const loaded = new Map<AnyList, number>();
      await eachLimited(todo, this.options.concurrency, async ({ list, parent }) => {
        if (signal.aborted) return;
        if (live) this.rows.fire([parent]);
        await list.loadAll(
          signal,
          (n) => {
            loaded.set(list, n);
            report(
              t(
                '{0} loaded',
                [...loaded.values()].reduce((a, b) => a + b, 0),
              ),
            );
            if (live) this.throttle.push([parent]);
          },
          live,
        );
        if (signal.aborted && this.options.filter()) this.stopped.add(list);
      });
    });
  }
}
