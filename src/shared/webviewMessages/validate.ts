// The one validator of what a webview posts. A webview is the less trusted side: nothing it posts is used before
// its protocol's rules accepted it. Every protocol of this folder states, per message type, the keys the message
// may carry besides `type` and what they must hold; `parseWebviewMessage` applies them the same way for all:
// an object, a known type (an own key of the rules, so `__proto__` or `constructor` is no type), no other key,
// then the type's own checks.

export type Parsed<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly reason: string };

/** The first message of every front end: it is listening, the host may send its state. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** One message type: the keys it may carry besides `type`, and its own checks (a reason when they fail). */
export interface MessageRule<M> {
  readonly keys?: readonly string[];
  readonly read?: (x: Record<string, unknown>) => M | string;
}

/** A protocol's rules: one per message type the webview may post. */
export type MessageRules<M extends { readonly type: string }> = {
  readonly [T in M['type']]: MessageRule<Extract<M, { readonly type: T }>>;
};

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function onlyKeys(x: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  for (const k of Object.keys(x)) if (!allowed.includes(k)) return `unexpected property "${k}"`;
  return undefined;
}

/** Text of at most `max` characters. */
export function isText(x: unknown, max: number): x is string {
  return typeof x === 'string' && x.length <= max;
}

/** A request id a front end echoes back: a non-negative safe integer. */
export function isRequestId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** The most tag rows a form may post (the service allows 15; the rows are checked before they count). */
const MAX_TAG_ROWS = 100;

/** A form's tag rows (`{ key, value }` objects of short strings), or why they are refused. */
export function parseTagRows(x: unknown): Array<{ key: string; value: string }> | string {
  if (!Array.isArray(x)) return 'tags must be a list';
  if (x.length > MAX_TAG_ROWS) return 'too many tag rows';
  const out: Array<{ key: string; value: string }> = [];
  for (const row of x as unknown[]) {
    if (!isRecord(row)) return 'a tag row must be an object';
    const extra = onlyKeys(row, ['key', 'value']);
    if (extra !== undefined) return `tag row: ${extra}`;
    if (!isText(row.key, 1024) || !isText(row.value, 1024)) return 'a tag key and value must be short strings';
    out.push({ key: row.key, value: row.value });
  }
  return out;
}

/** Validates anything a webview posted against its protocol's rules. */
export function parseWebviewMessage<M extends { readonly type: string }>(
  x: unknown,
  rules: MessageRules<M>,
): Parsed<M> {
  if (!isRecord(x)) return { ok: false, reason: 'a message must be an object' };
  const type = x.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(rules, type))
    return {
      ok: false,
      reason: `unknown message type ${JSON.stringify(typeof type === 'string' ? type.slice(0, 40) : typeof type)}`,
    };
  const rule = (rules as Readonly<Record<string, MessageRule<M>>>)[type];
  const extra = onlyKeys(x, ['type', ...(rule?.keys ?? [])]);
  if (extra !== undefined) return { ok: false, reason: extra };
  if (rule?.read === undefined) return { ok: true, message: { type } as M };
  const read = rule.read(x);
  return typeof read === 'string' ? { ok: false, reason: read } : { ok: true, message: read };
}
