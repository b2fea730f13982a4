import * as vscode from 'vscode';
import { languageForContentType } from '../documents/secretLanguage';
import { resolveSecret } from './pickers';
import type { Services } from './services';

/** Opens the value of a secret (latest) or of a version in a read-only editor, in preview. */
export async function showValue(s: Services, arg?: unknown): Promise<vscode.TextEditor> {
  const t = await resolveSecret(s, arg, 'Show Secret Value');
  const uri = s.documents.mint(
    {
      vaultUrl: t.vault.url,
      name: t.name,
      ...(t.version !== undefined ? { version: t.version } : {}),
      view: 'value',
      ...(t.properties?.contentType !== undefined ? { contentType: t.properties.contentType } : {}),
    },
    t.vault,
  );
  let doc = await vscode.workspace.openTextDocument(uri);
  const language = languageForContentType(s.documents.contentTypeOf(uri));
  if (language !== undefined && doc.languageId !== language) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, language).then(
      (d) => d,
      () => doc,
    );
  }
  return vscode.window.showTextDocument(doc, { preview: true });
}
