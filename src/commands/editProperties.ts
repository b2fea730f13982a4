import { fieldsFromProperties } from '../shared/secretFormModel';
import { SecretFormPanel } from '../webviews/SecretFormPanel';
import { listVersionsNewestFirst, resolveCurrentVersion, resolveVersion } from './pickers';
import type { Services } from './services';
import { t as l10nT } from '../shared/l10n';

/** Opens the form (without the value) for the properties of one version: a version node's, a secret's current one, or picked. */
export async function editProperties(s: Services, arg?: unknown): Promise<void> {
  const t =
    arg === undefined
      ? await resolveVersion(s, arg, 'Edit Properties')
      : await resolveCurrentVersion(s, arg, 'Edit Properties');
  const props =
    t.properties?.version === t.version
      ? t.properties
      : (await listVersionsNewestFirst(t.vault, t.name)).find((v) => v.version === t.version);
  if (props === undefined) throw new Error(l10nT('Version {0} of secret "{1}" was not found.', t.version, t.name));
  SecretFormPanel.show({
    mode: 'editProperties',
    vault: t.vault,
    name: t.name,
    version: t.version,
    fields: fieldsFromProperties(props),
  });
}
