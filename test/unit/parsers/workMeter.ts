// Counts the work a parser does on one input, deterministically (tests never time anything):
//  - the basic blocks of our own code it runs (V8's precise block coverage, through the inspector: every loop
//    iteration, branch and call in src/ counts 1);
//  - the characters the built-in string and regular-expression scans it calls may walk past (String.prototype
//    indexOf, includes, slice, split, trim, …, RegExp.prototype.exec, which replace/search/match/test call too,
//    and JSON.parse). A built-in scan is one block for the coverage, so this is what shows an `indexOf` that
//    searches to the end of the document for every part of it.
// Regular-expression backtracking inside one exec is not counted (the bench's time covers it).
import { Session } from 'node:inspector';

interface Range {
  readonly count: number;
}
interface Coverage {
  readonly result: ReadonlyArray<{ readonly url: string; readonly functions: ReadonlyArray<{ ranges: Range[] }> }>;
}

let metering = false;
let charged = 0;

function charge(n: number): void {
  if (metering) charged += Math.max(1, n);
}

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

/** Wraps a prototype method so each call is charged `cost(receiver, args, result)` while metering. */
function meter<T extends object>(
  proto: T,
  name: string,
  cost: (self: never, args: never[], result: never) => number,
): () => void {
  const original = (proto as Record<string, AnyFn>)[name];
  const wrapped: AnyFn = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (metering) {
      metering = false; // the cost function's own string work is not the parser's
      let n: number;
      try {
        n = cost(this as never, args as never[], result as never);
      } finally {
        metering = true;
      }
      charge(n);
    }
    return result;
  };
  Object.defineProperty(proto, name, { value: wrapped, writable: true, configurable: true });
  return () => Object.defineProperty(proto, name, { value: original, writable: true, configurable: true });
}

const scanned = (self: string, args: unknown[], found: number, needle: string): number => {
  const from = typeof args[1] === 'number' ? Math.max(0, args[1]) : 0;
  return found < 0 ? self.length - from : found + needle.length - from;
};

/**
 * With exec replaced, replace/search/match/split/test on a RegExp call it (the spec's RegExpExec), so every
 * regular-expression scan is charged here: from where it started to where it matched, or to the end (1 for a
 * sticky expression that fails where it stands).
 */
function meterExec(): () => void {
  const proto = RegExp.prototype;
  const original = Object.getOwnPropertyDescriptor(proto, 'exec')?.value as RegExp['exec'];
  const wrapped = function (this: RegExp, input: string): RegExpExecArray | null {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const result = original.call(this, input);
    if (metering) {
      const length = String(input).length;
      charge(result !== null ? result.index + result[0].length - from : this.sticky ? 1 : length - from);
    }
    return result;
  };
  Object.defineProperty(proto, 'exec', { value: wrapped, writable: true, configurable: true });
  return () => Object.defineProperty(proto, 'exec', { value: original, writable: true, configurable: true });
}

function install(): () => void {
  const S = String.prototype;
  const restore = [
    meter(S, 'indexOf', (s: string, a: unknown[], r: number) => scanned(s, a, r, String(a[0]))),
    meter(S, 'lastIndexOf', (s: string) => s.length),
    meter(S, 'includes', (s: string, a: unknown[], r: boolean) =>
      r ? scanned(s, a, s.indexOf(String(a[0]), Number(a[1] ?? 0)), String(a[0])) : s.length,
    ),
    meter(S, 'startsWith', (_s: string, a: unknown[]) => String(a[0]).length),
    meter(S, 'endsWith', (_s: string, a: unknown[]) => String(a[0]).length),
    meter(S, 'slice', (_s: string, _a: unknown[], r: string) => r.length),
    meter(S, 'substring', (_s: string, _a: unknown[], r: string) => r.length),
    meter(S, 'split', (s: string) => s.length),
    meter(S, 'trim', (s: string) => s.length),
    meter(S, 'trimStart', (s: string) => s.length),
    meter(S, 'trimEnd', (s: string) => s.length),
    meter(S, 'toLowerCase', (s: string) => s.length),
    meter(S, 'toUpperCase', (s: string) => s.length),
    meter(S, 'repeat', (_s: string, _a: unknown[], r: string) => r.length),
    meter(S, 'padStart', (_s: string, _a: unknown[], r: string) => r.length),
    meter(S, 'padEnd', (_s: string, _a: unknown[], r: string) => r.length),
    meter(S, 'normalize', (s: string) => s.length),
    meter(S, 'replace', (s: string, a: unknown[]) => (typeof a[0] === 'string' ? s.length : 0)),
    meter(S, 'replaceAll', (s: string, a: unknown[]) => (typeof a[0] === 'string' ? s.length : 0)),
    meterExec(),
    meter(JSON, 'parse', (_j: unknown, a: unknown[]) => String(a[0]).length),
  ];
  return () => restore.reverse().forEach((r) => r());
}

/** A meter for a run of measurements: open() once, work() per input, close() at the end. */
export class WorkMeter {
  private session: Session | undefined;
  private uninstall: (() => void) | undefined;

  open(): void {
    this.session = new Session();
    this.session.connect();
    this.post('Profiler.enable');
    this.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
    this.uninstall = install();
  }

  close(): void {
    this.uninstall?.();
    this.uninstall = undefined;
    if (this.session !== undefined) {
      this.post('Profiler.stopPreciseCoverage');
      this.post('Profiler.disable');
      this.session.disconnect();
      this.session = undefined;
    }
  }

  /** The work of `run()`: blocks of src/ executed plus characters walked by built-in scans. */
  work(run: () => unknown): number {
    this.post('Profiler.takePreciseCoverage'); // resets the counters
    charged = 0;
    metering = true;
    try {
      run();
    } finally {
      metering = false;
    }
    const coverage = this.post('Profiler.takePreciseCoverage') as Coverage;
    let blocks = 0;
    for (const script of coverage.result) {
      if (!/[/\\]src[/\\]/.test(script.url)) continue;
      for (const fn of script.functions) for (const range of fn.ranges) blocks += range.count;
    }
    return blocks + charged;
  }

  private post(method: string, params: object = {}): unknown {
    if (this.session === undefined) throw new Error('WorkMeter is not open');
    let out: unknown;
    let failure: string | undefined;
    // An in-process inspector session answers synchronously.
    this.session.post(method, params, (error, result) => {
      failure = error?.message;
      out = result;
    });
    if (failure !== undefined) throw new Error(`${method}: ${failure}`);
    return out;
  }
}
