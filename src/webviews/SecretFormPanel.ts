// Host side of the secret form (create a secret, set a new version, edit the properties of a version).
// The webview posts `submit` with the fields; the host validates them again with the shared rules, sends the
// request (secretFormRequests.ts), and answers with a `result` that puts the service's refusals next to their
// fields. The value exists on the host only for the duration of one submit; it is never posted back or persisted.

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
} from '../shared/webviewMessages/secretFormProtocol';
import { formStrings } from '../shared/webviewStrings';
import type { ReferenceSyntax } from '../shared/references/referenceModel';
import {
  emptyFields,
  hasErrors,
  validateForm,
  type FormErrors,
  type SecretFormFields,
  type SecretFormMode,
} from '../shared/secretFormModel';
import { t } from '../shared/l10n';
import type { ActionContext } from '../ui/ErrorBoundary';
import type { VaultRef } from '../vault/model';
import { vaultEntryId } from '../vault/vaultIdentity';
import { formRefusal, sendForm, type FormTarget } from './secretFormRequests';
import { PanelKind, WebviewPanelBase } from './WebviewPanelBase';

export const FORM_VIEW_TYPE = 'keyVaultSecrets.secretForm';

/** A held value's length as the form's note shows it: characters (code points), not bytes. */
export function heldValueChars(value: string): number {
  return [...value].length;
}

function titleOf(target: FormTarget): string {
  switch (target.mode) {
    case 'create':
      return `New secret · ${target.vault.name}`;
    case 'newVersion':
      return `New version · ${target.name ?? ''}`;
    case 'editProperties':
      return `Properties · ${target.name ?? ''}@${(target.version ?? '').slice(0, 8)}`;
  }
}

const kind = new PanelKind<SecretFormPanel>();

export class SecretFormPanel extends WebviewPanelBase<FormToHost, HostToForm> {
  private busy = false;
  /** A value Generate Value drew (held on the host until the submit; never posted to the webview). */
  private generated: string | undefined;
  private target: FormTarget;
  private createdName: string | undefined;
  private chosenSyntax: ReferenceSyntax | undefined;
  private settle: (name: string | undefined) => void = () => undefined;
  /** The name of the secret this form created or set, once it closes; undefined when it closed without that. */
  readonly outcome: Promise<string | undefined>;

  static all(): readonly SecretFormPanel[] {
    return kind.all();
  }

  static show(target: FormTarget): SecretFormPanel {
    return kind.show(SecretFormPanel.keyOf(target), () => new SecretFormPanel(target));
  }

  /** Undefined for a form holding a value: it is never shared (another command's form must not submit that value). */
  private static keyOf(target: FormTarget): string | undefined {
    if (target.heldValue !== undefined) return undefined;
    // One form per row: the two rows of a vault known twice each reach it their own way (vaultIdentity.ts).
    return [target.mode, vaultEntryId(target.vault), target.name ?? '', target.version ?? ''].join('\n');
  }

  private constructor(target: FormTarget) {
    super({
      viewType: FORM_VIEW_TYPE,
      entry: 'secretForm',
      title: titleOf(target),
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
  /** The reference syntax the user submitted (a form with a reference choice); undefined before a submit. */
  get referenceSyntax(): ReferenceSyntax | undefined {
    return this.chosenSyntax;
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
        // Only a syntax this form offered: the webview cannot pick one the target cannot be written in.
        if (msg.syntax !== undefined) {
          if (!this.target.reference?.options.some((o) => o.syntax === msg.syntax)) return false;
          this.chosenSyntax = msg.syntax;
        }
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
        open: t('Generate…'),
        length: t('Length'),
        sets: {
          lower: t('Lowercase (a-z)'),
          upper: t('Uppercase (A-Z)'),
          digits: t('Digits (0-9)'),
          symbols: t('Symbols (!#%&…)'),
        },
        generate: t('Generate Value'),
        held: t('A generated value of {0} characters (hidden; it is not shown here).'),
        typeInstead: t('Type a Value Instead'),
      },
    };
  }

  private initMessage(): HostToForm {
    const target = this.target;
    const generator = this.generatorInit();
    return {
      type: 'init',
      mode: target.mode,
      vaultName: target.vault.name,
      vaultUrl: target.vault.url,
      ...(target.name !== undefined ? { secretName: target.name } : {}),
      ...(target.version !== undefined ? { version: target.version } : {}),
      ...(target.heldValue !== undefined ? { heldValueChars: heldValueChars(target.heldValue) } : {}),
      ...(target.heldValueKey !== undefined ? { heldValueKey: target.heldValueKey } : {}),
      ...(target.reference !== undefined ? { reference: target.reference } : {}),
      fields: { ...(target.fields ?? emptyFields()), value: '' },
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
      const done = await sendForm(this.target, fields);
      if (done === undefined) {
        this.createdName = this.target.mode === 'create' ? fields.name.trim() : this.target.name;
        this.result(requestId, true);
        this.panel.dispose();
      } else {
        this.result(requestId, false, done.message, done.errors);
      }
    } catch (e) {
      const refusal = formRefusal(e, fields.value, this.target.mode);
      if (refusal === undefined) throw e; // cancellation: silent
      this.result(requestId, false, refusal.message, refusal.errors);
    } finally {
      this.busy = false;
    }
  }

  /** A form that closes says what it created or set (Move to Key Vault waits on it). */
  protected override onClose(): void {
    this.settle(this.createdName);
  }
}
