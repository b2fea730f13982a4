// Child process of the benchmark (bundled to one CommonJS file, started with fork()): the production
// bundle activated with the stub `vscode` module, and a minimal view in front of its tree data provider,
// so a user's action on a tree row runs as it does in VS Code: the registered command with the row's node
// as its argument, then the view re-rendering what the extension says changed (getChildren of the changed
// rows that are expanded, getTreeItem of the others).
// Input (environment): BENCH_BUNDLE, BENCH_TYPINGS, BENCH_SETTINGS, BENCH_VIEW_ID (as activationProbe.ts).
// Requests (IPC messages) and replies: see DriverRequest / DriverReply.

import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { apiNamesFromTypings, createVscodeStub } from './vscodeStub';
import { isNode, type BenchNode } from './treeNode';

export type DriverRequest =
  /** Expands the root, Added vaults, then the vault with this name (its first page). */
  | { readonly op: 'expand'; readonly vault: string }
  /**
   * Runs a command on the row of a secret of an expanded vault (or on the vault's own row when no secret is named),
   * then waits until the view is quiet.
   */
  | {
      readonly op: 'command';
      readonly command: string;
      readonly vault: string;
      readonly secret?: string;
      readonly quietMs: number;
    }
  /** Runs a command with text arguments (a link, as the URI handler hands it over), then waits until quiet. */
  | {
      readonly op: 'commandWithText';
      readonly command: string;
      readonly args: readonly string[];
      readonly quietMs: number;
    }
  /** The contextValue of an expanded vault's row as the view shows it now. */
  | { readonly op: 'vaultContext'; readonly vault: string }
  /** The secret rows of an expanded vault as the view shows them now (no re-render). */
  | { readonly op: 'rows'; readonly vault: string };

export interface SecretRow {
  readonly name: string;
  /** From the row's tree item (its contextValue, which the menus read): `;enabled;` or `;disabled;`. */
  readonly enabled?: boolean;
}

export type DriverReply =
  | {
      readonly ok: true;
      readonly rows?: readonly SecretRow[];
      readonly commandMs?: number;
      readonly renders?: number;
      readonly context?: string;
    }
  | { readonly ok: false; readonly error: string };

interface TreeProvider {
  getChildren(node?: unknown): unknown;
  getTreeItem(node: unknown): unknown;
  readonly onDidChangeTreeData?: (listener: (e: unknown) => void) => unknown;
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

function reply(message: DriverReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const stub = createVscodeStub({
    apiNames: apiNamesFromTypings(readFileSync(env('BENCH_TYPINGS'), 'utf8')),
    settings: JSON.parse(env('BENCH_SETTINGS')) as Record<string, unknown>,
    extensionPath: process.cwd(),
  });
  const moduleInternals = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  };
  const originalLoad = moduleInternals._load;
  moduleInternals._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
    return request === 'vscode' ? stub.module : originalLoad.call(this, request, parent, isMain);
  };
  const extension = createRequire(__filename)(env('BENCH_BUNDLE')) as { activate?: (context: unknown) => unknown };
  if (typeof extension.activate !== 'function') throw new Error('the bundle exports no activate()');
  await extension.activate(stub.context);
  const provider = stub.treeDataProviders.get(env('BENCH_VIEW_ID')) as TreeProvider | undefined;
  if (provider === undefined) throw new Error('activate() registered no tree data provider for the view');

  // The view: what is expanded, the rows last shown under each, and re-rendering on change events.
  const expanded = new Map<string, BenchNode | undefined>(); // id ('' = root) → node
  const shown = new Map<string, BenchNode[]>();
  const pending = new Set<Promise<unknown>>();
  let renders = 0;
  let lastActivity = performance.now();
  const children = async (node: BenchNode | undefined): Promise<BenchNode[]> => {
    const result: unknown = await provider.getChildren(node);
    const nodes = Array.isArray(result) ? result.filter(isNode) : [];
    for (const n of nodes) await provider.getTreeItem(n);
    shown.set(node?.id ?? '', nodes);
    return nodes;
  };
  const track = (p: Promise<unknown>): void => {
    lastActivity = performance.now();
    pending.add(p);
    void p.finally(() => {
      pending.delete(p);
      lastActivity = performance.now();
    });
  };
  provider.onDidChangeTreeData?.((e: unknown) => {
    renders++;
    const changed =
      e === undefined || e === null ? [undefined] : Array.isArray(e) ? e.filter(isNode) : isNode(e) ? [e] : [];
    for (const node of changed) {
      const id = node?.id ?? '';
      if (expanded.has(id)) track(children(node).catch(() => []));
      else if (node !== undefined) track(Promise.resolve(provider.getTreeItem(node)));
    }
  });
  const quiet = async (ms: number): Promise<void> => {
    while (pending.size > 0 || performance.now() - lastActivity < ms) {
      await Promise.all([...pending]);
      await new Promise((resolve) => setTimeout(resolve, Math.max(5, ms - (performance.now() - lastActivity))));
    }
  };
  const vaultNode = (name: string): BenchNode => {
    const node = [...expanded.values()].find((n) => n?.kind === 'vault' && n.vault?.name === name);
    if (node === undefined) throw new Error(`vault ${name} is not expanded`);
    return node;
  };
  const secretRows = (vault: BenchNode): BenchNode[] => (shown.get(vault.id) ?? []).filter((n) => n.kind === 'secret');
  const rowsOf = async (vault: BenchNode): Promise<SecretRow[]> => {
    const rows: SecretRow[] = [];
    for (const n of secretRows(vault)) {
      const item = (await provider.getTreeItem(n)) as { contextValue?: unknown } | undefined;
      const context = typeof item?.contextValue === 'string' ? item.contextValue : '';
      const enabled = context.includes(';enabled;') ? true : context.includes(';disabled;') ? false : undefined;
      rows.push({ name: String(n.secret?.name), ...(enabled !== undefined ? { enabled } : {}) });
    }
    return rows;
  };

  const handle = async (request: DriverRequest): Promise<DriverReply> => {
    switch (request.op) {
      case 'expand': {
        expanded.set('', undefined);
        const root = await children(undefined);
        const group = root.find((n) => n.kind === 'vaultGroup');
        if (group === undefined)
          throw new Error(`no Added vaults group at the root: ${root.map((n) => n.kind).join(', ')}`);
        expanded.set(group.id, group);
        const vault = (await children(group)).find((n) => n.kind === 'vault' && n.vault?.name === request.vault);
        if (vault === undefined) throw new Error(`no vault ${request.vault} under Added vaults`);
        expanded.set(vault.id, vault);
        await children(vault);
        const error = (shown.get(vault.id) ?? []).find((n) => n.kind === 'error');
        if (error !== undefined) throw new Error(`the vault shows an error row: ${JSON.stringify(error)}`);
        return { ok: true, rows: await rowsOf(vault) };
      }
      case 'command': {
        const handler = stub.commands.get(request.command);
        if (handler === undefined) throw new Error(`no command ${request.command} registered`);
        const target =
          request.secret === undefined
            ? vaultNode(request.vault)
            : secretRows(vaultNode(request.vault)).find((n) => n.secret?.name === request.secret);
        if (target === undefined) throw new Error(`no row for secret ${String(request.secret)} in ${request.vault}`);
        const problems = stub.shownProblems.length;
        renders = 0;
        const t0 = performance.now();
        await handler(target);
        const commandMs = performance.now() - t0;
        await quiet(request.quietMs);
        const shownNow = stub.shownProblems.slice(problems).filter((p) => p.startsWith('Error'));
        if (shownNow.length > 0) throw new Error(`the command showed: ${shownNow.join(' | ')}`);
        // Done when the command has returned and the view has re-rendered what it was told changed.
        return { ok: true, commandMs: Math.max(commandMs, lastActivity - t0), renders };
      }
      case 'rows':
        return { ok: true, rows: await rowsOf(vaultNode(request.vault)) };
      case 'commandWithText': {
        const handler = stub.commands.get(request.command);
        if (handler === undefined) throw new Error(`no command ${request.command} registered`);
        const problems = stub.shownProblems.length;
        renders = 0;
        const t0 = performance.now();
        await handler(...request.args);
        const commandMs = performance.now() - t0;
        await quiet(request.quietMs);
        const shownNow = stub.shownProblems.slice(problems).filter((p) => p.startsWith('Error'));
        if (shownNow.length > 0) throw new Error(`the command showed: ${shownNow.join(' | ')}`);
        return { ok: true, commandMs: Math.max(commandMs, lastActivity - t0), renders };
      }
      case 'vaultContext': {
        const item = (await provider.getTreeItem(vaultNode(request.vault))) as { contextValue?: unknown } | undefined;
        return { ok: true, context: typeof item?.contextValue === 'string' ? item.contextValue : '' };
      }
    }
  };
  process.on('message', (request: DriverRequest) => {
    handle(request).then(reply, (error: unknown) =>
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
  reply({ ok: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
