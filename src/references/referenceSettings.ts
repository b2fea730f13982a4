// The settings of the references feature (keyVaultSecrets.references.*). None of them chooses a credential, a
// certificate or a host: a workspace may set them (it can only check less, or look at more of its own files).

import * as vscode from 'vscode';
import { cappedTextList } from '../shared/workspaceInput';
import { effectiveSetting } from '../vault/workspaceGate';
import { severityNameFromSetting, type DiagnosticKind, type SeverityName } from './referenceState';

const SECTION = 'keyVaultSecrets.references';

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
  return e.affectsConfiguration(SECTION) || e.affectsConfiguration('keyVaultSecrets.expiryWarningDays');
}

/** The one switch: false turns checking off (no diagnostics, no automatic request). */
export function checkingEnabled(): boolean {
  return effectiveSetting(SECTION, 'enabled') !== false;
}

export function referenceFileGlobs(): readonly string[] {
  return cappedTextList(effectiveSetting(SECTION, 'files')) ?? DEFAULT_REFERENCE_FILES;
}

const SEVERITIES: Readonly<Record<Exclude<SeverityName, 'off'>, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The severity of a kind of diagnostic, or undefined when the user turned that kind off. */
export function severityOf(kind: DiagnosticKind): vscode.DiagnosticSeverity | undefined {
  const name = severityNameFromSetting(effectiveSetting(SECTION, 'severity'), kind);
  return name === 'off' ? undefined : SEVERITIES[name];
}
