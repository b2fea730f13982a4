// The benchmark's unit: a user action against the local Key Vault server, measured the same way whatever
// layer it goes through (the vault layer, the tree model, discovery): requests by operationId from the
// server's counters, compared with the fewest the API allows, and wall time with injected latency per
// request, compared with the least that latency allows. Each action checks its own outcome and throws when
// it is wrong, so a broken build cannot produce a fast-looking number; an action that throws is reported
// as an error and the others still run.

import { performance } from 'node:perf_hooks';
import type { BenchServer } from './serverProcess';
import { median, round, sumCounts } from './stats';

/**
 * What an action saw on its last run, shown next to its numbers (heap added, events fired, …). A numeric
 * `wallMs` replaces the measured wall time (an action that waits for quiet after it is done says when it was).
 */
export type Observed = Readonly<Record<string, string | number>>;

export interface Action<S> {
  readonly id: string;
  readonly label: string;
  /** The server counter scope (a vault name, or `$arm`); all scopes summed when absent. */
  readonly scope?: string;
  /** The fewest requests the API allows for this action, by operationId (challenge excluded). */
  readonly minimum: Readonly<Record<string, number>>;
  /**
   * The least wall time the injected latency allows; default: the requests of `minimum` one after another
   * (sum × latency). Actions whose requests may overlap or that wait for the service say theirs.
   */
  readonly minimumWallMs?: (latencyMs: number) => number;
  /** How the minimum wall time is counted, for the report. */
  readonly minimumWallNote?: string;
  readonly note?: string;
  /** Run at the first latency only, once, without a warm-up (waits for a service window). */
  readonly slow?: boolean;
  /** Runs per latency without a warm-up (long actions); default the bench's --runs after one warm-up. */
  readonly runs?: number;
  prepare(run: number): Promise<S>;
  act(state: S, run: number): Promise<Observed | undefined | void>;
  /** Called with 'new' before a run that must start from a new client (the 401 challenge), 'warm' after it. */
  client?(kind: 'warm' | 'new'): void;
}

export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  /** Median wall time over the least the latency allows (undefined at 0 ms). */
  readonly ratio?: number;
  readonly minimumMs?: number;
}

export interface ActionResult {
  readonly id: string;
  readonly label: string;
  readonly scope?: string;
  readonly note?: string;
  readonly minimumWallNote?: string;
  readonly minimum: Readonly<Record<string, number>>;
  /** Requests by operationId on a warm client (challenge already done), identical across runs. */
  readonly requests: Readonly<Record<string, number>>;
  /** Requests above the minimum (0 = the fewest the API allows). */
  readonly overMinimum: number;
  /** The same action as the first call of a new client: requests including the 401 challenge. */
  readonly cold?: Readonly<Record<string, number>>;
  /** By injected latency per request (ms), as a string key. */
  readonly wall: Readonly<Record<string, Timing>>;
  readonly observed?: Observed;
  /** Set when the action threw or its request counts changed between runs. */
  readonly error?: string;
}

export interface RunOptions {
  readonly runs: number;
  readonly latenciesMs: readonly number[];
  readonly log: (line: string) => void;
}

function nonZero(counts: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

export function overMinimum(
  requests: Readonly<Record<string, number>>,
  minimum: Readonly<Record<string, number>>,
): number {
  let extra = 0;
  for (const [op, n] of Object.entries(requests)) extra += Math.max(0, n - (minimum[op] ?? 0));
  return extra;
}

/** The least wall time of an action at this latency. */
export function minimumWall(action: Pick<Action<unknown>, 'minimum' | 'minimumWallMs'>, latencyMs: number): number {
  return action.minimumWallMs?.(latencyMs) ?? sumCounts(action.minimum) * latencyMs;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runOne<S>(
  emu: BenchServer,
  action: Action<S>,
  options: RunOptions,
  next: () => number,
): Promise<ActionResult> {
  /** The counts of the last run, also when it failed. */
  let lastCounts: Record<string, number> | undefined;
  const measure = async (
    kind: 'warm' | 'new',
  ): Promise<{ ms: number; counts: Record<string, number>; observed: Observed | undefined }> => {
    const run = next();
    const state = await action.prepare(run);
    if (kind === 'new') action.client?.('new');
    try {
      await emu.resetCounts();
      const t0 = performance.now();
      let result: Awaited<ReturnType<typeof action.act>>;
      let measured: number;
      try {
        result = await action.act(state, run);
        measured = performance.now() - t0;
      } finally {
        // After the clock stops: the counts are a control request to the server's own process.
        lastCounts = nonZero(await emu.counts(action.scope));
      }
      const counts = lastCounts;
      const { wallMs, ...observed } = result ?? {};
      const ms = typeof wallMs === 'number' ? wallMs : measured;
      return {
        ms,
        counts,
        observed: Object.keys(observed).length > 0 ? observed : undefined,
      };
    } finally {
      if (kind === 'new') action.client?.('warm');
    }
  };
  const latencies = action.slow === true ? options.latenciesMs.slice(0, 1) : options.latenciesMs;
  const runs = action.slow === true ? 1 : (action.runs ?? options.runs);
  const warmUp = action.slow !== true && action.runs === undefined;
  const wall: Record<string, Timing> = {};
  let requests: Record<string, number> | undefined;
  let observed: Observed | undefined;
  const base = {
    id: action.id,
    label: action.label,
    ...(action.scope !== undefined ? { scope: action.scope } : {}),
    ...(action.note !== undefined ? { note: action.note } : {}),
    ...(action.minimumWallNote !== undefined ? { minimumWallNote: action.minimumWallNote } : {}),
    minimum: action.minimum,
  };
  try {
    for (const latency of latencies) {
      await emu.clearFaults();
      if (latency > 0) await emu.injectFault({ kind: 'latency', ms: latency });
      if (warmUp) await measure('warm'); // not recorded
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const m = await measure('warm');
        const seen = JSON.stringify(m.counts);
        if (requests === undefined) requests = m.counts;
        else if (JSON.stringify(requests) !== seen)
          throw new Error(`request counts differ between runs: ${JSON.stringify(requests)} vs ${seen}`);
        times.push(m.ms);
        observed = m.observed;
      }
      const medianMs = median(times);
      const minimumMs = minimumWall(action, latency);
      wall[String(latency)] = {
        medianMs: round(medianMs, 2),
        minMs: round(Math.min(...times), 2),
        maxMs: round(Math.max(...times), 2),
        runs,
        ...(minimumMs > 0 ? { ratio: round(medianMs / minimumMs, 2), minimumMs: round(minimumMs, 1) } : {}),
      };
    }
    await emu.clearFaults();
    const cold = action.client === undefined || action.slow === true ? undefined : (await measure('new')).counts;
    const req = requests ?? {};
    return {
      ...base,
      requests: req,
      overMinimum: overMinimum(req, action.minimum),
      ...(cold !== undefined ? { cold } : {}),
      wall,
      ...(observed !== undefined ? { observed } : {}),
    };
  } catch (error) {
    await emu.clearFaults().catch(() => undefined);
    const req = requests ?? lastCounts ?? {};
    return { ...base, requests: req, overMinimum: overMinimum(req, action.minimum), wall, error: describe(error) };
  }
}

/** Runs the actions one after another; an action that fails is recorded with its error and the next one runs. */
export async function runActions(
  emu: BenchServer,
  actions: readonly Action<unknown>[],
  options: RunOptions,
): Promise<ActionResult[]> {
  let runNumber = 0;
  const results: ActionResult[] = [];
  for (const action of actions) {
    const r = await runOne(emu, action, options, () => runNumber++);
    results.push(r);
    const times = Object.entries(r.wall)
      .map(([l, t]) => `${l} ms → ${t.medianMs} ms${t.ratio !== undefined ? ` (${t.ratio}× min)` : ''}`)
      .join(', ');
    options.log(
      `  ${r.label}: ${JSON.stringify(r.requests)} ${times}${r.error !== undefined ? ` ERROR ${r.error}` : ''}`,
    );
  }
  return results;
}
