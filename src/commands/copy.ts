import type { ActionContext } from '../ui/ErrorBoundary';
import { vaultDirectory } from '../vault/VaultDirectory';
import { flash, info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveCurrentVersion, resolveSecret } from './pickers';
import type { Services } from './services';
import type { SecretTarget } from './targets';
import { t } from '../shared/l10n';

/** Copies a value; the clipboard is cleared after `keyVaultSecrets.clipboardClearSeconds` if it still holds it. */
export async function copyValue(s: Services, arg?: unknown, action?: ActionContext): Promise<void> {
  const target = await resolveSecret(s, arg, 'Copy Secret Value');
  const client = vaultDirectory().clientFor(target.vault);
  const secret = await withProgress(t('Reading "{0}"…', target.name), (signal) =>
    client.getValue(target.name, target.version, { signal }),
  );
  // Whatever fails from here on (the clipboard write), no log line of this action may carry the value,
  // even when clipboardClearSeconds is 0 and the clipboard guard does not hold it.
  action?.mask(secret.value);
  const plan = await s.clipboard.copySecret(secret.value);
  if (plan.kind === 'unreadable') {
    // Said now, not discovered later: in a browser the clipboard cannot be checked, so it is not cleared.
    void info(
      t(
        'Copied the value of {0}. VS Code in a browser cannot read the clipboard back, so it will not be cleared automatically: copy something else over it when you no longer need the value.',
        target.name,
      ),
    );
    return;
  }
  flash(
    t(
      'Copied the value of {0}{1}',
      target.name,
      plan.kind === 'clears' ? t('; the clipboard is cleared in {0} s', plan.seconds) : '',
    ),
    'copy',
  );
}

function secretUrl(target: SecretTarget, version?: string): string {
  return `${target.vault.url}/secrets/${target.name}${version !== undefined ? `/${version}` : ''}`;
}

/** Copies the secret identifier without a version (resolves to the latest version). */
export async function copySecretId(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveSecret(s, arg, 'Copy Secret Identifier');
  await s.clipboard.copyText(secretUrl(target));
  flash(t('Copied the identifier of {0}', target.name), 'copy');
}

/** Copies the identifier of one version (a version node's, or the current one). */
export async function copyVersionedId(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveCurrentVersion(s, arg, 'Copy Versioned Secret Identifier');
  await s.clipboard.copyText(secretUrl(target, target.version));
  flash(t('Copied the identifier of {0} version {1}', target.name, target.version.slice(0, 8)), 'copy');
}

/** Copies an App Service / Functions Key Vault reference: unversioned for a secret, versioned for a version node. */
export async function copyReference(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveSecret(s, arg, 'Copy Key Vault Reference');
  const uri = target.version !== undefined ? secretUrl(target, target.version) : `${secretUrl(target)}/`;
  await s.clipboard.copyText(`@Microsoft.KeyVault(SecretUri=${uri})`);
  flash(t('Copied a Key Vault reference to {0}', target.name), 'copy');
}
