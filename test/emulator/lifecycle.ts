// Soft delete for certificates and keys: one table of named records with the phases a name goes through
// (active, deleting, deleted, recovering, purging), the same windows and retention as the vault's secrets.

export type Phase = 'absent' | 'active' | 'recovering' | 'deleting' | 'deleted' | 'purging';

export interface Deletion {
  readonly deletedDate: number;
  readonly scheduledPurgeDate: number;
  /** Before this instant (ms) the deletion is still in progress. */
  readonly visibleAtMs: number;
}

export interface Named {
  readonly name: string;
  deleted?: Deletion;
  recoveringUntilMs?: number;
}

/** What the table needs from its vault. */
export interface RetentionPolicy {
  readonly softDelete: boolean;
  readonly recoverableDays: number;
  /** Delete/recover/purge window (ms). */
  readonly windowMs: number;
}

export class SoftDeleteTable<R extends Named> {
  private readonly records = new Map<string, R>();
  /** Lower-case names purged (or hard-deleted) recently → end of the window (ms). */
  private readonly purging = new Map<string, number>();

  constructor(
    private readonly policy: RetentionPolicy,
    private readonly now: () => number,
  ) {}

  phase(name: string): { phase: Phase; rec?: R } {
    const key = name.toLowerCase();
    const now = this.now();
    const rec = this.records.get(key);
    if (!rec) {
      const until = this.purging.get(key);
      if (until !== undefined && now < until) {
        return { phase: 'purging' };
      }
      this.purging.delete(key);
      return { phase: 'absent' };
    }
    if (rec.deleted) {
      if (rec.deleted.scheduledPurgeDate * 1000 <= now) {
        // The retention period has passed: the service purges it on its own.
        this.records.delete(key);
        return { phase: 'absent' };
      }
      return { phase: now < rec.deleted.visibleAtMs ? 'deleting' : 'deleted', rec };
    }
    if (rec.recoveringUntilMs !== undefined) {
      if (now < rec.recoveringUntilMs) {
        return { phase: 'recovering', rec };
      }
      rec.recoveringUntilMs = undefined;
    }
    return { phase: 'active', rec };
  }

  /** The record when it is active (not deleted, not recovering). */
  active(name: string): R | undefined {
    const { phase, rec } = this.phase(name);
    return phase === 'active' ? rec : undefined;
  }

  put(rec: R): void {
    this.records.set(rec.name.toLowerCase(), rec);
  }

  /** Soft-deletes (or, without soft delete, removes) a record; true when it stays recoverable. */
  markDeleted(rec: R): boolean {
    const window = this.policy.windowMs;
    if (!this.policy.softDelete) {
      this.drop(rec.name, window);
      return false;
    }
    const deletedDate = Math.floor(this.now() / 1000);
    rec.deleted = {
      deletedDate,
      scheduledPurgeDate: deletedDate + this.policy.recoverableDays * 86400,
      visibleAtMs: this.now() + window,
    };
    return true;
  }

  markRecovered(rec: R): void {
    rec.deleted = undefined;
    const window = this.policy.windowMs;
    rec.recoveringUntilMs = window > 0 ? this.now() + window : undefined;
  }

  purge(name: string): void {
    this.drop(name, this.policy.windowMs);
  }

  /** Removes a record at once, leaving no window (a certificate's key when the certificate goes). */
  remove(name: string): void {
    this.drop(name, 0);
  }

  private drop(name: string, window: number): void {
    const key = name.toLowerCase();
    this.records.delete(key);
    if (window > 0) {
      this.purging.set(key, this.now() + window);
    }
  }

  /** Up to `max` records in phase `want` after lower-case name `after`, in name order. */
  listed(want: 'active' | 'deleted', after: string | undefined, max: number): R[] {
    const out: R[] = [];
    for (const key of [...this.records.keys()].sort()) {
      if (out.length >= max) break;
      if (after !== undefined && key <= after) continue;
      const { phase, rec } = this.phase(key);
      if (phase === want && rec) out.push(rec);
    }
    return out;
  }
}

/** The three deletion members that head a deleted bundle or item. */
export function deletionHead(origin: string, collection: string, rec: Named): Record<string, unknown> {
  const d = rec.deleted;
  return d
    ? {
        recoveryId: `${origin}/${collection}/${rec.name}`,
        deletedDate: d.deletedDate,
        scheduledPurgeDate: d.scheduledPurgeDate,
      }
    : {};
}
