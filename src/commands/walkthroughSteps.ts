// The Get Started walkthrough's steps tick only when the user did what the step asks: each step completes on a
// context key (package.json: "onContext:…"), which the step's commands set once they succeeded. A dismissed
// picker, a sign-in that did not happen or a reference that could not be inserted leaves the step open.

import * as vscode from 'vscode';
import { WALKTHROUGH_CONTEXT, type WalkthroughStep } from '../shared/walkthroughContext';

/** Runs a command; when `succeeded` says it did what `step` asks, the step is ticked. The result is passed on. */
export async function ticking<R>(
  step: WalkthroughStep,
  run: Promise<R>,
  succeeded: (result: R) => boolean | Promise<boolean>,
): Promise<R> {
  const result = await run;
  if (await succeeded(result)) await vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT[step], true);
  return result;
}
