// Writing references: a reference in each syntax, version pin edits, the syntax a file type prefers,
// and what to complete at a cursor inside a reference. Pure.

import { isSecretVersion, validateSecretName } from '../validation';
import { isVaultName, normalizeVaultUrl } from '../vaultUrl';
import { MAX_REFERENCE_LENGTH, type KeyVaultReference, type ReferenceSyntax, type Span } from './parseReferences';
import { isSubscriptionId } from './referenceRules';

/** Replace `span` with `text`. */
export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}

/** What a new reference points at. Everything is checked before it is written into a file. */
export interface ReferenceTarget {
  /** Normalised vault URL, https://host[:port]. */
  readonly vaultUrl: string;
  readonly vaultName: string;
  readonly name: string;
  readonly version?: string;
  readonly subscriptionId?: string;
  /** ARM resource id of the vault (for parameter files). */
  readonly resourceId?: string;
}

export const SYNTAX_LABELS: Readonly<Record<ReferenceSyntax, string>> = {
  appServiceUri: 'App Service / Functions reference by URI: @Microsoft.KeyVault(SecretUri=…)',
  appServiceName: 'App Service / Functions reference by name: @Microsoft.KeyVault(VaultName=…;SecretName=…)',
  azd: 'azd environment reference: akvs://<subscription>/<vault>/<secret>',
  armReference: 'ARM parameter file reference: { "reference": { "keyVault": …, "secretName": … } }',
  secretId: 'Secret identifier: https://<vault>/secrets/<name>',
};

const ARM_VAULT_RESOURCE_ID =
  /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.KeyVault\/vaults\/[a-zA-Z0-9-]{3,24}$/i;

/** The reference text in `syntax`, or undefined when the target lacks what the syntax needs (or is not well formed). */
export function formatReference(syntax: ReferenceSyntax, target: ReferenceTarget): string | undefined {
  if (validateSecretName(target.name) !== undefined || normalizeVaultUrl(target.vaultUrl) !== target.vaultUrl)
    return undefined;
  if (target.version !== undefined && !isSecretVersion(target.version)) return undefined;
  const id = `${target.vaultUrl}/secrets/${target.name}`;
  switch (syntax) {
    case 'appServiceUri':
      return `@Microsoft.KeyVault(SecretUri=${target.version !== undefined ? `${id}/${target.version}` : `${id}/`})`;
    case 'appServiceName':
      if (!isVaultName(target.vaultName)) return undefined;
      return `@Microsoft.KeyVault(VaultName=${target.vaultName};SecretName=${target.name}${target.version !== undefined ? `;SecretVersion=${target.version}` : ''})`;
    case 'azd':
      // azd always reads the latest version.
      if (
        target.version !== undefined ||
        target.subscriptionId === undefined ||
        !isSubscriptionId(target.subscriptionId) ||
        !isVaultName(target.vaultName)
      )
        return undefined;
      return `akvs://${target.subscriptionId}/${target.vaultName}/${target.name}`;
    case 'armReference': {
      if (target.resourceId === undefined || !ARM_VAULT_RESOURCE_ID.test(target.resourceId)) return undefined;
      const version = target.version !== undefined ? `, "secretVersion": "${target.version}"` : '';
      return `{ "reference": { "keyVault": { "id": "${target.resourceId}" }, "secretName": "${target.name}"${version} } }`;
    }
    case 'secretId':
      return target.version !== undefined ? `${id}/${target.version}` : id;
  }
}

/** The syntaxes a target can be written in, the preferred one first. */
export function availableSyntaxes(target: ReferenceTarget, preferred: ReferenceSyntax): ReferenceSyntax[] {
  const all: ReferenceSyntax[] = [preferred, ...REFERENCE_SYNTAXES];
  return [...new Set(all)].filter((s) => formatReference(s, target) !== undefined);
}

/** What is known about who reads a file besides its path. */
export interface FileReaders {
  /** The file's workspace folder is an azd project (it holds azure.yaml). */
  readonly azdProject?: boolean;
}

/** Every syntax, in the order a picker lists them. */
export const REFERENCE_SYNTAXES: readonly ReferenceSyntax[] = [
  'appServiceUri',
  'appServiceName',
  'azd',
  'armReference',
  'secretId',
];

export function isReferenceSyntax(x: unknown): x is ReferenceSyntax {
  return typeof x === 'string' && (REFERENCE_SYNTAXES as readonly string[]).includes(x);
}

/**
 * The one rule for the syntax a new reference gets by default: the one the file's readers understand (path with
 * any separator).
 * - `*.parameters.json`: the ARM reference, which a deployment resolves.
 * - `.bicepparam`, YAML: the secret identifier.
 * - `.env` files: azd's `akvs://` only where azd reads the file (an environment under `.azure/`, or any `.env` of
 *   an azd project); any other `.env` gets the secret identifier, which the code reading it can resolve (dotenv
 *   itself resolves no reference, and nothing but azd reads `akvs://`).
 * - anything else (local.settings.json, appsettings*.json): the App Service / Functions reference.
 */
export function preferredSyntax(path: string, readers: FileReaders = {}): ReferenceSyntax {
  const parts = path.toLowerCase().split(/[\\/]/);
  const base = parts[parts.length - 1] ?? '';
  if (base === '.env' || base.endsWith('.env'))
    return readers.azdProject === true || parts.slice(0, -1).includes('.azure') ? 'azd' : 'secretId';
  if (base.endsWith('.parameters.json')) return 'armReference';
  if (base.endsWith('.bicepparam') || base.endsWith('.yaml') || base.endsWith('.yml')) return 'secretId';
  return 'appServiceUri';
}

/** Pins a reference to `version` (replacing a pin it has). Undefined where the syntax has no version (azd). */
export function pinEdit(ref: KeyVaultReference, version: string): TextEdit | undefined {
  if (!isSecretVersion(version)) return undefined;
  if (ref.versionSpan !== undefined) return { span: ref.versionSpan, text: version };
  if (ref.versionInsertAt === undefined) return undefined;
  const at = { start: ref.versionInsertAt, end: ref.versionInsertAt };
  switch (ref.syntax) {
    case 'appServiceUri':
    case 'secretId':
      return { span: at, text: `/${version}` };
    case 'appServiceName':
      return { span: at, text: `;SecretVersion=${version}` };
    case 'armReference':
      return { span: at, text: `, "secretVersion": "${version}"` };
    case 'azd':
      return undefined;
  }
}

/** Removes the version pin, so the reference follows the latest version. */
export function unpinEdit(ref: KeyVaultReference): TextEdit | undefined {
  return ref.versionRemoval === undefined ? undefined : { span: ref.versionRemoval, text: '' };
}

/** Applies edits (non-overlapping) to a text; for tests and previews. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start))
    out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Completion

export type CompletionVault =
  { readonly kind: 'url'; readonly url: string } | { readonly kind: 'name'; readonly name: string };

export type CompletionContext =
  /** After `SecretUri=`: a vault URL (the items insert `https://host/secrets/`). */
  | { readonly kind: 'vaultUrl'; readonly replace: Span; readonly prefix: string }
  /** After `VaultName=` or `akvs://<subscription>/`. */
  | { readonly kind: 'vaultName'; readonly replace: Span; readonly prefix: string; readonly subscriptionId?: string }
  /** After `SecretName=`, `…/secrets/` or `akvs://<subscription>/<vault>/`. */
  | { readonly kind: 'secretName'; readonly replace: Span; readonly prefix: string; readonly vault: CompletionVault };

const VALUE_END = new Set([')', ';', '\n', '\r', '"', "'", ' ', '\t', '@']);

/** What to complete at `offset`, when the cursor is inside a reference being typed. */
export function completionContext(text: string, offset: number): CompletionContext | undefined {
  if (typeof text !== 'string' || offset < 0 || offset > text.length) return undefined;
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, offset - MAX_REFERENCE_LENGTH);
  const before = text.slice(lineStart, offset);
  return appServiceContext(text, before, lineStart, offset) ?? azdContext(text, before, offset);
}

function valueEnd(text: string, offset: number, stopAtSlash: boolean): number {
  let end = offset;
  const limit = Math.min(text.length, offset + MAX_REFERENCE_LENGTH);
  while (end < limit && !VALUE_END.has(text[end]) && !(stopAtSlash && text[end] === '/')) end++;
  return end;
}

function appServiceContext(
  text: string,
  before: string,
  lineStart: number,
  offset: number,
): CompletionContext | undefined {
  const open = before.toLowerCase().lastIndexOf('@microsoft.keyvault(');
  if (open < 0) return undefined;
  const bodyStart = open + '@microsoft.keyvault('.length;
  const body = before.slice(bodyStart);
  if (body.includes(')')) return undefined;
  const paramStart = body.lastIndexOf(';') + 1;
  const param = body.slice(paramStart);
  const eq = param.indexOf('=');
  if (eq < 0) return undefined;
  const key = param.slice(0, eq).trim().toLowerCase();
  const valueStartInLine = bodyStart + paramStart + eq + 1;
  const rawValue = before.slice(valueStartInLine);
  const lead = rawValue.length - rawValue.trimStart().length;
  const valueStart = lineStart + valueStartInLine + lead;
  const value = text.slice(valueStart, offset);
  if (key === 'vaultname')
    return { kind: 'vaultName', replace: { start: valueStart, end: valueEnd(text, offset, false) }, prefix: value };
  if (key === 'secretname') {
    const vaultName = vaultNameInBody(text, lineStart + bodyStart);
    if (vaultName === undefined) return undefined;
    return {
      kind: 'secretName',
      replace: { start: valueStart, end: valueEnd(text, offset, false) },
      prefix: value,
      vault: { kind: 'name', name: vaultName },
    };
  }
  if (key !== 'secreturi') return undefined;
  const m = /^(https:\/\/[^/\s]+)\/secrets\/([^/]*)$/i.exec(value);
  if (m !== null) {
    const nameStart = offset - m[2].length;
    return {
      kind: 'secretName',
      replace: { start: nameStart, end: valueEnd(text, offset, true) },
      prefix: m[2],
      vault: { kind: 'url', url: m[1].toLowerCase() },
    };
  }
  if (value.includes('/secrets/')) return undefined;
  return { kind: 'vaultUrl', replace: { start: valueStart, end: valueEnd(text, offset, false) }, prefix: value };
}

/** The VaultName value in the body of the reference that starts at `bodyStart`. */
function vaultNameInBody(text: string, bodyStart: number): string | undefined {
  let close = bodyStart;
  const limit = Math.min(text.length, bodyStart + MAX_REFERENCE_LENGTH);
  while (close < limit && !')\n\r"@'.includes(text[close])) close++;
  for (const part of text.slice(bodyStart, close).split(';')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq).trim().toLowerCase() === 'vaultname') {
      const v = part
        .slice(eq + 1)
        .trim()
        .replace(/^(['"])(.*)\1$/, '$2');
      return isVaultName(v) ? v : undefined;
    }
  }
  return undefined;
}

function azdContext(text: string, before: string, offset: number): CompletionContext | undefined {
  const open = before.toLowerCase().lastIndexOf('akvs://');
  if (open < 0) return undefined;
  const tail = before.slice(open + 'akvs://'.length);
  if (/[\s"'`,;()<>[\]{}]/.test(tail)) return undefined;
  const parts = tail.split('/');
  const prefix = parts[parts.length - 1];
  const replace = { start: offset - prefix.length, end: valueEnd(text, offset, true) };
  const subscriptionId = parts[0];
  if (parts.length === 2)
    return { kind: 'vaultName', replace, prefix, ...(isSubscriptionId(subscriptionId) ? { subscriptionId } : {}) };
  if (parts.length === 3 && isVaultName(parts[1]))
    return { kind: 'secretName', replace, prefix, vault: { kind: 'name', name: parts[1] } };
  return undefined;
}
