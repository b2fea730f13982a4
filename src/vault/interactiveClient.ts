// A view of a VaultClient for calls the user asked for (a command, a form's Save, a Retry): each call
// may show a sign-in prompt when no session can be had silently (another tenant, an expired session,
// a claims challenge). Background work, such as expanding the tree, keeps using the silent client.

import type { CallOptions, VaultClient } from './model';

function asUser(options: CallOptions | undefined): CallOptions {
  return { ...options, interactive: true };
}

export function interactiveClient(client: VaultClient): VaultClient {
  return {
    vault: client.vault,
    listSecrets: (token, o) => client.listSecrets(token, asUser(o)),
    listVersions: (name, token, o) => client.listVersions(name, token, asUser(o)),
    listDeleted: (token, o) => client.listDeleted(token, asUser(o)),
    getValue: (name, version, o) => client.getValue(name, version, asUser(o)),
    setSecret: (name, input, o) => client.setSecret(name, input, asUser(o)),
    updateProperties: (name, version, update, o) => client.updateProperties(name, version, update, asUser(o)),
    deleteSecret: (name, o) => client.deleteSecret(name, asUser(o)),
    getDeleted: (name, o) => client.getDeleted(name, asUser(o)),
    purgeDeleted: (name, o) => client.purgeDeleted(name, asUser(o)),
    recoverDeleted: (name, o) => client.recoverDeleted(name, asUser(o)),
    backup: (name, o) => client.backup(name, asUser(o)),
    restore: (bytes, o) => client.restore(bytes, asUser(o)),
  };
}
