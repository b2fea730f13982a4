// Run and debug with secrets, the VS Code side: what the activation stand-ins (src/lazyRun.ts) hand their calls to.
// - a launch configuration of any debug type that names keyVaultSecrets.envFile / keyVaultSecrets.env gets the
//   resolved values in its `env` (merged over the `env` it has), and those two keys are taken out of what the
//   debug adapter receives;
// - a task of type `keyVaultSecrets` runs its command line (no shell) with the resolved environment, in a
//   pseudoterminal, through the one module that starts processes;
// - `${command:keyVaultSecrets.secretValue}` in a launch or task `inputs` entry returns one reference's value.
// Every path resolves through resolveRunEnvironment: the same checks, the same approval, the same failures.

import * as vscode from 'vscode';
import { startProgram } from '../platform/processes';
import { workspaceFolderTrust } from '../platform/workspaceTrust';
import { t } from '../shared/l10n';
import { ENV_FILE_KEY, ENV_KEY, optsIn, TASK_TYPE } from '../shared/run/runKeys';
import { ownEntry } from '../shared/workspaceInput';
import { runAction, type ActionContext } from '../ui/ErrorBoundary';
import { resolveRunEnvironment } from './resolveRunEnv';
import type { RunApprovals } from './runApprovals';

/** The variable name a secretValue input's value is kept under while it is resolved. */
const INPUT_VARIABLE = 'KEY_VAULT_SECRET';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text entries of an `env` object (what a launch configuration's env may hold besides: null unsets). */
function existingEnv(value: unknown): Record<string, string | null> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string | null] => typeof e[1] === 'string' || e[1] === null),
  );
}

export class RunFeature {
  constructor(private readonly approvals: RunApprovals) {}

  /** A launch configuration after variable substitution: `env` filled, or undefined (the launch stops). */
  async resolveDebugConfiguration(
    folder: vscode.WorkspaceFolder | undefined,
    config: vscode.DebugConfiguration,
  ): Promise<vscode.DebugConfiguration | undefined> {
    if (!optsIn(config)) return config;
    const what = t('the launch configuration "{0}"', String(config.name));
    const env = await runAction(t('Launch with secrets'), (action) =>
      resolveRunEnvironment(
        {
          what,
          approvalKey: JSON.stringify(['debug', folder?.uri.toString() ?? '', config.type, config.name]),
          folder: folder?.uri.fsPath,
          envFile: ownEntry(config, ENV_FILE_KEY),
          env: ownEntry(config, ENV_KEY),
        },
        this.approvals,
        action,
      ),
    );
    if (env === undefined) return undefined;
    const { [ENV_FILE_KEY]: _file, [ENV_KEY]: _inline, ...passed } = config;
    return {
      ...passed,
      type: config.type,
      name: config.name,
      request: config.request,
      env: { ...existingEnv(config.env), ...env },
    };
  }

  /** A tasks.json task of type keyVaultSecrets, made runnable: its command line runs when the task starts. */
  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition: Record<string, unknown> = task.definition;
    const command = ownEntry(definition, 'command');
    if (typeof command !== 'string' || command.trim() === '') return undefined;
    const args = ownEntry(definition, 'args');
    const argList = Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [];
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    const execution = new vscode.CustomExecution(() =>
      Promise.resolve(
        new SecretsTaskTerminal(
          {
            what: t('the task "{0}"', task.name),
            approvalKey: JSON.stringify(['task', folder?.uri.toString() ?? '', task.name, command, argList]),
            folder: folder?.uri.fsPath,
            envFile: ownEntry(definition, 'envFile'),
            env: ownEntry(definition, 'env'),
          },
          command,
          argList,
          this.approvals,
        ),
      ),
    );
    return new vscode.Task(task.definition, task.scope ?? vscode.TaskScope.Workspace, task.name, TASK_TYPE, execution);
  }

  /**
   * `${command:keyVaultSecrets.secretValue}`: the value of the input's `reference` (one reference). The command
   * table runs it inside the error boundary; a refusal or a "no" leaves the input without a value (the launch stops).
   */
  async secretValue(args: unknown, action: ActionContext): Promise<string | undefined> {
    const reference = isRecord(args) ? ownEntry(args, 'reference') : undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    const env = await resolveRunEnvironment(
      {
        what: t('the launch input'),
        approvalKey: JSON.stringify(['input', typeof reference === 'string' ? reference : '']),
        folder: folder?.uri.fsPath,
        envFile: undefined,
        env: { [INPUT_VARIABLE]: typeof reference === 'string' ? reference : '' },
      },
      this.approvals,
      action,
    );
    return env[INPUT_VARIABLE];
  }
}

/** The pseudoterminal of a keyVaultSecrets task: resolves the environment, then runs the program in it. */
class SecretsTaskTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private stop: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly request: Parameters<typeof resolveRunEnvironment>[0],
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly approvals: RunApprovals,
  ) {}

  open(): void {
    void this.run();
  }

  close(): void {
    this.stopped = true;
    this.stop?.();
  }

  private write(text: string): void {
    this.written.fire(text.replace(/\r?\n/g, '\r\n'));
  }

  private async run(): Promise<void> {
    const env = await runAction(t('Task with secrets'), (action) =>
      resolveRunEnvironment(this.request, this.approvals, action),
    );
    if (env === undefined || this.stopped) {
      this.write(t('Not started: the secrets were not read.') + '\n');
      this.closed.fire(1);
      return;
    }
    const folder = this.request.folder;
    const started =
      folder === undefined
        ? ({ kind: 'untrusted' } as const)
        : startProgram(workspaceFolderTrust(), folder, this.command, this.args, env, (text) => this.write(text));
    if (started.kind !== 'started') {
      this.write(
        (started.kind === 'notFound'
          ? t(
              '{0} was not found (a bare name is looked up on PATH; give a path for a program of the workspace).',
              this.command,
            )
          : t('Not started: programs run only in a folder of a trusted workspace.')) + '\n',
      );
      this.closed.fire(1);
      return;
    }
    this.stop = () => started.run.stop();
    const code = await started.run.exited;
    this.closed.fire(code ?? 1);
  }
}
