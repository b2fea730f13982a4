// The kinds of row of the bad-input catalogue (badInputCatalogue.test.ts): what a row is, what it expects, and the
// builders that call the real product code for one surface each (vault URLs, command arguments, settings, webview
// messages, dates, secret names, masking, service failures).
import * as assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { maskText } from '../../../src/shared/maskText';
import { parseDetailsMessage } from '../../../src/shared/webviewMessages/secretDetailsProtocol';
import { parseFormMessage } from '../../../src/shared/webviewMessages/secretFormProtocol';
import { emptyFields, validateForm } from '../../../src/shared/secretFormModel';
import { parseVaultUrl } from '../../../src/shared/vaultUrl';
import { mergeAddedVaults } from '../../../src/vault/addedVaults';
import { resolveVaultArgument } from '../../../src/vault/vaultArguments';
import { isKeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import type { VaultRef } from '../../../src/vault/model';
import type { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';

export type Outcome = { readonly outcome: 'refused' | 'neutralised'; readonly text: string };
export interface Row {
  readonly surface: string;
  readonly input: string;
  readonly expect: 'refused' | 'neutralised';
  /** What the message (refused) or the neutralised result must say. */
  readonly says: RegExp;
  /** Requests the row may send (only a backup the client cannot judge goes to the service). */
  readonly requests?: number;
  readonly run: (c: SecretsVaultClient) => Promise<Outcome> | Outcome;
}

export const refused = (text: string): Outcome => ({ outcome: 'refused', text });
export const neutralised = (text: string): Outcome => ({ outcome: 'neutralised', text });

/** A vault-layer call that must be refused before sending: returns its failure message. */
export async function refusedCall(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
  } catch (e) {
    assert.ok(isKeyVaultFailure(e), String(e));
    return refused(`${e.kind}: ${e.message}`);
  }
  return neutralised('(accepted)');
}

export function urlRow(input: string, says: RegExp): Row {
  return {
    surface: 'Add Vault URL',
    input,
    expect: 'refused',
    says,
    run: () => {
      const r = parseVaultUrl(input);
      return r.ok ? neutralised(r.url) : refused(r.message);
    },
  };
}

export const KNOWN: readonly VaultRef[] = [
  { key: 'https://contoso.vault.azure.net', url: 'https://contoso.vault.azure.net', name: 'contoso', source: 'added' },
  {
    key: 'https://127.0.0.1:8443',
    url: 'https://127.0.0.1:8443',
    name: 'local',
    source: 'added',
    emulator: true,
    caFile: '/home/me/ca.pem',
  },
];

export function argRow(input: string, arg: unknown, says: RegExp): Row {
  return {
    surface: 'command argument',
    input,
    expect: 'refused',
    says,
    run: () => {
      const r = resolveVaultArgument(arg, KNOWN);
      return r.ok ? neutralised(r.vault.url) : refused(r.message);
    },
  };
}

export function settingRow(
  input: string,
  values: Parameters<typeof mergeAddedVaults>[0],
  expect: 'refused' | 'neutralised',
  says: RegExp,
  check: (vaults: readonly VaultRef[]) => boolean,
): Row {
  return {
    surface: 'vaults setting',
    input,
    expect,
    says,
    run: () => {
      const { vaults, problems } = mergeAddedVaults(values);
      assert.ok(check(vaults), `${input}: ${JSON.stringify(vaults)}`);
      return vaults.length === 0 ? refused(problems.join(' | ')) : neutralised(problems.join(' | '));
    },
  };
}

export function formRow(input: string, message: unknown, says: RegExp): Row {
  return {
    surface: 'webview message (form)',
    input,
    expect: 'refused',
    says,
    run: () => {
      const r = parseFormMessage(message);
      return r.ok ? neutralised('(accepted)') : refused(r.reason);
    },
  };
}

export function detailsRow(input: string, message: unknown, says: RegExp): Row {
  return {
    surface: 'webview message (details)',
    input,
    expect: 'refused',
    says,
    run: () => {
      const r = parseDetailsMessage(message);
      return r.ok ? neutralised('(accepted)') : refused(r.reason);
    },
  };
}

export function dateRow(input: string, notBefore: string, expiresOn: string, says: RegExp): Row {
  return {
    surface: 'date (webview)',
    input,
    expect: 'refused',
    says,
    run: () => {
      const errors = validateForm('create', { ...emptyFields(), name: 'ok-name', value: 'v', notBefore, expiresOn });
      const message = errors.notBefore ?? errors.expiresOn;
      return message === undefined ? neutralised('(accepted)') : refused(message);
    },
  };
}

export const NAME_RULE = /badParameter: .*(secret name|Enter a secret name)/;

export function nameRows(): Row[] {
  const names: ReadonlyArray<[string, string]> = [
    ['empty', ''],
    ['space', 'a b'],
    ['dot-dot', '../x'],
    ['slash', 'a/b'],
    ['128 chars', 'x'.repeat(128)],
    ['non-ASCII', 'näme'],
    ['percent-encoded slash', 'a%2fb'],
    ['semicolon', 'a;b'],
    ['markdown link', '[x](command:workbench.action.terminal.new)'],
    ['HTML', '<script>alert(1)</script>'],
    ['newline', 'a\nb'],
    ['underscore', 'a_b'],
    ['query', 'a?api-version=1'],
    ['backslash', 'a\\b'],
  ];
  const ops: ReadonlyArray<[string, (c: SecretsVaultClient, n: string) => Promise<unknown>]> = [
    ['getValue', (c, n) => c.getValue(n)],
    ['setSecret', (c, n) => c.setSecret(n, { value: 'v' })],
    ['deleteSecret', (c, n) => c.deleteSecret(n)],
    ['backup', (c, n) => c.backup(n)],
    ['purgeDeleted', (c, n) => c.purgeDeleted(n)],
    ['recoverDeleted', (c, n) => c.recoverDeleted(n)],
    ['listVersions', (c, n) => c.listVersions(n)],
  ];
  return names.map(([label, name], i) => {
    const [opName, op] = ops[i % ops.length] ??
      ops[0] ?? ['getValue', (c: SecretsVaultClient, n: string) => c.getValue(n)];
    return {
      surface: 'secret name',
      input: `${label} (${opName})`,
      expect: 'refused' as const,
      says: NAME_RULE,
      run: (c: SecretsVaultClient) => refusedCall(op(c, name)),
    };
  });
}

export function masked(input: string, text: string, value: string): Row {
  return {
    surface: 'masking (log/error text)',
    input,
    expect: 'neutralised',
    says: /\*\*\*/,
    run: () => {
      const out = maskText(text, [value]);
      assert.ok(!out.includes(value), `${input}: the value is still there: ${out}`);
      return neutralised(out);
    },
  };
}

export function restError(status: number, message: string): RestError {
  const request = createPipelineRequest({ url: 'https://contoso.vault.azure.net/secrets/x' });
  const body = JSON.stringify({ error: { code: 'BadParameter', message } });
  return new RestError(message, {
    statusCode: status,
    code: 'BadParameter',
    request,
    response: { status, headers: createHttpHeaders(), request, bodyAsText: body },
  });
}
