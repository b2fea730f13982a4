// The destructive gate's words for one certificate or key (src/shared/destructive.ts asks here when a loss names
// an object type): delete says what stays recoverable and where, purge asks for the name typed, disable says who
// stops working, overwrite says a new version replaces what the latest version holds. Pure: no `vscode`, no Node.

import { t } from './l10n';
import type { Question } from './destructive';

export interface ObjectLoss {
  readonly kind: 'delete' | 'purge' | 'disable' | 'overwrite';
  readonly objectKind: 'certificate' | 'key';
  readonly name: string;
  /** The vault as the gate names it (its host added when another vault looks alike). */
  readonly where: string;
  /** delete: the vault's recovery level, when known ('Purgeable' = no soft delete). */
  readonly permanent?: boolean;
}

/** The question for one certificate or key. Purge, and a delete without soft delete, need the name typed. */
export function objectLossQuestion(loss: ObjectLoss): Question {
  const cert = loss.objectKind === 'certificate';
  const { name, where } = loss;
  const typed = (title: string, consequence: string): Question['typed'] => ({
    expected: name,
    title,
    prompt: t('{0} Type "{1}" to confirm.', consequence, name),
  });
  switch (loss.kind) {
    case 'purge':
      return {
        typed: typed(
          t('Purge "{0}" from {1} for good', name, where),
          cert
            ? t(
                'Purging cannot be undone: the deleted certificate, its key, its secret and all versions are gone for good.',
              )
            : t(
                'Purging cannot be undone: the deleted key and all its versions are gone for good; whatever it encrypted cannot be decrypted again.',
              ),
        ),
      };
    case 'delete':
      if (loss.permanent === true) {
        return {
          typed: typed(
            t('Delete "{0}" from {1} for good', name, where),
            t(
              'This vault has no soft-delete: it and all its versions will be gone for good. Deleting cannot be undone.',
            ),
          ),
        };
      }
      return {
        modal: {
          message: cert
            ? t('Delete certificate "{0}" from vault {1}?', name, where)
            : t('Delete key "{0}" from vault {1}?', name, where),
          detail: cert
            ? t(
                'All its versions are deleted, with its key and its secret. If the vault has soft-delete on, you can recover it from "Deleted certificates" until it is purged.',
              )
            : t(
                'All its versions are deleted. If the vault has soft-delete on, you can recover it from "Deleted keys" until it is purged.',
              ),
          button: t('Delete'),
        },
      };
    case 'disable':
      return {
        modal: {
          message: cert
            ? t('Disable certificate "{0}" in vault {1}?', name, where)
            : t('Disable key "{0}" in vault {1}?', name, where),
          detail: cert
            ? t('Anything that reads this certificate or its secret gets an error until it is enabled again.')
            : t('Anything that uses this key (encrypt, sign, wrap) gets an error until it is enabled again.'),
          button: t('Disable'),
        },
      };
    case 'overwrite':
      return {
        modal: {
          message: cert
            ? t('Certificate "{0}" already exists in vault {1}. Create a new version of it?', name, where)
            : t('Key "{0}" already exists in vault {1}. Create a new version of it?', name, where),
          detail: cert
            ? t('Anything that reads the latest version gets the new certificate. The earlier versions stay.')
            : t(
                'The new version has new key material: anything that uses the latest version encrypts and signs with it from now on. The earlier versions stay and can still decrypt and verify.',
              ),
          button: t('Create New Version'),
        },
      };
  }
}
