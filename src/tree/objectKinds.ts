// The node-kind rows (nodeKinds.ts's table) of a vault's certificates and keys: each group is a paged list of 25
// that loads only when expanded, its deleted items are a group of their own, and a certificate or key lists its
// versions newest first. Pure (no `vscode`).

import { t } from '../shared/l10n';
import { compareNewestFirst } from '../vault/versionOrder';
import type { KindRow, NodeOf } from './nodeKinds';

export const OBJECT_KINDS: {
  readonly objectGroup: KindRow<NodeOf<'objectGroup'>>;
  readonly deletedObjectGroup: KindRow<NodeOf<'deletedObjectGroup'>>;
  readonly object: KindRow<NodeOf<'object'>>;
  readonly objectVersion: KindRow<NodeOf<'objectVersion'>>;
  readonly deletedObject: KindRow<NodeOf<'deletedObject'>>;
} = {
  objectGroup: {
    context: 'kvObjectGroup',
    paged: {
      noun: 'objects',
      list: (lists, n) => lists.objects.items(n.vault, n.objectKind),
      peek: (lists, n) => lists.objects.existing.items(n.vault, n.objectKind),
      lead: (n) => [
        { kind: 'deletedObjectGroup', id: `${n.id}/deleted`, parentId: n.id, vault: n.vault, objectKind: n.objectKind },
      ],
      rows: (lists, n) =>
        lists.objects
          .items(n.vault, n.objectKind)
          .items.map((item) => ({ kind: 'object', id: `${n.id}/${item.name}`, parentId: n.id, vault: n.vault, item })),
      empty: () => ['noObjects', t('None')],
    },
    refresh: async (model, n) => {
      const list = model.lists.objects.existing.items(n.vault, n.objectKind);
      if (list) await model.reload(list, [n]);
    },
  },
  deletedObjectGroup: {
    context: 'kvDeletedObjectGroup',
    paged: {
      noun: 'deletedObjects',
      list: (lists, n) => lists.objects.deleted(n.vault, n.objectKind),
      peek: (lists, n) => lists.objects.existing.deleted(n.vault, n.objectKind),
      rows: (lists, n) =>
        lists.objects.deleted(n.vault, n.objectKind).items.map((deleted) => ({
          kind: 'deletedObject',
          id: `${n.id}/${deleted.name}`,
          parentId: n.id,
          vault: n.vault,
          deleted,
        })),
      empty: () => ['noDeleted', t('Nothing deleted')],
    },
    refresh: async (model, n) => {
      const list = model.lists.objects.existing.deleted(n.vault, n.objectKind);
      if (list) await model.reload(list, [n]);
    },
  },
  object: {
    context: 'kvObject',
    paged: {
      noun: 'versions',
      list: (lists, n) => lists.objects.versions(n.vault, n.item.kind, n.item.name),
      peek: (lists, n) => lists.objects.existing.versions(n.vault, n.item.kind, n.item.name),
      rows: (lists, n) => {
        const versions = [...lists.objects.versions(n.vault, n.item.kind, n.item.name).items]
          .filter((v) => v.version !== undefined)
          .map((v) => ({ ...v, version: v.version ?? '' }))
          .sort(compareNewestFirst);
        return versions.map((item, i) => ({
          kind: 'objectVersion',
          id: `${n.id}/${item.version}`,
          parentId: n.id,
          vault: n.vault,
          item,
          current: i === 0,
        }));
      },
      empty: () => ['noVersions', t('No versions')],
    },
    refresh: async (model, n) => {
      const list = model.lists.objects.existing.versions(n.vault, n.item.kind, n.item.name);
      if (list) await model.reload(list, [n]);
    },
    latest: (lists, n) => {
      const item = lists.objects.existing.items(n.vault, n.item.kind)?.find(n.item.name);
      return item === undefined || item === n.item ? n : { ...n, item };
    },
  },
  objectVersion: {
    context: 'kvObjectVersion',
    refresh: async (model, n) => {
      const list = model.lists.objects.existing.versions(n.vault, n.item.kind, n.item.name);
      if (list) await model.reload(list, []);
    },
  },
  deletedObject: {
    context: 'kvDeletedObject',
    refresh: async (model, n) => {
      const list = model.lists.objects.existing.deleted(n.vault, n.deleted.kind);
      if (list) await model.reload(list, []);
    },
  },
};
