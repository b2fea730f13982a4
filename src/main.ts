// The loader: the file VS Code loads (package.json "main", CommonJS). The extension itself is ES modules that share
// chunks (esbuild.mjs): this file imports the activation entry (src/extension.ts) and hands activate() and
// deactivate() to it. Nothing else here, so requiring it costs next to nothing; activate() loads what activation
// needs.

import type * as vscode from 'vscode';
import type { TestApi } from './extension';

let entry: Promise<typeof import('./extension.js')> | undefined;
const load = (): Promise<typeof import('./extension.js')> => (entry ??= import('./extension.js'));

export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  return (await load()).activate(context);
}

export async function deactivate(): Promise<void> {
  if (entry !== undefined) await (await entry).deactivate();
}
