// The input rules of the chat tools (src/agentTools/toolInputs.ts): the name pattern (substring or glob, never a
// regular expression), positions, paths, the vault an agent names, and the create prefill.
import * as assert from 'node:assert/strict';
import {
  matchesNamePattern,
  positionInside,
  toolCreatePrefill,
  toolInput,
  toolNamePattern,
  toolPath,
  toolPosition,
  toolVault,
} from '../../../src/agentTools/toolInputs';
import type { VaultRef } from '../../../src/vault/model';

const own: VaultRef = {
  key: 'https://own.vault.azure.net',
  url: 'https://own.vault.azure.net',
  name: 'own',
  source: 'added',
};
const planted: VaultRef = {
  ...own,
  key: 'https://p.vault.azure.net',
  url: 'https://p.vault.azure.net',
  origin: 'workspace',
};

describe('chat tool inputs', () => {
  it('matches a plain pattern anywhere in the name, case-insensitively', () => {
    assert.ok(matchesNamePattern('Db-Password', 'pass'));
    assert.ok(!matchesNamePattern('db-password', 'key'));
  });

  it('matches a glob against the whole name: * any run, ? one character', () => {
    assert.ok(matchesNamePattern('api-key', 'api-*'));
    assert.ok(matchesNamePattern('api-key', '*-*'));
    assert.ok(matchesNamePattern('api-key', 'a?i-key'));
    assert.ok(matchesNamePattern('api-key', '*'));
    assert.ok(!matchesNamePattern('api-key', 'api-'.concat('?')));
    assert.ok(!matchesNamePattern('my-api-key', 'api-*'));
    assert.ok(matchesNamePattern('aab', '*a*b'));
    assert.ok(!matchesNamePattern('aaa', '*a*b'));
  });

  it('takes letters, digits, dashes, * and ? as a pattern, and nothing longer than a secret name', () => {
    assert.ok(toolNamePattern('db-*').ok);
    assert.ok(!toolNamePattern('db.*').ok);
    assert.ok(!toolNamePattern('').ok);
    assert.ok(!toolNamePattern('a'.repeat(128)).ok);
    assert.ok(!toolNamePattern(42).ok);
  });

  it("names only the user's own vaults, by URL", () => {
    const r = toolVault('https://OWN.vault.azure.net/', [own], [planted]);
    assert.ok(r.ok && r.value === own);
    const w = toolVault(planted.url, [own], [planted]);
    assert.ok(!w.ok && /workspace's settings/.test(w.message));
    assert.ok(!toolVault({ url: own.url }, [own], []).ok);
  });

  it('refuses input keys a tool does not declare, and input that is not an object', () => {
    assert.ok(toolInput({ a: 1 }, ['a']).ok);
    const r = toolInput({ a: 1, value: 'x' }, ['a']);
    assert.ok(!r.ok && /does not take "value"/.test(r.message));
    assert.ok(!toolInput([], []).ok);
    assert.ok(!toolInput(null, []).ok);
  });

  it('checks a 1-based position against the lines of the file', () => {
    assert.deepEqual(toolPosition(1, 1), { ok: true, value: { line: 1, column: 1 } });
    assert.ok(!toolPosition(0, 1).ok);
    assert.ok(!toolPosition(1.5, 1).ok);
    assert.ok(!toolPosition('1', 1).ok);
    assert.deepEqual(
      positionInside({ line: 2, column: 4 }, 2, () => 3),
      { ok: true, value: { line: 1, character: 3 } },
    );
    assert.ok(!positionInside({ line: 2, column: 5 }, 2, () => 3).ok);
    assert.ok(!positionInside({ line: 3, column: 1 }, 2, () => 3).ok);
  });

  it('takes a workspace path, not a URI or control characters', () => {
    assert.ok(toolPath('src/appsettings.json').ok);
    assert.ok(toolPath('C:\\work\\appsettings.json').ok);
    assert.ok(!toolPath('keyvault-secret://own/db').ok);
    assert.ok(!toolPath('file:///etc/passwd').ok);
    assert.ok(!toolPath('a\u0000b').ok);
    assert.ok(!toolPath('x'.repeat(2000)).ok);
  });

  it('prefills a create with checked metadata only', () => {
    const r = toolCreatePrefill({ contentType: 'text/plain', tags: { env: 'dev' }, expiresOn: '2030-01-01T00:00:00Z' });
    assert.deepEqual(r, {
      ok: true,
      value: {
        contentType: 'text/plain',
        tags: [{ key: 'env', value: 'dev' }],
        notBefore: '',
        expiresOn: '2030-01-01T00:00:00.000Z',
      },
    });
    assert.ok(!toolCreatePrefill({ expiresOn: 'tomorrow' }).ok);
    assert.ok(
      !toolCreatePrefill({ tags: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`t${i}`, 'v'])) }).ok,
    );
  });
});
