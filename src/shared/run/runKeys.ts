// The keys by which a launch configuration opts in to Run and debug with secrets, and the task type. Their own
// module with no import: the activation bundle (src/lazyRun.ts) reads them without loading the mapping rules.

/** A file (or list of files) of VARIABLE=reference rows, or an Azure Functions local.settings.json. */
export const ENV_FILE_KEY = 'keyVaultSecrets.envFile';
/** VARIABLE: reference rows inline. */
export const ENV_KEY = 'keyVaultSecrets.env';
/** The task type of tasks.json (package.json contributes.taskDefinitions). */
export const TASK_TYPE = 'keyVaultSecrets';

/** Whether a launch configuration opts in (only its own keys count, not inherited members). */
export function optsIn(config: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(config, ENV_FILE_KEY) || Object.hasOwn(config, ENV_KEY);
}
