// Change events while a list loads page after page: the first goes out at once, then at most one per interval
// carrying everything that changed meanwhile; flush() delivers what is left at once (the last one is never lost).
// Pure (no `vscode`); the timer is injectable so tests count events without waiting.

/** Runs `fn` after `ms`; the result cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export const timerSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

export class ChangeThrottle<T extends { readonly id: string }> {
  private readonly pending = new Map<string, T>();
  private cooling: (() => void) | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly deliver: (items: T[]) => void,
    private readonly schedule: Schedule = timerSchedule,
  ) {}

  push(items: readonly T[]): void {
    for (const item of items) this.pending.set(item.id, item);
    if (this.cooling === undefined) this.emit();
  }

  /** Delivers what is pending now and ends the cool-down. */
  flush(): void {
    this.cooling?.();
    this.cooling = undefined;
    const items = this.take();
    if (items.length > 0) this.deliver(items);
  }

  dispose(): void {
    this.cooling?.();
    this.cooling = undefined;
    this.pending.clear();
  }

  private take(): T[] {
    const items = [...this.pending.values()];
    this.pending.clear();
    return items;
  }

  private emit(): void {
    const items = this.take();
    this.cooling = this.schedule(() => {
      this.cooling = undefined;
      if (this.pending.size > 0) this.emit();
    }, this.intervalMs);
    if (items.length > 0) this.deliver(items);
  }
}
