import { SecretFormPanel } from '../webviews/SecretFormPanel';
import { resolveVault } from './pickers';
import type { Services } from './services';

/** Opens the form that creates a secret in a vault (a vault node, or picked). */
export async function createSecret(s: Services, arg?: unknown): Promise<void> {
  const { vault } = await resolveVault(s, arg, 'Create Secret');
  SecretFormPanel.show({ mode: 'create', vault });
}
