// The vault pickers (Insert Reference, Move to Key Vault, Copy, Import, Export, Compare, Back Up): each vault once,
// in name order, whatever order discovery found them in and however often it found them.
import * as assert from 'node:assert/strict';
import { vaultPickItems } from '../../../src/ui/vaultItems';
import type { VaultRef } from '../../../src/vault/model';

const discovered = (name: string, subscriptionId = 'sub-1'): VaultRef => ({
  key: `https://${name}.vault.azure.net`,
  name,
  url: `https://${name}.vault.azure.net`,
  source: 'discovered',
  subscriptionId,
  subscriptionName: subscriptionId,
});
const added = (name: string): VaultRef => ({
  key: `https://${name}.vault.azure.net`,
  name,
  url: `https://${name}.vault.azure.net`,
  source: 'added',
  origin: 'user',
});

describe('ui/vaultItems: the vault pickers', () => {
  it('lists vaults by name (case-insensitive, numbers in order), not in discovery order', () => {
    const items = vaultPickItems([
      discovered('contoso-prod'),
      discovered('Contoso-bulk'),
      discovered('contoso-dev10'),
      discovered('contoso-dev2'),
    ]);
    assert.deepEqual(
      items.map((i) => i.label),
      ['Contoso-bulk', 'contoso-dev2', 'contoso-dev10', 'contoso-prod'],
    );
  });

  it('offers a vault known twice once: found through two subscriptions, or both discovered and added', () => {
    const items = vaultPickItems([
      added('contoso-dev'),
      discovered('contoso-dev', 'sub-1'),
      discovered('contoso-dev', 'sub-2'),
      discovered('contoso-prod'),
    ]);
    assert.deepEqual(
      items.map((i) => [i.label, i.data.source, i.data.subscriptionId]),
      [
        ['contoso-dev', 'discovered', 'sub-1'],
        ['contoso-prod', 'discovered', 'sub-1'],
      ],
    );
  });
});
