// One date format: every date the user reads (tree, tooltips, hovers, confirmations, reports, webviews) is made
// by src/shared/dates.ts. This scan reads the syntax tree of every .ts file of src/ and media/ and fails on a date
// formatter anywhere else: the Date methods that make text (toLocaleDateString, toUTCString, …), Intl's date
// formats, hand-made dates (getFullYear, getUTCHours, …), an ISO string cut or put into text
// (`d.toISOString().slice(0, 10)`, `${d.toISOString()}`), toLocaleString on anything but a listed number, and a
// function named like a date formatter. An ISO string passed on whole (JSON, webview messages) is data, not text.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const REPO = join(__dirname, '..', '..');
const THE_MODULE = 'src/shared/dates.ts';

/** Methods and constructors that only ever turn a date into text. */
const DATE_TEXT_MEMBERS = new Set([
  'toLocaleDateString',
  'toLocaleTimeString',
  'toUTCString',
  'toGMTString',
  'toDateString',
  'toTimeString',
  'DateTimeFormat',
  'getFullYear',
  'getUTCFullYear',
  'getMonth',
  'getUTCMonth',
  'getHours',
  'getUTCHours',
  'getMinutes',
  'getUTCMinutes',
]);

/** Receivers of toLocaleString that are numbers (counts and sizes in the form), each with what it counts. */
const NUMBER_RECEIVERS: Readonly<Record<string, string>> = {
  chars: 'the length of a held value, in characters',
  n: 'a count of held values',
  bytes: 'the size of a value, in bytes',
  over: 'the bytes over the size limit',
  'SECRET_LIMITS.valueMaxBytes': 'the size limit of a value, in bytes',
};

const FORMATTER_NAME = /^format\w*(Date|Time|Day)/;

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** The date formatters of one file outside src/shared/dates.ts, and the number receivers of toLocaleString it uses. */
function scan(file: string, text: string): { findings: Finding[]; numbers: string[] } {
  const findings: Finding[] = [];
  const numbers: string[] = [];
  if (file === THE_MODULE) return { findings, numbers };
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = (node: ts.Node, what: string): void => {
    findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      if (DATE_TEXT_MEMBERS.has(name)) found(node, name);
      if (name === 'toLocaleString' && ts.isCallExpression(node.parent)) {
        const receiver = node.expression.getText(source);
        if (Object.hasOwn(NUMBER_RECEIVERS, receiver)) numbers.push(receiver);
        else found(node, `${receiver}.toLocaleString`);
      }
      if (name === 'toISOString' && ts.isCallExpression(node.parent)) {
        const use = node.parent.parent;
        if (ts.isPropertyAccessExpression(use) || ts.isElementAccessExpression(use))
          found(node, 'toISOString() cut or changed');
        else if (ts.isTemplateSpan(use)) found(node, 'toISOString() put into text');
      }
    }
    const declared =
      ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node) || ts.isMethodDeclaration(node)
        ? node.name
        : undefined;
    if (declared !== undefined && ts.isIdentifier(declared) && FORMATTER_NAME.test(declared.text))
      found(declared, `a formatter named ${declared.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { findings, numbers };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const repoPath = (path: string): string => relative(REPO, path).replace(/\\/g, '/');
const read = (file: string): string => readFileSync(join(REPO, file), 'utf8');
const show = (f: Finding): string => `${f.file}:${f.line} ${f.what}`;

describe('one date format: src/shared/dates.ts is the only date formatter', () => {
  const files = [...sourceFiles(join(REPO, 'src')), ...sourceFiles(join(REPO, 'media'))].map(repoPath);
  const scanned = files.map((f) => scan(f, read(f)));

  it('no file of src/ or media/ formats a date outside it', () => {
    assert.ok(files.includes(THE_MODULE) && files.includes('media/secretDetails.ts'), 'the scan sees src and media');
    assert.deepEqual(scanned.flatMap((s) => s.findings).map(show), []);
  });

  it('every listed number receiver of toLocaleString is still used (no stale entry)', () => {
    const used = new Set(scanned.flatMap((s) => s.numbers));
    assert.deepEqual(
      Object.keys(NUMBER_RECEIVERS).filter((r) => !used.has(r)),
      [],
    );
  });

  it('catches a date formatted again in a real file: the tree tooltip and the details webview', () => {
    const tooltips = read('src/tree/tooltips.ts');
    assert.ok(tooltips.includes('formatDateTime(date)'), 'tooltips.ts no longer calls formatDateTime(date)');
    const plantedTree = tooltips.replace('formatDateTime(date)', 'date.toISOString().slice(0, 16)');
    assert.deepEqual(
      scan('src/tree/tooltips.ts', plantedTree).findings.map((f) => f.what),
      ['toISOString() cut or changed'],
    );
    const details = read('media/secretDetails.ts');
    const call = /formatIsoDateTime\(view\.createdOn\)/.exec(details);
    assert.ok(call, 'secretDetails.ts no longer formats view.createdOn with formatIsoDateTime');
    const plantedWebview = details.replace(call[0], 'new Date(view.createdOn ?? 0).toLocaleString()');
    assert.deepEqual(
      scan('media/secretDetails.ts', plantedWebview).findings.map((f) => f.what),
      ['new Date(view.createdOn ?? 0).toLocaleString'],
    );
  });

  it('catches each kind of date formatter, and lets ISO data and listed numbers through', () => {
    const fixture = `
      const day = d.toLocaleDateString();                                   // 1
      const utc = d.toUTCString();                                          // 2
      const fmt = new Intl.DateTimeFormat('en', { dateStyle: 'short' });     // 3
      const hand = \`\${d.getUTCFullYear()}-\${d.getUTCMonth() + 1}\`;       // 4, 5
      const cut = d.toISOString().slice(0, 10);                             // 6
      const shown = \`created \${d.toISOString()}\`;                          // 7
      const local = when.toLocaleString();                                  // 8
      function formatCreatedDate(x: Date): string { return String(x); }     // 9
      const data = { expiresOn: d.toISOString() };
      const size = bytes.toLocaleString();
    `;
    assert.deepEqual(
      scan('src/anywhere.ts', fixture).findings.map((f) => f.what),
      [
        'toLocaleDateString',
        'toUTCString',
        'DateTimeFormat',
        'getUTCFullYear',
        'getUTCMonth',
        'toISOString() cut or changed',
        'toISOString() put into text',
        'when.toLocaleString',
        'a formatter named formatCreatedDate',
      ],
    );
    assert.deepEqual(scan(THE_MODULE, fixture).findings, [], 'the module itself may format');
  });
});
