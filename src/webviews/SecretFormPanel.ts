// Host side of the secret form (create a secret, set a new version, edit the properties of a version).
// The webview posts `submit` with the fields; the host validates them again with the shared rules, sends the
// request, and answers with a `result` that puts the service's refusals next to their fields.
// The value exists on the host only for the duration of one submit; it is never posted back or persisted.

import { webcrypto } from 'node:crypto';
import * as vscode from 'vscode';
import {
  DEFAULT_GENERATE_OPTIONS,
  GENERATE_LIMITS,
  generateValue,
  type GenerateOptions,
} from '../shared/generateValue';
import {
  parseFormMessage,
  type FormResult,
  type FormToHost,
  type GeneratorInit,
  type HostToForm,
} from '../shared/webviewMessages/secretForm';
import { formStrings } from '../shared/webviewStrings';
import {
  emptyFields,
  fieldsOf,
  formFieldOf,
  hasErrors,
  toPropertiesUpdate,
  toSecretInput,
  type SecretInputData,
  validateForm,
  type FormErrors,
  type SecretFormFields,
  type SecretFormMode,
} from '../shared/secretFormModel';
import { isCancellation, type ActionContext } from '../ui/ErrorBoundary';
import { logWarn, masked } from '../ui/log';
import { confirmLoss } from '../ui/destructiveGate';
import { createAllowed } from './createOverExisting';
import { info, warning } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import { purgeAllowed, userMessage } from '../vault/vaultHelpers';
import type { PanelHost } from './PanelHost';
import { PanelKind, WebviewPanelBase } from './WebviewPanelBase';
import { t as l10nT } from '../shared/l10n';

export const FORM_VIEW_TYPE = 'keyVaultSecrets.secretForm';

export interface FormTarget {
  readonly mode: SecretFormMode;
  readonly vault: VaultRef;
  readonly name?: string;
  readonly version?: string;
  /** Initial fields (never a value). */
  readonly fields?: SecretFormFields;
  /**
   * A value the host already holds (Move to Key Vault: the selected text). The webview never receives it: the form
   * shows a read-only note with its length instead of the value field, and the host sends this value on submit.
   */
  readonly heldValue?: string;
  /** Asked before creating (create mode; default: the gate when the name exists); false leaves the name marked. */
  readonly confirmCreate?: (name: string) => Promise<boolean>;
}

/** A held value's length as the form's note shows it: characters (code points), not bytes. */
export function heldValueChars(value: string): number {
  return [...value].length;
}

function titleOf(t: FormTarget): string {
  switch (t.mode) {
    case 'create':
      return `New secret · ${t.vault.name}`;
    case 'newVersion':
      return `New version · ${t.name ?? ''}`;
    case 'editProperties':
      return `Properties · ${t.name ?? ''}@${(t.version ?? '').slice(0, 8)}`;
  }
}

/** One overall deadline for a form's follow-up (recover then set, purge then create). */
const FOLLOW_UP_DEADLINE_MS = 120_000;

const kind = new PanelKind<SecretFormPanel>();

export class SecretFormPanel extends WebviewPanelBase<FormToHost, HostToForm> {
  private busy = false;
  /** A value Generate Value drew (held on the host until the submit; never posted to the webview). */
  private generated: string | undefined;
  private target: FormTarget;
  private createdName: string | undefined;
  private settle: (name: string | undefined) => void = () => undefined;
  /** The name of the secret this form created or set, once it closes; undefined when it closed without that. */
  readonly outcome: Promise<string | undefined>;

  static all(): readonly SecretFormPanel[] {
    return kind.all();
  }

  static show(host: PanelHost, target: FormTarget): SecretFormPanel {
    return kind.show(SecretFormPanel.keyOf(target), () => new SecretFormPanel(host, target));
  }

  /** Undefined for a form holding a value: it is never shared (another command's form must not submit that value). */
  private static keyOf(t: FormTarget): string | undefined {
    if (t.heldValue !== undefined) return undefined;
    return [t.mode, t.vault.key, t.name ?? '', t.version ?? ''].join('\n');
  }

  private constructor(
    private readonly host: PanelHost,
    target: FormTarget,
  ) {
    super({
      viewType: FORM_VIEW_TYPE,
      entry: 'secretForm',
      title: titleOf(target),
      extensionUri: host.extensionUri,
      logName: 'Secret form',
      parse: parseFormMessage,
    });
    this.target = target;
    this.outcome = new Promise((resolve) => (this.settle = resolve));
  }

  get mode(): SecretFormMode {
    return this.target.mode;
  }
  get vault(): VaultRef {
    return this.target.vault;
  }
  get secretName(): string | undefined {
    return this.target.name;
  }

  protected async dispatch(msg: FormToHost, ctx: ActionContext): Promise<boolean> {
    switch (msg.type) {
      case 'ready':
        this.post(this.initMessage());
        if (this.generated !== undefined) this.post({ type: 'held', chars: heldValueChars(this.generated) });
        return true;
      case 'cancel':
        this.panel.dispose();
        return true;
      case 'submit':
        if (msg.fields.value !== '') ctx.mask(msg.fields.value);
        if (this.target.heldValue !== undefined && this.target.heldValue !== '') ctx.mask(this.target.heldValue);
        if (this.generated !== undefined) ctx.mask(this.generated);
        await this.submit(msg.requestId, msg.fields);
        return true;
      case 'generate':
        if (this.generatorInit() === undefined) return false;
        this.generate(msg);
        return true;
      case 'dropHeld':
        this.generated = undefined;
        return true;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  /**
   * Generate Value: the value is drawn here (Web Crypto, the shared unbiased rule) and held like Move to Key
   * Vault's selected text: it never enters the webview (no DOM, no reveal, no state), only its length does, and
   * the submit sends it. Drawing again replaces it.
   */
  private generate(options: GenerateOptions): void {
    this.generated = generateValue(options, (bytes) => void webcrypto.getRandomValues(bytes));
    this.post({ type: 'held', chars: heldValueChars(this.generated) });
  }

  /** Generate Value is offered where a value is typed: create and new version, unless the host holds one. */
  private generatorInit(): GeneratorInit | undefined {
    if (this.target.mode === 'editProperties' || this.target.heldValue !== undefined) return undefined;
    return {
      minLength: GENERATE_LIMITS.minLength,
      maxLength: GENERATE_LIMITS.maxLength,
      defaults: DEFAULT_GENERATE_OPTIONS,
      labels: {
        open: l10nT('Generate…'),
        length: l10nT('Length'),
        sets: {
          lower: l10nT('Lowercase (a-z)'),
          upper: l10nT('Uppercase (A-Z)'),
          digits: l10nT('Digits (0-9)'),
          symbols: l10nT('Symbols (!#%&…)'),
        },
        generate: l10nT('Generate Value'),
        held: l10nT('A generated value of {0} characters (hidden; it is not shown here).'),
        typeInstead: l10nT('Type a Value Instead'),
      },
    };
  }

  private initMessage(): HostToForm {
    const t = this.target;
    const generator = this.generatorInit();
    return {
      type: 'init',
      mode: t.mode,
      vaultName: t.vault.name,
      vaultUrl: t.vault.url,
      ...(t.name !== undefined ? { secretName: t.name } : {}),
      ...(t.version !== undefined ? { version: t.version } : {}),
      ...(t.heldValue !== undefined ? { heldValueChars: heldValueChars(t.heldValue) } : {}),
      fields: { ...(t.fields ?? emptyFields()), value: '' },
      ...(generator !== undefined ? { generator } : {}),
      strings: formStrings(),
      ...(vscode.l10n.bundle !== undefined ? { l10n: vscode.l10n.bundle } : {}),
    };
  }

  private result(requestId: number, ok: boolean, message?: string, errors?: FormErrors): void {
    const r: FormResult = {
      type: 'result',
      requestId,
      ok,
      ...(message !== undefined ? { message } : {}),
      ...(errors !== undefined ? { errors } : {}),
    };
    this.post(r);
  }

  private async submit(requestId: number, typed: SecretFormFields): Promise<void> {
    const held = this.generated ?? this.target.heldValue;
    const fields = held !== undefined ? { ...typed, value: held } : typed;
    if (this.busy) {
      this.result(requestId, false, 'Still saving the previous request.');
      return;
    }
    const errors = validateForm(this.target.mode, fields);
    if (hasErrors(errors)) {
      this.result(requestId, false, 'Fix the marked fields.', errors);
      return;
    }
    this.busy = true;
    try {
      const done = await this.send(fields);
      if (done === undefined) {
        this.createdName = this.target.mode === 'create' ? fields.name.trim() : this.target.name;
        this.result(requestId, true);
        this.panel.dispose();
      } else {
        this.result(requestId, false, done.message, done.errors);
      }
    } catch (e) {
      const refusal = this.refusal(e, fields.value);
      if (refusal === undefined) throw e; // cancellation: silent
      this.result(requestId, false, refusal.message, refusal.errors);
    } finally {
      this.busy = false;
    }
  }

  /** Turns a failure into what the form shows: the service's refusal next to its field, or one message. */
  private refusal(e: unknown, value: string): { message: string; errors?: FormErrors } | undefined {
    if (isCancellation(e)) return undefined;
    const message = masked(userMessage(e), value === '' ? [] : [value]);
    logWarn(`Secret form: the service refused the request: ${message}`);
    if (isKeyVaultFailure(e)) {
      const field = formFieldOf(e.field) ?? (e.kind === 'badParameter' ? guessField(e.message) : undefined);
      if (field !== undefined && fieldsOf(this.target.mode).includes(field))
        return { message: l10nT('The service refused the request.'), errors: { [field]: message } };
    }
    return { message };
  }

  /** Sends the request. Returns undefined on success, or what to show when the user declined a follow-up. */
  private async send(fields: SecretFormFields): Promise<{ message: string; errors?: FormErrors } | undefined> {
    const { vault } = this.target;
    const client = this.host.clientFor(vault);
    switch (this.target.mode) {
      case 'create': {
        const name = fields.name.trim();
        const input = toSecretInput(fields);
        const allowed = this.target.confirmCreate ?? ((n: string) => createAllowed(client, vault, n));
        if (!(await allowed(name)))
          return {
            message: l10nT('Not created.'),
            errors: { name: l10nT('Choose another name, or confirm to add a new version.') },
          };
        try {
          await withProgress(l10nT('Creating secret "{0}" in {1}…', name, vault.name), (signal) =>
            client.setSecret(name, input, { signal }),
          );
        } catch (e) {
          if (isKeyVaultFailure(e) && e.kind === 'deletedButRecoverable') return this.deletedConflict(name, fields);
          throw e;
        }
        this.host.changed({ vault, name, kind: 'created' });
        void info(l10nT('Created secret "{0}" in vault {1}.', name, vault.name));
        return undefined;
      }
      case 'newVersion': {
        const name = this.target.name ?? '';
        await withProgress(l10nT('Setting a new version of "{0}"…', name), (signal) =>
          client.setSecret(name, toSecretInput(fields), { signal }),
        );
        this.host.changed({ vault, name, kind: 'newVersion' });
        void info(l10nT('Set a new version of secret "{0}".', name));
        return undefined;
      }
      case 'editProperties': {
        const name = this.target.name ?? '';
        const version = this.target.version ?? '';
        await withProgress(l10nT('Updating the properties of "{0}"…', name), (signal) =>
          client.updateProperties(name, version, toPropertiesUpdate(fields), { signal }),
        );
        this.host.changed({ vault, name, kind: 'properties' });
        void info(l10nT('Updated the properties of secret "{0}" (version {1}).', name, version.slice(0, 8)));
        return undefined;
      }
    }
  }

  /**
   * Create hit a name that is deleted but recoverable: offer Recover (then set this value) or Purge (then create).
   * The chosen follow-up runs under one cancellable progress with one overall deadline; the vault layer retries
   * the service's short "still being deleted/recovered" conflict on its own.
   */
  private async deletedConflict(
    name: string,
    fields: SecretFormFields,
  ): Promise<{ message: string; errors?: FormErrors } | undefined> {
    const { vault } = this.target;
    const client = this.host.clientFor(vault);
    const deleted = await withProgress(l10nT('Reading the deleted secret "{0}"…', name), (signal) =>
      client.getDeleted(name, { signal }),
    ).catch((e: unknown) => {
      if (isCancellation(e)) throw e;
      return undefined;
    });
    const canPurge = purgeAllowed(deleted?.recoveryLevel);
    const recover = l10nT('Recover and Set Value');
    const purge = l10nT('Purge and Create');
    const detail =
      l10nT(
        'Its name cannot be reused while it is deleted. "{0}" brings the deleted secret back with its versions and adds your value as its newest version.',
        recover,
      ) +
      (canPurge
        ? l10nT(' "{0}" deletes it for good (this cannot be undone), then creates your secret.', purge)
        : l10nT(' Purge protection is on in this vault, so it cannot be purged.'));
    const choice = await warning(
      l10nT('A deleted secret named "{0}" can still be recovered in vault {1}.', name, vault.name),
      { modal: true, detail },
      ...(canPurge ? [recover, purge] : [recover]),
    );
    const input = toSecretInput(fields);
    const declined = {
      message: l10nT('Not created.'),
      errors: {
        name: l10nT(
          'A deleted secret named "{0}" exists in this vault: recover or purge it, or choose another name.',
          name,
        ),
      },
    };
    if (choice === recover) {
      await this.followUp(
        name,
        l10nT('Recovering "{0}" and setting your value…', name),
        'recovered',
        (signal) => client.recoverDeleted(name, { signal }),
        l10nT('setting the new value'),
        input,
      );
      this.host.changed({ vault, name, kind: 'newVersion' });
      void info(l10nT('Recovered secret "{0}" and set your value as its newest version.', name));
      return undefined;
    }
    if (choice === purge) {
      try {
        // As the Purge command: purging cannot be undone, so the user types the secret's name.
        await confirmLoss({ kind: 'purge', groups: [{ vault, names: [name] }] });
      } catch (e) {
        if (isCancellation(e)) return declined;
        throw e;
      }
      await this.followUp(
        name,
        l10nT('Purging "{0}" and creating it anew…', name),
        'purged',
        (signal) => client.purgeDeleted(name, { signal }),
        l10nT('creating the secret'),
        input,
      );
      this.host.changed({ vault, name, kind: 'created' });
      void info(l10nT('Purged the deleted secret and created "{0}" in vault {1}.', name, vault.name));
      return undefined;
    }
    return declined;
  }

  /**
   * A follow-up of the deleted-name conflict: `first` (recover or purge), then set the value, under one cancellable
   * progress with one overall deadline. What `first` did is shown (tree, panels) even when the set does not follow.
   */
  private async followUp(
    name: string,
    title: string,
    firstKind: 'recovered' | 'purged',
    first: (signal: AbortSignal) => Promise<unknown>,
    secondStep: string,
    input: SecretInputData,
  ): Promise<void> {
    const { vault } = this.target;
    const client = this.host.clientFor(vault);
    let firstDone = false;
    try {
      await withProgress(
        title,
        async (signal, step) => {
          await first(signal);
          firstDone = true;
          step(secondStep);
          await client.setSecret(name, input, { signal });
        },
        { deadlineMs: FOLLOW_UP_DEADLINE_MS },
      );
    } catch (e) {
      if (firstDone || (isKeyVaultFailure(e) && e.kind === 'unconfirmed'))
        this.host.changed({ vault, name, kind: firstKind });
      throw e;
    }
    this.host.changed({ vault, name, kind: firstKind });
  }

  /** A form that closes says what it created or set (Move to Key Vault waits on it). */
  protected override onClose(): void {
    this.settle(this.createdName);
  }
}

/** When the service names no field, its wording often does. */
function guessField(message: string): keyof FormErrors | undefined {
  const m = message.toLowerCase();
  if (m.includes('tag')) return 'tags';
  if (m.includes('content type') || m.includes('contenttype')) return 'contentType';
  if (m.includes('expir')) return 'expiresOn';
  if (m.includes('not before') || m.includes('nbf')) return 'notBefore';
  if (m.includes('name')) return 'name';
  if (m.includes('value')) return 'value';
  return undefined;
}
