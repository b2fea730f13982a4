// Which mappings the user approved for which configuration: per configuration (a launch configuration, a task, a
// variable command's reference), the hash of the approved VARIABLE ← secret rows. Kept in the extension's global
// state, which therefore holds two hashes per approval and nothing else: no value (none is read before the
// approval), no name of a variable, secret or vault. A changed mapping has another hash, so it is asked again.

import { createHash } from 'node:crypto';

/** The part of a vscode.Memento the store uses. */
export interface ApprovalMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const STATE_KEY = 'keyVaultSecrets.run.approvals';
/** Oldest approvals are forgotten beyond this many (one per configuration the user ever launched). */
const MAX_APPROVALS = 500;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export class RunApprovals {
  constructor(private readonly memento: ApprovalMemento) {}

  private all(): Record<string, string> {
    const stored = this.memento.get<unknown>(STATE_KEY);
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
    return Object.fromEntries(
      Object.entries(stored as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  }

  /** Whether `mapping` (its canonical text) is the one approved for `configuration`. */
  approved(configuration: string, mapping: string): boolean {
    const entry = Object.hasOwn(this.all(), sha256(configuration)) ? this.all()[sha256(configuration)] : undefined;
    return entry === sha256(mapping);
  }

  /** Remembers `mapping` as approved for `configuration` (replacing what was approved before). */
  async approve(configuration: string, mapping: string): Promise<void> {
    const key = sha256(configuration);
    const rest = Object.entries(this.all()).filter(([k]) => k !== key);
    const kept = rest.slice(Math.max(0, rest.length - (MAX_APPROVALS - 1)));
    await this.memento.update(STATE_KEY, Object.fromEntries([...kept, [key, sha256(mapping)]]));
  }
}
