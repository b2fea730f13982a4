// The deployed apps: "Check Deployed Apps" scans the selected subscriptions' App Service apps, Function Apps (and
// slots) and Container Apps for Key Vault references; "Find Apps Using This Secret" lists the apps that use one
// secret, each with its reference's status and what it means, and opens the chosen app in the portal. Every text
// from ARM is shown through src/ui/prompts.ts (plain data). Scanning sends no request that lists a value.

import * as vscode from 'vscode';
import { VIEWS } from '../tree/views';
import { isFresh, problemLine, usageLine, usagesOf, type AppScan, type SubscriptionScan } from '../shared/appUsage';
import { t } from '../shared/l10n';
import { info, openLink, pick, type PickItem } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { APPS_PER_SUBSCRIPTION } from '../vault/apps/AppScanner';
import { lastAppScan, scanDeployedApps } from '../vault/apps/appScanStore';
import type { VaultService } from '../vault/model';
import { portalForCloud } from '../vault/vscodeAuth';
import { resolveSecret } from './pickers';
import type { Services } from './services';

/** Scans the deployed apps under a cancellable progress; the result is remembered for the rows and the gate. */
export function checkDeployedApps(service: VaultService): Promise<AppScan> {
  return withProgress(t('Checking deployed apps…'), (signal, step) =>
    scanDeployedApps(service.discovery, {
      signal,
      portal: portalForCloud(),
      onProgress: (done, known) => step(t('{0} of {1} apps read', done, known)),
    }),
  );
}

/** What a subscription's line says when its apps were not all read. */
function subscriptionNote(s: SubscriptionScan): string | undefined {
  if (s.failure !== undefined)
    return s.failure === 'unreadable'
      ? t('{0}: you may not list its apps', s.name)
      : s.failure === 'throttled'
        ? t('{0}: Azure asked to slow down; check again later', s.name)
        : t('{0}: its apps could not be listed', s.name);
  return s.more > 0
    ? t(
        '{0}: {1} apps checked and {2} more not checked (at most {3} per subscription)',
        s.name,
        s.apps - s.more,
        s.more,
        APPS_PER_SUBSCRIPTION,
      )
    : undefined;
}

/** The command: scan now, then say what was found. */
/** Context key: the Deployed Apps view is shown (it appears once the user checks the deployed apps). */
const CONTEXT_APPS_SHOWN = 'keyVaultSecrets.appsShown';

/** Shows the Deployed Apps view in the Key Vault side bar (the Vaults view is alone there until then). */
async function showAppsView(): Promise<void> {
  await vscode.commands.executeCommand('setContext', CONTEXT_APPS_SHOWN, true);
  await vscode.commands.executeCommand(`${VIEWS.apps.id}.focus`);
}

export async function checkDeployedAppsCommand(service: VaultService): Promise<void> {
  const scan = await checkDeployedApps(service);
  await showAppsView();
  const apps = scan.subscriptions.reduce((n, s) => n + s.apps - s.more, 0);
  const empty = scan.subscriptions.filter((x) => x.apps === 0 && x.failure === undefined);
  const notes = [
    ...scan.subscriptions.map(subscriptionNote).filter((n): n is string => n !== undefined),
    ...empty.map((x) => t('{0}: no App Service app, Function App or Container App', x.name)),
    ...scan.problems.map(problemLine),
  ];
  const summary = t(
    'Checked {0} apps in {1} subscriptions: {2} settings use Key Vault secrets.',
    apps,
    scan.subscriptions.length,
    scan.usages.length,
  );
  void info(notes.length === 0 ? summary : `${summary} ${notes.join('; ')}`);
}

type Choice = { readonly link?: string };

/** The command: the apps that use one secret, from a scan at most a few minutes old (else a new one). */
export async function findAppsUsingSecret(service: VaultService, s: Services, arg?: unknown): Promise<void> {
  const target = await resolveSecret(s, arg, 'Find Apps Using This Secret');
  const known = lastAppScan();
  const scan = isFresh(known, Date.now()) ? known : await checkDeployedApps(service);
  const uses = usagesOf(scan, target.vault, target.name);
  const items: PickItem<Choice>[] = [
    ...uses.map((u) => ({
      label: usageLine(u),
      ...(u.details !== undefined ? { detail: u.details } : {}),
      description: u.identity !== undefined ? t('identity: {0}', u.identity) : '',
      data: { link: u.portalUrl },
    })),
    ...scan.problems.map((p) => ({ label: problemLine(p), data: { link: p.portalUrl } })),
    ...scan.subscriptions
      .map(subscriptionNote)
      .filter((n): n is string => n !== undefined)
      .map((n) => ({ label: n, data: {} })),
  ];
  if (uses.length === 0 && items.length === 0) {
    void info(t('No deployed app in the selected subscriptions uses "{0}" of {1}.', target.name, target.vault.name));
    return;
  }
  const chosen = await pick(items, {
    title: t('Apps using "{0}" ({1} found)', target.name, uses.length),
    placeHolder: t('Choose an app to open it in the Azure portal'),
  });
  const link = chosen?.data.link;
  // Only a link the scan made (portalUrl: the cloud's https portal) is opened.
  if (link !== undefined) await openLink(link);
}
