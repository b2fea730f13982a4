// Make This Version Current (roll back): a new version with an older version's value, content type and tags.
// The user confirms first (nothing is read before that); then one read of that version and one write. The value
// is held only between the two requests.

import { t } from '../shared/l10n';
import { rollBackFields } from '../shared/transfer/rollBackRules';
import { confirmLoss } from '../ui/destructiveGate';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import type { ActionContext } from '../ui/ErrorBoundary';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { SecretVersion, VaultRef } from '../vault/model';
import { announce } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';

export interface RollBackTarget {
  readonly vault: VaultRef;
  readonly name: string;
  /** The version to make current, with its properties (from the tree or the version picker). */
  readonly version: SecretVersion;
  /** It is already the newest version. */
  readonly current: boolean;
}

/** Resolves to the new current version's properties. */
export async function makeVersionCurrent(target: RollBackTarget, action?: ActionContext): Promise<SecretVersion> {
  const { vault, name, version } = target;
  if (target.current)
    throw new Error(t('Version {0} is already the current version of "{1}".', version.version.slice(0, 8), name));
  if (version.managed)
    throw new Error(t('"{0}" is managed by a Key Vault certificate: roll it back from the certificate instead.', name));
  if (!version.enabled)
    throw new Error(
      t(
        'Version {0} of "{1}" is disabled, and Key Vault does not let a disabled version be read: enable it first.',
        version.version.slice(0, 8),
        name,
      ),
    );
  await confirmLoss({ kind: 'rollBack', groups: [{ vault, names: [name] }], version });
  const client = vaultDirectory().clientFor(vault);
  const created = await withProgress(
    t('Making version {0} of "{1}" current…', version.version.slice(0, 8), name),
    async (signal) => {
      const old = await client.getValue(name, version.version, { signal });
      action?.mask(old.value);
      return client.setSecret(name, { value: old.value, ...rollBackFields(old.properties) }, { signal });
    },
  ).catch((e: unknown) => {
    if (isKeyVaultFailure(e) && e.kind === 'disabled')
      throw new Error(t('Version {0} of "{1}" is disabled: enable it first.', version.version.slice(0, 8), name));
    throw e;
  });
  announce({ vault, name, kind: 'newVersion' });
  void info(
    t(
      'Version {0} of "{1}" is current again, as new version {2}.',
      version.version.slice(0, 8),
      name,
      created.version.slice(0, 8),
    ),
  );
  return created;
}
