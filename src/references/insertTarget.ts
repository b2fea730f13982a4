// Which editor Insert Key Vault Reference writes into. Run from a text editor: that one. Run from somewhere else
// (the Get Started walkthrough's button, a webview, the Vaults view with no editor active): a text file open in a
// tab, the active group's first; else the workspace's local.settings.json (the demo's file of references). That
// file is opened and shown first, so the user sees where the reference goes; with no cursor placed in it, the
// reference goes in as a new setting (src/shared/references/newSetting.ts) so the file stays valid.

import * as vscode from 'vscode';
import { SECRET_SCHEME } from '../documents/secretUri';
import { t } from '../shared/l10n';
import { newSettingEdit, settingFileKind } from '../shared/references/newSetting';
import { info } from '../ui/prompts';
import { findWorkspaceFiles, searchExcludeGlob } from '../vault/workspaceGate';

/** A tab's text file a reference may go into (not a secret's own read-only document). */
function textFileOf(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  return input instanceof vscode.TabInputText && input.uri.scheme !== SECRET_SCHEME ? input.uri : undefined;
}

function openTextTab(): vscode.Uri | undefined {
  const groups = vscode.window.tabGroups;
  const ordered = [groups.activeTabGroup, ...groups.all.filter((g) => g !== groups.activeTabGroup)];
  for (const group of ordered) {
    const active = group.activeTab !== undefined ? textFileOf(group.activeTab) : undefined;
    if (active !== undefined) return active;
    for (const tab of [...group.tabs].reverse()) {
      const uri = textFileOf(tab);
      if (uri !== undefined) return uri;
    }
  }
  return undefined;
}

async function localSettingsFile(): Promise<vscode.Uri | undefined> {
  const found = await findWorkspaceFiles('**/local.settings.json', searchExcludeGlob());
  return [...found].sort((a, b) => a.path.length - b.path.length)[0];
}

/**
 * The editor to insert into, shown; undefined when there is none to offer (no text file open, none found).
 * `opened`: the command showed it (the user placed no cursor in it).
 */
export async function editorToInsertInto(): Promise<{ editor: vscode.TextEditor; opened: boolean } | undefined> {
  const active = vscode.window.activeTextEditor;
  if (active !== undefined) return { editor: active, opened: false };
  const uri = openTextTab() ?? (await localSettingsFile());
  if (uri === undefined) return undefined;
  return { editor: await vscode.window.showTextDocument(uri, { preview: false }), opened: true };
}

/**
 * A file the command opened (no cursor placed by the user): the reference goes in as a new setting so the file stays
 * valid, and is selected; a file with no place for one is left alone and the user is asked to place the cursor.
 */
export async function insertAsNewSetting(
  editor: vscode.TextEditor,
  name: string,
  text: string,
): Promise<string | undefined> {
  const doc = editor.document;
  const kind = settingFileKind(doc.uri.path);
  const edit = kind === undefined ? undefined : newSettingEdit(kind, doc.getText(), name, text);
  if (edit === undefined) {
    await info(
      t('Place the cursor where the reference goes in {0}, then run Insert Key Vault Reference again.', basename(doc)),
    );
    return undefined;
  }
  await editor.edit((b) => b.insert(doc.positionAt(edit.offset), edit.text));
  const start = doc.positionAt(edit.referenceOffset);
  editor.selection = new vscode.Selection(start, doc.positionAt(edit.referenceOffset + text.length));
  editor.revealRange(editor.selection);
  return text;
}

function basename(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() ?? doc.uri.path;
}
