import { SecretDetailsPanel } from '../webviews/SecretDetailsPanel';
import { targetOf } from './targets';
import { resolveSecret } from './pickers';
import type { Services } from './services';

/** Opens (or reveals) the details panel of a secret or of a deleted secret. */
export async function showDetails(s: Services, arg?: unknown): Promise<void> {
  const target = targetOf(s, arg);
  if (target?.kind === 'deleted') {
    SecretDetailsPanel.show(target.vault, target.name, true, target.deleted);
    return;
  }
  const secret = await resolveSecret(s, arg, 'Show Secret Details');
  SecretDetailsPanel.show(secret.vault, secret.name, false);
}
