// The HTML shell of every webview: a strict CSP with a fresh nonce, one script and one stylesheet from the
// extension's dist/webview folder, and no data (all data arrives by message after the `ready` handshake).

import { t } from '../shared/l10n';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The only folder a webview may load from. */
export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    localResourceRoots: webviewRoots(extensionUri),
    retainContextWhenHidden: false,
  };
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "connect-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `entry` is the name of a media/*.ts bundle: dist/webview/<entry>.js and dist/webview/<entry>.css. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, entry: string, title: string): string {
  const nonce = newNonce();
  const base = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(base, `${entry}.js`)).toString();
  const style = webview.asWebviewUri(vscode.Uri.joinPath(base, `${entry}.css`)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(style)}">
<title>${escapeAttr(title)}</title>
</head>
<body>
<main id="app" data-entry="${escapeAttr(entry)}"><p class="loading">${escapeAttr(t('Loading…'))}</p></main>
<script nonce="${nonce}" src="${escapeAttr(script)}"></script>
</body>
</html>`;
}
