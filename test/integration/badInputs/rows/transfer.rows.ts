// Copy and Import: hostile or awkward plan inputs, run through the real plan and write code (planImport and
// applyImport, copyOne, parseImportMessage). Vault state lives in two vaults of this file's own (added once to the
// catalogue's server), so every row checks what it sent there itself; the catalogue vault sees no request.
import { parseImportMessage } from '../../../../src/shared/webviewMessages/importPreviewProtocol';
import { planImport, refusals, type PlanEntry, type ResultRow } from '../../../../src/shared/transfer/importPlan';
import { variableToSecret } from '../../../../src/shared/transfer/nameMapping';
import { SECRET_LIMITS } from '../../../../src/shared/validation';
import { copyOne } from '../../../../src/transfer/copyOne';
import { applyImport } from '../../../../src/transfer/importApply';
import { listVaultState, readCurrentValues } from '../../../../src/transfer/importVaultState';
import type { SecretsVaultClient } from '../../../../src/vault/SecretsVaultClient';
import type { Emulator } from '../../../emulator/server';
import type { VersionSeed } from '../../../emulator/seed';
import { clientFor, vaultRef } from '../../vault/helpers';
import { accepted, neutralised, refused, type Row } from '../catalogue';

const SRC = 'xfer-rows-src';
const DST = 'xfer-rows-dst';
const LONG_TYPE = `application/${'x'.repeat(SECRET_LIMITS.contentTypeMaxLength - 'application/'.length)}`;
const FULL_TAGS = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`tag-${i}`, 'v'.repeat(256)]));
/** Version ids that sort against creation order: an order by id alone makes the oldest version current. */
const SAME_SECOND_IDS = ['dddd', 'cccc', 'bbbb', '1111'].map((p) => p.repeat(8));

const ready = new WeakMap<Emulator, Promise<void>>();

/** This file's source and target vaults, added once per server. */
function vaults(emu: Emulator): Promise<void> {
  let p = ready.get(emu);
  if (p === undefined) {
    p = (async () => {
      await emu.addVault({
        name: SRC,
        secrets: [
          {
            name: 'same-second',
            versions: ['first', 'second', 'third', 'current'].map((value, i): VersionSeed => ({
              value,
              created: '-1d',
              version: SAME_SECOND_IDS[i],
            })),
          },
          {
            name: 'many-versions',
            versions: Array.from({ length: 60 }, (_, i): VersionSeed => ({ value: `v${i}`, created: `-${60 - i}m` })),
          },
          { name: 'at-limits', versions: [{ value: 'x', contentType: LONG_TYPE, tags: FULL_TAGS, exp: '+3650d' }] },
          { name: 'disabled-current', versions: [{ value: 'old' }, { value: 'new', enabled: false }] },
        ],
      });
      await emu.addVault({
        name: DST,
        secrets: [
          { name: 'ok-name', versions: [{ value: 'same' }] },
          { name: 'full', versions: [{ value: 'old', contentType: LONG_TYPE, tags: FULL_TAGS }] },
        ],
        deleted: [{ name: 'gone', deletedAt: '-1d', versions: [{ value: 'was' }] }],
      });
    })();
    ready.set(emu, p);
  }
  return p;
}

const sent = (emu: Emulator, vault: string, op: string): number => emu.counts(vault)[op] ?? 0;

async function copyAll(emu: Emulator, name: string): Promise<{ text: string; to: SecretsVaultClient }> {
  await vaults(emu);
  const to = clientFor(emu, DST);
  const outcome = await copyOne(
    {
      target: vaultRef(emu, DST),
      from: clientFor(emu, SRC),
      to,
      mode: 'all',
      chooseDeleted: () => Promise.resolve('skip'),
      isCancellation: () => false,
    },
    name,
    false,
  );
  return { text: JSON.stringify(outcome), to };
}

/** Plans and applies `entries` against the target vault, as the import preview does. */
async function runImport(emu: Emulator, entries: PlanEntry[]): Promise<ResultRow[]> {
  await vaults(emu);
  const client = clientFor(emu, DST);
  const state = await listVaultState(client);
  await readCurrentValues(
    client,
    state,
    entries.map((e) => e.target),
  );
  return applyImport(client, planImport(entries, state), entries, state.kept);
}

const entry = (key: string, value = 'v', target = variableToSecret(key)): PlanEntry => ({ key, target, value });

export const rows: readonly Row[] = [
  {
    surface: 'import plan',
    input: 'DB_PASSWORD and db.password: two variables that map to one secret name',
    expect: 'refused',
    says: /Another entry maps to the secret name "db-password"/,
    run: () => {
      const why = refusals([entry('DB_PASSWORD'), entry('db.password')]);
      return why.every((w) => w !== undefined) ? refused(why.join(' | ')) : accepted(String(why));
    },
  },
  {
    surface: 'import plan',
    input: 'targets renamed to Api-Key and API-KEY: names differing only in case',
    expect: 'refused',
    says: /not case-sensitive/,
    run: () => {
      const why = refusals([entry('A', 'v', 'Api-Key'), entry('B', 'v', 'API-KEY')]);
      return why.every((w) => w !== undefined) ? refused(why.join(' | ')) : accepted(String(why));
    },
  },
  {
    surface: 'import plan',
    input: "OK-NAME with the value the vault's ok-name has: same secret, other case",
    expect: 'accepted',
    says: /^unchanged, 0 sets$/,
    run: async ({ emu }) => {
      const [r] = await runImport(emu, [entry('X', 'same', 'OK-NAME')]);
      return accepted(`${r.result}, ${sent(emu, DST, 'SetSecret')} sets`);
    },
  },
  {
    surface: 'import plan',
    input: 'a value of 12 801 × "é": under the limit in characters, over it in UTF-8 bytes',
    expect: 'refused',
    says: /25600/,
    run: () => {
      const [why] = refusals([entry('BIG', 'é'.repeat(12_801))]);
      return why !== undefined ? refused(why) : accepted('not refused');
    },
  },
  {
    surface: 'import plan',
    input: 'a variable of 128 letters: one over the secret name length',
    expect: 'refused',
    says: /at most 127 characters \(this one has 128\)/,
    run: () => {
      const [why] = refusals([entry('A'.repeat(128))]);
      return why !== undefined ? refused(why) : accepted('not refused');
    },
  },
  {
    surface: 'import plan',
    input: '___ (a variable that maps to an empty secret name)',
    expect: 'refused',
    says: /^Enter a secret name\.$/,
    run: () => {
      const [why] = refusals([entry('___')]);
      return why !== undefined ? refused(why) : accepted('not refused');
    },
  },
  {
    surface: 'import apply',
    input: 'a new version of a secret with a 255-character content type and 15 tags of 256 characters',
    expect: 'accepted',
    says: /^newVersion, kept$/,
    run: async ({ emu }) => {
      const [r] = await runImport(emu, [entry('FULL', 'new')]);
      const now = await clientFor(emu, DST).getValue('full');
      const kept =
        now.properties.contentType === LONG_TYPE && JSON.stringify(now.properties.tags) === JSON.stringify(FULL_TAGS);
      return accepted(`${r.result}, ${kept && now.value === 'new' ? 'kept' : 'lost'}`);
    },
  },
  {
    surface: 'import apply',
    input: 'GONE: a name deleted (recoverable) in the vault, no choice made',
    expect: 'neutralised',
    says: /^skipped, 0 sets, still deleted$/,
    run: async ({ emu }) => {
      const [r] = await runImport(emu, [entry('GONE')]);
      const deleted = await clientFor(emu, DST)
        .getDeleted('gone')
        .then(
          () => 'still deleted',
          () => 'not deleted',
        );
      return neutralised(`${r.result}, ${sent(emu, DST, 'SetSecret')} sets, ${deleted}`);
    },
  },
  {
    surface: 'copy all versions',
    input: 'four versions created in one second, ids sorting the current one first',
    expect: 'accepted',
    says: /^current is "current"/,
    run: async ({ emu }) => {
      const { text, to } = await copyAll(emu, 'same-second');
      return accepted(`current is "${(await to.getValue('same-second')).value}": ${text}`);
    },
  },
  {
    surface: 'copy all versions',
    input: '60 versions (three pages of the versions list)',
    expect: 'accepted',
    says: /^60 sets, current is "v59"/,
    run: async ({ emu }) => {
      const { text, to } = await copyAll(emu, 'many-versions');
      return accepted(
        `${sent(emu, DST, 'SetSecret')} sets, current is "${(await to.getValue('many-versions')).value}": ${text}`,
      );
    },
  },
  {
    surface: 'copy all versions',
    input: 'content type, tags and expiry at their limits (255 characters, 15 tags of 256, ten years)',
    expect: 'accepted',
    says: /^kept: true/,
    run: async ({ emu }) => {
      const { text, to } = await copyAll(emu, 'at-limits');
      const p = (await to.getValue('at-limits')).properties;
      const kept =
        p.contentType === LONG_TYPE &&
        JSON.stringify(p.tags) === JSON.stringify(FULL_TAGS) &&
        p.expiresOn !== undefined &&
        p.expiresOn.getTime() > Date.now() + 3600 * 86_400_000;
      return accepted(`kept: ${kept}: ${text}`);
    },
  },
  {
    surface: 'copy all versions',
    input: 'the current version disabled (Key Vault refuses to read it)',
    expect: 'neutralised',
    says: /"kind":"copied","versions":1,"unreadable":1/,
    run: async ({ emu }) => neutralised((await copyAll(emu, 'disabled-current')).text),
  },
  {
    surface: 'import preview message',
    input: 'rename with a 257-character target',
    expect: 'refused',
    says: /short string/,
    run: () => {
      const p = parseImportMessage({ type: 'rename', index: 0, target: 'a'.repeat(257) });
      return p.ok ? accepted('parsed') : refused(p.reason);
    },
  },
  {
    surface: 'import preview message',
    input: 'choose with index 1.5, -1 or 1e9 (not an entry number)',
    expect: 'refused',
    says: /^(index must be an entry number \| ){2}index must be an entry number$/,
    run: () => {
      const reasons = [1.5, -1, 1e9].map((index) => parseImportMessage({ type: 'choose', index, choice: 'skip' }));
      return reasons.every((p) => !p.ok)
        ? refused(reasons.map((p) => (p.ok ? '' : p.reason)).join(' | '))
        : accepted('parsed');
    },
  },
  {
    surface: 'import preview message',
    input: 'apply with a __proto__ key (prototype pollution)',
    expect: 'refused',
    says: /__proto__/,
    run: () => {
      const p = parseImportMessage(JSON.parse('{"type":"apply","__proto__":{"polluted":true}}'));
      return p.ok ? accepted('parsed') : refused(p.reason);
    },
  },
];
