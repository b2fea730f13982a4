// The webview tier inside the unit tier: a front end of media/ bundled as esbuild.mjs bundles it (a browser IIFE;
// its stylesheets left out) and run in a jsdom window that has the webview shell's `#app` and a stand-in for VS
// Code's `acquireVsCodeApi()` recording what the page posts and what it keeps in its state.
import * as esbuild from 'esbuild';
import { JSDOM, type DOMWindow } from 'jsdom';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const bundles = new Map<string, Promise<string>>();

/** media/<entry>.ts bundled once per test run. */
function bundleOf(entry: string): Promise<string> {
  let code = bundles.get(entry);
  if (code === undefined) {
    code = esbuild
      .build({
        entryPoints: [join(ROOT, 'media', `${entry}.ts`)],
        bundle: true,
        write: false,
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        loader: { '.css': 'empty' },
        logLevel: 'silent',
      })
      .then((r) => r.outputFiles.map((f) => f.text).join('\n'));
    bundles.set(entry, code);
  }
  return code;
}

export interface Webview {
  readonly window: DOMWindow;
  readonly document: DOMWindow['document'];
  /** Every message the page posted to the host, in order. */
  readonly posted: unknown[];
  /** What the page last stored with setState (VS Code keeps it while the panel is hidden). */
  state(): unknown;
  /** A message from the host, as VS Code delivers it (a `message` event on the window). */
  fromHost(message: unknown): void;
  /** The element with this id; fails the test when there is none. */
  byId<T extends Element = HTMLElement>(id: string): T;
  click(id: string): void;
  /** Types into an input or textarea as a user does: the value, then `input` and `change` events. */
  type(target: string | Element, text: string): void;
  close(): void;
}

/** Loads media/<entry>.ts into a fresh window; `state` is what VS Code hands back to getState(). */
export async function openWebview(
  entry: 'secretForm' | 'importPreview' | 'secretDetails' | 'certificateForm',
  state?: unknown,
): Promise<Webview> {
  const code = await bundleOf(entry);
  const dom = new JSDOM('<!DOCTYPE html><html><body><div id="app"></div></body></html>', {
    runScripts: 'outside-only',
    pretendToBeVisual: true,
  });
  const { window } = dom;
  const posted: unknown[] = [];
  let saved: unknown = state;
  (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
    postMessage: (message: unknown) => posted.push(JSON.parse(JSON.stringify(message)) as unknown),
    getState: () => saved,
    setState: (next: unknown) => {
      saved = JSON.parse(JSON.stringify(next)) as unknown;
    },
  });
  window.eval(code);
  const byId = <T extends Element = HTMLElement>(id: string): T => {
    const found = window.document.getElementById(id);
    if (found === null) throw new Error(`no #${id} in the page`);
    return found as unknown as T;
  };
  return {
    window,
    document: window.document,
    posted,
    state: () => saved,
    fromHost: (message) => window.dispatchEvent(new window.MessageEvent('message', { data: message })),
    byId,
    click: (id) => byId<HTMLElement>(id).click(),
    type: (target, text) => {
      const node = (typeof target === 'string' ? byId(target) : target) as HTMLInputElement;
      node.value = text;
      node.dispatchEvent(new window.Event('input', { bubbles: true }));
      node.dispatchEvent(new window.Event('change', { bubbles: true }));
    },
    close: () => window.close(),
  };
}
