// The references check's failures reach the "Key Vault Secrets" log: one line each, naming the vault's host, the
// operation and why, through the log's masks (a value the extension knows never appears).
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { fillVault } from '../../../src/references/vaultLookup';
import { newVaultCache } from '../../../src/references/vaultCache';
import { maskGlobally, unmaskGlobally, useLog } from '../../../src/ui/log';
import { KeyVaultFailure } from '../../../src/vault/KeyVaultFailure';
import type { VaultClient, VaultRef } from '../../../src/vault/model';

const VAULT: VaultRef = { key: 'k', url: 'https://contoso-ops.vault.azure.net', name: 'contoso-ops', source: 'added' };

function loggedLines(): string[] {
  const lines: string[] = [];
  const channel = { warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
  useLog(channel as unknown as vscode.LogOutputChannel);
  return lines;
}

function refusingClient(e: Error): VaultClient {
  const refuse = (): Promise<never> => Promise.reject(e);
  return {
    vault: VAULT,
    listSecrets: refuse,
    listVersions: refuse,
    listDeleted: refuse,
    getDeleted: refuse,
  } as unknown as VaultClient;
}

const CLOCK = { now: () => 1_000_000, ttl: () => 60_000, expiryWarningDays: () => 30 };

describe('references check: failures in the log', () => {
  afterEach(() => unmaskGlobally('s3cr3t-canary'));

  it('logs a refused versions request with the host, the operation and the kind, masking known values', async () => {
    const lines = loggedLines();
    maskGlobally('s3cr3t-canary');
    const refused = new KeyVaultFailure('forbidden', 'No list permission (s3cr3t-canary).', { status: 403 });
    await fillVault(newVaultCache(VAULT), [{ name: 'api-key', key: 'api-key' }], refusingClient(refused), CLOCK);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(
      lines[0],
      /^References check: list the versions of "api-key" on contoso-ops \(contoso-ops\.vault\.azure\.net\) failed \(forbidden 403: /,
    );
    assert.ok(!lines[0].includes('s3cr3t-canary'), lines[0]);
  });

  it('logs a failed list of the vault once, for all the names it was to answer', async () => {
    const lines = loggedLines();
    const wants = ['a', 'b', 'c'].map((n) => ({ name: n, key: n }));
    await fillVault(newVaultCache(VAULT), wants, refusingClient(new Error('socket hang up')), CLOCK);
    assert.deepEqual(lines, [
      'References check: list secrets on contoso-ops (contoso-ops.vault.azure.net) failed (Error: socket hang up)',
    ]);
  });
});
