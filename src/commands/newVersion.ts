import * as vscode from 'vscode';
import { SECRET_SCHEME } from '../documents/secretUri';
import { fieldsFromProperties } from '../shared/secretFormModel';
import { SecretFormPanel } from '../webviews/SecretFormPanel';
import { listVersionsNewestFirst, resolveSecret } from './pickers';
import type { Services } from './services';

/** Opens the form that sets a new version. Without an argument, the secret of the active value document, else picked. */
export async function newVersion(s: Services, arg?: unknown): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const source = arg ?? (active?.scheme === SECRET_SCHEME ? active : undefined);
  const target = await resolveSecret(s, source, 'Set New Version');
  // Start from the current version's content type and tags (a new version replaces them); dates start empty.
  const current = (await listVersionsNewestFirst(target.vault, target.name))[0];
  const fields =
    current !== undefined
      ? { ...fieldsFromProperties(current), notBefore: '', expiresOn: '', enabled: true }
      : undefined;
  SecretFormPanel.show({
    mode: 'newVersion',
    vault: target.vault,
    name: target.name,
    ...(fields !== undefined ? { fields } : {}),
  });
}
