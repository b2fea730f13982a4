// What the references feature makes of its settings (keyVaultSecrets.references.*): the default files, the
// diagnostic severities. src/vault/settings.ts reads them, as it reads every `keyVaultSecrets.*` setting. None of
// them chooses a credential, a certificate or a host: a workspace may set them (it can only check less, or look at
// more of its own files).

import * as vscode from 'vscode';
import {
  readReferenceFiles,
  readReferencesEnabled,
  readReferenceSeverities,
  REFERENCES_SECTION,
  SETTING_KEYS,
  settingId,
} from '../vault/settings';
import { severityNameFromSetting, type DiagnosticKind, type SeverityName } from './referenceState';

/** Files whose references are checked even before one is typed; any open document with a reference is checked too. */
export const DEFAULT_REFERENCE_FILES: readonly string[] = [
  '**/appsettings*.json',
  '**/local.settings.json',
  '**/.env',
  '**/*.env',
  '**/.azure/**/.env',
  '**/*.parameters.json',
  '**/*.bicepparam',
  '**/*.yaml',
  '**/*.yml',
];

export function referenceSettingsChanged(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration(REFERENCES_SECTION) || e.affectsConfiguration(settingId(SETTING_KEYS.expiryWarningDays))
  );
}

/** The one switch: false turns checking off (no diagnostics, no automatic request). */
export function checkingEnabled(): boolean {
  return readReferencesEnabled();
}

export function referenceFileGlobs(): readonly string[] {
  return readReferenceFiles() ?? DEFAULT_REFERENCE_FILES;
}

const SEVERITIES: Readonly<Record<Exclude<SeverityName, 'off'>, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The severity of a kind of diagnostic, or undefined when the user turned that kind off. */
export function severityOf(kind: DiagnosticKind): vscode.DiagnosticSeverity | undefined {
  const name = severityNameFromSetting(readReferenceSeverities(), kind);
  return name === 'off' ? undefined : SEVERITIES[name];
}
