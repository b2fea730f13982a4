// The one lifecycle of every webview panel (the secret form, the details panel, the Compare Vaults report, the
// import preview, and any panel added later): the panel is created here only, with the strict CSP and a fresh
// nonce (webviewHtml.ts); every message from its webview enters `receive`, inside the error boundary, is validated
// by its protocol (src/shared/webviewMessages/) and only then dispatched; a refused message is logged with the
// reason; what the host posts goes through panelTraffic.ts; and every open panel of every kind is disposed when
// the extension stops. `PanelKind` keeps a kind's open panels by key: showing a key that is open reveals it.

import * as vscode from 'vscode';
import type { Parsed } from '../shared/webviewMessages/validate';
import { runAction, type ActionContext } from '../ui/ErrorBoundary';
import { logWarn } from '../ui/log';
import { extensionRoot } from './extensionRoot';
import { postToWebview } from './panelTraffic';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface PanelSpec<In> {
  readonly viewType: string;
  /** The media/ front end: dist/webview/<entry>.js and <entry>.css. */
  readonly entry: string;
  readonly title: string;
  /** How the panel is named in the log and by its error boundary ("<logName>: refused a message …"). */
  readonly logName: string;
  /** The protocol's validator of what the webview posts. */
  readonly parse: (raw: unknown) => Parsed<In>;
}

/** What the registry of a kind and the shutdown need of a panel. */
export interface OpenPanel extends vscode.Disposable {
  reveal(): void;
  /** `listener` runs once, when the panel closes (the user, the code or the shutdown). */
  onDidClose(listener: () => void): void;
}

/** Every panel open now, of every kind. */
const live = new Set<OpenPanel>();

/** Closes every open panel of every kind (the extension stops). */
export function disposeAllPanels(): void {
  for (const p of [...live]) p.dispose();
}

export abstract class WebviewPanelBase<In, Out> implements OpenPanel {
  readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly closeListeners: Array<() => void> = [];
  private closed = false;

  protected constructor(private readonly spec: PanelSpec<In>) {
    this.panel = vscode.window.createWebviewPanel(
      spec.viewType,
      spec.title,
      vscode.ViewColumn.Active,
      webviewOptions(extensionRoot()),
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionRoot(), 'media', 'keyvault.svg');
    this.panel.webview.html = webviewHtml(this.panel.webview, extensionRoot(), spec.entry, spec.title);
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      this.panel.onDidDispose(() => this.dispose()),
    );
    live.add(this);
  }

  /**
   * Every message from the webview enters here, inside the error boundary, and is validated before use.
   * Resolves to true when the panel took it; false when it was refused, or its handling failed or was cancelled.
   */
  async receive(raw: unknown): Promise<boolean> {
    const accepted = await runAction(`${this.spec.logName} message`, async (ctx) => {
      const parsed = this.spec.parse(raw);
      if (!parsed.ok) {
        logWarn(`${this.spec.logName}: refused a message from the webview (${parsed.reason}).`);
        return false;
      }
      return this.dispatch(parsed.message, ctx);
    });
    return accepted === true;
  }

  /** A validated message: false when the panel refuses it in its present state. */
  protected abstract dispatch(message: In, ctx: ActionContext): Promise<boolean> | boolean;

  /** Posts to the webview (nothing once the panel closed). */
  protected post(message: Out): void {
    if (this.closed) return;
    postToWebview(this, this.panel.webview, message);
  }

  /** Subscriptions that end when the panel closes. */
  protected own(...subscriptions: vscode.Disposable[]): void {
    this.subscriptions.push(...subscriptions);
  }

  protected get isClosed(): boolean {
    return this.closed;
  }

  reveal(): void {
    this.panel.reveal();
  }

  onDidClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** What a kind frees when its panel closes, before the panel's subscriptions end. */
  protected onClose(): void {}

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    live.delete(this);
    for (const l of this.closeListeners) l();
    this.onClose();
    for (const d of this.subscriptions) d.dispose();
    this.panel.dispose();
  }
}

/** The open panels of one kind, by key. */
export class PanelKind<P extends OpenPanel> {
  private readonly open = new Map<string, P>();
  private unkeyed = 0;

  all(): readonly P[] {
    return [...this.open.values()];
  }

  /**
   * The panel open under `key`, revealed, then `again` (the kind brings it up to date); else the new panel that
   * `create` makes. `key` undefined: always a new panel, never shared.
   */
  show(key: string | undefined, create: () => P, again?: (existing: P) => void): P {
    const existing = key !== undefined ? this.open.get(key) : undefined;
    if (existing !== undefined) {
      existing.reveal();
      again?.(existing);
      return existing;
    }
    const k = key ?? `\u0000${++this.unkeyed}`;
    const created = create();
    this.open.set(k, created);
    created.onDidClose(() => {
      if (this.open.get(k) === created) this.open.delete(k);
    });
    return created;
  }
}
