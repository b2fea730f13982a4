import { confirmLoss } from '../ui/destructiveGate';
import { announce } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';
import { flash } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveSecret, resolveVersion } from './pickers';
import type { Services } from './services';
import { t as l10nT } from '../shared/l10n';

/**
 * Enables or disables a version: a version node's, a secret node's current version (one request: the update
 * without a version is the current one's), or one picked from the palette. Disabling the current version asks
 * first: every reader of the secret (apps, references) fails until it is enabled.
 */
export async function setEnabled(s: Services, enabled: boolean, arg?: unknown): Promise<void> {
  const verb = enabled ? 'Enable' : 'Disable';
  const title = `${verb} Secret`;
  const t = arg === undefined ? await resolveVersion(s, arg, title) : await resolveSecret(s, arg, title);
  const current = t.version === undefined || t.current === true;
  if (!enabled && current) {
    await confirmLoss({ kind: 'disable', groups: [{ vault: t.vault, names: [t.name] }], current: true });
  }
  const client = vaultDirectory().clientFor(t.vault);
  const answer = await withProgress(
    enabled ? l10nT('Enabling "{0}"…', t.name) : l10nT('Disabling "{0}"…', t.name),
    (signal) => client.updateProperties(t.name, t.version, { enabled }, { signal }),
  );
  announce({ vault: t.vault, name: t.name, kind: 'properties', ...(current ? { current: answer } : {}) });
  flash(
    enabled
      ? l10nT('Enabled {0} (version {1})', t.name, answer.version.slice(0, 8))
      : l10nT('Disabled {0} (version {1})', t.name, answer.version.slice(0, 8)),
    'check',
  );
}
