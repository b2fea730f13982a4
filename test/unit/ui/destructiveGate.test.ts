// The destructive-action gate is the one way to lose something in a vault: every call of a purge, a delete, a Set
// (a new version over an existing secret), a restore or the bulk runner in src/ sits in a flow that asks the gate,
// or in a flow listed here with why (its callers ask; it loses nothing). The scanner is shown to catch a bypass
// in a fixture of its own.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES } from './gateRules';
import { scanGate, type GateRules, type SourceFile } from './gateScan';

const REPO = join(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

// src/vault is the client that implements these methods; the test API only forwards prompts.
const SRC: SourceFile[] = sourceFiles(join(REPO, 'src'))
  .map((p) => relative(REPO, p).replace(/\\/g, '/'))
  .filter((p) => !p.startsWith('src/vault/'))
  .map((path) => ({ path, text: readFileSync(join(REPO, path), 'utf8') }));

describe('destructive-action gate: no flow loses something without asking', function () {
  // Each scan parses every file of src/ with TypeScript: seconds on a busy machine.
  this.timeout(60_000);
  const result = scanGate(SRC, RULES);

  it('every purge, delete, Set, restore and bulk run in src/ is behind the gate or listed with why', () => {
    assert.deepEqual(
      result.findings.map((f) => `${f.file}:${f.line} ${f.flow} calls ${f.callee} without the gate`),
      [],
    );
  });

  it('every listed exception is still needed and says why', () => {
    assert.deepEqual(result.unused, []);
    for (const why of [...Object.values(RULES.askedByCallers), ...Object.values(RULES.noLoss)])
      assert.ok(why.length > 20, why);
  });

  it('the scan sees the flows it must (a purge command, the bulk runner, the import apply, the form)', () => {
    const withoutGate = scanGate(SRC, { ...RULES, gates: [] });
    const flows = new Set(withoutGate.findings.map((f) => `${f.file}#${f.flow}`));
    for (const f of [
      'src/commands/purgeSecret.ts#purgeSecret',
      'src/commands/deleteSecret.ts#deleteSecret',
      'src/transfer/bulkActions.ts#bulkDelete',
      'src/transfer/bulkActions.ts#bulkSetEnabled',
      'src/transfer/copySecrets.ts#copySecretsToVault',
      'src/transfer/importPreviewPanel.ts#ImportPreviewPanel.apply',
      'src/transfer/rollBack.ts#makeVersionCurrent',
      'src/transfer/valueFile.ts#setValueFromFile',
      'src/webviews/secretFormRequests.ts#sendForm',
      'src/webviews/secretFormRequests.ts#deletedConflict',
    ])
      assert.ok(flows.has(f), `without the gate the scan would not flag ${f}: ${[...flows].join(', ')}`);
  });
});

describe('destructive-action gate scanner, on a fixture of its own', () => {
  const fixture: SourceFile[] = [
    {
      path: 'fixture/actions.ts',
      text: `
        import { confirmLoss } from './gate';
        export async function asked(client) { await confirmLoss({}); await client.purgeDeleted('a'); }
        export async function bypass(client) { await client.purgeDeleted('b'); }
        async function ask() { await confirmLoss({}); }
        export async function askedThroughHelper(client) { await ask(); await client.deleteSecret('c'); }
        function runPlan(client) { return client.setSecret('d', { value: 'v' }); }
        export async function gatedCaller(client) { await confirmLoss({}); await runPlan(client); }
        export async function ungatedCaller(client) { await runPlan(client); }
        export class Panel {
          async onMessage(m, client) { if (m.choice === 'purge') await client.purgeDeleted(m.name); }
        }
        export const bulk = async (rows) => runEach(rows, async (r) => r.client.deleteSecret(r.name));
      `,
    },
  ];
  const rules: GateRules = {
    destructive: ['purgeDeleted', 'deleteSecret', 'setSecret', 'runEach'],
    gates: ['confirmLoss'],
    askedByCallers: { 'fixture/actions.ts#runPlan': 'its callers ask' },
    noLoss: {},
  };

  it('flags each bypass: a direct purge, a caller of an unasked helper, a webview message handler, a bulk run', () => {
    const { findings, unused } = scanGate(fixture, rules);
    assert.deepEqual(findings.map((f) => `${f.flow}:${f.callee}`).sort(), [
      'Panel.onMessage:purgeDeleted',
      'bulk:deleteSecret',
      'bulk:runEach',
      'bypass:purgeDeleted',
      'ungatedCaller:runPlan',
    ]);
    assert.deepEqual(unused, []);
  });

  it('an exception that is not needed any more is reported stale', () => {
    const { unused } = scanGate(fixture, { ...rules, noLoss: { 'fixture/actions.ts#gone': 'no longer exists' } });
    assert.deepEqual(unused, ['fixture/actions.ts#gone']);
  });
});
