import * as vscode from 'vscode';
import { SecretDocumentProvider } from '../documents/SecretDocumentProvider';
import { toTarget } from './targets';
import { resolveSecret } from './pickers';
import type { Services } from './services';

/** Opens the properties of a secret, a version or a deleted secret as read-only JSON. */
export async function showProperties(s: Services, arg?: unknown): Promise<vscode.TextEditor> {
  const d = toTarget(arg, (u) => s.vaults.lookup(u));
  const uri =
    d?.kind === 'deleted'
      ? SecretDocumentProvider.uriOf({ vaultUrl: d.vault.url, name: d.name, view: 'deleted' })
      : await resolveSecret(s, arg, 'Show Secret Properties').then((t) =>
          SecretDocumentProvider.uriOf({ vaultUrl: t.vault.url, name: t.name, ...(t.version !== undefined ? { version: t.version } : {}), view: 'properties' }),
        );
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: true });
}
