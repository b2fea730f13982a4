// Creating and importing a certificate, through the vault layer's certificates client and the steps the form and
// Import Certificate… run (src/vault/certificateCreation.ts, src/transfer/certificateFiles.ts). The fewest requests:
// a create is its POST and two reads of the pending operation (the first still in progress, as the service answers
// it); the SDK's operation poller also reads the certificate before the pending operation and again once it is
// done, two requests over (the SDK has no call that reads the pending operation alone). An import is one POST; a
// conversion (PFX to PEM) none.

import { performance } from 'node:perf_hooks';
import type { EmulatorState, VaultSeed } from '../../test/emulator/server';
import { certificateFiles } from '../../test/fixtures/certificateFiles';
import { CertificatesVaultClient } from '../../src/vault/CertificatesVaultClient';
import { createAndFollow } from '../../src/vault/certificateCreation';
import { vaultConnection } from '../../src/vault/credentials';
import type { VaultRef } from '../../src/vault/model';
import { certificateFileKind, importBytes } from '../../src/transfer/certificateFiles';
import { pfxToPem } from '../../src/transfer/certificateConvert';
import type { Action } from './actions';

const CERTS_VAULT = 'bench-certs';

export function certificateVaults(): VaultSeed[] {
  return [{ name: CERTS_VAULT }];
}

export function certificateActions(emu: EmulatorState): Action<unknown>[] {
  const url = emu.vaults[CERTS_VAULT]?.url;
  if (url === undefined) throw new Error(`no vault ${CERTS_VAULT}`);
  const vault: VaultRef = { key: url, name: CERTS_VAULT, url, source: 'added', emulator: true, caFile: emu.caFile };
  const client = new CertificatesVaultClient(vault, {
    ...vaultConnection(vault, () => {
      throw new Error(`${vault.name} is not a local emulator vault`);
    }),
    caPem: () => Promise.resolve(emu.caPem),
    authentication: 'emulator' as const,
  });
  const create: Action<string> = {
    id: 'certificateCreateSelfSigned',
    label: 'certificate: Create Self-Signed Certificate… and wait until it is issued (EC P-256, PEM)',
    scope: CERTS_VAULT,
    minimum: { CreateCertificate: 1, GetCertificateOperation: 2, GetCertificate: 1 },
    note: "the POST and the operation it started, then the pending operation until completed; the SDK's operation poller reads the finished certificate once (its result)",
    prepare: (run) => Promise.resolve(`bench-new-${run}-${Date.now()}`),
    async act(name) {
      const t0 = performance.now();
      const end = await createAndFollow(
        client,
        name,
        { subject: `CN=${name}.example`, keyType: 'EC', keyCurve: 'P-256', contentType: 'application/x-pem-file' },
        { signal: new AbortController().signal, pollMs: 0 },
      );
      const wallMs = performance.now() - t0;
      if (end.status !== 'completed') throw new Error(`unexpected outcome: ${end.status}`);
      return { wallMs };
    },
  };
  const pfx = certificateFiles('bench-import.example', 'bench-Pa55');
  const importPfx: Action<Uint8Array> = {
    id: 'certificateImportPfx',
    label: 'certificate: Import Certificate… (a password-protected PFX)',
    scope: CERTS_VAULT,
    minimum: { ImportCertificate: 1 },
    prepare: () => Promise.resolve(importBytes(pfx.pfx, certificateFileKind(pfx.pfx))),
    async act(content) {
      const t0 = performance.now();
      const imported = await client.importCertificate('bench-import', {
        content,
        password: 'bench-Pa55',
        contentType: 'application/x-pkcs12',
      });
      const wallMs = performance.now() - t0;
      if (imported.cer === undefined) throw new Error('unexpected outcome: no certificate');
      return { wallMs };
    },
  };
  const convert: Action<Uint8Array> = {
    id: 'certificateConvertPfxToPem',
    label: 'certificate: Convert Certificate File… (a password-protected PFX to PEM, on this machine)',
    scope: CERTS_VAULT,
    minimum: {},
    note: 'no request: node-forge (loaded on first use) reads the PFX, Node re-reads the key and certificate',
    prepare: () => Promise.resolve(pfx.pfx),
    async act(bytes) {
      const t0 = performance.now();
      const pem = await pfxToPem(bytes, 'bench-Pa55');
      const wallMs = performance.now() - t0;
      if (!pem.includes('CERTIFICATE')) throw new Error('unexpected outcome: no certificate in the PEM');
      return { wallMs };
    },
  };
  return [create, importPfx, convert];
}
