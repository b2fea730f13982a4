// Create Key, Rotate Key Now and the key rotation and certificate policies at the vault layer, the requests each
// command sends (the commands themselves add only prompts): create one request, rotate one, show a policy one read,
// edit a policy one read (to start from and prefill what it holds) and one write.

import { performance } from 'node:perf_hooks';
import type { EmulatorState, VaultSeed } from '../../test/emulator/server';
import type { CertsKeysVaultSeed } from '../../test/emulator/certsKeysSeed';
import { rotationPolicyOf } from '../../src/shared/keyRules';
import { CertificatesVaultClient } from '../../src/vault/CertificatesVaultClient';
import { vaultConnection } from '../../src/vault/credentials';
import { KeysVaultClient } from '../../src/vault/KeysVaultClient';
import type { VaultRef } from '../../src/vault/model';
import type { Action } from './actions';
import { forgetObjectFacts, objectFacts } from '../../src/tree/objectHover';
import type { ObjectRowItem } from '../../src/tree/objectRows';
import { useVaultDirectory, VaultDirectory } from '../../src/vault/VaultDirectory';
import { addedVaultsService, clientCache } from './vaultActions';

const VAULT = 'bench-keypolicy';

/** A vault with one key and one certificate whose policies are read and written. */
export function keyPolicyVaults(): VaultSeed[] {
  const vault: VaultSeed & CertsKeysVaultSeed = {
    name: VAULT,
    certificates: [{ name: 'policy-cert', kty: 'EC', contentType: 'application/x-pem-file' }],
    keys: [{ name: 'policy-key', kty: 'EC' }],
  };
  return [vault];
}

export function keyPolicyActions(emu: EmulatorState): Action<unknown>[] {
  const url = emu.vaults[VAULT]?.url;
  if (url === undefined) throw new Error(`no vault ${VAULT}`);
  const vault: VaultRef = { key: url, name: VAULT, url, source: 'added', emulator: true, caFile: emu.caFile };
  const connection = {
    ...vaultConnection(vault, () => {
      throw new Error(`${VAULT} is not a local emulator vault`);
    }),
    caPem: () => Promise.resolve(emu.caPem),
    authentication: 'emulator' as const,
  };
  const keys = new KeysVaultClient(vault, connection);
  const certificates = new CertificatesVaultClient(vault, connection);
  let created = 0;
  const directory = new VaultDirectory({
    ...addedVaultsService(emu, [VAULT], clientCache(emu)),
    certificatesFor: () => certificates,
    keysFor: () => keys,
  });
  const timed = async (work: () => Promise<unknown>): Promise<{ wallMs: number }> => {
    const t0 = performance.now();
    await work();
    return { wallMs: performance.now() - t0 };
  };
  const none = (): Promise<undefined> => Promise.resolve(undefined);
  return [
    {
      id: 'hoverObjectRows',
      label: 'hover a certificate row and a key row, each twice (their tooltips read the version once)',
      scope: VAULT,
      minimum: { GetCertificate: 1, GetKey: 1 },
      note: 'one GET per hovered row at most; the answer is kept per version (the rows come from their lists)',
      prepare: async () => {
        forgetObjectFacts();
        useVaultDirectory(directory);
        const [cert] = (await certificates.list()).items;
        const [key] = (await keys.list()).items;
        if (cert === undefined || key === undefined) throw new Error('no certificate or key to hover');
        return [cert, key] as const;
      },
      act: (rows) =>
        timed(async () => {
          const signal = new AbortController().signal;
          for (let i = 0; i < 2; i++) {
            for (const row of rows as readonly ObjectRowItem[]) {
              if ((await objectFacts(vault, row, signal)) === undefined) throw new Error(`no facts of ${row.name}`);
            }
          }
          useVaultDirectory(undefined);
        }),
    },
    {
      id: 'createKey',
      label: 'Create Key… (EC P-256, sign and verify)',
      scope: VAULT,
      minimum: { GetKey: 1, CreateKey: 1 },
      note: 'the check that the name is new (one read, not found), one create; the Keys group, when shown, lists again (one GetKeys)',
      prepare: none,
      act: () =>
        timed(async () => {
          const name = `new-key-${created++}`;
          // As the command does: a name that exists would be asked about first.
          if (
            await keys.get(name).then(
              () => true,
              () => false,
            )
          )
            throw new Error(`${name} exists`);
          return keys.create(name, { keyType: 'EC', curve: 'P-256', keyOps: ['sign', 'verify'] });
        }),
    },
    {
      id: 'rotateKey',
      label: 'Rotate Key Now',
      scope: VAULT,
      minimum: { RotateKey: 1 },
      prepare: none,
      act: () => timed(() => keys.rotate('policy-key')),
    },
    {
      id: 'showKeyRotationPolicy',
      label: 'Show Key Rotation Policy',
      scope: VAULT,
      minimum: { GetKeyRotationPolicy: 1 },
      prepare: none,
      act: () => timed(() => keys.getRotationPolicy('policy-key')),
    },
    {
      id: 'editKeyRotationPolicy',
      label: 'Edit Key Rotation Policy… (rotate after P60D, expire after P1Y)',
      scope: VAULT,
      minimum: { GetKeyRotationPolicy: 1, UpdateKeyRotationPolicy: 1 },
      note: 'the read prefills the questions; the write is the whole policy',
      prepare: none,
      act: () =>
        timed(async () => {
          const current = await keys.getRotationPolicy('policy-key');
          const rule = { rotate: { after: 'create' as const, duration: 'P60D' }, expiresAfter: 'P1Y' };
          await keys.setRotationPolicy('policy-key', rotationPolicyOf(rule, current.lifetimeActions));
        }),
    },
    {
      id: 'showCertificatePolicy',
      label: 'Show Certificate Policy',
      scope: VAULT,
      minimum: { GetCertificatePolicy: 1 },
      prepare: none,
      act: () => timed(() => certificates.getPolicy('policy-cert')),
    },
    {
      id: 'editCertificatePolicy',
      label: 'Edit Certificate Lifetime Action… (email 30 days before expiry)',
      scope: VAULT,
      minimum: { GetCertificatePolicy: 1, UpdateCertificatePolicy: 1 },
      note: 'the read prefills the questions; the PATCH repeats what was read',
      prepare: none,
      act: () =>
        timed(async () => {
          const current = await certificates.getPolicy('policy-cert');
          await certificates.updateLifetimeActions(
            'policy-cert',
            [{ action: 'EmailContacts', daysBeforeExpiry: 30 }],
            {},
            current,
          );
        }),
    },
  ];
}
