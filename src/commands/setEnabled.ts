import { resolveCurrentVersion } from './pickers';
import { changed, clientFor, flash, withProgress, type Services } from './services';

/** Enables or disables a version: a version node's, a secret node's current version, or picked from the palette. */
export async function setEnabled(s: Services, enabled: boolean, arg?: unknown): Promise<void> {
  const verb = enabled ? 'Enable' : 'Disable';
  const t = await resolveCurrentVersion(s, arg, `${verb} Secret`);
  const client = clientFor(s, t.vault);
  await withProgress(`${enabled ? 'Enabling' : 'Disabling'} "${t.name}"…`, (signal) => client.updateProperties(t.name, t.version, { enabled }, { signal }));
  changed(s, { vault: t.vault, name: t.name, kind: 'properties' });
  flash(`$(check) ${enabled ? 'Enabled' : 'Disabled'} ${t.name} (version ${t.version.slice(0, 8)})`);
}
