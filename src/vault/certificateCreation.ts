// Following a self-signed certificate's creation to its end: start it, then read its pending operation every
// `pollMs` until Key Vault completes, fails or cancels it. The form (src/webviews/CertificateFormPanel.ts) shows each
// state; aborting the signal stops waiting, not the creation. No vscode here: the bench runs the same steps.

import { abortableDelay } from './callContext';
import type { CertificateOperationState, CertificatesClient, NewCertificateInput } from './objectModel';

export interface CreationWatch {
  readonly signal: AbortSignal;
  /** Between reads of the pending operation (the SDK pollers' own interval is 2 s, CERTS-KEYS.md §6.3). */
  readonly pollMs: number;
  /** Key Vault accepted the creation: the pending certificate exists and is listed. */
  readonly accepted?: () => void;
  /** Each state read while the operation is in progress. */
  readonly pending?: (state: CertificateOperationState) => void;
}

/** The operation's last state: `completed`, `failed`, `cancelled` (or a newer end state the service names). */
export async function createAndFollow(
  client: CertificatesClient,
  name: string,
  input: NewCertificateInput,
  watch: CreationWatch,
): Promise<CertificateOperationState> {
  let state = await client.beginCreate(name, input, { signal: watch.signal });
  watch.accepted?.();
  while (state.status === 'inProgress') {
    watch.pending?.(state);
    await abortableDelay(watch.pollMs, watch.signal);
    state = await client.operation(name, { signal: watch.signal });
  }
  return state;
}
