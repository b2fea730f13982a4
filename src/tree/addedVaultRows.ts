// The added vaults as the tree shows them, and the rule that a removal wins over any answer that was on its way:
// a row of an added vault that is no longer added (its own row, or any row under it) is stale, whatever list
// answer, refresh or page arrives for it afterwards. Pure (no `vscode`).

import type { VaultRef } from '../vault/model';
import { vaultNodeId } from './nodes';

/** Every added vault's row id starts with this (`vault:added:<url>`; nodes.ts). */
const ADDED_ROW_PREFIX = vaultNodeId({ key: '', name: '', url: '', source: 'added' });

export class AddedVaultRows {
  /** The added vaults the tree last showed or announced, as one comparable value. */
  private shown: string | undefined;

  /** `read`: the added vaults as the settings have them now. */
  constructor(private readonly read: () => readonly VaultRef[]) {}

  /** The added vaults for an answer of the root, read when it is given (not when it was asked for). */
  show(): readonly VaultRef[] {
    const added = this.read();
    this.shown = JSON.stringify(added);
    return added;
  }

  /** Whether the added vaults differ from what the tree last showed or announced; they count as announced now. */
  changed(): boolean {
    const now = JSON.stringify(this.read());
    if (now === this.shown) return false;
    this.shown = now;
    return true;
  }

  /**
   * A test for rows (by id) under an added vault that the settings no longer list: nothing may show or change
   * them. The settings are read once, when a row of an added vault is first asked about.
   */
  removedTest(): (id: string) => boolean {
    let rows: readonly string[] | undefined;
    return (id) => {
      if (!id.startsWith(ADDED_ROW_PREFIX)) return false;
      rows ??= this.read().map(vaultNodeId);
      return !rows.some((row) => id === row || id.startsWith(`${row}/`));
    };
  }
}
