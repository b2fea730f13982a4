// The destructive-action gate's rules: what each kind of loss asks, which answer it needs, how a typed answer is
// checked, and how a vault is named when another known vault's display name looks the same.
import * as assert from 'node:assert/strict';
import {
  isPermanentDelete,
  lossQuestion,
  nameSkeleton,
  typedAnswerProblem,
  vaultLabel,
  type GateVault,
  type Loss,
} from '../../../src/shared/destructive';

const prod: GateVault = { name: 'prod', url: 'https://prod.vault.azure.net' };
const prodTwin: GateVault = { name: 'prod', url: 'https://prod-weu.vault.azure.net' };
const one = (kind: Loss['kind'], vault: GateVault, names: string[], extra: Partial<Loss> = {}): Loss => ({
  kind,
  groups: [{ vault, names }],
  ...extra,
});

describe('shared/destructive: the gate rules', () => {
  it('a purge of one secret wants its name typed, and nothing else', () => {
    const q = lossQuestion(one('purge', prod, ['db-password']), []);
    assert.equal(q.modal, undefined);
    assert.equal(q.typed?.expected, 'db-password');
    assert.equal(q.typed?.title, 'Purge "db-password" from prod for good');
    assert.match(q.typed?.prompt ?? '', /cannot be undone.*Type "db-password" to confirm\./);
  });

  it('a purge of several lists them, then wants how many typed', () => {
    const q = lossQuestion(one('purge', prod, ['a', 'b', 'c']), []);
    assert.equal(q.modal?.message, 'Purge 3 deleted secrets from prod?');
    assert.match(q.modal?.detail ?? '', /prod: a, b, c\./);
    assert.equal(q.modal?.button, 'Purge');
    assert.equal(q.typed?.expected, '3');
  });

  it('a delete asks with a button where soft delete is on, and wants the name where it is off', () => {
    const soft = lossQuestion(
      {
        kind: 'delete',
        groups: [{ vault: prod, names: ['k'], recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 }],
      },
      [],
    );
    assert.equal(soft.modal?.message, 'Delete secret "k" from vault prod?');
    assert.match(soft.modal?.detail ?? '', /for 90 days, unless someone purges it/);
    assert.equal(soft.typed, undefined);
    const hard = lossQuestion(
      { kind: 'delete', groups: [{ vault: prod, names: ['k'], recoveryLevel: 'Purgeable' }] },
      [],
    );
    assert.equal(hard.modal, undefined);
    assert.equal(hard.typed?.expected, 'k');
    assert.match(hard.typed?.prompt ?? '', /no soft-delete.*cannot be undone/);
  });

  it('a delete of two secrets says how each can be recovered, not "it"', () => {
    const q = lossQuestion(
      {
        kind: 'delete',
        groups: [{ vault: prod, names: ['a', 'b'], recoveryLevel: 'Recoverable+Purgeable', recoverableDays: 90 }],
      },
      [],
    );
    assert.equal(q.modal?.message, 'Delete 2 secrets from vault prod?');
    assert.match(
      q.modal?.detail ?? '',
      /prod: a, b\. Each can be recovered from "Deleted secrets" for 90 days, unless someone purges it; a purged secret is gone for good\./,
    );
    assert.doesNotMatch(q.modal?.detail ?? '', /\bIt can be recovered\b/);
    const protectedVault = lossQuestion(
      { kind: 'delete', groups: [{ vault: prod, names: ['a', 'b'], recoveryLevel: 'Recoverable' }] },
      [],
    );
    assert.match(protectedVault.modal?.detail ?? '', /They can be recovered .* nobody can purge them before then\./);
  });

  it('a bulk delete across vaults types only what goes for good: one such secret by name, several by count', () => {
    const soft = { vault: prod, names: ['x1', 'x2'], recoveryLevel: 'Recoverable' };
    const q1 = lossQuestion(
      { kind: 'delete', groups: [soft, { vault: prodTwin, names: ['p3'], recoveryLevel: 'Purgeable' }] },
      [],
    );
    assert.equal(q1.modal?.message, 'Delete 3 secrets from 2 vaults?');
    assert.equal(q1.typed?.expected, 'p3');
    const q2 = lossQuestion(
      { kind: 'delete', groups: [soft, { vault: prodTwin, names: ['p3', 'p4'], recoveryLevel: 'Purgeable' }] },
      [],
    );
    assert.equal(q2.typed?.expected, '2');
    assert.match(q2.typed?.prompt ?? '', /prod \(prod-weu\.vault\.azure\.net\) has no soft-delete: 2 secrets/);
  });

  it('a recovery level Key Vault does not name for soft delete is treated as permanent; unknown (unread) is not', () => {
    assert.equal(isPermanentDelete('Purgeable'), true);
    assert.equal(isPermanentDelete('purgeable'), true);
    assert.equal(isPermanentDelete('Recoverable+Purgeable'), false);
    assert.equal(isPermanentDelete(undefined), false);
  });

  it('an overwrite, a roll back and a disable ask with a button; Copy offers its way out', () => {
    const o = lossQuestion(one('overwrite', prod, ['api'], { from: 'the copy', alternative: 'Skip Them' }), []);
    assert.equal(o.modal?.message, 'Secret "api" already exists in vault prod. Add the copy as its new version?');
    assert.equal(o.modal?.button, 'Add New Version');
    assert.equal(o.alternative, 'Skip Them');
    assert.equal(o.typed, undefined);
    const r = lossQuestion(one('rollBack', prod, ['api'], { version: { version: 'abcdef0123', tags: {} } }), []);
    assert.equal(r.modal?.button, 'Make Current');
    const d = lossQuestion(one('disable', prod, ['api'], { current: true }), []);
    assert.equal(d.modal?.message, 'Disable the current version of "api" in vault prod?');
  });

  it('a typed loss with notes to say shows them in a modal first, and still wants the name typed', () => {
    const notes = ['Not deleted: v1 in prod.'];
    const d = lossQuestion(
      { kind: 'delete', groups: [{ vault: prod, names: ['k'], recoveryLevel: 'Purgeable' }], notes },
      [],
    );
    assert.match(d.modal?.detail ?? '', /Not deleted: v1 in prod\./);
    assert.equal(d.typed?.expected, 'k');
    const p = lossQuestion(one('purge', prod, ['k'], { notes }), []);
    assert.equal(p.modal?.message, 'Purge deleted secret "k" from prod?');
    assert.equal(p.typed?.expected, 'k');
  });

  it('one item of a bulk change or one file is named, not counted', () => {
    const e = lossQuestion(one('enable', prod, ['api (version abcdef01)']), []);
    assert.equal(e.modal?.message, 'Enable api (version abcdef01) in vault prod?');
    const f = lossQuestion({ kind: 'replaceFiles', groups: [{ names: ['prod-api.keyvaultbackup'] }] }, []);
    assert.equal(f.modal?.message, 'Replace prod-api.keyvaultbackup?');
    assert.match(f.modal?.detail ?? '', /exist and will be replaced/);
  });

  it('nothing to lose is a mistake, not a question', () => {
    assert.throws(() => lossQuestion({ kind: 'purge', groups: [{ vault: prod, names: [] }] }, []), /at least one name/);
  });

  it('a typed answer must be exact: case, spaces and look-alikes are refused with a reason', () => {
    assert.equal(typedAnswerProblem('db-password', 'db-password'), undefined);
    assert.match(typedAnswerProblem('db-password', 'DB-password') ?? '', /letter case/);
    assert.match(typedAnswerProblem('db-password', ' db-password') ?? '', /without spaces/);
    assert.match(typedAnswerProblem('db-password', 'db-pаssword') ?? '', /exactly/);
    assert.match(typedAnswerProblem('2', '02') ?? '', /how many/);
    assert.match(typedAnswerProblem('2', undefined) ?? '', /how many/);
  });

  it('a vault is named with its host when another known vault has the same or a look-alike display name', () => {
    assert.equal(vaultLabel(prod, [prod]), 'prod');
    assert.equal(vaultLabel(prod, [prodTwin]), 'prod (prod.vault.azure.net)');
    assert.equal(
      vaultLabel(prod, [{ name: 'PROD', url: 'https://other.example:8443' }]),
      'prod (prod.vault.azure.net)',
    );
    assert.equal(vaultLabel(prod, [{ name: 'prоd', url: 'https://x.vault.azure.net' }]), 'prod (prod.vault.azure.net)');
    assert.equal(nameSkeleton('p r\u200Bod'), 'prod');
    assert.equal(vaultLabel(prod, [{ name: 'staging', url: 'https://s.vault.azure.net' }]), 'prod');
    const q = lossQuestion(one('purge', prod, ['k']), [prod, prodTwin]);
    assert.equal(q.typed?.title, 'Purge "k" from prod (prod.vault.azure.net) for good');
  });
});
