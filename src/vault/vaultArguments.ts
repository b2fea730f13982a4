// Resolving a command argument to a known vault: a vault named by a tree node, a panel target or another
// extension's executeCommand is used only when it is one the extension already knows. No `vscode` here, so the
// rule is unit-tested in plain Node.

import { t } from '../shared/l10n';
import { parseVaultUrl } from '../shared/vaultUrl';
import type { VaultRef } from './model';
import { knownEntryFor } from './vaultIdentity';

export type VaultArgumentResult =
  { readonly ok: true; readonly vault: VaultRef } | { readonly ok: false; readonly message: string };

/**
 * Command arguments that name a vault (a tree node, a panel target, another extension's executeCommand) are
 * accepted only for a vault the extension already knows (discovered or in settings), and never carry
 * `emulator` or `caFile` of their own: the answer is always the known VaultRef, so how it is reached comes from
 * the user's settings, never from the argument. An argument whose emulator/caFile differs from the known vault
 * is refused outright.
 */
export function resolveVaultArgument(arg: unknown, known: readonly VaultRef[]): VaultArgumentResult {
  const refused = (why: string): VaultArgumentResult => ({
    ok: false,
    message: t('This command was given a vault it cannot use: {0}', why),
  });
  let url: unknown = arg;
  let extra: { emulator?: unknown; caFile?: unknown } = {};
  if (typeof arg === 'object' && arg !== null) {
    const record = arg as { url?: unknown; key?: unknown; emulator?: unknown; caFile?: unknown };
    url = record.url ?? record.key;
    extra = record;
  }
  const parsed = parseVaultUrl(url);
  if (!parsed.ok) return refused(parsed.message);
  // The entry the argument names (a row keeps its own entry when one vault is known twice).
  const vault = knownEntryFor(typeof arg === 'object' && arg !== null ? arg : parsed.url, known);
  if (vault === undefined)
    return refused(t('{0} is not one of your vaults. Add it with "Add Vault by URL" first.', parsed.url));
  const emulatorArg = extra.emulator === undefined ? undefined : extra.emulator === true;
  if (emulatorArg !== undefined && emulatorArg !== (vault.emulator === true))
    return refused(t('an argument cannot mark a vault as a local emulator.'));
  if (extra.caFile !== undefined && extra.caFile !== vault.caFile)
    return refused(t('an argument cannot choose a certificate to trust.'));
  return { ok: true, vault };
}
