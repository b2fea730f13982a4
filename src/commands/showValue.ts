import * as vscode from 'vscode';
import { languageForContentType } from '../documents/secretLanguage';
import { resolveSecret } from './pickers';
import type { Services } from './services';

/** Opens the value of a secret (latest) or of a version in a read-only editor, in preview. */
export async function showValue(s: Services, arg?: unknown): Promise<vscode.TextEditor> {
  const target = await resolveSecret(s, arg, 'Show Secret Value');
  const uri = s.documents.mint(
    {
      vaultUrl: target.vault.url,
      name: target.name,
      ...(target.version !== undefined ? { version: target.version } : {}),
      view: 'value',
      ...(target.properties?.contentType !== undefined ? { contentType: target.properties.contentType } : {}),
    },
    target.vault,
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
