import * as vscode from 'vscode';
import { targetOf } from './targets';
import { resolveSecret } from './pickers';
import type { Services } from './services';

/** Opens the properties of a secret, a version or a deleted secret as read-only JSON. */
export async function showProperties(s: Services, arg?: unknown): Promise<vscode.TextEditor> {
  const d = targetOf(s, arg);
  const uri =
    d?.kind === 'deleted'
      ? s.documents.mint({ vaultUrl: d.vault.url, name: d.name, view: 'deleted' }, d.vault)
      : await resolveSecret(s, arg, 'Show Secret Properties').then((target) =>
          s.documents.mint(
            {
              vaultUrl: target.vault.url,
              name: target.name,
              ...(target.version !== undefined ? { version: target.version } : {}),
              view: 'properties',
            },
            target.vault,
          ),
        );
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: true });
}
