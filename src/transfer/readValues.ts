// Reads the values of secrets into environment variables: the one mechanism behind Terminal with Secrets and
// Run and debug with secrets. Each distinct secret (vault, name, version) costs one GetSecret, whatever the number
// of variables that use it; the reads run `concurrency` at a time; each value is handed to `mask` as soon as it
// arrives (the log never shows it); a failure belongs to the variables of that secret only. No `vscode`: the bench
// runs this very code against the local Key Vault server.

import { Slots } from '../shared/concurrency';
import type { SecretValue, VaultClient, VaultRef } from '../vault/model';

/** One variable to set: its name, and the secret (or version) whose value it gets. */
export interface WantedVariable {
  readonly key: string;
  readonly vault: VaultRef;
  readonly name: string;
  readonly version?: string;
}

/** A variable whose secret could not be read, and the failure (the caller words it). */
export interface FailedVariable {
  readonly wanted: WantedVariable;
  readonly error: unknown;
}

export interface ReadOptions {
  readonly clientFor: (vault: VaultRef) => Pick<VaultClient, 'getValue'>;
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called with each value read (the action's log masks it). */
  readonly mask?: (value: string) => void;
  /** A value read but not usable (an expired secret): the error to report instead, or undefined to use it. */
  readonly refuse?: (read: SecretValue, wanted: WantedVariable) => Error | undefined;
}

/** The identity of a secret read: two variables of the same secret share one request. */
function readId(w: WantedVariable): string {
  return `${w.vault.key}|${w.name.toLowerCase()}|${w.version ?? ''}`;
}

/** How many GetSecret requests `wanted` costs. */
export function distinctReads(wanted: readonly WantedVariable[]): number {
  return new Set(wanted.map(readId)).size;
}

/**
 * Reads every wanted variable's value. Cancelling (`signal`) rejects with the abort; any other failure is per
 * variable, in `failed`.
 */
export async function readValues(
  wanted: readonly WantedVariable[],
  options: ReadOptions,
): Promise<{ readonly env: Record<string, string>; readonly failed: FailedVariable[] }> {
  const slots = new Slots(options.concurrency);
  const reads = new Map<string, Promise<string>>();
  const { signal } = options;
  const readOf = (w: WantedVariable): Promise<string> => {
    const id = readId(w);
    let read = reads.get(id);
    if (read === undefined) {
      read = slots.run(async () => {
        signal?.throwIfAborted();
        const got = await options.clientFor(w.vault).getValue(w.name, w.version, { signal });
        options.mask?.(got.value);
        const refused = options.refuse?.(got, w);
        if (refused !== undefined) throw refused;
        return got.value;
      });
      reads.set(id, read);
    }
    return read;
  };
  const env: Record<string, string> = {};
  const failed: FailedVariable[] = [];
  await Promise.all(
    wanted.map(async (w) => {
      try {
        env[w.key] = await readOf(w);
      } catch (error) {
        signal?.throwIfAborted();
        failed.push({ wanted: w, error });
      }
    }),
  );
  return { env, failed };
}
