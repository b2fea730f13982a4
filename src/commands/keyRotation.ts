// Rotate Key Now, Show Key Rotation Policy and Edit Key Rotation Policy… from a key row. Rotating makes a new
// version (nothing is lost: the old versions stay), so it asks a plain modal question. The policy is shown in
// words in a read-only plain-text editor and edited through quick picks whose durations are checked against the
// service's rules (ISO 8601, rotation triggers at least 7 days, expiry at least 28 days) before the one PUT.

import * as vscode from 'vscode';
import {
  durationText,
  rotationPolicyOf,
  MIN_EXPIRY_DAYS,
  MIN_TRIGGER_DAYS,
  validateDuration,
  validateRotationRule,
  type RotationRule,
} from '../shared/keyRules';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import { confirm, flash, input, pick } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { UserCancelled } from '../ui/UserCancelled';
import { announceObjectChange } from '../vault/changes';
import type { KeyDetails, KeyRotationPolicyView } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { objectTarget, type ObjectTarget } from './objectCommands';
import { rotationActionWords, rotationPolicyText } from './policyText';

function keyTarget(arg: unknown): ObjectTarget {
  const target = objectTarget(arg);
  if (target.kind !== 'key') throw new Error(t('Choose a key in the Vaults view.'));
  return target;
}

/** Opens text in a read-only plain-text editor (an untitled document the user may close without saving). */
export async function showPlainText(content: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
}

/** Rotate Key Now: asks, then one rotate request; the Keys group and the key's versions list again. */
export async function rotateKey(arg: unknown): Promise<KeyDetails> {
  const target = keyTarget(arg);
  await confirm(
    t('Rotate key "{0}" in vault {1} now?', target.name, plainLine(target.vault.name)),
    t('Rotate'),
    t(
      'Key Vault makes a new version with new key material; it becomes the current version. The older versions stay and can still be used (for example to decrypt or verify what they made).',
    ),
  );
  const rotated = await withProgress(t('Rotating "{0}"…', target.name), (signal) =>
    vaultDirectory().keysFor(target.vault).rotate(target.name, { signal }),
  );
  announceObjectChange({ vault: target.vault, objectKind: 'key', name: target.name, kind: 'newVersion' });
  flash(t('Rotated {0}', target.name), 'check');
  return rotated;
}

async function readPolicy(target: ObjectTarget): Promise<KeyRotationPolicyView> {
  return withProgress(t('Reading the rotation policy of "{0}"…', target.name), (signal) =>
    vaultDirectory().keysFor(target.vault).getRotationPolicy(target.name, { signal }),
  );
}

/** Show Key Rotation Policy: one read, shown in words. */
export async function showKeyRotationPolicy(arg: unknown): Promise<string> {
  const target = keyTarget(arg);
  const text = rotationPolicyText(await readPolicy(target), target.name, target.vault.name);
  await showPlainText(text);
  return text;
}

type RotateChoice = 'create' | 'expiry' | 'off';

/** Asks for the new rule, starting from the current policy; nothing is sent. */
async function askRule(current: KeyRotationPolicyView, name: string): Promise<RotationRule> {
  const title = t('Edit Key Rotation Policy of "{0}"', name);
  const rotate = current.lifetimeActions.find((a) => a.action.toLowerCase() === 'rotate');
  const now = rotate === undefined ? t('now: off') : t('now: {0}', rotationActionWords(rotate));
  const choice = await pick<RotateChoice>(
    [
      {
        label: t('Rotate after creation'),
        detail: t('A new version is made a set time after each version is created'),
        data: 'create',
      },
      {
        label: t('Rotate before expiry'),
        detail: t('A new version is made a set time before the current one expires'),
        data: 'expiry',
      },
      { label: t('No automatic rotation'), detail: t('Rotate by hand with Rotate Key Now'), data: 'off' },
    ],
    { title, placeHolder: t('Automatic rotation ({0})', plainLine(now)) },
  );
  if (choice === undefined) throw new UserCancelled();
  let trigger: RotationRule['rotate'];
  if (choice.data !== 'off') {
    const after = choice.data;
    const previous = after === 'create' ? rotate?.timeAfterCreate : rotate?.timeBeforeExpiry;
    const text = await input({
      title,
      prompt:
        after === 'create'
          ? t(
              'Rotate how long after each version is created? ISO 8601 duration, at least {0} days (for example P90D)',
              MIN_TRIGGER_DAYS,
            )
          : t(
              'Rotate how long before the version expires? ISO 8601 duration, at least {0} days (for example P30D)',
              MIN_TRIGGER_DAYS,
            ),
      value: previous ?? (after === 'create' ? 'P90D' : 'P30D'),
      validateInput: (v) => validateDuration(v, MIN_TRIGGER_DAYS),
    });
    if (text === undefined) throw new UserCancelled();
    trigger = { after, duration: durationText(text) };
  }
  const expiry = await input({
    title,
    prompt: t(
      'New versions expire how long after they are created? ISO 8601 duration, at least {0} days (for example P1Y); empty for no expiry',
      MIN_EXPIRY_DAYS,
    ),
    value: current.expiresAfter ?? '',
    validateInput: (v) => (v.trim() === '' ? undefined : validateDuration(v, MIN_EXPIRY_DAYS)),
  });
  if (expiry === undefined) throw new UserCancelled();
  return {
    ...(trigger !== undefined ? { rotate: trigger } : {}),
    ...(expiry.trim() !== '' ? { expiresAfter: durationText(expiry) } : {}),
  };
}

/** Edit Key Rotation Policy…: one read, the questions, the rule checked, then one PUT. */
export async function editKeyRotationPolicy(arg: unknown): Promise<KeyRotationPolicyView> {
  const target = keyTarget(arg);
  const current = await readPolicy(target);
  const rule = await askRule(current, target.name);
  const refused = validateRotationRule(rule);
  if (refused !== undefined) throw new Error(refused);
  const saved = await withProgress(t('Saving the rotation policy of "{0}"…', target.name), (signal) =>
    vaultDirectory()
      .keysFor(target.vault)
      .setRotationPolicy(target.name, rotationPolicyOf(rule, current.lifetimeActions), { signal }),
  );
  // Nothing the tree shows changed (a policy acts on versions made later): no view lists again.
  flash(t('Saved the rotation policy of {0}', target.name), 'check');
  return saved;
}
