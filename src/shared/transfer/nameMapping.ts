// The visible rules between Key Vault secret names (letters, digits and `-`, case-insensitive) and variable names
// of `.env` and JSON files (letters, digits and `_`): `db-password` ⇄ `DB_PASSWORD`. Shown to the user in the
// import and export previews, where every mapped name can be edited; Move to Key Vault proposes its name by the
// same rule.

import { t } from '../l10n';
import { ENV_KEY_PATTERN } from './dotenv';

/** Export: upper case, `-` becomes `_`; a leading digit gets a `_` in front (a variable cannot start with one). */
export function secretToVariable(secretName: string): string {
  const upper = secretName.toUpperCase().replace(/-/g, '_');
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

/**
 * Import and Move to Key Vault: lower case, `_` and `.` become `-`, a configuration section separator `:` becomes
 * `--` (how .NET's Key Vault configuration provider names `Section:Key`), leading and trailing `-` dropped. The
 * result is checked by validateSecretName.
 */
export function variableToSecret(key: string): string {
  return key
    .toLowerCase()
    .replace(/[_.]/g, '-')
    .replace(/:/g, '--')
    .replace(/^-+|-+$/g, '');
}

export function exportRuleText(): string {
  return t('Variable names: the secret name in upper case, "-" becomes "_" (db-password → DB_PASSWORD).');
}

export function importRuleText(): string {
  return t(
    'Secret names: the variable name in lower case, "_" and "." become "-", ":" becomes "--" (DB_PASSWORD → db-password).',
  );
}

/** A variable name the user typed in the export preview: undefined when fine, else why not. */
export function validateVariableName(key: string): string | undefined {
  if (ENV_KEY_PATTERN.test(key)) return undefined;
  return t('A variable name has letters, digits, "_", "." or "-" and does not start with a digit.');
}

/** Key Vault names are case-insensitive: the key two names collide on. */
export function secretNameKey(name: string): string {
  return name.toLowerCase();
}
