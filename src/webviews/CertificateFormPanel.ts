// Host side of the Create Self-Signed Certificate form. The webview posts `submit` with the fields; the host checks
// them again with the shared rules, starts the creation, and then follows Key Vault's pending operation: the form
// and a progress notification show it until the service completes or fails it. Cancelling the notification stops
// waiting, not the creation (Key Vault goes on issuing it). The Certificates group of the vault is refreshed once
// the creation was accepted (the pending certificate is listed) and again when it ends.

import * as vscode from 'vscode';
import {
  hasCertificateErrors,
  newCertificateRequest,
  validateCertificateForm,
  emptyCertificateFields,
  type CertificateFormErrors,
  type CertificateFormFields,
} from '../shared/certificateFormModel';
import { certificateFormStrings } from '../shared/certificateFormStrings';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import {
  parseCertificateFormMessage,
  type CertificateFormStatus,
  type CertificateFormToHost,
  type HostToCertificateForm,
} from '../shared/webviewMessages/certificateFormProtocol';
import { isCancellation } from '../ui/ErrorBoundary';
import { info } from '../ui/prompts';
import { withProgress } from '../ui/progress';
import { createAndFollow } from '../vault/certificateCreation';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import type { CertificateOperationState } from '../vault/objectModel';
import { vaultDirectory } from '../vault/VaultDirectory';
import { vaultEntryId } from '../vault/vaultIdentity';
import { PanelKind, WebviewPanelBase } from './WebviewPanelBase';

export const CERTIFICATE_FORM_VIEW_TYPE = 'keyVaultSecrets.certificateForm';

/** How often the pending operation is read while waiting (the SDK pollers' own interval, CERTS-KEYS.md §6.3). */
const POLL_MS = 2000;

export interface CertificateFormTarget {
  readonly vault: VaultRef;
  /** The vault's Certificates group changed (created, pending, failed): its rows are re-read. */
  readonly changed: (vault: VaultRef) => void;
}

const kind = new PanelKind<CertificateFormPanel>();

type Outcome = { readonly ok: true } | { readonly ok: false; message: string; errors?: CertificateFormErrors };

export class CertificateFormPanel extends WebviewPanelBase<CertificateFormToHost, HostToCertificateForm> {
  private busy = false;

  static all(): readonly CertificateFormPanel[] {
    return kind.all();
  }

  static show(target: CertificateFormTarget): CertificateFormPanel {
    return kind.show(vaultEntryId(target.vault), () => new CertificateFormPanel(target));
  }

  private constructor(private readonly target: CertificateFormTarget) {
    super({
      viewType: CERTIFICATE_FORM_VIEW_TYPE,
      entry: 'certificateForm',
      title: t('New certificate · {0}', target.vault.name),
      logName: 'Certificate form',
      parse: parseCertificateFormMessage,
    });
  }

  get vault(): VaultRef {
    return this.target.vault;
  }

  protected async dispatch(msg: CertificateFormToHost): Promise<boolean> {
    switch (msg.type) {
      case 'ready':
        this.post({
          type: 'init',
          vaultName: this.vault.name,
          vaultUrl: this.vault.url,
          fields: emptyCertificateFields(),
          strings: certificateFormStrings(),
          ...(vscode.l10n.bundle !== undefined ? { l10n: vscode.l10n.bundle } : {}),
        });
        return true;
      case 'cancel':
        this.panel.dispose();
        return true;
      case 'submit':
        await this.submit(msg.requestId, msg.fields);
        return true;
      default: {
        const never: never = msg;
        return never;
      }
    }
  }

  private status(state: CertificateFormStatus['state'], message: string): void {
    this.post({ type: 'status', state, message });
  }

  private async submit(requestId: number, fields: CertificateFormFields): Promise<void> {
    const answer = (o: Outcome): void =>
      this.post(
        o.ok
          ? { type: 'result', requestId, ok: true }
          : { type: 'result', requestId, ok: false, message: o.message, ...(o.errors ? { errors: o.errors } : {}) },
      );
    if (this.busy) return answer({ ok: false, message: t('Still creating the previous certificate.') });
    const errors = validateCertificateForm(fields);
    if (hasCertificateErrors(errors)) return answer({ ok: false, message: t('Fix the marked fields.'), errors });
    this.busy = true;
    try {
      const outcome = await this.create(fields);
      answer(outcome);
      if (outcome.ok) this.panel.dispose();
    } finally {
      this.busy = false;
    }
  }

  /** Starts the creation and waits on its pending operation; what the form says about it. */
  private async create(fields: CertificateFormFields): Promise<Outcome> {
    const { name, input } = newCertificateRequest(fields);
    const vault = this.vault;
    const client = vaultDirectory().certificatesFor(vault);
    let accepted = false;
    this.status('sending', t('Asking Key Vault to create certificate "{0}"…', name));
    try {
      const end = await withProgress(t('Creating certificate "{0}" in vault {1}…', name, vault.name), (signal, step) =>
        createAndFollow(client, name, input, {
          signal,
          pollMs: POLL_MS,
          accepted: () => {
            accepted = true;
            this.target.changed(vault);
          },
          pending: (state) => {
            const words = pendingWords(state);
            this.status('inProgress', words);
            step(words);
          },
        }),
      );
      this.target.changed(vault);
      if (end.status === 'completed') {
        this.status('completed', t('Certificate "{0}" was issued.', name));
        void info(t('Created certificate "{0}" in vault {1}.', name, plainLine(vault.name)));
        return { ok: true };
      }
      const failed = failureWords(name, end);
      this.status('failed', failed);
      return { ok: false, message: failed };
    } catch (e) {
      if (accepted && isCancellation(e)) {
        this.target.changed(vault);
        const stopped = t(
          'Stopped waiting. Key Vault goes on creating certificate "{0}"; it appears in the Certificates group of vault {1} when it is issued (Refresh).',
          name,
          plainLine(vault.name),
        );
        this.status('stopped', stopped);
        return { ok: false, message: stopped };
      }
      if (isCancellation(e)) return { ok: false, message: t('Cancelled: nothing was created.') };
      if (!isKeyVaultFailure(e)) throw e;
      const field =
        e.field === 'name' || e.kind === 'deletedButRecoverable' || e.kind === 'beingDeleted' ? 'name' : undefined;
      this.status('failed', e.message);
      return { ok: false, message: e.message, ...(field ? { errors: { [field]: e.message } } : {}) };
    }
  }
}

function pendingWords(state: CertificateOperationState): string {
  return state.statusDetails !== undefined && state.statusDetails !== ''
    ? t('In progress: {0}', plainLine(state.statusDetails).slice(0, 300))
    : t('In progress: Key Vault is issuing the certificate.');
}

function failureWords(name: string, state: CertificateOperationState): string {
  if (state.status === 'cancelled')
    return t('The creation of certificate "{0}" was cancelled in Key Vault: nothing was issued.', name);
  const why = plainLine(state.error ?? state.statusDetails ?? state.status).slice(0, 500);
  return t(
    'Key Vault could not create certificate "{0}": {1}. The certificate that was not issued stays in the Certificates group; delete it, or create it again with another policy.',
    name,
    why,
  );
}
