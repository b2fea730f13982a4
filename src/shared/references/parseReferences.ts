// Finds Key Vault references in the text of a workspace file. Pure, linear in the text's length, and
// total: it never throws, whatever the text (workspace files are untrusted input).
//
// The five syntaxes:
//   appServiceUri   @Microsoft.KeyVault(SecretUri=https://<vault-host>/secrets/<name>[/<version>][/])
//   appServiceName  @Microsoft.KeyVault(VaultName=<vault>;SecretName=<name>[;SecretVersion=<version>])
//   azd             akvs://<subscription-id>/<vault>/<name>
//   armReference    "reference": { "keyVault": { "id": ".../providers/Microsoft.KeyVault/vaults/<vault>" },
//                                  "secretName": "<name>"[, "secretVersion": "<version>"] }
//   secretId        https://<vault-host>/secrets/<name>[/<version>]
// Every offset is a UTF-16 offset into the text (what VS Code's positionAt takes).

import { t } from '../l10n';
import { isSecretVersion, validateSecretName } from '../validation';
import { isVaultName, parseVaultUrl } from '../vaultUrl';
import { MAX_REFERENCE_PARAMS, splitParams, type Param, type Span } from './appServiceParams';
import { hostKind, isSubscriptionId, type HostKind } from './referenceRules';

export type { Span } from './appServiceParams';

const notAVersion = (version: string): string =>
  t('"{0}" is not a secret version: a version is letters and digits only.', clip(version));
const notAVaultName = (name: string): string =>
  t('"{0}" is not a vault name: 3-24 letters, digits and dashes, starting with a letter.', clip(name));

export type ReferenceSyntax = 'appServiceUri' | 'appServiceName' | 'azd' | 'armReference' | 'secretId';

/** How a reference names its vault: by URL (normalised https://host[:port]) or by vault name. */
export type VaultLocator =
  | {
      readonly kind: 'url';
      readonly url: string;
      readonly hostname: string;
      readonly hostKind: HostKind;
      readonly span: Span;
    }
  | { readonly kind: 'name'; readonly name: string; readonly span: Span; readonly subscriptionId?: string };

export interface KeyVaultReference {
  readonly syntax: ReferenceSyntax;
  /** The whole reference. */
  readonly span: Span;
  /** Where a diagnostic goes: the whole reference, or the secret name for a multi-line ARM object. */
  readonly anchor: Span;
  readonly vault: VaultLocator;
  readonly name: string;
  readonly nameSpan: Span;
  /** A pinned version; absent = the latest version. */
  readonly version?: string;
  /** The version's text; present (and empty) also for an empty version field such as `SecretVersion=`. */
  readonly versionSpan?: Span;
  /** What to delete to remove the version pin (with its separator). */
  readonly versionRemoval?: Span;
  /** Where a version pin is inserted when there is none; absent where the syntax has no version (azd). */
  readonly versionInsertAt?: number;
}

/** Text that starts like a reference but cannot be one: the hosts would fail to resolve it. */
export interface ReferenceProblem {
  readonly syntax: ReferenceSyntax;
  readonly span: Span;
  readonly message: string;
}

export interface ParseResult {
  readonly references: readonly KeyVaultReference[];
  readonly problems: readonly ReferenceProblem[];
}

/** The longest reference body looked at; longer text is not a reference. */
export const MAX_REFERENCE_LENGTH = 4096;

/** Characters that end a URL-like token (azd and bare identifiers) in any of the file formats. */
const TOKEN_END = new Set([
  ' ',
  '\t',
  '\n',
  '\r',
  '\f',
  '\v',
  '"',
  "'",
  '`',
  ',',
  ';',
  '(',
  ')',
  '<',
  '>',
  '[',
  ']',
  '{',
  '}',
  '|',
  '\\',
  '?',
  '#',
  '^',
]);

export function parseReferences(text: string): ParseResult {
  const references: KeyVaultReference[] = [];
  const problems: ReferenceProblem[] = [];
  if (typeof text !== 'string' || text.length === 0) return { references, problems };
  const appService = scanAppService(text, references, problems);
  scanAzd(text, references, problems);
  scanSecretIds(text, appService, references);
  scanArm(text, references, problems);
  references.sort((a, b) => a.span.start - b.span.start);
  problems.sort((a, b) => a.span.start - b.span.start);
  return { references, problems };
}

/** The reference whose span contains `offset` (ends inclusive, so a cursor just after it counts). */
export function referenceAt(references: readonly KeyVaultReference[], offset: number): KeyVaultReference | undefined {
  return references.find((r) => r.span.start <= offset && offset <= r.span.end);
}

// ---------------------------------------------------------------------------------------------------------
// Secret identifiers: https://<host>[:port]/secrets/<name>[/<version>][/]

export type SecretIdResult =
  | {
      readonly ok: true;
      readonly vault: VaultLocator & { readonly kind: 'url' };
      readonly name: string;
      readonly nameSpan: Span;
      readonly version?: string;
      readonly versionSpan?: Span;
    }
  | { readonly ok: false; readonly message: string };

/** Parses a secret identifier found at `base` in the text. Trailing slash allowed after the name or version. */
export function parseSecretId(id: string, base = 0): SecretIdResult {
  if (!/^https:\/\//i.test(id)) return { ok: false, message: t('A secret URI must start with https://.') };
  if (id.length > MAX_REFERENCE_LENGTH) return { ok: false, message: t('This is too long for a secret URI.') };
  const authorityEnd = id.indexOf('/', 8);
  const authority = id.slice(8, authorityEnd < 0 ? id.length : authorityEnd);
  if (authority.length === 0)
    return {
      ok: false,
      message: t('A secret URI needs the vault host, for example https://contoso.vault.azure.net/secrets/name.'),
    };
  const vaultUrl = parseVaultUrl(`https://${authority}`);
  if (!vaultUrl.ok) return { ok: false, message: vaultUrl.message };
  const hostname = vaultUrl.host;
  const vault = {
    kind: 'url' as const,
    url: vaultUrl.url,
    hostname,
    hostKind: hostKind(hostname),
    span: { start: base, end: base + 8 + authority.length },
  };
  if (authorityEnd < 0)
    return { ok: false, message: t('A secret URI needs the path /secrets/<name> after the vault host.') };
  const segments = id.slice(authorityEnd + 1).split('/', 5); // more than 4 is refused: no need to split all
  if (segments.length > 4 || segments[0]?.toLowerCase() !== 'secrets') {
    return { ok: false, message: t('A secret URI has the path /secrets/<name> or /secrets/<name>/<version>.') };
  }
  const name = segments[1] ?? '';
  const nameStart = base + authorityEnd + 1 + 'secrets/'.length;
  const nameMessage = validateSecretName(name);
  if (nameMessage !== undefined)
    return {
      ok: false,
      message: name.length === 0 ? t('A secret URI needs the secret name after /secrets/.') : nameMessage,
    };
  const nameSpan = { start: nameStart, end: nameStart + name.length };
  const version = segments[2];
  if (segments.length === 4 && (segments[3] !== '' || version === '')) {
    return { ok: false, message: t('A secret URI has the path /secrets/<name> or /secrets/<name>/<version>.') };
  }
  if (version === undefined || version === '') return { ok: true, vault, name, nameSpan };
  if (!isSecretVersion(version)) return { ok: false, message: notAVersion(version) };
  const versionStart = nameSpan.end + 1;
  return {
    ok: true,
    vault,
    name,
    nameSpan,
    version,
    versionSpan: { start: versionStart, end: versionStart + version.length },
  };
}

function clip(text: string): string {
  let flat = '';
  for (const c of text.slice(0, 41)) {
    const code = c.charCodeAt(0);
    flat += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? ' ' : c;
  }
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat;
}

// ---------------------------------------------------------------------------------------------------------
// @Microsoft.KeyVault(...)

const APP_SERVICE_PREFIX = /@Microsoft\.KeyVault[ \t]*\(/gi;

/** Returns the spans taken by App Service references (so bare identifiers inside them are not counted twice). */
function scanAppService(text: string, references: KeyVaultReference[], problems: ReferenceProblem[]): Span[] {
  const taken: Span[] = [];
  APP_SERVICE_PREFIX.lastIndex = 0;
  for (let m = APP_SERVICE_PREFIX.exec(text); m !== null; m = APP_SERVICE_PREFIX.exec(text)) {
    const start = m.index;
    const bodyStart = start + m[0].length;
    // The body ends at ')'. A line end, a quote or another '@' before it means the reference is unterminated:
    // none of them can occur in a valid body, and stopping there keeps the scan linear.
    let end = bodyStart;
    const limit = Math.min(text.length, bodyStart + MAX_REFERENCE_LENGTH);
    while (end < limit && !')\n\r"@'.includes(text[end])) end++;
    if (text[end] !== ')') {
      const span = { start, end };
      problems.push({
        syntax: 'appServiceUri',
        span,
        message: t('This Key Vault reference is not closed: add ")" at its end.'),
      });
      taken.push(span);
      APP_SERVICE_PREFIX.lastIndex = Math.max(end, bodyStart);
      continue;
    }
    const span = { start, end: end + 1 };
    taken.push(span);
    APP_SERVICE_PREFIX.lastIndex = end + 1;
    const parsed = appServiceReference(text, span, bodyStart, end);
    if ('message' in parsed) problems.push(parsed);
    else references.push(parsed);
  }
  return taken;
}

function appServiceReference(
  text: string,
  span: Span,
  bodyStart: number,
  bodyEnd: number,
): KeyVaultReference | ReferenceProblem {
  const params = splitParams(text, bodyStart, bodyEnd);
  if (params === undefined)
    return {
      syntax: 'appServiceName',
      span,
      message: t(
        'This Key Vault reference has more than {0} parameters: use SecretUri, or VaultName, SecretName and SecretVersion.',
        MAX_REFERENCE_PARAMS,
      ),
    };
  const byKey = new Map<string, Param>();
  for (const p of params) {
    const key = p.key.toLowerCase();
    if (!['secreturi', 'vaultname', 'secretname', 'secretversion'].includes(key)) {
      return {
        syntax: 'appServiceName',
        span,
        message: t(
          '"{0}" is not a Key Vault reference parameter: use SecretUri, or VaultName, SecretName and SecretVersion.',
          clip(p.key),
        ),
      };
    }
    if (byKey.has(key))
      return { syntax: 'appServiceName', span, message: t('{0} appears twice in this Key Vault reference.', p.key) };
    byKey.set(key, p);
  }
  const uri = byKey.get('secreturi');
  if (uri !== undefined) {
    if (byKey.size > 1)
      return {
        syntax: 'appServiceUri',
        span,
        message: t('A Key Vault reference has either SecretUri, or VaultName and SecretName, not both.'),
      };
    const id = parseSecretId(uri.value, uri.valueSpan.start);
    if (!id.ok) return { syntax: 'appServiceUri', span, message: id.message };
    return {
      syntax: 'appServiceUri',
      span,
      anchor: span,
      vault: id.vault,
      name: id.name,
      nameSpan: id.nameSpan,
      ...versionParts(id.version, id.versionSpan, id.nameSpan.end),
    };
  }
  const vaultName = byKey.get('vaultname');
  const secretName = byKey.get('secretname');
  if (vaultName === undefined || secretName === undefined) {
    return {
      syntax: 'appServiceName',
      span,
      message: t('A Key Vault reference needs SecretUri=…, or both VaultName=… and SecretName=….'),
    };
  }
  if (!isVaultName(vaultName.value)) {
    return {
      syntax: 'appServiceName',
      span,
      message: notAVaultName(vaultName.value),
    };
  }
  const nameMessage = validateSecretName(secretName.value);
  if (nameMessage !== undefined) return { syntax: 'appServiceName', span, message: nameMessage };
  const version = byKey.get('secretversion');
  if (version !== undefined && version.value !== '' && !isSecretVersion(version.value)) {
    return {
      syntax: 'appServiceName',
      span,
      message: notAVersion(version.value),
    };
  }
  const pinned = version !== undefined && version.value !== '';
  return {
    syntax: 'appServiceName',
    span,
    anchor: span,
    vault: { kind: 'name', name: vaultName.value, span: vaultName.valueSpan },
    name: secretName.value,
    nameSpan: secretName.valueSpan,
    ...(pinned ? { version: version.value } : {}),
    ...(version !== undefined ? { versionSpan: version.valueSpan, versionRemoval: version.removal } : {}),
    ...(version === undefined
      ? { versionInsertAt: secretName.valueSpan.end + quoteAfter(text, secretName.valueSpan.end) }
      : {}),
  };
}

function versionParts(
  version: string | undefined,
  versionSpan: Span | undefined,
  nameEnd: number,
): Partial<KeyVaultReference> {
  if (version === undefined || versionSpan === undefined) return { versionInsertAt: nameEnd };
  return { version, versionSpan, versionRemoval: { start: nameEnd, end: versionSpan.end } };
}

/** 1 when a closing quote of a quoted parameter value follows `offset`. */
function quoteAfter(text: string, offset: number): number {
  return text[offset] === '"' || text[offset] === "'" ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Tokens: akvs://... and https://.../secrets/...

/** The end of a URL-like token starting at `start` (bounded, so a hostile line stays linear). */
function tokenEnd(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_REFERENCE_LENGTH);
  let end = start;
  while (end < limit) {
    const c = text[end];
    if (TOKEN_END.has(c) || c.charCodeAt(0) < 0x20) break;
    end++;
  }
  // Sentence punctuation after a token is not part of it (names and versions never end in '.' or ':').
  while (end > start && (text[end - 1] === '.' || text[end - 1] === ':')) end--;
  return end;
}

const AZD_PREFIX = /akvs:\/\//gi;

function scanAzd(text: string, references: KeyVaultReference[], problems: ReferenceProblem[]): void {
  AZD_PREFIX.lastIndex = 0;
  for (let m = AZD_PREFIX.exec(text); m !== null; m = AZD_PREFIX.exec(text)) {
    const start = m.index;
    const bodyStart = start + m[0].length;
    const end = Math.max(bodyStart, tokenEnd(text, bodyStart));
    AZD_PREFIX.lastIndex = end;
    const span = { start, end };
    const parts = text.slice(bodyStart, end).split('/');
    const usage = t('An azd reference is akvs://<subscription-id>/<vault-name>/<secret-name>.');
    if (parts.length !== 3 && !(parts.length === 4 && parts[3] === '')) {
      problems.push({ syntax: 'azd', span, message: usage });
      continue;
    }
    const [subscriptionId, vaultName, name] = parts as [string, string, string];
    if (!isSubscriptionId(subscriptionId)) {
      problems.push({
        syntax: 'azd',
        span,
        message: t('"{0}" is not a subscription id (a GUID). {1}', clip(subscriptionId), usage),
      });
      continue;
    }
    if (!isVaultName(vaultName)) {
      problems.push({
        syntax: 'azd',
        span,
        message: notAVaultName(vaultName),
      });
      continue;
    }
    const nameMessage = validateSecretName(name);
    if (nameMessage !== undefined) {
      problems.push({ syntax: 'azd', span, message: nameMessage });
      continue;
    }
    const vaultStart = bodyStart + subscriptionId.length + 1;
    const nameStart = vaultStart + vaultName.length + 1;
    references.push({
      syntax: 'azd',
      span,
      anchor: span,
      vault: {
        kind: 'name',
        name: vaultName,
        span: { start: vaultStart, end: vaultStart + vaultName.length },
        subscriptionId,
      },
      name,
      nameSpan: { start: nameStart, end: nameStart + name.length },
    });
  }
}

const HTTPS_PREFIX = /https:\/\//gi;

function scanSecretIds(text: string, taken: readonly Span[], references: KeyVaultReference[]): void {
  let t = 0;
  HTTPS_PREFIX.lastIndex = 0;
  for (let m = HTTPS_PREFIX.exec(text); m !== null; m = HTTPS_PREFIX.exec(text)) {
    const start = m.index;
    while (t < taken.length && taken[t].end <= start) t++;
    const inside = taken[t];
    if (inside !== undefined && inside.start <= start) {
      HTTPS_PREFIX.lastIndex = inside.end;
      continue;
    }
    const end = Math.max(start + m[0].length, tokenEnd(text, start));
    HTTPS_PREFIX.lastIndex = end;
    const id = parseSecretId(text.slice(start, end), start);
    // A URL that is not a secret identifier is just a URL: nothing to say about it.
    if (!id.ok) continue;
    const span = { start, end };
    references.push({
      syntax: 'secretId',
      span,
      anchor: span,
      vault: id.vault,
      name: id.name,
      nameSpan: id.nameSpan,
      ...versionParts(id.version, id.versionSpan, id.nameSpan.end),
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// ARM parameter files: a tolerant, single-pass JSON(C) tokenizer that keeps one frame per open container.

interface StringToken {
  /** Raw content between the quotes (escapes not decoded: names never need them). */
  readonly value: string;
  /** The content, without the quotes. */
  readonly span: Span;
}

interface Frame {
  readonly kind: 'object' | 'array';
  /** The lower-cased key this container is the value of. */
  readonly key: string | undefined;
  readonly start: number;
  state: 'key' | 'colon' | 'value' | 'comma';
  pendingKey: string | undefined;
  pendingKeyStart: number;
  /** End of the last complete member (its value), for removing the member after it with its comma. */
  lastMemberEnd: number;
  id?: StringToken;
  keyVaultId?: StringToken;
  secretName?: StringToken;
  secretVersion?: StringToken;
  secretVersionRemoval?: { start: number; end: number; first: boolean };
}

const MAX_DEPTH = 256;
const ARM_VAULT_ID = /\/providers\/Microsoft\.KeyVault\/vaults\/([^/]*)\/?$/i;
const ARM_SUBSCRIPTION = /^\/subscriptions\/([^/]+)\//i;

function scanArm(text: string, references: KeyVaultReference[], problems: ReferenceProblem[]): void {
  if (!/"reference"/i.test(text)) return;
  const stack: Frame[] = [];
  let overflow = 0;
  const n = text.length;
  let i = 0;
  const top = (): Frame | undefined => (overflow > 0 ? undefined : stack[stack.length - 1]);
  const valueDone = (end: number): void => {
    const f = top();
    if (f === undefined) return;
    if (f.kind === 'object') {
      f.pendingKey = undefined;
      f.state = 'comma';
    }
    f.lastMemberEnd = end;
  };
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === '{' || c === '[') {
      const parent = top();
      if (overflow > 0 || stack.length >= MAX_DEPTH) overflow++;
      else {
        const key = parent?.kind === 'object' && parent.state === 'value' ? parent.pendingKey : undefined;
        stack.push({
          kind: c === '{' ? 'object' : 'array',
          key,
          start: i,
          state: 'key',
          pendingKey: undefined,
          pendingKeyStart: i,
          lastMemberEnd: i + 1,
        });
      }
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      if (overflow > 0) overflow--;
      else {
        const f = stack.pop();
        if (f !== undefined) closeFrame(text, f, top(), i + 1, references, problems);
      }
      valueDone(i + 1);
      i++;
      continue;
    }
    if (c === '"') {
      const start = i + 1;
      let j = start;
      while (j < n && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(j, n);
      const token = { value: text.slice(start, end), span: { start, end } };
      i = end + 1;
      const f = top();
      if (f === undefined || f.kind !== 'object') {
        if (f !== undefined) f.lastMemberEnd = i;
        continue;
      }
      if (f.state === 'key' || f.state === 'comma') {
        f.pendingKey = token.value.toLowerCase();
        f.pendingKeyStart = start - 1;
        f.state = 'colon';
        if (f.secretVersionRemoval?.first === true && f.secretVersionRemoval.end < 0)
          f.secretVersionRemoval.end = start - 1;
      } else if (f.state === 'value') {
        if (f.pendingKey === 'id') f.id = token;
        else if (f.pendingKey === 'secretname') f.secretName = token;
        else if (f.pendingKey === 'secretversion') {
          f.secretVersion = token;
          const first = f.lastMemberEnd <= f.start + 1;
          f.secretVersionRemoval = first
            ? { start: f.pendingKeyStart, end: -1, first }
            : { start: f.lastMemberEnd, end: i, first };
        }
        valueDone(i);
      }
      continue;
    }
    if (c === ':') {
      const f = top();
      if (f?.state === 'colon') f.state = 'value';
      i++;
      continue;
    }
    if (c === ',') {
      const f = top();
      if (f !== undefined && f.kind === 'object') {
        f.state = 'key';
        f.pendingKey = undefined;
      }
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    // A literal (number, true, false, null) or stray text: skip to the next structural character.
    let j = i + 1;
    while (j < n && !'{}[]",:/ \t\r\n'.includes(text[j])) j++;
    const f = top();
    if (f?.state === 'value') valueDone(j);
    i = j;
  }
}

function closeFrame(
  text: string,
  f: Frame,
  parent: Frame | undefined,
  end: number,
  references: KeyVaultReference[],
  problems: ReferenceProblem[],
): void {
  if (f.kind !== 'object') return;
  if (f.key === 'keyvault' && f.id !== undefined && parent !== undefined) parent.keyVaultId = f.id;
  if (f.key !== 'reference') return;
  const span = { start: f.start, end };
  const idToken = f.keyVaultId;
  const nameToken = f.secretName;
  if (idToken === undefined && nameToken === undefined) return;
  if (idToken === undefined || nameToken === undefined) {
    problems.push({
      syntax: 'armReference',
      span,
      message: t('A Key Vault parameter reference needs "keyVault": { "id": … } and "secretName".'),
    });
    return;
  }
  const vaultMatch = ARM_VAULT_ID.exec(idToken.value);
  const vaultName = vaultMatch?.[1] ?? '';
  if (vaultMatch === null || !isVaultName(vaultName)) {
    problems.push({
      syntax: 'armReference',
      span: idToken.span,
      message: t(
        'The keyVault id must be a vault resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>.',
      ),
    });
    return;
  }
  const nameMessage = validateSecretName(nameToken.value);
  if (nameMessage !== undefined) {
    problems.push({ syntax: 'armReference', span: nameToken.span, message: nameMessage });
    return;
  }
  const version = f.secretVersion;
  if (version !== undefined && version.value !== '' && !isSecretVersion(version.value)) {
    problems.push({
      syntax: 'armReference',
      span: version.span,
      message: notAVersion(version.value),
    });
    return;
  }
  const vaultStart =
    idToken.span.start +
    vaultMatch.index +
    vaultMatch[0].length -
    vaultName.length -
    (vaultMatch[0].endsWith('/') ? 1 : 0);
  const subscription = ARM_SUBSCRIPTION.exec(idToken.value)?.[1];
  const removal = f.secretVersionRemoval;
  references.push({
    syntax: 'armReference',
    span,
    anchor: nameToken.span,
    vault: {
      kind: 'name',
      name: vaultName,
      span: { start: vaultStart, end: vaultStart + vaultName.length },
      ...(subscription !== undefined && isSubscriptionId(subscription) ? { subscriptionId: subscription } : {}),
    },
    name: nameToken.value,
    nameSpan: nameToken.span,
    ...(version !== undefined && version.value !== '' ? { version: version.value } : {}),
    ...(version !== undefined ? { versionSpan: version.span } : {}),
    ...(removal !== undefined
      ? {
          versionRemoval: {
            start: removal.start,
            end: removal.end < 0 ? (version?.span.end ?? removal.start) + 1 : removal.end,
          },
        }
      : {}),
    ...(version === undefined ? { versionInsertAt: Math.min(text.length, nameToken.span.end + 1) } : {}),
  });
}
