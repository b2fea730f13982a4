// The CodeLens above each Key Vault reference (keyVaultSecrets.references.codeLens, off by default): its state in a
// few words ("resolves · enabled · expires in 5 days", "not found") and Show Details. It reads only what the
// references check already knows (the resolver's cache, filled by the diagnostics' own check) and sends no request;
// it is redrawn when a document's check finishes. Off: no provider is registered, so VS Code asks nothing. Same gate
// as the diagnostics: nothing in Restricted Mode or with checking off.

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { formatDate } from '../shared/dates';
import { t } from '../shared/l10n';
import type { KeyVaultReference } from '../shared/references/parseReferences';
import { readReferencesCodeLens, settingId, SETTING_KEYS } from '../vault/settings';
import type { ReferenceActionArgs } from './hoverText';
import { toRange } from './referenceDocuments';
import type { ReferenceFeature } from './ReferenceFeature';
import type { Resolution } from './referenceState';

/** The documents the references check reads. */
const SELECTOR: vscode.DocumentSelector = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'].map((scheme) => ({
  scheme,
}));

/** A reference's state in a few words; undefined while the check has not answered it. */
export function lensText(r: Resolution | undefined): string {
  switch (r?.status) {
    case undefined:
      return t('not checked yet');
    case 'enabled': {
      const expires = r.properties?.expiresOn;
      const base = r.pinnedNotCurrent === true ? t('resolves · pinned to an older version') : t('resolves · enabled');
      return expires === undefined ? base : `${base} · ${t('expires {0}', formatDate(expires))}`;
    }
    case 'expiring':
      return r.days === 1
        ? t('resolves · enabled · expires in 1 day')
        : t('resolves · enabled · expires in {0} days', r.days ?? '?');
    case 'disabled':
      return t('disabled · does not resolve');
    case 'expired':
      return t('expired on {0}', r.properties?.expiresOn !== undefined ? formatDate(r.properties.expiresOn) : '?');
    case 'notYetValid':
      return t(
        'not valid before {0}',
        r.properties?.notBefore !== undefined ? formatDate(r.properties.notBefore) : '?',
      );
    case 'deleted':
      return t('deleted · can be recovered');
    case 'notFound':
      return t('not found');
    case 'forbidden':
      return t('not checked · no "{0}" permission', r.permission ?? 'list');
    case 'unreachable':
      return t('not checked · the vault did not answer');
    case 'signedOut':
      return t('not checked · sign in to Azure');
    case 'vaultUnknown':
      return t('not one of your vaults');
    case 'tooMany':
      return t('not checked · too many references in this file');
    case 'untrusted':
      return t('not checked in Restricted Mode');
  }
}

/** Whether Show Details has a secret to show (the secret exists, in one of the user's vaults). */
function hasDetails(r: Resolution | undefined): boolean {
  return (
    r !== undefined &&
    ['enabled', 'expiring', 'disabled', 'expired', 'notYetValid', 'deleted'].includes(r.status) &&
    r.vault !== undefined
  );
}

export class ReferenceCodeLens implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly feature: ReferenceFeature) {
    this.disposables = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(settingId(SETTING_KEYS.referencesCodeLens))) this.update();
      }),
      feature.onDidCheck(() => {
        if (this.registration !== undefined) this.changed.fire();
      }),
    ];
    this.update();
  }

  /** Registers the provider when the setting is on, and only then. */
  private update(): void {
    const on = readReferencesCodeLens();
    if (on && this.registration === undefined) {
      this.registration = vscode.languages.registerCodeLensProvider(SELECTOR, {
        onDidChangeCodeLenses: this.changed.event,
        provideCodeLenses: (doc) => this.lenses(doc),
      });
    } else if (!on && this.registration !== undefined) {
      this.registration.dispose();
      this.registration = undefined;
    }
  }

  private async lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const ctx = this.feature.checkContext();
    if (!ctx.trusted || !ctx.enabled) return [];
    const out: vscode.CodeLens[] = [];
    for (const ref of this.feature.parse(doc).references) {
      const r = await this.feature.resolver.peek(ref);
      const range = toRange(doc, ref.anchor);
      out.push(new vscode.CodeLens(range, { title: lensText(r), command: '' }));
      if (hasDetails(r)) out.push(new vscode.CodeLens(range, detailsCommand(doc, ref)));
    }
    return out;
  }

  dispose(): void {
    this.registration?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function detailsCommand(doc: vscode.TextDocument, ref: KeyVaultReference): vscode.Command {
  const args: ReferenceActionArgs = { action: 'details', uri: doc.uri.toString(), offset: ref.nameSpan.start };
  return { title: t('Show Details'), command: COMMANDS.referenceAction, arguments: [args] };
}
