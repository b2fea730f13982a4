// The pure rules of Run and debug with secrets (src/shared/run/runMapping.ts): which rows a launch configuration's
// keyVaultSecrets.envFile / keyVaultSecrets.env ask for, what is refused before any read, which names are asked
// about on their own, and the text an approval remembers.
import * as assert from 'node:assert/strict';
import {
  approvalLine,
  entriesOfFile,
  envFileEntries,
  inlineEntries,
  mappingFileKind,
  mappingText,
  optsIn,
  runPlan,
  type MappingSource,
} from '../../../src/shared/run/runMapping';
import { WORKSPACE_LIMITS } from '../../../src/shared/workspaceInput';

const URL = 'https://contoso.vault.azure.net';
const ref = (name: string): string => `@Microsoft.KeyVault(SecretUri=${URL}/secrets/${name})`;
const dotenv = (text: string): MappingSource => ({
  origin: '.env',
  entries: entriesOfFile('dotenv', '.env', text).entries,
  inline: false,
});
const inline = (value: unknown): MappingSource => ({
  origin: 'keyVaultSecrets.env',
  entries: inlineEntries(value).entries,
  inline: true,
});

describe('Run and debug with secrets: the mapping rules', () => {
  it('opts in only by its own keys', () => {
    assert.equal(optsIn({ type: 'node', env: { A: 'b' } }), false);
    assert.equal(optsIn({ type: 'node', 'keyVaultSecrets.envFile': '.env' }), true);
    assert.equal(optsIn({ type: 'node', 'keyVaultSecrets.env': {} }), true);
  });

  it('reads envFile as a path or a capped list of paths; anything else is a problem', () => {
    assert.deepEqual(envFileEntries('.env').files, ['.env']);
    assert.deepEqual(envFileEntries(['a.env', 'b.env']).files, ['a.env', 'b.env']);
    assert.ok(envFileEntries(42).problem);
    assert.ok(envFileEntries(['a.env', 3]).problem, 'a list with a non-text entry');
    assert.ok(envFileEntries(Array.from({ length: WORKSPACE_LIMITS.listEntries + 1 }, (_, i) => `${i}.env`)).problem);
    assert.ok(envFileEntries('x'.repeat(WORKSPACE_LIMITS.entryLength + 1)).problem);
  });

  it('tells an Azure Functions settings file by its name, and reads its Values', () => {
    assert.equal(mappingFileKind('/w/api/local.settings.json'), 'functions');
    assert.equal(mappingFileKind('C:\\w\\Local.Settings.JSON'), 'functions');
    assert.equal(mappingFileKind('/w/.env'), 'dotenv');
    const { entries } = entriesOfFile(
      'functions',
      'local.settings.json',
      JSON.stringify({ IsEncrypted: false, Values: { DB: ref('db'), FUNCTIONS_WORKER_RUNTIME: 'node', N: 3 } }),
    );
    assert.deepEqual(
      entries.map((e) => e.key),
      ['DB', 'FUNCTIONS_WORKER_RUNTIME'],
    );
    assert.match(entriesOfFile('functions', 'local.settings.json', '{').refused[0]?.reason ?? '', /not valid JSON/);
    assert.match(
      entriesOfFile('functions', 'local.settings.json', '{"Values":[1]}').refused[0]?.reason ?? '',
      /no "Values"/,
    );
  });

  it('resolves whole references only: literal file lines are left alone, inline literals are refused', () => {
    const plan = runPlan([
      dotenv(`DB=${ref('db')}\nPLAIN=hello\nTWO=${ref('a')} ${ref('b')}\n`),
      inline({ API: ref('api'), LITERAL: 'not-a-reference', NUM: 5 }),
    ]);
    assert.deepEqual(
      plan.variables.map((v) => v.key),
      ['DB', 'API'],
    );
    assert.equal(plan.literal, 2);
    assert.deepEqual(
      plan.refused.map((r) => r.key),
      ['LITERAL', 'NUM'],
    );
  });

  it('a later row replaces an earlier one for the same variable (inline after files)', () => {
    const plan = runPlan([dotenv(`DB=${ref('from-file')}\n`), inline({ DB: ref('from-launch') })]);
    assert.equal(plan.variables.length, 1);
    assert.equal(plan.variables[0]?.ref.name, 'from-launch');
    assert.equal(plan.variables[0]?.origin, 'keyVaultSecrets.env');
  });

  it('sets names that change how programs run apart (any case, families), never among the ordinary rows', () => {
    const plan = runPlan([
      inline({
        NODE_OPTIONS: ref('a'),
        ld_preload: ref('b'),
        PYTHONSTARTUP: ref('c'),
        COMPLUS_PROFILER: ref('d'),
        https_proxy: ref('e'),
        OK_NAME: ref('f'),
      }),
    ]);
    assert.deepEqual(
      plan.variables.map((v) => v.key),
      ['OK_NAME'],
    );
    assert.deepEqual(plan.loaders.map((v) => v.key).sort(), [
      'COMPLUS_PROFILER',
      'NODE_OPTIONS',
      'PYTHONSTARTUP',
      'https_proxy',
      'ld_preload',
    ]);
  });

  it('refuses invalid names and what is over the cap', () => {
    const many = Object.fromEntries(
      Array.from({ length: WORKSPACE_LIMITS.runVariables + 3 }, (_, i) => [`V${i}`, ref(`s${i}`)]),
    );
    const plan = runPlan([inline({ ...many, 'BAD NAME': ref('x') })]);
    assert.equal(plan.variables.length, WORKSPACE_LIMITS.runVariables);
    assert.equal(plan.refused.length, 4);
    assert.ok(plan.refused.some((r) => /not a valid variable name/.test(r.reason)));
  });

  it('shows each row as VARIABLE ← secret (vault, version), and hashes the mapping in a fixed order, without case noise', () => {
    const row = { key: 'DB', vaultUrl: URL, vaultName: 'contoso', name: 'db' };
    assert.equal(approvalLine(row), 'DB ← db (contoso, latest version)');
    assert.equal(approvalLine({ ...row, version: 'abc' }), 'DB ← db (contoso, abc)');
    const other = { key: 'API', vaultUrl: URL, vaultName: 'contoso', name: 'api' };
    assert.equal(mappingText([row, other]), mappingText([other, { ...row, name: 'DB' }]));
    assert.notEqual(mappingText([row]), mappingText([{ ...row, version: 'abc' }]));
    assert.notEqual(mappingText([row]), mappingText([{ ...row, key: 'DB2' }]));
    assert.notEqual(mappingText([row]), mappingText([{ ...row, vaultUrl: 'https://other.vault.azure.net' }]));
  });
});
