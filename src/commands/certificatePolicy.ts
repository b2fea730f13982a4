// Show Certificate Policy and Edit Certificate Lifetime Action… from a certificate row. The policy is shown in
// words (issuer self-signed or a certificate authority, subject, alternative names, validity, key, content type,
// lifetime actions) in a read-only plain-text editor; the lifetime action is edited through quick picks (renew
// automatically or email the contacts; at a percentage of the lifetime or days before expiry), checked against the
// service's ranges before the one PATCH.

import { validateLifetimeTrigger, type LifetimeTrigger } from '../shared/keyRules';
import { t } from '../shared/l10n';
import { input, pick, flash } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { UserCancelled } from '../ui/UserCancelled';
import type { CertificatePolicyView } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { showPlainText } from './keyRotation';
import { objectTarget, type ObjectTarget } from './objectCommands';
import { certificatePolicyText, lifetimeActionWords } from './policyText';

function certificateTarget(arg: unknown): ObjectTarget {
  const target = objectTarget(arg);
  if (target.kind !== 'certificate') throw new Error(t('Choose a certificate in the Vaults view.'));
  return target;
}

function readPolicy(target: ObjectTarget): Promise<CertificatePolicyView> {
  return withProgress(t('Reading the policy of "{0}"…', target.name), (signal) =>
    vaultDirectory().certificatesFor(target.vault).getPolicy(target.name, { signal }),
  );
}

/** Show Certificate Policy: one read, shown in words. */
export async function showCertificatePolicy(arg: unknown): Promise<string> {
  const target = certificateTarget(arg);
  const text = certificatePolicyText(await readPolicy(target), target.name, target.vault.name);
  await showPlainText(text);
  return text;
}

type Action = CertificatePolicyView['lifetimeActions'][number];

async function askAction(current: CertificatePolicyView, name: string): Promise<Action> {
  const title = t('Edit Lifetime Action of "{0}"', name);
  const now = current.lifetimeActions[0];
  const selfSigned = current.issuerName?.toLowerCase() === 'self';
  const kind = await pick<'AutoRenew' | 'EmailContacts'>(
    [
      {
        label: t('Renew automatically'),
        detail: selfSigned
          ? t('Key Vault issues a new version itself')
          : t('Key Vault asks the issuer for a new version (the issuer must support it)'),
        data: 'AutoRenew',
      },
      {
        label: t('Email the certificate contacts'),
        detail: t('Nothing is renewed; the contacts are told'),
        data: 'EmailContacts',
      },
    ],
    {
      title,
      placeHolder:
        now === undefined
          ? t('Lifetime action (now: none)')
          : t('Lifetime action (now: {0})', lifetimeActionWords(now)),
    },
  );
  if (kind === undefined) throw new UserCancelled();
  const triggerKind = await pick<LifetimeTrigger['kind']>(
    [
      {
        label: t('At a percentage of its lifetime'),
        detail: t('For example 80: when 80% of the validity has passed'),
        data: 'percentage',
      },
      { label: t('A number of days before expiry'), detail: t('For example 30'), data: 'days' },
    ],
    { title, placeHolder: t('When') },
  );
  if (triggerKind === undefined) throw new UserCancelled();
  const percentage = triggerKind.data === 'percentage';
  const previous = percentage ? now?.lifetimePercentage : now?.daysBeforeExpiry;
  const text = await input({
    title,
    prompt: percentage ? t('At what percentage of its lifetime (1 to 99)?') : t('How many days before it expires?'),
    value: previous !== undefined ? String(previous) : percentage ? '80' : '30',
    validateInput: (v) => validateLifetimeTrigger(triggerKind.data, v, current.validityMonths),
  });
  if (text === undefined) throw new UserCancelled();
  const value = Number(text.trim());
  return percentage ? { action: kind.data, lifetimePercentage: value } : { action: kind.data, daysBeforeExpiry: value };
}

/** Edit Certificate Lifetime Action…: one read, the questions, then one PATCH of the policy. */
export async function editCertificatePolicy(arg: unknown): Promise<CertificatePolicyView> {
  const target = certificateTarget(arg);
  const current = await readPolicy(target);
  const action = await askAction(current, target.name);
  const refused = validateLifetimeTrigger(
    action.lifetimePercentage !== undefined ? 'percentage' : 'days',
    String(action.lifetimePercentage ?? action.daysBeforeExpiry ?? ''),
    current.validityMonths,
  );
  if (refused !== undefined) throw new Error(refused);
  const saved = await withProgress(t('Saving the policy of "{0}"…', target.name), (signal) =>
    vaultDirectory().certificatesFor(target.vault).updateLifetimeActions(target.name, [action], { signal }, current),
  );
  flash(t('Saved the lifetime action of {0}', target.name), 'check');
  return saved;
}
