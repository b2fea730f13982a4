// The test API's webview probes: each open panel as a test sees it (what the host posted to it, a message posted as
// its webview would, its HTML and resource roots).

import type * as vscode from 'vscode';
import type { PlanRow, ResultRow } from '../shared/transfer/importPlan';
import type { CompareRow } from '../shared/transfer/compareVaults';
import type { HostToCompare } from '../shared/webviewMessages/compareReportProtocol';
import type { HostToCertificateForm } from '../shared/webviewMessages/certificateFormProtocol';
import type { HostToDetails } from '../shared/webviewMessages/secretDetailsProtocol';
import type { HostToForm } from '../shared/webviewMessages/secretFormProtocol';
import type { HostToImport } from '../shared/webviewMessages/importPreviewProtocol';
import type { SecretFormMode } from '../shared/secretFormModel';
import { CompareReportPanel } from '../transfer/CompareReportPanel';
import { ImportPreviewPanel } from '../transfer/importPreviewPanel';
import { CertificateFormPanel } from '../webviews/CertificateFormPanel';
import { onDidPostToWebview } from '../webviews/panelTraffic';
import { SecretDetailsPanel } from '../webviews/SecretDetailsPanel';
import { SecretFormPanel } from '../webviews/SecretFormPanel';

export interface FormProbe {
  readonly mode: SecretFormMode;
  readonly vaultKey: string;
  readonly secretName: string | undefined;
  readonly sent: readonly HostToForm[];
  /** Posts a message as the webview would; resolves to false when the host refused it. */
  receive(message: unknown): Promise<boolean>;
  /** The HTML the webview was given (CSP checks). */
  readonly html: string;
}

/** An import preview, as a test sees it: its rows (names and outcomes only), what it posted, and its last apply. */
export interface ImportProbe {
  readonly vaultKey: string;
  readonly plan: readonly PlanRow[];
  readonly sent: readonly HostToImport[];
  receive(message: unknown): Promise<boolean>;
  applied(): Promise<readonly ResultRow[] | undefined>;
  readonly html: string;
}

export interface DetailsProbe {
  readonly vaultKey: string;
  /** The panel's tab title. */
  readonly title: string;
  readonly name: string;
  readonly deleted: boolean;
  readonly sent: readonly HostToDetails[];
  receive(message: unknown): Promise<boolean>;
  loaded(): Promise<void>;
  readonly html: string;
  readonly localResourceRoots: readonly string[];
}

export interface CompareProbe {
  readonly leftKey: string;
  readonly rightKey: string;
  readonly rows: readonly CompareRow[];
  readonly sent: readonly HostToCompare[];
  receive(message: unknown): Promise<boolean>;
  loaded(): Promise<void>;
  readonly html: string;
  readonly localResourceRoots: readonly string[];
}

/** A Create Self-Signed Certificate form, as a test sees it. */
export interface CertificateFormProbe {
  readonly vaultKey: string;
  readonly sent: readonly HostToCertificateForm[];
  receive(message: unknown): Promise<boolean>;
  readonly html: string;
}

/** The open panels of each kind. */
export interface WebviewProbes {
  forms(): readonly FormProbe[];
  certificateForms(): readonly CertificateFormProbe[];
  /** Open import previews. */
  imports(): readonly ImportProbe[];
  details(): readonly DetailsProbe[];
  /** Open Compare Vaults reports. */
  compares(): readonly CompareProbe[];
}

/** The probes, recording every message the host posts to a panel from now on (until the extension stops). */
export function createWebviewProbes(context: vscode.ExtensionContext): WebviewProbes {
  const posted = new WeakMap<object, unknown[]>();
  context.subscriptions.push(
    onDidPostToWebview(({ panel, message }) => {
      const list = posted.get(panel) ?? [];
      list.push(message);
      posted.set(panel, list);
    }),
  );
  return {
    forms: () =>
      SecretFormPanel.all().map((f) => ({
        mode: f.mode,
        vaultKey: f.vault.key,
        secretName: f.secretName,
        get sent() {
          return (posted.get(f) ?? []) as HostToForm[];
        },
        receive: (m: unknown) => f.receive(m),
        html: f.panel.webview.html,
      })),
    certificateForms: () =>
      CertificateFormPanel.all().map((f) => ({
        vaultKey: f.vault.key,
        get sent() {
          return (posted.get(f) ?? []) as HostToCertificateForm[];
        },
        receive: (m: unknown) => f.receive(m),
        html: f.panel.webview.html,
      })),
    imports: () =>
      ImportPreviewPanel.all().map((p) => ({
        vaultKey: p.vault.key,
        get plan() {
          return p.plan;
        },
        get sent() {
          return (posted.get(p) ?? []) as HostToImport[];
        },
        receive: (m: unknown) => p.receive(m),
        applied: () => p.applied,
        html: p.panel.webview.html,
      })),
    details: () =>
      SecretDetailsPanel.all().map((d) => ({
        vaultKey: d.vault.key,
        get title() {
          return d.panel.title;
        },
        name: d.name,
        deleted: d.isDeleted,
        get sent() {
          return (posted.get(d) ?? []) as HostToDetails[];
        },
        receive: (m: unknown) => d.receive(m),
        loaded: () => d.loaded,
        html: d.panel.webview.html,
        localResourceRoots: (d.panel.webview.options.localResourceRoots ?? []).map((u) => u.toString()),
      })),
    compares: () =>
      CompareReportPanel.all().map((c) => ({
        leftKey: c.left.key,
        rightKey: c.right.key,
        get rows() {
          return c.rows;
        },
        get sent() {
          return (posted.get(c) ?? []) as HostToCompare[];
        },
        receive: (m: unknown) => c.receive(m),
        loaded: () => c.loaded,
        html: c.panel.webview.html,
        localResourceRoots: (c.panel.webview.options.localResourceRoots ?? []).map((u) => u.toString()),
      })),
  };
}
