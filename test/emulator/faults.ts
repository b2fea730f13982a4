// Fault injection by route, and request counters per route.

/** Which vault's requests a fault or counter concerns; ARM requests use this name. */
export const ARM_SCOPE = '$arm';

export type FaultSpec =
  | (FaultTarget & { readonly kind: 'latency'; readonly ms: number })
  | (FaultTarget & { readonly kind: '429'; readonly retryAfterSeconds?: number; readonly retryAfterMs?: number })
  | (FaultTarget & { readonly kind: '503'; readonly retryAfterSeconds?: number; readonly retryAfterMs?: number })
  | (FaultTarget & { readonly kind: 'drop' })
  /** The operation is applied, then the connection is dropped instead of answering (the answer is lost). */
  | (FaultTarget & { readonly kind: 'dropAfter' })
  | (FaultTarget & { readonly kind: 'hang' });

export interface FaultTarget {
  /** Vault name (or '$arm' for the ARM origin); any when absent. */
  readonly vault?: string;
  /** operationId such as 'GetSecrets', 'SetSecret', 'ArmListVaults'; any when absent. */
  readonly route?: string;
  /** How many matching requests it applies to; unlimited when absent. */
  readonly times?: number;
}

export type FaultKind = FaultSpec['kind'];
const KINDS: readonly string[] = ['latency', '429', '503', 'drop', 'dropAfter', 'hang'];

interface ActiveFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/** Checks a FaultSpec that came over the wire; returns an error text or undefined. */
export function validateFault(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) {
    return 'a fault must be an object';
  }
  const f = v as Record<string, unknown>;
  if (typeof f.kind !== 'string' || !KINDS.includes(f.kind)) {
    return `kind must be one of ${KINDS.join(', ')}`;
  }
  if (f.kind === 'latency' && (typeof f.ms !== 'number' || f.ms < 0)) {
    return 'latency needs ms >= 0';
  }
  for (const k of ['vault', 'route'] as const) {
    if (f[k] !== undefined && typeof f[k] !== 'string') {
      return `${k} must be a string`;
    }
  }
  for (const k of ['times', 'retryAfterSeconds', 'retryAfterMs'] as const) {
    if (f[k] !== undefined && (typeof f[k] !== 'number' || f[k] < 0)) {
      return `${k} must be a number >= 0`;
    }
  }
  return undefined;
}

export class FaultTable {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const err = validateFault(spec);
    if (err) {
      throw new Error(`Invalid fault: ${err}`);
    }
    this.faults.push({ spec, remaining: spec.times ?? Infinity });
  }

  clear(): void {
    this.faults = [];
  }

  /** The faults that apply to this request, in the order added; each use is consumed. */
  take(scope: string, route: string): FaultSpec[] {
    const hits: FaultSpec[] = [];
    for (const f of this.faults) {
      if (f.remaining <= 0) {
        continue;
      }
      if (f.spec.vault !== undefined && f.spec.vault !== scope) {
        continue;
      }
      if (f.spec.route !== undefined && f.spec.route !== route) {
        continue;
      }
      f.remaining--;
      hits.push(f.spec);
    }
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return hits;
  }
}

export class Counters {
  private readonly byScope = new Map<string, Map<string, number>>();

  bump(scope: string, route: string): void {
    let m = this.byScope.get(scope);
    if (!m) {
      m = new Map();
      this.byScope.set(scope, m);
    }
    m.set(route, (m.get(route) ?? 0) + 1);
  }

  /** Counts for one vault (or '$arm'), or summed over everything when scope is absent. */
  read(scope?: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [s, m] of this.byScope) {
      if (scope !== undefined && s !== scope) {
        continue;
      }
      for (const [route, n] of m) {
        out[route] = (out[route] ?? 0) + n;
      }
    }
    return out;
  }

  reset(): void {
    this.byScope.clear();
  }
}
