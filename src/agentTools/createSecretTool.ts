// Create Secret for an agent: the extension's own New Secret form opens, prefilled with the name and metadata the
// agent gave; the user types the value there and creates the secret (or closes the form). The value never passes
// through the tool: the answer is only the outcome.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { emptyFields } from '../shared/secretFormModel';
import { SecretFormPanel } from '../webviews/SecretFormPanel';
import { quoted, toolCreatePrefill, toolSecretName } from './toolInputs';
import { checked, inputVault, ToolRefusal, type ToolSpec } from './toolRuntime';

export function createSecretTool(): ToolSpec {
  return {
    keys: ['vault', 'name', 'contentType', 'tags', 'expiresOn', 'notBefore'],
    confirm: (input) => {
      const name = toolSecretName(input.name);
      if (!name.ok || typeof input.vault !== 'string') return undefined;
      return {
        invocationMessage: t('Waiting for the New Secret form…'),
        confirmationMessages: {
          title: t('Create a Key Vault secret?'),
          message: new vscode.MarkdownString(
            t(
              'This opens the New Secret form for vault {0}, prefilled with the name {1}. You type the value there; the secret is created only when you press Create, and the value is never shown to the agent.',
              quoted(input.vault),
              quoted(name.value),
            ),
          ),
        },
      };
    },
    run: async ({ input, signal }) => {
      const vault = inputVault(input.vault);
      const name = checked(toolSecretName(input.name));
      const prefill = checked(toolCreatePrefill(input));
      // A New Secret form already open for this vault is revealed, not prefilled: its outcome is not this call's.
      const open = SecretFormPanel.all();
      const form = SecretFormPanel.show({ mode: 'create', vault, fields: { ...emptyFields(), name, ...prefill } });
      if (open.includes(form))
        throw new ToolRefusal(
          t(
            'a New Secret form for {0} was already open, not prefilled for this request; it is shown to the user. Ask them to finish or close it, then call this tool again.',
            vault.url,
          ),
        );
      // A cancelled chat request stops waiting; the form stays the user's to finish or close.
      const cancelled = new Promise<'cancelled'>((resolve) => {
        if (signal.aborted) resolve('cancelled');
        signal.addEventListener('abort', () => resolve('cancelled'), { once: true });
      });
      const created = await Promise.race([form.outcome, cancelled]);
      if (created === 'cancelled')
        return t('The request was cancelled; the New Secret form stays open for the user to finish or close.');
      return created === undefined
        ? t('The user closed the New Secret form without creating a secret.')
        : t(
            'The user created secret {0} in {1}. Its value was typed by the user and is not known to this tool.',
            created,
            vault.url,
          );
    },
  };
}
