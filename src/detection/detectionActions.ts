// The quick fixes of a plain-text secret: "Move to Key Vault…", the existing Move flow with the detected span as the
// value; for a secret inside a connection string or URL, either the whole string or only the key part. Offered
// only in a trusted workspace (moving creates a secret in a vault).

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import type { Span } from '../shared/references/parseReferences';
import { t } from '../shared/l10n';
import { SELECTOR } from '../references/referenceDocuments';
import * as gate from '../vault/workspaceGate';
import { DETECTION_SOURCE } from './detectionSettings';
import type { SecretDetectionFeature } from './SecretDetection';

/** The Move command's argument for a span: the document and the offsets of the value (validated by Move). */
export interface MoveSpanArgs {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
}

export function registerDetectionActions(feature: SecretDetectionFeature): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    SELECTOR,
    {
      provideCodeActions(doc, _range, context) {
        if (!gate.workspaceTrusted()) return [];
        const actions: vscode.CodeAction[] = [];
        for (const diagnostic of context.diagnostics) {
          if (diagnostic.source !== DETECTION_SOURCE) continue;
          const d = feature.detectionAt(doc, diagnostic.range);
          if (d === undefined) continue;
          const move = (title: string, span: Span, preferred: boolean): void => {
            const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
            const args: MoveSpanArgs = { uri: doc.uri.toString(), start: span.start, end: span.end };
            a.command = { command: COMMANDS.moveToKeyVault, title, arguments: [args] };
            a.diagnostics = [diagnostic];
            a.isPreferred = preferred;
            actions.push(a);
          };
          if (d.whole === undefined) move(t('Move to Key Vault…'), d.span, true);
          else {
            move(t('Move to Key Vault… (the whole connection string)'), d.whole, true);
            move(t('Move to Key Vault… (only the key part)'), d.span, false);
          }
        }
        return actions;
      },
    },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
}
