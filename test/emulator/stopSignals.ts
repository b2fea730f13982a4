// Stop requests from signals, for long-running command lines (the local Key Vault server's CLI, `npm run demo`).
// Ctrl-C in a terminal reaches every process of the foreground group, and runners (npm, tsx) forward it again a
// few milliseconds later, so one Ctrl-C arrives as two or three SIGINTs. The handlers are registered with
// `process.on` and stay for the whole run: a repeated signal is absorbed instead of ending the process half-way
// through its cleanup (with `once`, the second one meets no handler and kills it), and a signal that arrives
// while the process is still starting is remembered, so startup can stop at its next step.

export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface StopSignals {
  /** Resolves with the first stop signal. */
  readonly requested: Promise<NodeJS.Signals>;
  /** The first stop signal received so far, if any. */
  received(): NodeJS.Signals | undefined;
}

/** Call first thing in `main`. `onFirst` runs once, for the first signal; later ones are ignored. */
export function listenForStopSignals(onFirst?: (signal: NodeJS.Signals) => void): StopSignals {
  let first: NodeJS.Signals | undefined;
  let resolveRequested: (signal: NodeJS.Signals) => void = () => undefined;
  const requested = new Promise<NodeJS.Signals>((resolve) => {
    resolveRequested = resolve;
  });
  const onSignal = (signal: NodeJS.Signals): void => {
    if (first !== undefined) {
      return;
    }
    first = signal;
    onFirst?.(signal);
    resolveRequested(signal);
  };
  for (const signal of STOP_SIGNALS) {
    process.on(signal, onSignal);
  }
  return { requested, received: () => first };
}
