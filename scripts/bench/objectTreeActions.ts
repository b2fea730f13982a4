// Opening a vault with its certificates and keys, through the tree model over the real vault layer: the vault
// row, then its "Certificates" and "Keys" groups expanded. The fewest requests: one list per expanded group (the
// secrets' first page, the certificates', the keys'), none for the collapsed deleted groups.

import { performance } from 'node:perf_hooks';
import type { EmulatorState, VaultSeed } from '../../test/emulator/server';
import type { CertsKeysVaultSeed } from '../../test/emulator/certsKeysSeed';
import { CertificatesVaultClient } from '../../src/vault/CertificatesVaultClient';
import { KeysVaultClient } from '../../src/vault/KeysVaultClient';
import { vaultConnection } from '../../src/vault/credentials';
import type { VaultRef, VaultService } from '../../src/vault/model';
import type { TreeNode } from '../../src/tree/nodes';
import { TreeModel, type TreeSurface } from '../../src/tree/TreeModel';
import type { Action } from './actions';
import { addedVaultsService, clientCache } from './vaultActions';

const OBJECTS_VAULT = 'bench-objects';
const COUNT = 30;

/** A vault of 30 certificates (EC in PEM, fast to issue) and 30 keys: more than one page of each. */
export function objectTreeVaults(): VaultSeed[] {
  const vault: VaultSeed & CertsKeysVaultSeed = {
    name: OBJECTS_VAULT,
    certificates: Array.from({ length: COUNT }, (_, i) => ({
      name: `cert-${String(i).padStart(2, '0')}`,
      kty: 'EC' as const,
      contentType: 'application/x-pem-file' as const,
    })),
    keys: Array.from({ length: COUNT }, (_, i) => ({ name: `key-${String(i).padStart(2, '0')}`, kty: 'EC' as const })),
  };
  return [vault];
}

const quietView: TreeSurface = {
  changed: () => undefined,
  inView: <T>(work: Promise<T>) => work,
  withProgress: async (_title, task) => task(() => undefined, new AbortController().signal),
  welcomeChanged: () => undefined,
  filterChanged: () => undefined,
};

export function objectTreeActions(emu: EmulatorState): Action<unknown>[] {
  const clients = clientCache(emu);
  const connection = (vault: VaultRef) => ({
    ...vaultConnection(vault, () => {
      throw new Error(`${vault.name} is not a local emulator vault`);
    }),
    caPem: () => Promise.resolve(emu.caPem),
    authentication: 'emulator' as const,
  });
  const certificates = new Map<string, CertificatesVaultClient>();
  const keys = new Map<string, KeysVaultClient>();
  const service: VaultService = {
    ...addedVaultsService(emu, [OBJECTS_VAULT], clients),
    certificatesFor: (v) =>
      certificates.get(v.key) ?? certificates.set(v.key, new CertificatesVaultClient(v, connection(v))).get(v.key)!,
    keysFor: (v) => keys.get(v.key) ?? keys.set(v.key, new KeysVaultClient(v, connection(v))).get(v.key)!,
  };
  const open: Action<TreeModel> = {
    id: 'treeOpenVaultObjects',
    label: 'tree: open a vault, then its Certificates and Keys groups (30 of each)',
    scope: OBJECTS_VAULT,
    minimum: { GetSecrets: 1, GetCertificates: 1, GetKeys: 1 },
    note: 'one list per expanded group (first page of 25 each), none for the collapsed deleted groups',
    prepare: () => {
      const model = new TreeModel({ service, host: quietView });
      model.attached = true;
      return Promise.resolve(model);
    },
    async act(model) {
      const t0 = performance.now();
      const group = (await model.children(undefined)).find((n) => n.kind === 'vaultGroup');
      const vault = group === undefined ? undefined : (await model.children(group)).find((n) => n.kind === 'vault');
      if (vault === undefined) throw new Error('no vault row');
      const rows = await model.children(vault);
      const groups = rows.filter((n): n is TreeNode & { kind: 'objectGroup' } => n.kind === 'objectGroup');
      if (groups.length !== 2) throw new Error(`${groups.length} certificate/key groups under the vault`);
      const shown = await Promise.all(groups.map((g) => model.children(g)));
      const wallMs = performance.now() - t0;
      const objects = shown.map((children) => children.filter((n) => n.kind === 'object').length);
      if (objects.some((n) => n !== 25)) throw new Error(`unexpected outcome: ${objects.join(', ')} rows, not 25 each`);
      return { wallMs, 'certificate rows': objects[0] ?? 0, 'key rows': objects[1] ?? 0 };
    },
  };
  return [open];
}
