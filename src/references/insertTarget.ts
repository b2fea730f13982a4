// Which editor Insert Key Vault Reference writes into. Run from a text editor: that one. Run from somewhere else
// (the Get Started walkthrough's button, a webview, the Vaults view with no editor active): a text file open in a
// tab, the active group's first; else the workspace's local.settings.json (the demo's file of references). That
// file is opened and shown first, so the user sees where the reference goes.

import * as vscode from 'vscode';
import { SECRET_SCHEME } from '../documents/secretUri';
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

/** The editor to insert into, shown; undefined when there is none to offer (no text file open, none found). */
export async function editorToInsertInto(): Promise<vscode.TextEditor | undefined> {
  const active = vscode.window.activeTextEditor;
  if (active !== undefined) return active;
  const uri = openTextTab() ?? (await localSettingsFile());
  return uri === undefined ? undefined : vscode.window.showTextDocument(uri, { preview: false });
}
