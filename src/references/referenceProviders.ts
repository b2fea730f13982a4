// The language features over references in open documents: hover, quick fixes and refactorings, document links,
// Find All References and completion. Each answers from the resolver's cache and the gate of checkPolicy.ts.

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { t } from '../shared/l10n';
import { completionContext, unpinEdit } from '../shared/references/referenceText';
import { isVaultName } from '../shared/vaultUrl';
import type { VaultRef } from '../vault/model';
import { mayCheckAutomatically } from './checkPolicy';
import { HOVER_COMMANDS, hoverMarkdown, type ReferenceActionArgs } from './hoverText';
import { looksLikeSecretAssignment } from './moveToKeyVault';
import { DETECTION_SOURCE } from '../shared/detection/secretRules';
import { DIAGNOSTIC_SOURCE, SELECTOR, toRange, toWorkspaceEdit } from './referenceDocuments';
import type { ReferenceFeature } from './ReferenceFeature';
import { vaultNameOf } from './ReferenceResolver';
import type { DiagnosticKind } from './referenceState';

/** What the language features read of the feature: the parse cache, the gate, the resolver, the workspace search. */
export type ProvidersSource = Pick<
  ReferenceFeature,
  | 'parse'
  | 'checkContext'
  | 'isReferenceFile'
  | 'resolver'
  | 'referenceAt'
  | 'resolutionOf'
  | 'findReferencesTo'
  | 'diagnostics'
>;

/** Registers every language feature of references; dispose the result to remove them. */
export function registerReferenceProviders(feature: ProvidersSource): vscode.Disposable[] {
  const p = new ReferenceProviders(feature);
  return [
    vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (d, pos, tk) => p.hover(d, pos, tk) }),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      { provideCodeActions: (d, r, c) => p.codeActions(d, r, c) },
      {
        providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
      },
    ),
    vscode.languages.registerDocumentLinkProvider(SELECTOR, { provideDocumentLinks: (d) => p.links(d) }),
    vscode.languages.registerReferenceProvider(SELECTOR, { provideReferences: (d, pos) => p.references(d, pos) }),
    vscode.languages.registerCompletionItemProvider(
      SELECTOR,
      { provideCompletionItems: (d, pos, tk) => p.complete(d, pos, tk) },
      '=',
      '/',
      ';',
    ),
  ];
}

class ReferenceProviders {
  constructor(private readonly feature: ProvidersSource) {}

  async hover(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const at = this.feature.referenceAt(doc, position);
    if (at === undefined) return undefined;
    const r = await this.feature.resolutionOf(at.ref);
    if (token.isCancellationRequested) return undefined;
    const range = toRange(doc, at.ref.span);
    // VS Code shows this reference's diagnostic above the hover: the hover does not say it again. Its own: on its
    // span or inside it (a diagnostic of a wider, unfinished reference around it says something else).
    const diagnosed = (this.feature.diagnostics.get(doc.uri) ?? []).some((d) => range.contains(d.range));
    const md = new vscode.MarkdownString(
      hoverMarkdown(at.ref, r, { uri: doc.uri.toString(), offset: at.offset }, new Date(), { diagnosed }),
      true,
    );
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    return new vscode.Hover(md, range);
  }

  async codeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const start = doc.offsetAt(range.start);
    const end = doc.offsetAt(range.end);
    const refs = this.feature.parse(doc).references.filter((r) => r.span.start <= end && start <= r.span.end);
    for (const ref of refs) {
      const diagnostics = context.diagnostics.filter(
        (d) => d.source === DIAGNOSTIC_SOURCE && toRange(doc, ref.anchor).intersection(d.range) !== undefined,
      );
      const kinds = new Set(diagnostics.map((d) => d.code as DiagnosticKind));
      const trusted = this.feature.checkContext().trusted;
      const r = trusted ? await this.feature.resolver.peek(ref) : undefined;
      const args = (action: ReferenceActionArgs['action']): ReferenceActionArgs => ({
        action,
        uri: doc.uri.toString(),
        offset: ref.nameSpan.start,
      });
      const command = (
        title: string,
        action: ReferenceActionArgs['action'],
        kind = vscode.CodeActionKind.QuickFix,
        preferred = false,
      ): void => {
        const a = new vscode.CodeAction(title, kind);
        a.command = { command: COMMANDS.referenceAction, title, arguments: [args(action)] };
        a.diagnostics = diagnostics;
        a.isPreferred = preferred;
        actions.push(a);
      };
      if (kinds.has('notFound') && r?.missingVersion === undefined)
        command(t('Create secret "{0}"…', ref.name), 'create', vscode.CodeActionKind.QuickFix, true);
      if (kinds.has('deleted'))
        command(t('Recover deleted secret "{0}"', ref.name), 'recover', vscode.CodeActionKind.QuickFix, true);
      if (kinds.has('disabled'))
        command(t('Enable secret "{0}"', ref.name), 'enable', vscode.CodeActionKind.QuickFix, true);
      if (kinds.has('vaultUnknown') && r?.checkable !== false) command(t('Check this reference'), 'check');
      const pinKind =
        kinds.has('pinnedNotCurrent') || r?.missingVersion !== undefined
          ? vscode.CodeActionKind.QuickFix
          : vscode.CodeActionKind.RefactorRewrite;
      // Pinning reads the vault's versions: not offered where nothing is requested (Restricted Mode), nor for a
      // secret that is not known to exist (there is no current version to pin to).
      const exists = r?.properties !== undefined || r?.current !== undefined;
      if (trusted && exists && (ref.versionInsertAt !== undefined || ref.versionSpan !== undefined)) {
        if (ref.version === undefined || r?.pinnedNotCurrent === true || r?.missingVersion !== undefined)
          command(t('Pin to the current version'), 'pin', pinKind, kinds.has('pinnedNotCurrent'));
      }
      const unpin = ref.version !== undefined ? unpinEdit(ref) : undefined;
      if (unpin !== undefined) {
        const a = new vscode.CodeAction(t('Remove the version pin (use the latest version)'), pinKind);
        a.edit = toWorkspaceEdit(doc, unpin);
        a.diagnostics = diagnostics;
        actions.push(a);
      }
      if (r?.vault !== undefined && r.status !== 'notFound')
        command(t('Open details of "{0}"', ref.name), 'details', vscode.CodeActionKind.QuickFix);
    }
    // A line whose value detection flagged gets the detection's Move (it knows the value's span): one, not two.
    const line = range.start.line;
    const detected = context.diagnostics.some(
      (d) => d.source === DETECTION_SOURCE && d.range.start.line <= line && line <= d.range.end.line,
    );
    if (
      refs.length === 0 &&
      !detected &&
      this.feature.isReferenceFile(doc) &&
      looksLikeSecretAssignment(doc.lineAt(line).text)
    ) {
      const a = new vscode.CodeAction(t('Move to Key Vault…'), vscode.CodeActionKind.RefactorRewrite);
      a.command = {
        command: COMMANDS.moveToKeyVault,
        title: t('Move to Key Vault…'),
        arguments: [{ uri: doc.uri.toString(), line }],
      };
      actions.push(a);
    }
    return actions;
  }

  async links(doc: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const refs = this.feature.parse(doc).references;
    if (refs.length === 0 || !this.feature.checkContext().trusted) return [];
    const out: vscode.DocumentLink[] = [];
    for (const ref of refs) {
      const where = await this.feature.resolver.locate(ref);
      if (where.vault === undefined) continue;
      const args: ReferenceActionArgs = { action: 'details', uri: doc.uri.toString(), offset: ref.nameSpan.start };
      const link = new vscode.DocumentLink(
        toRange(doc, ref.nameSpan),
        vscode.Uri.parse(`command:${COMMANDS.referenceAction}?${encodeURIComponent(JSON.stringify([args]))}`),
      );
      link.tooltip = t('Open the details of secret {0}', ref.name);
      out.push(link);
    }
    return out;
  }

  async complete(
    doc: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.CompletionItem[] | undefined> {
    const offset = doc.offsetAt(position);
    const c = completionContext(doc.getText(), offset);
    if (c === undefined) return undefined;
    const ctx = this.feature.checkContext();
    if (!ctx.trusted) return undefined;
    const vaults = await this.feature.resolver.vaults();
    const range = toRange(doc, c.replace);
    if (c.kind === 'vaultUrl') {
      // A vault known twice (discovered, and added under another name) is one URL: offered once, with its names.
      const byUrl = new Map<string, Set<string>>();
      for (const v of vaults) byUrl.set(v.url, (byUrl.get(v.url) ?? new Set()).add(v.name));
      return [...byUrl].map(([url, names]) => {
        const name = [...names].join(', ');
        const item = new vscode.CompletionItem(
          { label: `${url}/secrets/`, description: name },
          vscode.CompletionItemKind.Folder,
        );
        item.detail = name;
        item.range = range;
        item.command = { command: 'editor.action.triggerSuggest', title: t('Secret names') };
        return item;
      });
    }
    if (c.kind === 'vaultName') {
      const names = new Map<string, VaultRef>();
      for (const v of vaults) {
        const n = vaultNameOf(v);
        if (
          isVaultName(n) &&
          (c.subscriptionId === undefined ||
            v.subscriptionId === undefined ||
            v.subscriptionId.toLowerCase() === c.subscriptionId.toLowerCase())
        )
          names.set(n, v);
      }
      return [...names].map(([n, v]) => {
        const item = new vscode.CompletionItem(n, vscode.CompletionItemKind.Folder);
        item.detail = v.url;
        item.range = range;
        return item;
      });
    }
    const target = c.vault;
    const vault =
      target.kind === 'url'
        ? vaults.find((v) => v.key === target.url)
        : vaults.find((v) => vaultNameOf(v) === target.name.toLowerCase());
    if (vault === undefined || !mayCheckAutomatically(ctx, true)) return undefined;
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const { names, complete } = await this.feature.resolver.secretNames(vault, abort.signal);
      const detail = complete
        ? vault.name
        : t('{0} (only its first {1} names are offered; type the whole name)', vault.name, names.length);
      return names.map((n) => {
        const item = new vscode.CompletionItem(n, vscode.CompletionItemKind.Value);
        item.detail = detail;
        item.range = range;
        return item;
      });
    } catch {
      return undefined;
    } finally {
      sub.dispose();
    }
  }

  /** Find All References on a reference: every reference to the same secret of the same vault in the workspace. */
  async references(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const at = this.feature.referenceAt(doc, position);
    if (at === undefined) return undefined;
    const vault = (await this.feature.resolver.locate(at.ref)).vault;
    return vault === undefined ? undefined : this.feature.findReferencesTo(vault, at.ref.name);
  }
}
