import { SecretDetailsPanel } from '../webviews/SecretDetailsPanel';
import { toTarget } from './targets';
import { resolveSecret } from './pickers';
import { panelHost, type Services } from './services';

/** Opens (or reveals) the details panel of a secret or of a deleted secret. */
export async function showDetails(s: Services, arg?: unknown): Promise<void> {
  const t = toTarget(arg, (u) => s.vaults.lookup(u));
  if (t?.kind === 'deleted') {
    SecretDetailsPanel.show(panelHost(s), t.vault, t.name, true);
    return;
  }
  const secret = await resolveSecret(s, arg, 'Show Secret Details');
  SecretDetailsPanel.show(panelHost(s), secret.vault, secret.name, false);
}
