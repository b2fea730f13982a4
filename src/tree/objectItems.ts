// Node -> vscode.TreeItem for a vault's certificates and keys (the builders treeItems.ts's table spreads in).
// Tooltips are plain text (objectRows.ts); context values start with the kind and carry the object type and state
// flags, so menus match `viewItem =~ /^kvObject;.*certificate;/`.

import * as vscode from 'vscode';
import { t } from '../shared/l10n';
import { plainLine } from '../shared/markup';
import { contextValueOf, type NodeOf } from './nodeKinds';
import {
  deletedObjectDescription,
  deletedObjectTooltip,
  objectDescription,
  objectFlags,
  objectTooltip,
} from './objectRows';
import { isPurgeable, shortVersion, stateIcon, type IconSpec, type StateOptions } from './secretState';
import type { ListInfo } from './TreeModel';

type Builder<K extends 'objectGroup' | 'deletedObjectGroup' | 'object' | 'objectVersion' | 'deletedObject'> = (
  node: NodeOf<K>,
  opts: StateOptions,
  info: ListInfo | undefined,
) => vscode.TreeItem;

const C = vscode.TreeItemCollapsibleState;
const SPINNER = new vscode.ThemeIcon('loading~spin');

function icon(spec: IconSpec): vscode.ThemeIcon {
  return spec.color === undefined
    ? new vscode.ThemeIcon(spec.id)
    : new vscode.ThemeIcon(spec.id, new vscode.ThemeColor(spec.color));
}

function loadedFlags(info: ListInfo | undefined): string[] {
  return [info?.hasMore ? 'hasMore' : '', info?.loaded !== undefined ? 'loaded' : ''];
}

const KIND_ICON = { certificate: 'verified', key: 'symbol-key' } as const;

export const OBJECT_ITEMS: {
  readonly objectGroup: Builder<'objectGroup'>;
  readonly deletedObjectGroup: Builder<'deletedObjectGroup'>;
  readonly object: Builder<'object'>;
  readonly objectVersion: Builder<'objectVersion'>;
  readonly deletedObject: Builder<'deletedObject'>;
} = {
  objectGroup: (node, _opts, info) => {
    const cert = node.objectKind === 'certificate';
    const item = new vscode.TreeItem(cert ? t('Certificates') : t('Keys'), C.Collapsed);
    if (info?.loaded !== undefined) item.description = t('{0}{1} loaded', info.loaded, info.hasMore ? '+' : '');
    item.iconPath = info?.loading ? SPINNER : new vscode.ThemeIcon(KIND_ICON[node.objectKind]);
    item.tooltip = cert
      ? t('The certificates of this vault (listed when expanded, 25 at a time)')
      : t('The keys of this vault (listed when expanded, 25 at a time)');
    item.contextValue = contextValueOf('objectGroup', [node.objectKind, ...loadedFlags(info)]);
    return item;
  },
  deletedObjectGroup: (node, _opts, info) => {
    const cert = node.objectKind === 'certificate';
    const item = new vscode.TreeItem(cert ? t('Deleted certificates') : t('Deleted keys'), C.Collapsed);
    if (info?.loaded !== undefined) item.description = t('{0}{1} deleted', info.loaded, info.hasMore ? '+' : '');
    item.iconPath = info?.loading ? SPINNER : new vscode.ThemeIcon('trash');
    item.tooltip = cert
      ? t('Soft-deleted certificates of this vault: recover them, or purge them before their scheduled purge date')
      : t('Soft-deleted keys of this vault: recover them, or purge them before their scheduled purge date');
    item.contextValue = contextValueOf('deletedObjectGroup', [node.objectKind, ...loadedFlags(info)]);
    return item;
  },
  object: (node, opts, info) => {
    const o = node.item;
    const flags = objectFlags(o, opts);
    const item = new vscode.TreeItem(o.name, C.Collapsed);
    item.description = objectDescription(o, opts);
    item.iconPath = info?.loading ? SPINNER : icon(stateIcon(flags, KIND_ICON[o.kind]));
    item.tooltip = objectTooltip(o, opts);
    item.contextValue = contextValueOf('object', [
      o.kind,
      ...flags,
      o.enabled ? 'enabled' : '',
      o.kind === 'certificate' && o.thumbprint === undefined ? 'pending' : '',
      info?.hasMore ? 'hasMore' : '',
    ]);
    return item;
  },
  objectVersion: (node, opts) => {
    const o = node.item;
    const flags = objectFlags(o, opts);
    const item = new vscode.TreeItem(shortVersion(o.version ?? ''), C.None);
    item.description = [node.current ? t('current') : '', objectDescription(o, opts)]
      .filter((p) => p !== '')
      .join(' · ');
    item.iconPath = icon(stateIcon(flags, node.current ? 'pass-filled' : 'history'));
    item.tooltip = objectTooltip(o, opts, node.current);
    item.contextValue = contextValueOf('objectVersion', [
      o.kind,
      ...flags,
      node.current ? 'current' : '',
      o.enabled ? 'enabled' : '',
    ]);
    return item;
  },
  deletedObject: (node, opts) => {
    const d = node.deleted;
    const item = new vscode.TreeItem(plainLine(d.name), C.None);
    item.description = deletedObjectDescription(d, opts.now);
    item.iconPath = new vscode.ThemeIcon('trash', new vscode.ThemeColor('disabledForeground'));
    item.tooltip = deletedObjectTooltip(d, opts.now);
    item.contextValue = contextValueOf('deletedObject', [d.kind, isPurgeable(d) ? 'purgeable' : '']);
    return item;
  },
};
