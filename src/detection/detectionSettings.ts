// What plain-text secret detection makes of its settings (keyVaultSecrets.detection.*) and the files it reads: the
// rule names users see, the severity, the files looked at and the ignore globs. Detection is local: no setting
// here chooses where anything is sent.

import * as vscode from 'vscode';
import type { SecretRule } from '../shared/detection/secretRules';
import { t } from '../shared/l10n';
import { DETECTION_SECTION, readDetectionEnabled, readDetectionIgnore, readDetectionSeverity } from '../vault/settings';

export { DETECTION_SOURCE } from '../shared/detection/secretRules';

/** The configuration files detection reads (in the editor and in the workspace scan). */
export const DETECTION_FILES: readonly string[] = [
  '**/.env',
  '**/.env.*',
  '**/*.env',
  '**/*.json',
  '**/*.yaml',
  '**/*.yml',
  '**/*.properties',
  '**/*.ini',
  '**/*.toml',
  '**/*.bicepparam',
  '**/.npmrc',
];

/** Never read by the workspace scan (dependencies, build output). */
export const DETECTION_EXCLUDES: readonly string[] = ['**/node_modules/**', '**/.git/**'];

export function detectionSettingsChanged(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(DETECTION_SECTION);
}

export function detectionEnabled(): boolean {
  return readDetectionEnabled();
}

const SEVERITIES: Readonly<Record<string, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The severity of a detection (warning unless the setting names another). */
export function detectionSeverity(): vscode.DiagnosticSeverity {
  const name = readDetectionSeverity();
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SEVERITIES, name)
    ? SEVERITIES[name]
    : vscode.DiagnosticSeverity.Warning;
}

/** A document detection reads: a configuration file by its name, not one the ignore globs name. */
export function isDetectionDocument(doc: vscode.TextDocument): boolean {
  if (!DETECTION_FILES.some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) return false;
  return !readDetectionIgnore().some((pattern) => vscode.languages.match({ pattern }, doc) > 0);
}

/** The ignore globs as one exclude pattern for the workspace scan (with the fixed excludes). */
export function scanExcludeGlob(): string {
  const globs = [...DETECTION_EXCLUDES, ...readDetectionIgnore().filter((g) => !g.includes('{') && !g.includes(','))];
  return `{${globs.join(',')}}`;
}

/** What a rule is called in a diagnostic: the kind of secret, never its value. */
export function ruleLabel(rule: SecretRule): string {
  switch (rule) {
    case 'aws-access-key':
      return t('AWS access key ID');
    case 'aws-secret-key':
      return t('AWS secret access key');
    case 'gcp-api-key':
      return t('Google Cloud API key');
    case 'gcp-oauth-secret':
      return t('Google OAuth client secret');
    case 'gcp-service-account-key':
      return t('Google Cloud service account private key');
    case 'github-token':
      return t('GitHub token');
    case 'npm-token':
      return t('npm access token');
    case 'slack-token':
      return t('Slack token');
    case 'slack-webhook':
      return t('Slack webhook URL');
    case 'private-key':
      return t('Private key');
    case 'url-password':
      return t('Password in a URL');
    case 'database-password':
      return t('Database password in a connection URL');
    case 'openai-key':
      return t('OpenAI API key');
    case 'anthropic-key':
      return t('Anthropic API key');
    case 'jwt':
      return t('JSON Web Token');
    case 'azure-storage-key':
      return t('Azure Storage account key');
    case 'azure-sas-signature':
      return t('Azure shared access signature');
    case 'azure-service-bus-key':
      return t('Azure Service Bus or Event Hubs shared access key');
    case 'azure-cosmos-key':
      return t('Azure Cosmos DB account key');
    case 'sql-password':
      return t('SQL password in a connection string');
  }
}

/** The diagnostic's message: the rule, never the value. */
export function detectionMessage(rule: SecretRule): string {
  return t('{0} in plain text', ruleLabel(rule));
}
