// The commands of the references feature: referenceAction (what hovers, document links and quick fixes run),
// Insert Key Vault Reference…, Move to Key Vault…, Find References. Plain handlers: they are rows of the one
// command table (src/commands/commandTable.ts), run inside the error boundary.

import * as vscode from 'vscode';
import { COMMANDS } from '../shared/commandIds';
import { parseReferences, referenceAt, type ReferenceSyntax } from '../shared/references/parseReferences';
import {
  availableSyntaxes,
  formatReference,
  SYNTAX_LABELS,
  type ReferenceTarget,
} from '../shared/references/referenceText';
import { isSecretName, isSecretVersion } from '../shared/validation';
import type { ActionContext } from '../ui/ErrorBoundary';
import { flash, info, pick, pickPaged, type PickItem } from '../ui/prompts';
import { lossConfirmed } from '../ui/destructiveGate';
import { pickListableVault } from './referenceVaultPicker';
import { withProgress } from '../ui/progress';
import { UserCancelled } from '../ui/UserCancelled';
import { vaultDirectory } from '../vault/VaultDirectory';
import type { SecretSummary, VaultRef } from '../vault/model';
import { knownEntryFor } from '../vault/vaultIdentity';
import { REFERENCE_ACTIONS, type ReferenceActionArgs } from './hoverText';
import { assignmentOf, proposeSecretName } from './moveToKeyVault';
import { defaultSyntaxOf, referenceChoiceFor } from './referenceChoice';
import { editorToInsertInto, insertAsNewSetting } from './insertTarget';
import type { ReferenceFeature } from './ReferenceFeature';
import { toWorkspaceEdit } from './ReferenceFeature';
import { vaultNameOf } from './ReferenceResolver';
import { formatDate } from '../shared/dates';
import { isJsonDocument, jsonStringText } from '../shared/detection/jsonStringText';
import { t } from '../shared/l10n';
import { emptyFields } from '../shared/secretFormModel';
import { revealSecretRow } from '../tree/registerTree';
import { SecretFormPanel } from '../webviews/SecretFormPanel';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** Command arguments are untrusted: only this shape, and only a document that is open in this window. */
function parseActionArgs(arg: unknown): ReferenceActionArgs | undefined {
  if (!isRecord(arg)) return undefined;
  const { action, uri, offset } = arg;
  if (typeof action !== 'string' || !(REFERENCE_ACTIONS as readonly string[]).includes(action)) return undefined;
  if (
    typeof uri !== 'string' ||
    uri.length > 4096 ||
    typeof offset !== 'number' ||
    !Number.isInteger(offset) ||
    offset < 0
  )
    return undefined;
  return { action: action as ReferenceActionArgs['action'], uri, offset };
}

const isOffset = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function openDocument(uri: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
}

/** Runs a hover link, document link or quick fix: the reference is read again from the open document. */
export async function referenceAction(feature: ReferenceFeature, arg: unknown): Promise<unknown> {
  const args = parseActionArgs(arg);
  if (args === undefined) throw new Error(t('This Key Vault reference action was given arguments it does not accept.'));
  const doc = openDocument(args.uri);
  if (doc === undefined) throw new Error(t('The file of this Key Vault reference is no longer open.'));
  const ref = referenceAt(parseReferences(doc.getText()).references, args.offset);
  if (ref === undefined) throw new Error(t('There is no Key Vault reference there any more.'));
  if (args.action === 'check') {
    const r = await withProgress(t('Checking {0}…', ref.name), () => feature.checkOnce(ref));
    await feature.refresh(doc);
    return r;
  }
  if (args.action === 'unpin') {
    const edit = ref.versionRemoval !== undefined ? { span: ref.versionRemoval, text: '' } : undefined;
    if (edit !== undefined) await vscode.workspace.applyEdit(toWorkspaceEdit(doc, edit));
    return edit;
  }
  const where = await feature.resolver.locate(ref);
  const vault = where.vault;
  if (vault === undefined) {
    await info(
      t(
        '{0} is not one of your vaults. Add it with "Add Vault by URL" to work with its secrets.',
        where.url ?? t('This vault'),
      ),
    );
    return undefined;
  }
  const secret = { kind: 'secret', vault, name: ref.name };
  switch (args.action) {
    case 'details': {
      const r = await feature.resolver.peek(ref);
      if (r?.status === 'deleted')
        return vscode.commands.executeCommand(COMMANDS.showDeletedSecret, { kind: 'deleted', vault, name: ref.name });
      return vscode.commands.executeCommand(COMMANDS.showDetails, secret);
    }
    case 'showValue':
      return vscode.commands.executeCommand(COMMANDS.showValue, {
        ...secret,
        ...(ref.version !== undefined ? { version: ref.version } : {}),
      });
    case 'copyValue':
      return vscode.commands.executeCommand(COMMANDS.copyValue, {
        ...secret,
        ...(ref.version !== undefined ? { version: ref.version } : {}),
      });
    case 'reveal': {
      const shown = await revealSecretRow(vault, ref.name);
      if (!shown) await info(t('Secret "{0}" is not shown in the Vaults view (is a filter on?).', ref.name));
      return shown;
    }
    case 'create':
      SecretFormPanel.show({ mode: 'create', vault, fields: { ...emptyFields(), name: ref.name } });
      return undefined;
    case 'recover':
      return vscode.commands.executeCommand(COMMANDS.recoverSecret, { kind: 'deleted', vault, name: ref.name });
    case 'enable': {
      const r = await feature.resolver.peek(ref);
      const version =
        ref.version ?? r?.properties?.version ?? (await feature.resolver.versionsOf(vault, ref.name))[0]?.version;
      return vscode.commands.executeCommand(COMMANDS.enableSecret, {
        ...secret,
        ...(version !== undefined ? { version } : {}),
      });
    }
    case 'pin': {
      const edit = await feature.pinToCurrent(ref, vault);
      if (edit === undefined) throw new Error(t('Secret "{0}" has no version to pin to.', ref.name));
      await vscode.workspace.applyEdit(toWorkspaceEdit(doc, edit));
      return edit;
    }
  }
  return undefined;
}

/** The vault entry of a tree node or target argument, only if it is one of the user's vaults (that very entry). */
async function knownVaultOf(feature: ReferenceFeature, arg: unknown): Promise<VaultRef | undefined> {
  if (!isRecord(arg) || !isRecord(arg.vault)) return undefined;
  return knownEntryFor(arg.vault, await feature.resolver.vaults());
}

/** The secret (and version) a tree node names: `secret`, `version` nodes, or our own `{ kind: 'secret', name }`. */
function secretOfNode(arg: unknown): { name: string; version?: string } | undefined {
  if (!isRecord(arg)) return undefined;
  if (arg.kind === 'secret' && isSecretName(arg.name))
    return { name: arg.name, ...(isSecretVersion(arg.version) ? { version: arg.version } : {}) };
  if (arg.kind === 'secret' && isRecord(arg.secret) && isSecretName(arg.secret.name)) return { name: arg.secret.name };
  if (
    arg.kind === 'version' &&
    isRecord(arg.version) &&
    isSecretName(arg.version.name) &&
    isSecretVersion(arg.version.version)
  ) {
    return { name: arg.version.name, version: arg.version.version };
  }
  return undefined;
}

async function pickSecret(feature: ReferenceFeature, vault: VaultRef, title: string): Promise<string> {
  // Picking is the user's own action: a sign-in prompt is allowed here (never from a hover or a diagnostic).
  const client = vaultDirectory().clientFor(vault);
  // The pages the vault picker's check (or completion) read moments ago are shown at once, not asked for again.
  const cached = feature.resolver.cachedList(vault);
  const item = (s: SecretSummary): PickItem<SecretSummary> => ({
    label: s.name,
    description: s.enabled ? s.contentType : t('disabled'),
    data: s,
  });
  const result = await pickPaged<SecretSummary>(
    async function* (signal) {
      const all: PickItem<SecretSummary>[] = (cached?.items ?? []).map(item);
      let token: string | undefined = cached?.next;
      if (cached !== undefined) {
        yield [...all];
        if (token === undefined) return;
      }
      do {
        const page = await client.listSecrets(token, { signal });
        all.push(...page.items.map(item));
        yield [...all];
        token = page.continuationToken;
      } while (token !== undefined);
    },
    { title, placeHolder: t('Secret in {0}', vault.name) },
  );
  if (result.picked === undefined) throw new UserCancelled();
  return result.picked.data.name;
}

/** Insert Key Vault Reference…: vault → secret → version (or latest) → syntax, preselected by the file's type. */
export async function insertReference(feature: ReferenceFeature, arg: unknown): Promise<string | undefined> {
  const into = await editorToInsertInto();
  if (into === undefined) {
    await info(t('Open the file to insert a Key Vault reference into, then run Insert Key Vault Reference again.'));
    return undefined;
  }
  const { editor, opened } = into;
  const title = t('Insert Key Vault Reference');
  const fromNode = secretOfNode(arg);
  const vault =
    (fromNode !== undefined ? await knownVaultOf(feature, arg) : undefined) ??
    (await pickListableVault(feature, title));
  const name = fromNode?.name ?? (await pickSecret(feature, vault, title));
  let version = fromNode?.version;
  if (version === undefined) {
    const versions = await withProgress(t('Reading the versions of {0}…', name), (signal) =>
      feature.resolver.versionsOf(vault, name, signal),
    );
    const items: PickItem<string | undefined>[] = [
      { label: t('Latest version'), description: t('follows new versions'), data: undefined },
      ...versions.map((v, i) => ({
        label: v.version,
        description: [
          i === 0 ? t('current') : '',
          v.createdOn !== undefined ? formatDate(v.createdOn) : '',
          v.enabled ? '' : t('disabled'),
        ]
          .filter((x) => x !== '')
          .join(' · '),
        data: v.version,
      })),
    ];
    const picked = await pick(items, { title, placeHolder: t('Version') });
    if (picked === undefined) throw new UserCancelled();
    version = picked.data;
  }
  const target = referenceTarget(vault, name, version);
  const syntaxes = availableSyntaxes(target, await defaultSyntaxOf(editor.document.uri));
  const syntax = await pick(
    syntaxes.map((s): PickItem<ReferenceSyntax> => ({ label: SYNTAX_LABELS[s], data: s })),
    { title, placeHolder: t('Syntax') },
  );
  if (syntax === undefined) throw new UserCancelled();
  const text = formatReference(syntax.data, target);
  if (text === undefined) return undefined;
  if (opened && editor.selection.isEmpty && editor.selection.active.isEqual(new vscode.Position(0, 0)))
    return insertAsNewSetting(editor, name, text);
  await editor.edit((b) => {
    for (const sel of editor.selections) b.replace(sel, text);
  });
  return text;
}

export function referenceTarget(vault: VaultRef, name: string, version?: string): ReferenceTarget {
  return {
    vaultUrl: vault.url,
    vaultName: vaultNameOf(vault),
    name,
    ...(version !== undefined ? { version } : {}),
    ...(vault.subscriptionId !== undefined ? { subscriptionId: vault.subscriptionId } : {}),
    ...(vault.resourceId !== undefined ? { resourceId: vault.resourceId } : {}),
  };
}

/**
 * Move to Key Vault…: the selected value (or the value of the setting on the quick fix's line) becomes a new
 * secret, then is replaced by a reference in the file's syntax, as one undoable edit. The value is never shown.
 */
export async function moveToKeyVault(
  feature: ReferenceFeature,
  arg: unknown,
  action: ActionContext,
): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  let doc = editor?.document;
  let range =
    editor?.selection.isEmpty === false ? new vscode.Range(editor.selection.start, editor.selection.end) : undefined;
  /** The quick fix names a line: its setting's value is moved, nothing was selected. */
  let fromLine = false;
  /** The detection quick fix names a span: a detected secret. */
  let detected = false;
  if (isRecord(arg) && typeof arg.uri === 'string' && typeof arg.line === 'number' && Number.isInteger(arg.line)) {
    doc = openDocument(arg.uri);
    fromLine = true;
    if (doc !== undefined && arg.line >= 0 && arg.line < doc.lineCount) {
      const a = assignmentOf(doc.lineAt(arg.line).text);
      range = a === undefined ? undefined : new vscode.Range(arg.line, a.valueStart, arg.line, a.valueEnd);
    }
  } else if (isRecord(arg) && typeof arg.uri === 'string' && isOffset(arg.start) && isOffset(arg.end)) {
    // A detected secret's span (the detection quick fix): offsets inside an open document.
    doc = openDocument(arg.uri);
    detected = true;
    const length = doc?.getText().length ?? 0;
    range =
      doc !== undefined && arg.start < arg.end && arg.end <= length
        ? new vscode.Range(doc.positionAt(arg.start), doc.positionAt(arg.end))
        : undefined;
  }
  if (doc === undefined || range === undefined || range.isEmpty) {
    await info(t('Select the value to move to Key Vault, then run Move to Key Vault again.'));
    return undefined;
  }
  const written = doc.getText(range);
  action.mask(written);
  // A detected value inside a JSON file is moved as the text it stands for (a PEM key's `\n` are line breaks).
  const value =
    detected && isJsonDocument(doc.languageId, doc.uri.path) ? (jsonStringText(written) ?? written) : written;
  action.mask(value);
  const version = doc.version;
  // The name is proposed from the setting's key, never from the moved text (a token written as a key).
  const assignment = assignmentOf(doc.lineAt(range.start.line).text);
  const key = assignment !== undefined && range.start.character >= assignment.valueStart ? assignment.key : '';
  const title = t('Move to Key Vault');
  const vault = await pickListableVault(feature, title);
  const proposed = proposeSecretName(key);
  // The create form, prefilled, with the reference it will write (the syntax the file's readers understand, which
  // the user may change); the value stays on the host (the form shows only its length).
  const reference = await referenceChoiceFor(doc.uri, referenceTarget(vault, proposed));
  const form = SecretFormPanel.show({
    mode: 'create',
    vault,
    fields: { ...emptyFields(), name: proposed },
    heldValue: value,
    ...(fromLine && key !== '' ? { heldValueKey: key } : {}),
    reference,
    confirmCreate: async (name) => {
      const existing = await withProgress(t('Checking {0}…', name), (signal) =>
        feature.resolver.versionsOf(vault, name, signal),
      );
      if (existing.length === 0) return true;
      return lossConfirmed({ kind: 'overwrite', groups: [{ vault, names: [name] }], from: t('the selected value') });
    },
  });
  const name = await form.outcome;
  if (name === undefined) throw new UserCancelled();
  const target = referenceTarget(vault, name);
  const syntax = form.referenceSyntax ?? reference.selected;
  const text = formatReference(syntax, target);
  if (text === undefined) return undefined;
  if (doc.version !== version) {
    await info(
      t(
        'Secret "{0}" was created, but the file changed meanwhile: insert its reference with Insert Key Vault Reference.',
        name,
      ),
    );
    return undefined;
  }
  // An ARM reference replaces the whole JSON string value, quotes included.
  let replace = range;
  if (syntax === 'armReference') {
    const before =
      range.start.character > 0 ? doc.getText(new vscode.Range(range.start.translate(0, -1), range.start)) : '';
    const after = doc.getText(new vscode.Range(range.end, range.end.translate(0, 1)));
    if (before === '"' && after === '"')
      replace = new vscode.Range(range.start.translate(0, -1), range.end.translate(0, 1));
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, replace, text);
  const unsavedBefore = doc.isDirty;
  await vscode.workspace.applyEdit(edit);
  // The value leaves the file on disk as well: saved when this edit is its only unsaved change (other unsaved edits
  // are the user's to save).
  if (!unsavedBefore && !doc.isUntitled) await doc.save();
  flash(t('Moved the value to secret {0} in {1}', name, vault.name), 'check');
  return text;
}

/** Find References: the workspace files (by the file globs; files.exclude and search.exclude respected) that reference a secret. */
export async function findReferences(feature: ReferenceFeature, arg: unknown): Promise<vscode.Location[]> {
  let vault = await knownVaultOf(feature, arg);
  let name = secretOfNode(arg)?.name;
  const editor = vscode.window.activeTextEditor;
  if ((vault === undefined || name === undefined) && editor !== undefined) {
    const at = feature.referenceAt(editor.document, editor.selection.active);
    if (at !== undefined) {
      vault = (await feature.resolver.locate(at.ref)).vault;
      name = at.ref.name;
    }
  }
  if (vault === undefined || name === undefined) {
    vault = await pickListableVault(feature, t('Find Key Vault References'));
    name = await pickSecret(feature, vault, t('Find Key Vault References'));
  }
  const target = vault;
  const locations = await feature.findReferencesTo(target, name);
  if (locations.length === 0) {
    await info(t('No file in this workspace references secret "{0}" of {1}.', name, target.name));
    return locations;
  }
  // In the References view (VS Code's own, through the feature's reference provider) when it is there.
  const first = locations[0];
  const shown = await vscode.window.showTextDocument(first.uri, { selection: first.range, preview: true });
  shown.selection = new vscode.Selection(first.range.start, first.range.start);
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('references-view.findReferences'))
    await vscode.commands.executeCommand('references-view.findReferences');
  else await vscode.commands.executeCommand('editor.action.showReferences', first.uri, first.range.start, locations);
  return locations;
}
