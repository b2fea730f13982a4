// The one condition wait of every test tier: probe until the condition holds, and fail with what was awaited
// once a deadline passes. Tests wait for conditions, never for a time: a busy CI machine makes every step slower,
// so the deadline is generous and only bounds a test that would otherwise hang. No `vscode`, no Node-only API:
// the unit, integration, extension-host and browser tiers all use it.

/** How long a wait may take by default: generous, since CI machines are shared and often busy. */
export const WAIT_DEADLINE_MS = 30_000;

/**
 * Resolves with the probe's first value that is neither undefined nor false (a probe may be async). Rejects with
 * `timed out waiting for <what>` once `timeoutMs` has passed; probes every `intervalMs` meanwhile.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = WAIT_DEADLINE_MS,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * "Nothing more happens": fails as soon as `probe` comes true within `windowMs` (the time in which the unwanted
 * thing would show: e.g. a held answer's latency). A busy machine can only make it show later, never make this
 * fail when nothing happens; it is the one wait on a window, for what must NOT happen.
 */
export async function waitForNever(
  probe: () => boolean | Promise<boolean>,
  what: string,
  windowMs: number,
  intervalMs = 50,
): Promise<void> {
  const end = Date.now() + windowMs;
  for (;;) {
    if (await probe()) throw new Error(`${what} happened`);
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
