import { fieldsFromProperties } from '../shared/secretFormModel';
import { SecretFormPanel } from '../webviews/SecretFormPanel';
import { listVersionsNewestFirst, resolveCurrentVersion, resolveVersion } from './pickers';
import type { Services } from './services';
import { t } from '../shared/l10n';

/** Opens the form (without the value) for the properties of one version: a version node's, a secret's current one, or picked. */
export async function editProperties(s: Services, arg?: unknown): Promise<void> {
  const target =
    arg === undefined
      ? await resolveVersion(s, arg, 'Edit Properties')
      : await resolveCurrentVersion(s, arg, 'Edit Properties');
  const props =
    target.properties?.version === target.version
      ? target.properties
      : (await listVersionsNewestFirst(target.vault, target.name)).find((v) => v.version === target.version);
  if (props === undefined)
    throw new Error(t('Version {0} of secret "{1}" was not found.', target.version, target.name));
  SecretFormPanel.show({
    mode: 'editProperties',
    vault: target.vault,
    name: target.name,
    version: target.version,
    fields: fieldsFromProperties(props),
  });
}
