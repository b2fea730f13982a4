// What the bench probes read of a tree node handed out by the production bundle's TreeDataProvider (they run
// against the bundle, so they check the shape instead of importing src/tree's types).

export interface BenchNode {
  readonly kind: string;
  readonly id: string;
  readonly vault?: { readonly name?: unknown };
  readonly secret?: { readonly name?: unknown; readonly enabled?: unknown };
  readonly message?: unknown;
}

export function isNode(x: unknown): x is BenchNode {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { kind?: unknown }).kind === 'string' &&
    typeof (x as { id?: unknown }).id === 'string'
  );
}
