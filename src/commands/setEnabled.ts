import { confirmLoss } from '../ui/destructiveGate';
import { announce } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';
import { flash } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveSecret, resolveVersion } from './pickers';
import type { Services } from './services';
import { t } from '../shared/l10n';

/**
 * Enables or disables a version: a version node's, a secret node's current version (one request: the update
 * without a version is the current one's), or one picked from the palette. Disabling the current version asks
 * first: every reader of the secret (apps, references) fails until it is enabled.
 */
export async function setEnabled(s: Services, enabled: boolean, arg?: unknown): Promise<void> {
  const verb = enabled ? 'Enable' : 'Disable';
  const title = `${verb} Secret`;
  const target = arg === undefined ? await resolveVersion(s, arg, title) : await resolveSecret(s, arg, title);
  const current = target.version === undefined || target.current === true;
  if (!enabled && current) {
    await confirmLoss({ kind: 'disable', groups: [{ vault: target.vault, names: [target.name] }], current: true });
  }
  const client = vaultDirectory().clientFor(target.vault);
  const answer = await withProgress(
    enabled ? t('Enabling "{0}"…', target.name) : t('Disabling "{0}"…', target.name),
    (signal) => client.updateProperties(target.name, target.version, { enabled }, { signal }),
  );
  announce({ vault: target.vault, name: target.name, kind: 'properties', ...(current ? { current: answer } : {}) });
  flash(
    enabled
      ? t('Enabled {0} (version {1})', target.name, answer.version.slice(0, 8))
      : t('Disabled {0} (version {1})', target.name, answer.version.slice(0, 8)),
    'check',
  );
}
