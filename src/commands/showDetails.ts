import { SecretDetailsPanel } from '../webviews/SecretDetailsPanel';
import { targetOf } from './targets';
import { resolveSecret } from './pickers';
import type { Services } from './services';

/** Opens (or reveals) the details panel of a secret or of a deleted secret. */
export async function showDetails(s: Services, arg?: unknown): Promise<void> {
  const t = targetOf(s, arg);
  if (t?.kind === 'deleted') {
    SecretDetailsPanel.show(t.vault, t.name, true, t.deleted);
    return;
  }
  const secret = await resolveSecret(s, arg, 'Show Secret Details');
  SecretDetailsPanel.show(secret.vault, secret.name, false);
}
