// Finds code that loses something in a vault without asking the destructive-action gate. It reads the TypeScript
// syntax tree of each file: every call of a destructive method (purge, delete, Set, restore, the bulk runner) must
// sit in a flow (a top-level function, a class method, or a top-level const function) that asks the gate — calls
// confirmLoss or lossConfirmed, or a function that does (in its own file, or an exported one anywhere). A flow
// that does not ask must be listed: either its callers ask (its own name then counts as destructive, so each of its
// callers is checked in turn), or it loses nothing (with why). Anything else is a finding.
import * as ts from 'typescript';

export interface GateRules {
  /** Method or function names whose call loses something (a property call `x.name(…)` or a plain call `name(…)`). */
  readonly destructive: readonly string[];
  /** The gate's own functions. */
  readonly gates: readonly string[];
  /** `file#flow` → why its callers ask: each call of the flow's name is then checked as a destructive call. */
  readonly askedByCallers: Readonly<Record<string, string>>;
  /** `file#flow` → why the destructive call there loses nothing. */
  readonly noLoss: Readonly<Record<string, string>>;
}

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly callee: string;
  readonly flow: string;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Listed flows (askedByCallers, noLoss) that no destructive call needed: stale entries. */
  readonly unused: readonly string[];
}

interface Flow {
  readonly file: string;
  /** The flow's own name (a method is "Class.method"); what its callers call it by is `callName`. */
  readonly name: string;
  readonly callName: string;
  readonly exported: boolean;
  readonly node: ts.Node;
}

interface Call {
  readonly file: string;
  readonly line: number;
  readonly callee: string;
  readonly flow: Flow | undefined;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

const isFunctionLike = (n: ts.Node | undefined): boolean =>
  n !== undefined && (ts.isArrowFunction(n) || ts.isFunctionExpression(n));
const hasExport = (n: ts.Node): boolean =>
  ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The flows of a file: top-level functions, top-level consts holding a function, and class methods. */
function flowsOf(path: string, sf: ts.SourceFile): Flow[] {
  const flows: Flow[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name !== undefined)
      flows.push({ file: path, name: st.name.text, callName: st.name.text, exported: hasExport(st), node: st });
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && isFunctionLike(d.initializer))
          flows.push({ file: path, name: d.name.text, callName: d.name.text, exported: hasExport(st), node: d });
    if (ts.isClassDeclaration(st) && st.name !== undefined)
      for (const m of st.members)
        if ((ts.isMethodDeclaration(m) || ts.isGetAccessorDeclaration(m)) && ts.isIdentifier(m.name)) {
          const isPrivate = (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.PrivateKeyword);
          flows.push({
            file: path,
            name: `${st.name.text}.${m.name.text}`,
            callName: m.name.text,
            exported: hasExport(st) && !isPrivate,
            node: m,
          });
        }
  }
  return flows;
}

function callsIn(path: string, sf: ts.SourceFile, flows: readonly Flow[]): Call[] {
  const out: Call[] = [];
  const visit = (n: ts.Node, flow: Flow | undefined): void => {
    const own = flows.find((f) => f.node === n) ?? flow;
    if (ts.isCallExpression(n)) {
      const callee = calleeName(n);
      if (callee !== undefined)
        out.push({ file: path, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, callee, flow: own });
    }
    ts.forEachChild(n, (c) => visit(c, own));
  };
  visit(sf, undefined);
  return out;
}

export function scanGate(files: readonly SourceFile[], rules: GateRules): ScanResult {
  const flows: Flow[] = [];
  const calls: Call[] = [];
  for (const f of files) {
    const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const own = flowsOf(f.path, sf);
    flows.push(...own);
    calls.push(...callsIn(f.path, sf, own));
  }
  const key = (f: Flow): string => `${f.file}#${f.name}`;
  /** Whether a call of `name` made in `file` may reach flow `f` (non-exported flows are reached from their file only). */
  const reaches = (f: Flow, name: string, file: string): boolean =>
    f.callName === name && (f.exported || f.file === file);

  // The flows that ask: they call a gate, or (to a fixed point) a flow that asks.
  const asking = new Set<Flow>();
  for (let grew = true; grew;) {
    grew = false;
    for (const c of calls) {
      if (c.flow === undefined || asking.has(c.flow)) continue;
      if (rules.gates.includes(c.callee) || flows.some((f) => asking.has(f) && reaches(f, c.callee, c.file))) {
        asking.add(c.flow);
        grew = true;
      }
    }
  }

  // Destructive names, to a fixed point: a listed flow whose callers ask adds its own name.
  const destructive = new Set<Flow | string>(rules.destructive);
  const used = new Set<string>();
  const findings: Finding[] = [];
  const seen = new Set<Call>();
  for (let grew = true; grew;) {
    grew = false;
    for (const c of calls) {
      if (seen.has(c)) continue;
      const hit = destructive.has(c.callee) || flows.some((f) => destructive.has(f) && reaches(f, c.callee, c.file));
      if (!hit) continue;
      seen.add(c);
      grew = true;
      if (c.flow !== undefined && asking.has(c.flow)) continue;
      const k = c.flow !== undefined ? key(c.flow) : `${c.file}#(top level)`;
      if (Object.hasOwn(rules.noLoss, k)) {
        used.add(k);
        continue;
      }
      if (c.flow !== undefined && Object.hasOwn(rules.askedByCallers, k)) {
        used.add(k);
        destructive.add(c.flow);
        continue;
      }
      findings.push({ file: c.file, line: c.line, callee: c.callee, flow: c.flow?.name ?? '(top level)' });
    }
  }
  const listed = [...Object.keys(rules.askedByCallers), ...Object.keys(rules.noLoss)];
  return { findings, unused: listed.filter((k) => !used.has(k)) };
}
