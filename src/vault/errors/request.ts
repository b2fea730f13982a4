// The request family: Key Vault refused what was sent (400: a field it did not accept, a backup file that is
// not one; 405), named by the field the user can correct. Pure: no `vscode`, no SDK import.

import { KeyVaultFailure } from '../KeyVaultFailure';
import { t } from '../../shared/l10n';
import type { FailureContext, ServiceErrorBody, StatusBase } from './context';

/** A request Key Vault refused (400). */
export function badRequest(body: ServiceErrorBody, context: FailureContext, base: StatusBase): KeyVaultFailure {
  const service = body.message ?? '';
  if (body.code === 'Malformed backup blob' || /backup blob/i.test(service)) {
    return new KeyVaultFailure(
      'malformedBackup',
      t(
        'This file is not a valid Key Vault secret backup, or it was changed after the backup. Choose the original backup file.',
      ),
      { ...base, field: 'backup' },
    );
  }
  const field = fieldOf(body, context);
  return new KeyVaultFailure(
    'badParameter',
    t('Key Vault refused the {0}: {1}', field, service || t('invalid value')),
    {
      ...base,
      field,
    },
  );
}

/** A method Key Vault does not allow on this path (405): in practice a secret name it cannot route. */
export function methodNotAllowed(service: string, base: StatusBase): KeyVaultFailure {
  return new KeyVaultFailure(
    'badParameter',
    t('Key Vault refused the request: {0}. Check the secret name.', service || t('method not allowed')),
    { ...base, field: 'name' },
  );
}

function fieldOf(body: ServiceErrorBody, context: FailureContext): string {
  const text = `${body.target ?? ''} ${body.message ?? ''}`;
  if (/invalid name|secret-name|\bname\b/i.test(text)) return 'name';
  if (/content ?type/i.test(text)) return 'contentType';
  if (/\btags?\b/i.test(text)) return 'tags';
  if (/\bnbf\b|not ?before/i.test(text)) return 'notBefore';
  if (/\bexp\b|expir/i.test(text)) return 'expiresOn';
  if (/\bversion\b/i.test(text)) return 'version';
  if (/\bvalue\b|length|too large|size/i.test(text)) return context.operation === 'restore' ? 'backup' : 'value';
  if (/maxresults/i.test(text)) return 'maxresults';
  return context.operation === 'restore' ? 'backup' : 'request';
}
