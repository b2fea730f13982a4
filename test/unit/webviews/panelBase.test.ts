// Every webview panel is made by the one panel base (src/webviews/WebviewPanelBase.ts), so it gets its CSP and
// nonce, the validation of every message before use, the logging of refused ones and its disposal when the
// extension stops. The scan reads the syntax tree of every file of src/: VS Code's panel factory and the webview's
// message event are used in the base only, and only panelTraffic.ts posts to a webview. A panel made another way
// fails here.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');

/** The only file allowed to use each member of VS Code's webview API. */
const ONLY_IN: Readonly<Record<string, string>> = {
  createWebviewPanel: 'src/webviews/WebviewPanelBase.ts',
  onDidReceiveMessage: 'src/webviews/WebviewPanelBase.ts',
  postMessage: 'src/webviews/panelTraffic.ts',
  // Other ways to show a webview: none is used; one added later goes through the base too.
  createWebviewView: 'src/webviews/WebviewPanelBase.ts',
  registerWebviewViewProvider: 'src/webviews/WebviewPanelBase.ts',
  registerWebviewPanelSerializer: 'src/webviews/WebviewPanelBase.ts',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** `file:line name` for every use of a listed member outside its one file. */
function webviewApiOutsideBase(files: ReadonlyArray<{ path: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { path, text } of files) {
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const name =
        ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)
          ? ts.isPropertyAccessExpression(node)
            ? node.name.text
            : ts.isStringLiteralLike(node.argumentExpression)
              ? node.argumentExpression.text
              : undefined
          : undefined;
      const allowed = name !== undefined && Object.hasOwn(ONLY_IN, name) ? ONLY_IN[name] : undefined;
      if (allowed !== undefined && path !== allowed) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push(`${path}:${line} ${name}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('webviews: one panel base', () => {
  const files = sourceFiles(join(ROOT, 'src')).map((file) => ({
    path: relative(ROOT, file).split('\\').join('/'),
    text: readFileSync(file, 'utf8'),
  }));

  it('every panel of src/ is made, receives and posts through the base', () => {
    assert.ok(files.length > 50, 'the scan found the sources');
    assert.deepEqual(webviewApiOutsideBase(files), []);
  });

  it('catches a panel made beside the base, and a message event read beside it', () => {
    const rogue = [
      'const p = vscode.window.createWebviewPanel("x", "X", 1, {});',
      'p.webview.onDidReceiveMessage((m) => run(m));',
      'void p.webview["postMessage"]({ type: "init" });',
    ].join('\n');
    assert.deepEqual(webviewApiOutsideBase([{ path: 'src/transfer/RoguePanel.ts', text: rogue }]), [
      'src/transfer/RoguePanel.ts:1 createWebviewPanel',
      'src/transfer/RoguePanel.ts:2 onDidReceiveMessage',
      'src/transfer/RoguePanel.ts:3 postMessage',
    ]);
  });
});
