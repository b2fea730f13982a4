// What the tree's extension-host tests share (test/vscode/tree.test.ts, test/vscode/treeErrors.test.ts): the seeded
// values, the tree and scripted UI of the test API, the local server's control client, and readers of tree rows.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import * as vscode from 'vscode';
import type { KeyVaultTree } from '../../src/tree/KeyVaultTree';
import type { TestApi } from '../../src/testApi';
import type { SecretNode, TreeNode, VaultNode } from '../../src/tree/nodes';
import { EmulatorControlClient } from '../emulator/controlClient';
import { emulatorControlUrl, getTestApi } from './helpers';

export const SEEDED_VALUES = [
  'api-key-v1',
  'api-key-v2',
  'api-key-v3',
  'Server=x',
  'hunter2',
  'stale',
  'MIIC-not-a-real-cert',
  'soon',
];

export let tree: KeyVaultTree;
export let ui: TestApi['operations']['ui'];
export let control: EmulatorControlClient;

export function item(node: TreeNode): vscode.TreeItem {
  return tree.getTreeItem(node);
}
export function label(node: TreeNode): string {
  const l = item(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}
export function description(node: TreeNode): string {
  const d = item(node).description;
  return typeof d === 'string' ? d : '';
}
export function contextValue(node: TreeNode): string {
  return item(node).contextValue ?? '';
}
/** The tooltip as the hover reads (Markdown's backslash escapes removed). */
export function tooltip(node: TreeNode): string {
  const t = item(node).tooltip;
  return t instanceof vscode.MarkdownString ? t.value.replace(/\\([!-/:-@[-`{-~])/g, '$1') : (t ?? '');
}
export function iconOf(node: TreeNode): vscode.ThemeIcon {
  const icon = item(node).iconPath;
  assert.ok(icon instanceof vscode.ThemeIcon, `no ThemeIcon on ${node.id}`);
  return icon;
}

export async function vault(name: string): Promise<VaultNode> {
  const root = await tree.getChildren();
  const group = root.find((n) => n.kind === 'vaultGroup');
  assert.ok(group, `no "Added vaults" group at the root: ${root.map((n) => n.id).join(', ')}`);
  const vaults = await tree.getChildren(group);
  const v = vaults.find((n): n is VaultNode => n.kind === 'vault' && n.vault.name === name);
  assert.ok(v, `no vault ${name} among ${vaults.map((n) => n.id).join(', ')}`);
  return v;
}

export const secretsOf = (children: readonly TreeNode[]): SecretNode[] =>
  children.filter((n): n is SecretNode => n.kind === 'secret');
export const names = (children: readonly TreeNode[]): string[] => secretsOf(children).map((s) => s.secret.name);

export async function secret(v: VaultNode, name: string): Promise<SecretNode> {
  const s = secretsOf(await tree.getChildren(v)).find((n) => n.secret.name === name);
  assert.ok(s, `no secret ${name} in ${v.vault.name}`);
  return s;
}

export async function counts(vaultName: string): Promise<Record<string, number>> {
  return control.counts(vaultName);
}

interface AddedVaultSetting {
  readonly url: string;
  readonly name?: string;
  readonly caFile?: string;
}

export function addedSetting(): AddedVaultSetting[] {
  return vscode.workspace.getConfiguration('keyVaultSecrets').get<AddedVaultSetting[]>('vaults') ?? [];
}

/** Runs `body` with these vaults added to the user's keyVaultSecrets.vaults, then puts the setting back as it was. */
export async function withAddedVaults(extra: readonly AddedVaultSetting[], body: () => Promise<void>): Promise<void> {
  const saved = addedSetting();
  const set = (vaults: readonly AddedVaultSetting[]): Thenable<void> =>
    vscode.workspace.getConfiguration('keyVaultSecrets').update('vaults', vaults, vscode.ConfigurationTarget.Global);
  try {
    if (extra.length > 0) await set([...saved, ...extra]);
    await body();
    // Whatever the body removed, nothing else was touched.
    assert.deepEqual(
      addedSetting()
        .filter((v) => !extra.some((e) => e.url === v.url))
        .map((v) => v.name),
      saved.map((v) => v.name),
      'other vaults were touched',
    );
  } finally {
    await set(saved);
  }
}

/** One request straight to a seeded vault's data plane (as another client would change the vault). */
export function dataPlane(vaultName: string, method: string, path: string, body?: unknown): Promise<number> {
  const v = addedSetting().find((s) => s.name === vaultName);
  assert.ok(v?.caFile, `vault ${vaultName} is not in the settings`);
  const url = new URL(`${v.url}${path}?api-version=7.5`);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        ca: readFileSync(v.caFile as string, 'utf8'),
        headers: {
          Authorization: 'Bearer test',
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The hooks of every tree suite: the test API once, every prompt scripted and used, a fresh tree and counts. */
export function useTreeSuite(): void {
  before(async () => {
    const api = await getTestApi();
    assert.ok(api.tree, 'the test API has no tree');
    tree = api.tree;
    ui = api.operations.ui;
    control = new EmulatorControlClient(emulatorControlUrl());
  });

  // Every prompt a test causes is scripted and every scripted answer used.
  afterEach(() => ui.verify());

  beforeEach(async () => {
    await tree.clearFilter();
    tree.refreshAll();
    await control.resetCounts();
  });
}
