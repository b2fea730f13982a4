// A stand-in for the `vscode` module, good enough for activate() outside VS Code: every property is
// another stub, every call or `new` returns a stub (and is counted by its path), except a few
// overrides: settings, the extension context, working events (EventEmitter) and cancellation tokens,
// registered commands (kept, so the benchmark can run them), and progress (the task runs at once;
// Cancel is never pressed). Messages shown to the user are recorded. Nothing here does I/O.

import { formatOnly } from '../../src/shared/l10n';

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
  /** Command handlers by id (commands.registerCommand). */
  readonly commands: Map<string, (...args: unknown[]) => unknown>;
  /** Error and warning messages shown (window.showErrorMessage / showWarningMessage), in order; one with buttons gets its first. */
  readonly shownProblems: string[];
}

type Listener<T> = (value: T) => unknown;

/** vscode.EventEmitter: listeners run synchronously on fire(), as in VS Code. */
class StubEventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>, thisArg?: unknown): { dispose(): void } => {
    const bound: Listener<T> = thisArg === undefined ? listener : listener.bind(thisArg);
    this.listeners.push(bound);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== bound);
      },
    };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** A token that is never cancelled. */
const quietToken = {
  isCancellationRequested: false,
  onCancellationRequested: (): { dispose(): void } => ({ dispose: () => undefined }),
};

class StubCancellationTokenSource {
  readonly token = quietToken;
  cancel(): void {}
  dispose(): void {}
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
      if (receiver !== proxy)
        return Reflect.defineProperty(receiver as object, prop, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
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
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const shownProblems: string[] = [];
  const subscriptions: { dispose?: unknown }[] = [];
  const getConfiguration = (section?: string): unknown => {
    count('workspace.getConfiguration');
    const full = (key: string): string => (section ? `${section}.${key}` : key);
    return {
      get: (key: string, defaultValue?: unknown): unknown =>
        full(key) in options.settings ? options.settings[full(key)] : defaultValue,
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
  const registerCommand = (id: string, handler: (...args: unknown[]) => unknown): unknown => {
    count('commands.registerCommand');
    commands.set(id, handler);
    return { dispose: () => commands.delete(id) };
  };
  // As VS Code's: a registered command runs; others (setContext, built-in commands) answer nothing.
  const executeCommand = (id: string, ...args: unknown[]): Promise<unknown> => {
    count('commands.executeCommand');
    const handler = commands.get(id);
    return handler === undefined ? Promise.resolve(undefined) : Promise.resolve().then(() => handler(...args));
  };
  const withProgress = (_options: unknown, task: (progress: unknown, token: unknown) => unknown): unknown => {
    count('window.withProgress');
    return task({ report: () => undefined }, quietToken);
  };
  // A warning with buttons (a confirmation) is answered with its first button: the user confirms. Errors are dismissed.
  const shown =
    (kind: string) =>
    (message: unknown, ...rest: unknown[]): Promise<unknown> => {
      count(`window.show${kind}Message`);
      shownProblems.push(`${kind}: ${String(message)}`);
      const buttons = rest.filter(
        (r) => typeof r === 'string' || (typeof r === 'object' && r !== null && 'title' in r),
      );
      return Promise.resolve(kind === 'Warning' ? buttons[0] : undefined);
    };
  // The extension's global state, kept in memory as VS Code keeps it per profile (pinned vaults, run approvals).
  const stateValues = new Map<string, unknown>();
  const globalState = {
    get: (key: string, defaultValue?: unknown): unknown => (stateValues.has(key) ? stateValues.get(key) : defaultValue),
    update: (key: string, value: unknown): Promise<void> => {
      if (value === undefined) stateValues.delete(key);
      else stateValues.set(key, value);
      return Promise.resolve();
    },
    keys: (): readonly string[] => [...stateValues.keys()],
    setKeysForSync: (): void => undefined,
  };
  const overrides = new Map<string, unknown>([
    ['version', '1.95.0'],
    ['EventEmitter', StubEventEmitter],
    ['CancellationTokenSource', StubCancellationTokenSource],
    ['commands.registerCommand', registerCommand],
    ['commands.executeCommand', executeCommand],
    ['window.withProgress', withProgress],
    ['window.showErrorMessage', shown('Error')],
    ['window.showWarningMessage', shown('Warning')],
    ['window.createTreeView', createTreeView],
    ['window.registerTreeDataProvider', registerTreeDataProvider],
    ['workspace.getConfiguration', getConfiguration],
    // The extension installs vscode.l10n.t as its translator: it must answer text, as VS Code's does (no bundle here).
    ['l10n.t', formatOnly],
    ['context.subscriptions', subscriptions],
    ['context.globalState', globalState],
    ['context.extensionPath', options.extensionPath],
    ['context.extensionMode', 1],
  ]);
  // A plain object with own properties (not a proxy): bundlers copy a CommonJS module's own keys
  // into the namespace object of `import * as vscode from 'vscode'`.
  const root: Record<string, unknown> = {};
  for (const name of options.apiNames)
    root[name] = overrides.has(name) ? overrides.get(name) : makeStub(name, calls, overrides);
  const context = makeStub('context', calls, overrides);
  return { module: root, context, subscriptions, calls, treeDataProviders, commands, shownProblems };
}

/** The top-level names `declare module 'vscode'` exports, read from the text of @types/vscode's index.d.ts. */
export function apiNamesFromTypings(dts: string): string[] {
  const names = new Set<string>();
  for (const m of dts.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)) names.add(m[1]);
  return [...names];
}
