// Where the extension is installed, for the panels' scripts, styles and icon: set once by the composition root
// (src/core.ts, `useExtensionRoot`) and imported by every panel, never passed through constructors.

import type * as vscode from 'vscode';

let root: vscode.Uri | undefined;

export function useExtensionRoot(uri: vscode.Uri | undefined): void {
  root = uri;
}

/** The extension's install folder (its `media/` and `dist/webview/` hold what a panel loads). */
export function extensionRoot(): vscode.Uri {
  if (root === undefined) throw new Error('The extension root is not set up yet.');
  return root;
}
