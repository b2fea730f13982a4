// The secrets client checks its input before anything is sent (the rules are src/shared/validation.ts): a
// broken rule is a 'badParameter' failure that names the field, so the form can point at it.

import { firstFieldError, validateSecretName, validateSecretVersion, type FieldErrors } from '../shared/validation';
import { KeyVaultFailure } from './KeyVaultFailure';

export function checkName(name: string): void {
  const message = validateSecretName(name);
  if (message !== undefined) throw new KeyVaultFailure('badParameter', message, { field: 'name' });
}

export function checkVersion(version: string): void {
  const message = validateSecretVersion(version);
  if (message !== undefined) throw new KeyVaultFailure('badParameter', message, { field: 'version' });
}

/** The first field a validation found wrong, as the failure of the call. */
export function checkFields(errors: FieldErrors): void {
  const invalid = firstFieldError(errors);
  if (invalid !== undefined) throw new KeyVaultFailure('badParameter', invalid.message, { field: invalid.field });
}
