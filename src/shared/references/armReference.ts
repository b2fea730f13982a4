// ARM parameter file references, "reference": { "keyVault": { "id": ".../providers/Microsoft.KeyVault/vaults/<vault>" },
// "secretName": "<name>"[, "secretVersion": "<version>"] }: a tolerant, single-pass JSON(C) tokenizer that keeps one
// frame per open container. Pure, linear in the text's length.

import { t } from '../l10n';
import { isSecretVersion, validateSecretName } from '../validation';
import { isVaultName } from '../vaultUrl';
import type { Span } from './appServiceParams';
import { notAVersion, type KeyVaultReference, type ReferenceProblem } from './referenceModel';
import { isSubscriptionId } from './referenceRules';
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

export function scanArm(text: string, references: KeyVaultReference[], problems: ReferenceProblem[]): void {
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
