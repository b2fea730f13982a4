// What every Key Vault tool shares: its shape (input keys, what it does, the confirmation of a writing tool), the
// refusal in words, and the rule for the vault an input names.

import type * as vscode from 'vscode';
import type { VaultRef } from '../vault/model';
import { vaultDirectory } from '../vault/VaultDirectory';
import { toolVault, type Checked } from './toolInputs';

/** A checked input, and the signal that ends the tool's requests when the call is cancelled. */
export interface ToolCall {
  readonly input: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal;
}

/** One tool: the input keys it takes, what it does, and (writing tools) the confirmation naming the change. */
export interface ToolSpec {
  readonly keys: readonly string[];
  run(call: ToolCall): Promise<string>;
  confirm?(input: Readonly<Record<string, unknown>>): vscode.PreparedToolInvocation | undefined;
}

/** Thrown by a tool to refuse in words (the answer is the message, as data). */
export class ToolRefusal extends Error {}

/** The value of a check, or a refusal. */
export function checked<T>(result: Checked<T>): T {
  if (!result.ok) throw new ToolRefusal(result.message);
  return result.value;
}

/**
 * The user's vault an input names, among the vaults known now: no request is sent to find it (a discovered vault
 * is known once the user's vaults were listed, by the tree or by the list tool, which the refusal names). A vault
 * only the workspace's settings list is refused.
 */
export function inputVault(arg: unknown): VaultRef {
  const known = vaultDirectory().known();
  return checked(
    toolVault(
      arg,
      known.filter((v) => v.origin !== 'workspace'),
      known.filter((v) => v.origin === 'workspace'),
    ),
  );
}
