// The round-3 bad-input catalogue: rows of hostile inputs, one file of rows per surface under rows/, run by
// catalogue.test.ts against the local Key Vault server. Each row says what must happen to its input:
// refused (with a message a user can act on), neutralised (made harmless and kept as data), or accepted
// (a hostile-looking input that is legitimate and must not be refused). Where a request could follow, the
// server's counters must show no request beyond `requests`.
import type { Emulator } from '../../emulator/server';
import type { SecretsVaultClient } from '../../../src/vault/SecretsVaultClient';

export type Expect = 'refused' | 'neutralised' | 'accepted';
export interface Outcome {
  readonly outcome: Expect;
  readonly text: string;
}
export interface CatalogueContext {
  readonly emu: Emulator;
  /** A client of the vault `catalogue`, which holds the secret `ok-name`. */
  readonly client: SecretsVaultClient;
}
export interface Row {
  readonly surface: string;
  readonly input: string;
  readonly expect: Expect;
  /** What the message (refused) or the result (neutralised, accepted) must say. */
  readonly says: RegExp;
  /** Requests the row may send to the vault `catalogue` (0 unless said). */
  readonly requests?: number;
  readonly run: (ctx: CatalogueContext) => Promise<Outcome> | Outcome;
}

export const refused = (text: string): Outcome => ({ outcome: 'refused', text });
export const neutralised = (text: string): Outcome => ({ outcome: 'neutralised', text });
export const accepted = (text: string): Outcome => ({ outcome: 'accepted', text });
