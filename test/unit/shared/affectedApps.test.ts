// The destructive gate's deployed-apps input: a delete of a secret that apps resolve is typed (as a purge is), the
// confirmation lists the apps with their status, and apps not checked are said, with the button to check them first.
import * as assert from 'node:assert/strict';
import type { AppUsage } from '../../../src/shared/appUsage';
import { lossQuestion, type GateVault, type Loss } from '../../../src/shared/destructive';

const prod: GateVault = { name: 'prod', url: 'https://prod.vault.azure.net' };
const use = (status: string | undefined, app = 'app-prod', slot?: string): AppUsage => ({
  app,
  kind: 'appService',
  ...(slot !== undefined ? { slot } : {}),
  setting: 'DB_PASSWORD',
  settingKind: 'appSetting',
  ...(status !== undefined ? { status } : {}),
  portalUrl: 'https://portal.azure.com/#/resource/x/overview',
  subscriptionId: 's',
  vaultName: 'prod',
  secretName: 'db-password',
});
const del = (apps: Loss['apps']): Loss => ({
  kind: 'delete',
  groups: [{ vault: prod, names: ['db-password'], recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 }],
  ...(apps !== undefined ? { apps } : {}),
});

describe('shared/affectedApps: deployed apps in the destructive gate', () => {
  it('a delete of a secret a deployed app resolves lists the apps and wants the name typed', () => {
    const q = lossQuestion(
      del({ checked: true, uses: [use('Resolved'), use('AccessToKeyVaultDenied', 'func', 'staging')] }),
      [],
    );
    assert.match(
      q.modal?.detail ?? '',
      /Deployed apps use it: app-prod \(DB_PASSWORD\) · Resolved; func\/staging \(DB_PASSWORD\) · AccessToKeyVaultDenied/,
    );
    assert.equal(q.typed?.expected, 'db-password');
    assert.equal(q.typed?.title, 'Delete "db-password", which deployed apps use');
    assert.equal(q.alternative, undefined);
  });

  it('only apps that fail already: listed, but a button is enough', () => {
    const q = lossQuestion(del({ checked: true, uses: [use('SecretNotFound')] }), []);
    assert.match(q.modal?.detail ?? '', /SecretNotFound/);
    assert.equal(q.typed, undefined);
  });

  it('apps not checked: says so and offers to check them first', () => {
    const q = lossQuestion(del({ checked: false, uses: [] }), []);
    assert.match(q.modal?.detail ?? '', /Deployed apps were not checked/);
    assert.equal(q.alternative, 'Check Deployed Apps First');
    assert.equal(q.typed, undefined);
  });

  it('checked and no app uses it: the question is the one without apps', () => {
    assert.deepEqual(lossQuestion(del({ checked: true, uses: [] }), []), lossQuestion(del(undefined), []));
  });

  it('disabling the current version lists the apps that read it', () => {
    const q = lossQuestion(
      {
        kind: 'disable',
        current: true,
        groups: [{ vault: prod, names: ['db-password'] }],
        apps: { checked: true, uses: [use('Resolved')] },
      },
      [],
    );
    assert.match(q.modal?.detail ?? '', /app-prod \(DB_PASSWORD\) · Resolved/);
  });

  it('an expiry in the past asks with a button, saying readers fail, and lists the apps', () => {
    const q = lossQuestion(
      {
        kind: 'expire',
        groups: [{ vault: prod, names: ['db-password'] }],
        apps: { checked: true, uses: [use('Resolved')] },
      },
      [],
    );
    assert.equal(q.modal?.message, 'Set an expiry date in the past on "db-password" in vault prod?');
    assert.match(q.modal?.detail ?? '', /refuses to give an expired version[\s\S]*app-prod \(DB_PASSWORD\) · Resolved/);
    assert.equal(q.modal?.button, 'Set Expiry');
    assert.equal(q.typed, undefined);
  });
});
