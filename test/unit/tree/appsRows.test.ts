// The Deployed Apps view's rows (src/tree/appsRows.ts), from a scan: a subscription with more apps than the limit
// ends with an "and N more" row, an app the user may not read is a row of its own, a subscription whose apps could
// not be listed says why, and a cancelled scan says it is incomplete and never that no app uses Key Vault.
import * as assert from 'node:assert/strict';
import type { AppScan, AppUsage } from '../../../src/shared/appUsage';
import { appChildren, rootRows, subscriptionChildren, type AppsRow } from '../../../src/tree/appsRows';

const SUB = '4a1c6e2f-9b3d-4e8a-a7c5-2f0d1b3e5c7a';
const use = (app: string, setting: string, slot?: string): AppUsage => ({
  app,
  kind: 'functionApp',
  ...(slot !== undefined ? { slot } : {}),
  setting,
  settingKind: 'appSetting',
  status: 'Resolved',
  portalUrl: 'https://portal.azure.com/#/resource/x/overview',
  subscriptionId: SUB,
  vaultName: 'kv',
  secretName: 'db',
});
const text = (rows: readonly AppsRow[]): string[] =>
  rows.map((r) =>
    r.kind === 'appsNote'
      ? r.text
      : r.kind === 'appsApp'
        ? r.label
        : r.kind === 'appsProblem'
          ? `problem ${r.problem.app}`
          : r.kind === 'appsReference'
            ? r.use.setting
            : r.sub.name,
  );
const options = { appsPerSubscription: 200 };

describe('tree: the Deployed Apps view rows', () => {
  it('apps and slots with their references, an unreadable app, and "and N more" past the limit', () => {
    const scan: AppScan = {
      at: 0,
      usages: [use('func', 'DB'), use('func', 'DB', 'staging'), use('func', 'API')],
      problems: [{ app: 'locked', kind: 'appService', subscriptionId: SUB, reason: 'unreadable', portalUrl: '' }],
      subscriptions: [{ subscriptionId: SUB, name: 'Prod', apps: 250, more: 50 }],
    };
    const root = rootRows(scan);
    assert.deepEqual(text(root), ['Prod']);
    const sub = root[0];
    assert.ok(sub?.kind === 'appsSubscription');
    const children = subscriptionChildren(sub.sub, scan, options);
    assert.deepEqual(text(children), [
      'func',
      'func/staging',
      'problem locked',
      'and 50 more apps not checked (at most 200 per subscription)',
    ]);
    const func = children[0];
    assert.ok(func?.kind === 'appsApp');
    assert.deepEqual(text(appChildren(func)), ['DB', 'API']);
  });

  it('no scan: no rows (the welcome shows); a subscription with no apps, or whose list failed, says so', () => {
    assert.deepEqual(rootRows(undefined), []);
    const scan: AppScan = {
      at: 0,
      usages: [],
      problems: [],
      subscriptions: [
        { subscriptionId: SUB, name: 'Empty', apps: 0, more: 0 },
        { subscriptionId: 'other', name: 'Busy', apps: 0, more: 0, failure: 'throttled' },
      ],
    };
    const [busy, empty] = rootRows(scan);
    assert.ok(empty?.kind === 'appsSubscription' && busy?.kind === 'appsSubscription');
    assert.deepEqual(text(subscriptionChildren(empty.sub, scan, options)), [
      'No App Service app, Function App or Container App in this subscription.',
    ]);
    assert.deepEqual(text(subscriptionChildren(busy.sub, scan, options)), [
      'Azure asked to slow down: its apps were not listed. Refresh later.',
    ]);
  });

  it('a cancelled scan is said to be incomplete and claims no "no app uses it"', () => {
    const scan: AppScan = {
      at: 0,
      usages: [],
      problems: [],
      incomplete: true,
      subscriptions: [{ subscriptionId: SUB, name: 'Prod', apps: 10, more: 0, incomplete: true }],
    };
    const root = rootRows(scan);
    assert.match(text(root)[0] ?? '', /^The scan was cancelled/);
    const sub = root[1];
    assert.ok(sub?.kind === 'appsSubscription');
    assert.deepEqual(subscriptionChildren(sub.sub, scan, options), []);
  });
});
