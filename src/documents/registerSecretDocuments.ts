// Registers the read-only `keyvault-secret:` file system. Its own small module: activation registers it (with a
// provider that loads SecretDocumentProvider on first use), so a restored editor of a secret finds it at once.

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { t } from '../shared/l10n';
import { SECRET_SCHEME } from './secretUri';

/** Registers the provider as read-only, with the message VS Code shows when the user tries to type. */
export function registerSecretDocuments(provider: vscode.FileSystemProvider): vscode.Disposable {
  const newVersionCommand = COMMANDS.newVersion;
  const message = new vscode.MarkdownString(
    t(
      'This is a read-only view of a Key Vault secret. To change its value, [set a new version](command:{0}) (or use **Key Vault: Set New Version…** from the Command Palette).',
      newVersionCommand,
    ),
  );
  message.isTrusted = { enabledCommands: [newVersionCommand] };
  return vscode.workspace.registerFileSystemProvider(SECRET_SCHEME, provider, {
    isCaseSensitive: true,
    isReadonly: message,
  });
}
