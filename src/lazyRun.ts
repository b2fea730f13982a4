// Run and debug with secrets at activation: a debug configuration provider for every debug type and the task
// provider of the `keyVaultSecrets` task type, registered before the core is loaded. A launch configuration that
// does not opt in (no keyVaultSecrets.envFile / keyVaultSecrets.env) passes through untouched and loads nothing;
// one that does, and every keyVaultSecrets task, loads the core and is handed to its RunFeature
// (src/run/runFeature.ts). Only `vscode` and the opt-in keys here: this file is in the activation bundle.

import * as vscode from 'vscode';
import { optsIn, TASK_TYPE } from './shared/run/runKeys';

/** What the core's RunFeature answers for the stand-ins. */
export interface RunPort {
  resolveDebugConfiguration(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined>;
  resolveTask(task: vscode.Task): vscode.Task | undefined;
}

export function registerRunStandIns(load: () => Promise<{ readonly run: RunPort }>): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.debug.registerDebugConfigurationProvider('*', {
      resolveDebugConfigurationWithSubstitutedVariables: async (folder, config) =>
        optsIn(config) ? (await load()).run.resolveDebugConfiguration(folder, config) : config,
    }),
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => [],
      resolveTask: async (task) => (await load()).run.resolveTask(task),
    }),
  );
}
