// The Key Vault tools chat agents call (package.json's languageModelTools): a chunk of its own, loaded by the
// core on the first call (the stand-ins are registered at activation: src/lazyActivation.ts). Every tool answers
// metadata only; none reads a value, names a `keyvault-secret:` URI or a command. Each call: Restricted Mode
// refuses it before anything is read or sent; the input is checked (toolInputs.ts) before any request; a refusal
// or a failure is answered in words, as data. Writing tools (insert, create) ask the user first
// (prepareInvocation's confirmation); read-only ones do not.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import type { ReferenceFeature } from '../references/ReferenceFeature';
import { isCancellation } from '../ui/ErrorBoundary';
import { userMessage } from '../vault/userMessage';
import { workspaceTrusted } from '../vault/workspaceGate';
import { toolInput } from './toolInputs';
import { checked, ToolRefusal, type ToolSpec } from './toolRuntime';
import { createSecretTool } from './createSecretTool';
import { checkReferencesTool, insertReferenceTool } from './referenceTools';
import { findSecretsTool, listVaultsTool, secretMetadataTool } from './vaultTools';

/** What the tools use of the core. */
export interface AgentToolDeps {
  readonly references: ReferenceFeature;
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The answer to a call that was not done: the reason, on one line of plain text. */
export function notDone(message: string): string {
  return t('Not done: {0}', plainLine(message));
}

function tool(spec: ToolSpec): vscode.LanguageModelTool<unknown> {
  return {
    prepareInvocation: (options) => {
      // Nothing is asked for a call that will be refused (Restricted Mode, an input of the wrong shape).
      const input = toolInput(options.input, spec.keys);
      if (!workspaceTrusted() || !input.ok || spec.confirm === undefined) return undefined;
      return spec.confirm(input.value);
    },
    invoke: async (options, token) => {
      // An untrusted workspace sends nothing on an agent's word: it may be what wrote the agent's request.
      if (!workspaceTrusted())
        return textResult(
          notDone(
            t('the Key Vault tools are not available in Restricted Mode. The user can trust this workspace first.'),
          ),
        );
      const controller = new AbortController();
      const listening = token.onCancellationRequested(() => controller.abort());
      try {
        const input = checked(toolInput(options.input, spec.keys));
        return textResult(await spec.run({ input, signal: controller.signal }));
      } catch (e) {
        if (e instanceof ToolRefusal) return textResult(notDone(e.message));
        if (isCancellation(e) || token.isCancellationRequested) return textResult(notDone(t('cancelled.')));
        return textResult(notDone(userMessage(e)));
      } finally {
        listening.dispose();
      }
    },
  };
}

/** The tools, by the names package.json contributes. */
export function createAgentTools(deps: AgentToolDeps): ReadonlyMap<string, vscode.LanguageModelTool<unknown>> {
  return new Map([
    ['keyVaultSecrets_listVaults', tool(listVaultsTool())],
    ['keyVaultSecrets_findSecrets', tool(findSecretsTool())],
    ['keyVaultSecrets_secretMetadata', tool(secretMetadataTool())],
    ['keyVaultSecrets_checkReferences', tool(checkReferencesTool(deps.references))],
    ['keyVaultSecrets_insertReference', tool(insertReferenceTool())],
    ['keyVaultSecrets_createSecret', tool(createSecretTool())],
  ]);
}
