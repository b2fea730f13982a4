import { SecretDetailsPanel } from '../webviews/SecretDetailsPanel';
import { resolveDeleted } from './pickers';
import type { Services } from './services';

/** Details of a deleted secret (when it was deleted, when it will be purged, what can be done). */
export async function showDeletedSecret(s: Services, arg?: unknown): Promise<void> {
  const target = await resolveDeleted(s, arg, 'Show Deleted Secret');
  SecretDetailsPanel.show(target.vault, target.name, true, target.deleted);
}
