// What the secret form sends: create (after the check for a name that exists, and the deleted-name conflict's
// follow-up when the name is deleted but recoverable), set a new version, or update a version's properties; and
// how a refusal of the service is shown next to its field. The value is held only for the duration of one submit.

import { lossConfirmed } from '../ui/destructiveGate';
import {
  fieldsOf,
  formFieldOf,
  toPropertiesUpdate,
  toSecretInput,
  type FormErrors,
  type SecretFormFields,
  type SecretFormMode,
  type SecretInputData,
} from '../shared/secretFormModel';
import { t } from '../shared/l10n';
import { chooseForDeletedName } from '../ui/deletedNameConflict';
import { isCancellation } from '../ui/ErrorBoundary';
import { logWarn, masked } from '../ui/log';
import { withProgress } from '../ui/progress';
import { info, warning } from '../ui/prompts';
import { isKeyVaultFailure } from '../vault/KeyVaultFailure';
import type { VaultRef } from '../vault/model';
import { userMessage } from '../vault/userMessage';
import { createAllowed } from './createOverExisting';
import { announce } from '../vault/changes';
import { vaultDirectory } from '../vault/VaultDirectory';
import type { ReferenceChoice } from '../shared/webviewMessages/secretFormProtocol';

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
  /** The setting whose value is held, when the user selected nothing (the form names it, not "the selected text"). */
  readonly heldValueKey?: string;
  /** Move to Key Vault: the reference that will replace the value; the user may choose another syntax. */
  readonly reference?: ReferenceChoice;
  /** Asked before creating (create mode; default: the gate when the name exists); false leaves the name marked. */
  readonly confirmCreate?: (name: string) => Promise<boolean>;
}

/** What the form shows when a request was not done: one message, and the refusals next to their fields. */
export interface Refusal {
  readonly message: string;
  readonly errors?: FormErrors;
}

/** One overall deadline for a form's follow-up (recover then set, purge then create). */
const FOLLOW_UP_DEADLINE_MS = 120_000;

/** Turns a failure into what the form shows: the service's refusal next to its field, or one message. */
export function formRefusal(e: unknown, value: string, mode: SecretFormMode): Refusal | undefined {
  if (isCancellation(e)) return undefined;
  const message = masked(userMessage(e), value === '' ? [] : [value]);
  logWarn(`Secret form: the service refused the request: ${message}`);
  if (isKeyVaultFailure(e)) {
    const field = formFieldOf(e.field) ?? (e.kind === 'badParameter' ? guessField(e.message) : undefined);
    if (field !== undefined && fieldsOf(mode).includes(field))
      return { message: t('The service refused the request.'), errors: { [field]: message } };
  }
  return { message };
}

/** Sends the request. Returns undefined on success, or what to show when the user declined a follow-up. */
export async function sendForm(target: FormTarget, fields: SecretFormFields): Promise<Refusal | undefined> {
  const { vault } = target;
  const client = vaultDirectory().clientFor(vault);
  switch (target.mode) {
    case 'create': {
      const name = fields.name.trim();
      const input = toSecretInput(fields);
      const allowed = target.confirmCreate ?? ((n: string) => createAllowed(client, vault, n));
      if (!(await allowed(name)))
        return {
          message: t('Not created.'),
          errors: { name: t('Choose another name, or confirm to add a new version.') },
        };
      try {
        await withProgress(t('Creating secret "{0}" in {1}…', name, vault.name), (signal) =>
          client.setSecret(name, input, { signal }),
        );
      } catch (e) {
        if (isKeyVaultFailure(e) && e.kind === 'deletedButRecoverable') return deletedConflict(target, name, fields);
        throw e;
      }
      announce({ vault, name, kind: 'created' });
      void info(t('Created secret "{0}" in vault {1}.', name, vault.name));
      return undefined;
    }
    case 'newVersion': {
      const name = target.name ?? '';
      // Apps whose reference pins a version keep the old value: the gate says so (or offers to check the apps).
      if (!(await lossConfirmed({ kind: 'newVersion', groups: [{ vault, names: [name] }] })))
        return { message: t('No new version was set.') };
      await withProgress(t('Setting a new version of "{0}"…', name), (signal) =>
        client.setSecret(name, toSecretInput(fields), { signal }),
      );
      announce({ vault, name, kind: 'newVersion' });
      void info(t('Set a new version of secret "{0}".', name));
      return undefined;
    }
    case 'editProperties': {
      const name = target.name ?? '';
      const version = target.version ?? '';
      const update = toPropertiesUpdate(fields, target.fields);
      // An expiry moved into the past: readers of the version start failing, so the gate asks (with the apps).
      const expiring =
        update.expiresOn !== undefined &&
        update.expiresOn !== null &&
        update.expiresOn.getTime() <= Date.now() &&
        update.expiresOn.toISOString() !== target.fields?.expiresOn;
      if (expiring && !(await lossConfirmed({ kind: 'expire', groups: [{ vault, names: [name] }] })))
        return { message: t('Not updated.') };
      const updated = await withProgress(t('Updating the properties of "{0}"…', name), (signal) =>
        client.updateProperties(name, version, update, { signal }),
      );
      announce({ vault, name, kind: 'properties' });
      // A field asked to be cleared that the answer still holds: Key Vault kept it, and the user is told so
      // rather than shown a success that did not happen.
      const kept = [
        update.notBefore === null && updated.notBefore !== undefined ? t('activation date') : undefined,
        update.expiresOn === null && updated.expiresOn !== undefined ? t('expiry date') : undefined,
        update.contentType === null && updated.contentType !== undefined ? t('content type') : undefined,
      ].filter((f): f is string => f !== undefined);
      if (kept.length > 0) {
        void warning(
          t(
            'Key Vault kept the {0} of secret "{1}" (version {2}); it could not be cleared on this version. Set a new version without it instead.',
            kept.join(', '),
            name,
            version.slice(0, 8),
          ),
          {},
        );
        return undefined;
      }
      void info(t('Updated the properties of secret "{0}" (version {1}).', name, version.slice(0, 8)));
      return undefined;
    }
  }
}

/**
 * Create hit a name that is deleted but recoverable: offer Recover (then set this value) or Purge (then create).
 * The chosen follow-up runs under one cancellable progress with one overall deadline; the vault layer retries
 * the service's short "still being deleted/recovered" conflict on its own.
 */
async function deletedConflict(
  target: FormTarget,
  name: string,
  fields: SecretFormFields,
): Promise<Refusal | undefined> {
  const { vault } = target;
  const client = vaultDirectory().clientFor(vault);
  const choice = await chooseForDeletedName(vault, name, 'create', () =>
    withProgress(t('Reading the deleted secret "{0}"…', name), (signal) => client.getDeleted(name, { signal })),
  );
  const input = toSecretInput(fields);
  const declined = {
    message: t('Not created.'),
    errors: {
      name: t('A deleted secret named "{0}" exists in this vault: recover or purge it, or choose another name.', name),
    },
  };
  if (choice !== 'recover' && choice !== 'purge') return declined;
  // Recover then set the value (a new version), or purge then create it anew: one follow-up either way.
  const step =
    choice === 'recover'
      ? {
          title: t('Recovering "{0}" and setting your value…', name),
          first: (signal: AbortSignal) => client.recoverDeleted(name, { signal }),
          second: t('setting the new value'),
          kind: 'newVersion' as const,
          told: t('Recovered secret "{0}" and set your value as its newest version.', name),
        }
      : {
          title: t('Purging "{0}" and creating it anew…', name),
          first: (signal: AbortSignal) => client.purgeDeleted(name, { signal }),
          second: t('creating the secret'),
          kind: 'created' as const,
          told: t('Purged the deleted secret and created "{0}" in vault {1}.', name, vault.name),
        };
  await followUp(
    target,
    name,
    step.title,
    choice === 'recover' ? 'recovered' : 'purged',
    step.first,
    step.second,
    input,
  );
  announce({ vault, name, kind: step.kind });
  void info(step.told);
  return undefined;
}

/**
 * A follow-up of the deleted-name conflict: `first` (recover or purge), then set the value, under one cancellable
 * progress with one overall deadline. What `first` did is shown (tree, panels) even when the set does not follow.
 */
async function followUp(
  target: FormTarget,
  name: string,
  title: string,
  firstKind: 'recovered' | 'purged',
  first: (signal: AbortSignal) => Promise<unknown>,
  secondStep: string,
  input: SecretInputData,
): Promise<void> {
  const { vault } = target;
  const client = vaultDirectory().clientFor(vault);
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
    if (firstDone || (isKeyVaultFailure(e) && e.kind === 'unconfirmed')) announce({ vault, name, kind: firstKind });
    throw e;
  }
  announce({ vault, name, kind: firstKind });
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
