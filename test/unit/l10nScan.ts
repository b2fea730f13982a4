// Finds user-facing string literals that do not go through t() (src/shared/l10n.ts), by reading the TypeScript
// syntax tree of each file. A literal is user-facing when it is (part of) the expression handed to a place the
// user reads: a prompt of src/ui/prompts.ts or VS Code's message boxes, a progress title or step, a quick pick
// item's or tree item's label/description/detail/tooltip, an input box's prompt/placeholder/title, a status bar
// text, a tree view's message, a Markdown tooltip, or a Key Vault failure's message. Text inside t(...) is fine;
// log lines (logError/logWarn/logDebug, the log channel) are not sinks. What the scan cannot see: a literal put
// in a variable first and passed on later (the conversion wrote t() at the literal, so review catches the rest).
import * as ts from 'typescript';

/** Functions whose arguments the user reads (prompts.ts, progress.ts, VS Code's window API): which ones ('all' or positions). */
const SINK_CALLS: ReadonlyMap<string, 'all' | readonly number[]> = new Map<string, 'all' | readonly number[]>([
  // src/ui/prompts.ts (flash's second argument is a codicon name)
  ['warning', 'all'],
  ['info', 'all'],
  ['error', 'all'],
  ['input', 'all'],
  ['pick', 'all'],
  ['pickPaged', 'all'],
  ['flash', [0]],
  ['confirm', 'all'],
  ['saveDialog', 'all'],
  ['openDialog', 'all'],
  // src/ui/progress.ts, and the step callbacks it hands out
  ['withProgress', [0]],
  // the tree model's own progress (TreeModel.fill) and message rows
  ['fill', [1]],
  ['messageNode', [2]],
  ['step', [0]],
  ['report', [0]],
  // VS Code's window API, when called directly
  ['showInformationMessage', 'all'],
  ['showWarningMessage', 'all'],
  ['showErrorMessage', 'all'],
  ['showInputBox', 'all'],
  ['showQuickPick', 'all'],
  ['setStatusBarMessage', [0]],
  // a read-only document's failure, shown in its editor
  ['Unavailable', [0]],
]);

/** Property names (object literals and assignments) whose string the user reads. */
const SINK_PROPERTIES = new Set([
  'label',
  'description',
  'detail',
  'tooltip',
  'prompt',
  'placeHolder',
  'placeholder',
  'title',
  'saveLabel',
  'openLabel',
  'validationMessage',
  'text',
]);

/**
 * Constructors whose arguments the user reads: tree items, Markdown tooltips, the vault layer's failures, and
 * thrown errors (the error boundary shows a failed action's message to the user, src/ui/ErrorBoundary.ts).
 */
const SINK_CONSTRUCTORS: ReadonlyMap<string, readonly number[]> = new Map([
  ['TreeItem', [0]],
  ['MarkdownString', [0]],
  ['KeyVaultFailure', [1]],
  ['Error', [0]],
  ['RangeError', [0]],
  ['TypeError', [0]],
]);

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly sink: string;
  readonly text: string;
  /** Where the literal is in the file (for the conversion script). */
  readonly start: number;
  readonly end: number;
}

/** Literal text the user could read: has a letter (ids, separators and codicons like `$(key)` alone are not). */
function readable(text: string): boolean {
  const words = text.replace(/\$\([\w-]+\)/g, '').replace(/\$\{[^}]*\}/g, '');
  return /\p{L}{2,}/u.test(words);
}

/** The local names under which a file imports t from src/shared/l10n.ts (usually `t`; an alias where `t` is taken). */
function translators(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const st of source.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (!/(^|\/)l10n$/.test(st.moduleSpecifier.text)) continue;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      for (const el of bindings.elements) if ((el.propertyName ?? el.name).text === 't') names.add(el.name.text);
  }
  return names;
}

function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/**
 * The literals an expression hands over (through ?:, ??, ||, +, parentheses, arrays, template spans and the
 * arguments of other calls). The arguments of t() are translated: not followed.
 */
function literalsOf(expr: ts.Expression, out: ts.Node[], safe: ReadonlySet<string>, consts: Consts): void {
  const more = (e: ts.Expression): void => literalsOf(e, out, safe, consts);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) {
    out.push(expr);
  } else if (ts.isTemplateExpression(expr)) {
    out.push(expr);
    for (const span of expr.templateSpans) more(span.expression);
  } else if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr)) {
    more(expr.expression);
  } else if (ts.isConditionalExpression(expr)) {
    more(expr.whenTrue);
    more(expr.whenFalse);
  } else if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (
      op === ts.SyntaxKind.PlusToken ||
      op === ts.SyntaxKind.QuestionQuestionToken ||
      op === ts.SyntaxKind.BarBarToken
    ) {
      more(expr.left);
      more(expr.right);
    }
  } else if (ts.isArrayLiteralExpression(expr)) {
    for (const e of expr.elements) if (!ts.isSpreadElement(e)) more(e);
  } else if (ts.isCallExpression(expr)) {
    const callee = ts.isIdentifier(expr.expression) ? expr.expression.text : undefined;
    // t()'s message is translated; the values it formats into it are followed.
    const translated = callee !== undefined && safe.has(callee);
    expr.arguments.forEach((a, i) => {
      if (!translated || i > 0) more(a);
    });
  } else if (ts.isIdentifier(expr)) {
    // A const of the same function or file holding the text (followed once: `const detail = '…'; warning(m, { detail })`).
    // A const made by another call than t() (`const uri = vscode.Uri.parse(…)`) holds no text: consts are matched by
    // name in the whole file, so following it would read another function's value.
    const init = consts.get(expr.text);
    const madeByCall =
      init !== undefined &&
      ts.isCallExpression(init) &&
      !(ts.isIdentifier(init.expression) && safe.has(init.expression.text));
    if (init !== undefined && !madeByCall) {
      consts.delete(expr.text);
      more(init);
      consts.set(expr.text, init);
    }
  }
  // A property read, or an identifier that is not a local const, is not followed.
}

/** `const name = <expression>` of a file, by name (the scan is per file; a name declared twice keeps its first). */
type Consts = Map<string, ts.Expression>;

function constsOf(source: ts.SourceFile): Consts {
  const consts: Consts = new Map();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Const) !== 0)
      for (const d of node.declarations)
        if (ts.isIdentifier(d.name) && d.initializer !== undefined && !consts.has(d.name.text))
          consts.set(d.name.text, d.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return consts;
}

function literalText(node: ts.Node, source: ts.SourceFile): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return node.getText(source).slice(1, -1);
}

/** Every user-facing literal of one file that bypasses t(). `file` is only used in the findings. */
export function scanSource(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const safe = translators(source);
  const consts = constsOf(source);
  const flag = (expr: ts.Expression | undefined, sink: string): void => {
    if (expr === undefined) return;
    const literals: ts.Node[] = [];
    literalsOf(expr, literals, safe, consts);
    // One literal reached from two sinks is one finding.
    const seen = new Set(findings.map((f) => f.start));
    for (const lit of literals) {
      const value = literalText(lit, source);
      if (!readable(value) || seen.has(lit.getStart(source))) continue;
      const line = source.getLineAndCharacterOfPosition(lit.getStart(source)).line + 1;
      findings.push({ file, line, sink, text: value, start: lit.getStart(source), end: lit.getEnd() });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      const positions = name !== undefined ? SINK_CALLS.get(name) : undefined;
      node.arguments.forEach((a, i) => {
        if (positions === 'all' || positions?.includes(i) === true) flag(a, `${name ?? ''}()`);
      });
    } else if (ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const positions = name !== undefined ? SINK_CONSTRUCTORS.get(name) : undefined;
      for (const i of positions ?? []) flag(node.arguments?.[i], `new ${name ?? ''}()`);
    } else if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      if (name !== undefined && SINK_PROPERTIES.has(name)) flag(node.initializer, `${name}:`);
    } else if (ts.isShorthandPropertyAssignment(node)) {
      if (SINK_PROPERTIES.has(node.name.text)) flag(node.name, `${node.name.text}:`);
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      (SINK_PROPERTIES.has(node.left.name.text) || node.left.name.text === 'message')
    ) {
      flag(node.right, `.${node.left.name.text} =`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** Functions whose text goes to the Key Vault output channel only; runAction's first argument is the action's label. */
const LOG_CALLS = new Set(['logError', 'logWarn', 'logDebug']);

/** An argument of a log call, or the label of runAction. */
function notShown(node: ts.Node): boolean {
  const call = node.parent;
  if (call === undefined || !ts.isCallExpression(call) || !call.arguments.some((a) => a === node)) return false;
  const name = calleeName(call.expression);
  return name !== undefined && (LOG_CALLS.has(name) || (name === 'runAction' && call.arguments[0] === node));
}

/** Calls whose string arguments are DOM names (selectors, classes, attributes), never text. */
const DOM_NAME_CALLS = new Set([
  'setAttribute',
  'removeAttribute',
  'querySelector',
  'querySelectorAll',
  'closest',
  'getElementById',
  'toggle',
  'add',
  'remove',
  'contains',
]);

/** A literal used as a DOM name: a className, a DOM call's argument, or compared with === (a key or event name). */
function domName(node: ts.Node): boolean {
  let at = node;
  while (ts.isConditionalExpression(at.parent) || ts.isParenthesizedExpression(at.parent)) at = at.parent;
  const parent = at.parent;
  if (ts.isPropertyAssignment(parent) && propertyName(parent.name) === 'className') return true;
  if (ts.isCallExpression(parent)) {
    const name = calleeName(parent.expression);
    return name !== undefined && DOM_NAME_CALLS.has(name);
  }
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken;
}

/**
 * For the webview front ends (media/*.ts), which receive every word from the host, and for the modules of src/
 * that only make text (tooltips, validation messages): any literal that reads like prose (two words, or one
 * capitalised word) outside imports and t()'s message. Class names, selectors, attribute, key and event
 * names (see domName) are not text.
 */
export function proseLiterals(file: string, text: string): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const safe = translators(source);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    // A log line, and an action's label (which only the log shows: "<label> failed: …"), are not translated.
    if (notShown(node)) return;
    // The message of t() is translated (its other arguments are still looked at).
    if (
      node.parent !== undefined &&
      ts.isCallExpression(node.parent) &&
      ts.isIdentifier(node.parent.expression) &&
      safe.has(node.parent.expression.text) &&
      node.parent.arguments[0] === node
    )
      return;
    let value: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) value = node.text;
    else if (ts.isTemplateExpression(node))
      value = node
        .getText(source)
        .slice(1, -1)
        .replace(/\$\{[^}]*\}/g, ' ');
    if (
      value !== undefined &&
      !domName(node) &&
      (/\p{L}{2,} \p{L}{2,}/u.test(value) || /^\s*\p{Lu}\p{Ll}+[.…?!]?\s*$/u.test(value))
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      findings.push({ file, line, sink: 'webview', text: value, start: node.getStart(source), end: node.getEnd() });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

/** The messages a file passes to t() (string literals only, as the conversion wrote them). */
export function translatableMessages(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const safe = translators(source);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && safe.has(node.expression.text)) {
      const first = node.arguments[0];
      if (first !== undefined && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)))
        out.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}
