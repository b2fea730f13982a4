// A stand-in for the `vscode` module, good enough for activate() outside VS Code: every property is
// another stub, every call or `new` returns a stub (and is counted by its path), except a few
// overrides (settings, the extension context). Nothing here does I/O.

type Overrides = ReadonlyMap<string, unknown>;

export interface VscodeStub {
  /** What `require('vscode')` returns. */
  readonly module: unknown;
  /** An ExtensionContext stand-in; `subscriptions` is a real array. */
  readonly context: unknown;
  readonly subscriptions: { dispose?: unknown }[];
  /** Calls (and `new`) by API path, e.g. `commands.registerCommand`. */
  readonly calls: Map<string, number>;
  /** Tree data providers by view id (window.createTreeView / registerTreeDataProvider). */
  readonly treeDataProviders: Map<string, unknown>;
}

function makeStub(path: string, calls: Map<string, number>, overrides: Overrides): unknown {
  const stored = new Map<PropertyKey, unknown>();
  // A classic function so it can be called, constructed and extended (class X extends vscode.TreeItem).
  const target = function stubTarget(): void {};
  const count = (name: string): void => {
    calls.set(name, (calls.get(name) ?? 0) + 1);
  };
  const proxy: object = new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined; // never a thenable: `await stub` must not hang
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* empty(): Generator<never> {};
      if (stored.has(prop)) return stored.get(prop);
      if (typeof prop === 'symbol') return undefined;
      const child = path === '' ? prop : `${path}.${prop}`;
      const value = overrides.has(child) ? overrides.get(child) : makeStub(child, calls, overrides);
      stored.set(prop, value);
      return value;
    },
    set(_t, prop, value, receiver) {
      // An instance whose prototype is this stub keeps its own fields.
      if (receiver !== proxy) return Reflect.defineProperty(receiver as object, prop, { value, writable: true, enumerable: true, configurable: true });
      stored.set(prop, value);
      return true;
    },
    has(_t, prop) {
      return stored.has(prop);
    },
    apply() {
      count(path);
      return makeStub(`${path}()`, calls, overrides);
    },
    construct(t, _args, newTarget) {
      count(`new ${path}`);
      return Reflect.construct(t, [], newTarget) as object;
    },
  });
  return proxy;
}

export interface StubOptions {
  /** The module's top-level names (namespaces, classes, enums); see apiNamesFromTypings. */
  readonly apiNames: readonly string[];
  /** Settings by full key (`keyVaultSecrets.vaults`); others answer the caller's default. */
  readonly settings: Readonly<Record<string, unknown>>;
  readonly extensionPath: string;
}

export function createVscodeStub(options: StubOptions): VscodeStub {
  const calls = new Map<string, number>();
  const count = (path: string): void => {
    calls.set(path, (calls.get(path) ?? 0) + 1);
  };
  const treeDataProviders = new Map<string, unknown>();
  const subscriptions: { dispose?: unknown }[] = [];
  const getConfiguration = (section?: string): unknown => {
    count('workspace.getConfiguration');
    const full = (key: string): string => (section ? `${section}.${key}` : key);
    return {
      get: (key: string, defaultValue?: unknown): unknown => (full(key) in options.settings ? options.settings[full(key)] : defaultValue),
      has: (key: string): boolean => full(key) in options.settings,
      inspect: (key: string): unknown => ({ key: full(key), globalValue: options.settings[full(key)] }),
      update: (): Promise<void> => Promise.resolve(),
    };
  };
  const createTreeView = (viewId: string, viewOptions?: { treeDataProvider?: unknown }): unknown => {
    count('window.createTreeView');
    treeDataProviders.set(viewId, viewOptions?.treeDataProvider);
    return makeStub('window.createTreeView()', calls, overrides);
  };
  const registerTreeDataProvider = (viewId: string, provider: unknown): unknown => {
    count('window.registerTreeDataProvider');
    treeDataProviders.set(viewId, provider);
    return makeStub('window.registerTreeDataProvider()', calls, overrides);
  };
  const overrides = new Map<string, unknown>([
    ['version', '1.95.0'],
    ['window.createTreeView', createTreeView],
    ['window.registerTreeDataProvider', registerTreeDataProvider],
    ['workspace.getConfiguration', getConfiguration],
    ['context.subscriptions', subscriptions],
    ['context.extensionPath', options.extensionPath],
    ['context.extensionMode', 1],
  ]);
  // A plain object with own properties (not a proxy): bundlers copy a CommonJS module's own keys
  // into the namespace object of `import * as vscode from 'vscode'`.
  const root: Record<string, unknown> = {};
  for (const name of options.apiNames) root[name] = overrides.has(name) ? overrides.get(name) : makeStub(name, calls, overrides);
  const context = makeStub('context', calls, overrides);
  return { module: root, context, subscriptions, calls, treeDataProviders };
}

/** The top-level names `declare module 'vscode'` exports, read from the text of @types/vscode's index.d.ts. */
export function apiNamesFromTypings(dts: string): string[] {
  const names = new Set<string>();
  for (const m of dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)) names.add(m[1]);
  return [...names];
}
