// Messages the panels post to their webviews, as an event: nothing listens in production (nothing is kept);
// the extension-host test API listens to check what a webview was told.

import * as vscode from 'vscode';

export interface PostedMessage {
  /** The panel object that posted (SecretFormPanel or SecretDetailsPanel). */
  readonly panel: object;
  readonly message: unknown;
}

const posted = new vscode.EventEmitter<PostedMessage>();

export const onDidPostToWebview: vscode.Event<PostedMessage> = posted.event;

export function postToWebview(panel: object, webview: vscode.Webview, message: unknown): void {
  posted.fire({ panel, message });
  void webview.postMessage(message);
}
