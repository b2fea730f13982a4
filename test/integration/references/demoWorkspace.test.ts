// The demo workspace (scripts/demo-workspace, copied into `npm run demo`'s folder) against the demo vaults on the
// local Key Vault server, as discovery finds them: every reference in every file resolves to the state it was
// written to show, and together they show each state a newcomer should see (issue 12: healthy, disabled, expired,
// deleted, missing). A change of the demo seed or of a file that breaks the story fails here.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ReferenceResolver } from '../../../src/references/ReferenceResolver';
import { parseReferences } from '../../../src/shared/references/parseReferences';
import type { VaultRef } from '../../../src/vault/model';
import { demoSeed } from '../../emulator/seed';
import type { Emulator } from '../../emulator/server';
import { clientFor, start, vaultRef } from '../vault/helpers';

const WORKSPACE = join(__dirname, '..', '..', '..', 'scripts', 'demo-workspace');

/** What each reference of the demo workspace shows: file → secret → state. */
const EXPECTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '.azure/dev/.env': {
    'orders-api-key': 'enabled',
    'payments-webhook-token': 'enabled',
    'legacy-conn': 'deleted',
    'stripe-secret': 'notFound',
  },
  'appsettings.Development.json': {
    'catalog-connection-string': 'enabled',
    'search-connection-string': 'enabled',
    'identity-client-secret': 'enabled',
    'not-yet-valid': 'notYetValid',
    'expiring-soon': 'expiring',
    // A partner's vault: not one of the user's, so only checked when the user asks.
    'flags-key': 'vaultUnknown',
  },
  'infra/main.parameters.json': {
    'prod-db-password': 'enabled',
    'prod-old-secret': 'deleted',
  },
  // The demo's launch configuration (.vscode/launch.json) resolves these: every one must be readable.
  'run-demo/secrets.env': {
    'orders-db-password': 'enabled',
    'billing-api-key': 'enabled',
  },
  'local.settings.json': {
    'orders-db-password': 'enabled',
    'billing-api-key': 'enabled',
    'api-key': 'expiring',
    'db-password': 'disabled',
    'expired-token': 'expired',
    'old-api-key': 'deleted',
    'webhook-signing-key': 'notFound',
    'prod-db-password': 'enabled',
    hidden: 'forbidden',
  },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('The demo workspace against the demo vaults (local Key Vault server)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let known: VaultRef[];

  before(async () => {
    const seed = demoSeed();
    emu = await start(seed);
    // As discovery lists them: by subscription, with the vault's name.
    known = seed.vaults.map((v) => ({
      ...vaultRef(emu, v.name),
      source: 'discovered',
      subscriptionId: v.subscriptionId,
    }));
  });
  after(async () => emu.stop());

  it('each reference shows the state it was written for, and the files show every state issue 12 names', async () => {
    const clients = new Map<string, ReturnType<typeof clientFor>>();
    const resolver = new ReferenceResolver({
      clientFor: (v) => {
        const c = clients.get(v.name) ?? clientFor(emu, v.name);
        clients.set(v.name, c);
        return c;
      },
      knownVaults: () => Promise.resolve(known),
      expiryWarningDays: () => 30,
    });
    const actual: Record<string, Record<string, string>> = {};
    // The configuration files (the README explains the syntaxes with placeholders).
    for (const file of filesUnder(WORKSPACE)
      .filter((f) => !f.endsWith('.md'))
      .sort()) {
      const { references, problems } = parseReferences(readFileSync(file, 'utf8'));
      assert.deepEqual(problems, [], `no half-written reference in ${file}`);
      if (references.length === 0) continue;
      const states = await resolver.resolveAll(references);
      actual[relative(WORKSPACE, file)] = Object.fromEntries(
        references.map((r, i) => [r.name, states[i]?.status ?? '?']),
      );
    }
    assert.deepEqual(actual, EXPECTED);
    const shown = new Set(Object.values(actual).flatMap((m) => Object.values(m)));
    for (const state of ['enabled', 'disabled', 'expired', 'deleted', 'notFound'])
      assert.ok(shown.has(state), `the demo shows a ${state} reference`);
    assert.equal(emu.counts().GetSecret, undefined, 'checking the demo reads no value');
  });
});
