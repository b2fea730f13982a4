// What activation registers before the rest of the extension is loaded: each command id, the tree views and the
// `keyvault-secret:` file system, as stand-ins that load the extension's core (src/core.ts, its own chunk) on
// first use and then hand every call to what the core registered. Only `vscode` and types here: this file is in
// the activation bundle.

import * as vscode from 'vscode';
import { t } from './shared/l10n';
import type { CreateView, ViewOptions } from './tree/views';

type Load = () => Promise<unknown>;
type CommandCallback = (...args: unknown[]) => unknown;

/** Every command id, registered at activation; the command table's handlers arrive with the core. */
export class LazyCommands {
  private readonly handlers = new Map<string, CommandCallback>();
  private readonly ids: ReadonlySet<string>;

  constructor(ids: readonly string[], load: Load, subscriptions: vscode.Disposable[]) {
    this.ids = new Set(ids);
    for (const id of ids) {
      subscriptions.push(
        vscode.commands.registerCommand(id, async (...args: unknown[]) => {
          await load();
          const handler = this.handlers.get(id);
          if (handler === undefined) throw new Error(`The command ${id} has no handler in the command table.`);
          return handler(...args);
        }),
      );
    }
  }

  /** Where the command table registers (in place of vscode.commands.registerCommand). */
  readonly register = (id: string, handler: CommandCallback): vscode.Disposable => {
    if (!this.ids.has(id)) throw new Error(`The command ${id} is not in src/shared/commandIds.ts.`);
    if (this.handlers.has(id)) throw new Error(`The command ${id} is registered twice.`);
    this.handlers.set(id, handler);
    return new vscode.Disposable(() => this.handlers.delete(id));
  };

  /** Ids the loaded command table left without a handler. */
  missing(): string[] {
    return [...this.ids].filter((id) => !this.handlers.has(id));
  }
}

/** A tree view made at activation; its provider arrives with the core (the first getChildren loads it). */
export class LazyTreeView<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  readonly view: vscode.TreeView<T>;
  private provider: vscode.TreeDataProvider<T> | undefined;
  private readonly changes = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changes.event;
  private forwarding: vscode.Disposable | undefined;

  constructor(
    readonly id: string,
    private readonly options: ViewOptions,
    private readonly load: Load,
  ) {
    this.view = vscode.window.createTreeView<T>(id, { ...options, treeDataProvider: this });
  }

  /** The core's provider: from now on every call goes to it. Returns the view (as createTreeView would). */
  connect(options: vscode.TreeViewOptions<T>): vscode.TreeView<T> {
    const { treeDataProvider, ...rest } = options;
    if (JSON.stringify(rest) !== JSON.stringify(this.options))
      throw new Error(`The options of view ${this.id} must be declared in src/tree/views.ts.`);
    if (this.provider !== undefined) throw new Error(`View ${this.id} already has its provider.`);
    this.provider = treeDataProvider;
    this.forwarding = treeDataProvider.onDidChangeTreeData?.((e) => this.changes.fire(e));
    return this.view;
  }

  async getChildren(element?: T): Promise<T[] | null | undefined> {
    await this.load();
    return this.loaded().getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.loaded().getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.loaded().getParent?.(element);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changes.dispose();
    this.view.dispose();
  }

  private loaded(): vscode.TreeDataProvider<T> {
    if (this.provider === undefined) throw new Error(`View ${this.id} has no provider yet.`);
    return this.provider;
  }
}

/** The views of `views` made at activation, by id, and the CreateView the core's registrations use. */
export function lazyViews(
  views: ReadonlyArray<{ readonly id: string; readonly options: ViewOptions }>,
  load: Load,
  subscriptions: vscode.Disposable[],
): CreateView {
  const made = new Map<string, LazyTreeView<unknown>>();
  for (const { id, options } of views) {
    const view = new LazyTreeView<unknown>(id, options, load);
    made.set(id, view);
    subscriptions.push(view);
  }
  return <T>(id: string, options: vscode.TreeViewOptions<T>): vscode.TreeView<T> => {
    const view = made.get(id) as LazyTreeView<T> | undefined;
    if (view === undefined) throw new Error(`View ${id} is not in src/tree/views.ts.`);
    return view.connect(options);
  };
}

/** A file system registered at activation; the core's provider answers every call once loaded. */
export class LazyFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private provider: vscode.FileSystemProvider | undefined;
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: Load) {}

  connect(provider: vscode.FileSystemProvider): vscode.Disposable {
    if (this.provider !== undefined) throw new Error('The file system already has its provider.');
    this.provider = provider;
    this.forwarding = provider.onDidChangeFile((e) => this.changes.fire(e));
    return new vscode.Disposable(() => {
      this.forwarding?.dispose();
      this.provider = undefined;
    });
  }

  watch(uri: vscode.Uri, options: Parameters<vscode.FileSystemProvider['watch']>[1]): vscode.Disposable {
    if (this.provider !== undefined) return this.provider.watch(uri, options);
    let watching: vscode.Disposable | undefined;
    let disposed = false;
    void this.loaded().then(
      (p) => {
        if (!disposed) watching = p.watch(uri, options);
      },
      () => undefined,
    );
    return new vscode.Disposable(() => {
      disposed = true;
      watching?.dispose();
    });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return (await this.loaded()).stat(uri);
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return (await this.loaded()).readDirectory(uri);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    return (await this.loaded()).createDirectory(uri);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.loaded()).readFile(uri);
  }

  async writeFile(
    uri: vscode.Uri,
    content: Uint8Array,
    options: Parameters<vscode.FileSystemProvider['writeFile']>[2],
  ): Promise<void> {
    return (await this.loaded()).writeFile(uri, content, options);
  }

  async delete(uri: vscode.Uri, options: Parameters<vscode.FileSystemProvider['delete']>[1]): Promise<void> {
    return (await this.loaded()).delete(uri, options);
  }

  async rename(
    oldUri: vscode.Uri,
    newUri: vscode.Uri,
    options: Parameters<vscode.FileSystemProvider['rename']>[2],
  ): Promise<void> {
    return (await this.loaded()).rename(oldUri, newUri, options);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changes.dispose();
  }

  private async loaded(): Promise<vscode.FileSystemProvider> {
    await this.load();
    if (this.provider === undefined) throw vscode.FileSystemError.Unavailable(t('Key Vault secret documents'));
    return this.provider;
  }
}

/** The language model tools the core made, by name (src/agentTools/, its own chunk). */
export type ToolImplementations = ReadonlyMap<string, vscode.LanguageModelTool<unknown>>;

/** The tool names package.json contributes (`contributes.languageModelTools`): the manifest is the one list. */
export function contributedToolNames(packageJSON: unknown): string[] {
  const tools = (packageJSON as { contributes?: { languageModelTools?: unknown } } | undefined)?.contributes
    ?.languageModelTools;
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((tool: unknown) => {
    const name = (tool as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [name] : [];
  });
}

/**
 * Every contributed language model tool, registered at activation (VS Code requires it of a contributed tool); the
 * tools' code is loaded on the first prepareInvocation or invoke, and every call is handed to it.
 */
export function registerLazyTools(
  names: readonly string[],
  load: () => Promise<ToolImplementations>,
  subscriptions: vscode.Disposable[],
): void {
  const implementation = async (name: string): Promise<vscode.LanguageModelTool<unknown>> => {
    const tool = (await load()).get(name);
    if (tool === undefined) throw new Error(`The tool ${name} has no implementation.`);
    return tool;
  };
  for (const name of names) {
    subscriptions.push(
      vscode.lm.registerTool<unknown>(name, {
        invoke: async (options, token) => (await implementation(name)).invoke(options, token),
        prepareInvocation: async (options, token) => (await implementation(name)).prepareInvocation?.(options, token),
      }),
    );
  }
}
