import { confirm, flash } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { resolveCurrentVersion } from './pickers';
import { changed, clientFor, type Services } from './services';

/**
 * Enables or disables a version: a version node's, a secret node's current version, or picked from the palette.
 * Disabling the current version asks first: every reader of the secret (apps, references) fails until it is enabled.
 */
export async function setEnabled(s: Services, enabled: boolean, arg?: unknown): Promise<void> {
  const verb = enabled ? 'Enable' : 'Disable';
  const t = await resolveCurrentVersion(s, arg, `${verb} Secret`);
  if (!enabled && t.current === true) {
    await confirm(
      `Disable the current version of "${t.name}" in vault ${t.vault.name}?`,
      'Disable',
      'Anything that reads this secret without a version (apps, Key Vault references) gets an error until it is enabled again.',
    );
  }
  const client = clientFor(s, t.vault);
  await withProgress(`${enabled ? 'Enabling' : 'Disabling'} "${t.name}"…`, (signal) => client.updateProperties(t.name, t.version, { enabled }, { signal }));
  changed(s, { vault: t.vault, name: t.name, kind: 'properties' });
  flash(`${enabled ? 'Enabled' : 'Disabled'} ${t.name} (version ${t.version.slice(0, 8)})`, 'check');
}
