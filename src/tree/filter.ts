// The tree filter: parse what the user typed, show it back, and match secrets against it. Pure.
//
// Syntax (terms separated by spaces, all must match):
//   db               name contains "db" (case-insensitive)
//   type:json        content type contains "json" (also contentType: and ct:)
//   tag:env=dev      tag "env" equals "dev" (key case-insensitive, value case-insensitive)
//   tag:env          tag "env" is present

import { t } from '../shared/l10n';

export interface TagTerm {
  readonly key: string;
  readonly value?: string;
}

export interface SecretFilter {
  readonly names: readonly string[];
  readonly contentTypes: readonly string[];
  readonly tags: readonly TagTerm[];
}

export type FilterParse =
  { readonly ok: true; readonly filter: SecretFilter | undefined } | { readonly ok: false; readonly message: string };

const TYPE_PREFIXES = ['type:', 'contenttype:', 'ct:'];

/** Parses the filter box. An empty text is "no filter". */
export function parseFilter(text: string): FilterParse {
  const names: string[] = [];
  const contentTypes: string[] = [];
  const tags: TagTerm[] = [];
  for (const term of text
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0)) {
    const lower = term.toLowerCase();
    const typePrefix = TYPE_PREFIXES.find((p) => lower.startsWith(p));
    if (typePrefix !== undefined) {
      const ct = term.slice(typePrefix.length);
      if (ct.length === 0)
        return { ok: false, message: t('"{0}": give a content type after the colon, for example type:json.', term) };
      contentTypes.push(ct);
    } else if (lower.startsWith('tag:')) {
      const body = term.slice(4);
      const eq = body.indexOf('=');
      const key = eq < 0 ? body : body.slice(0, eq);
      if (key.length === 0)
        return { ok: false, message: t('"{0}": give a tag name, for example tag:env=dev or tag:env.', term) };
      tags.push(eq < 0 ? { key } : { key, value: body.slice(eq + 1) });
    } else {
      names.push(term);
    }
  }
  if (names.length + contentTypes.length + tags.length === 0) return { ok: true, filter: undefined };
  return { ok: true, filter: { names, contentTypes, tags } };
}

/** The filter as the user would type it; also what the view's description shows. */
export function formatFilter(filter: SecretFilter): string {
  return [
    ...filter.names,
    ...filter.contentTypes.map((c) => `type:${c}`),
    ...filter.tags.map((g) => (g.value === undefined ? `tag:${g.key}` : `tag:${g.key}=${g.value}`)),
  ].join(' ');
}

export interface Filterable {
  readonly name: string;
  readonly contentType?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Whether a secret (or deleted secret) matches every term of the filter. */
export function matchesFilter(item: Filterable, filter: SecretFilter | undefined): boolean {
  if (filter === undefined) return true;
  const name = item.name.toLowerCase();
  if (!filter.names.every((n) => name.includes(n.toLowerCase()))) return false;
  const ct = (item.contentType ?? '').toLowerCase();
  if (!filter.contentTypes.every((c) => ct.includes(c.toLowerCase()))) return false;
  return filter.tags.every((g) => {
    const key = Object.keys(item.tags).find((k) => k.toLowerCase() === g.key.toLowerCase());
    if (key === undefined) return false;
    return g.value === undefined || (item.tags[key] ?? '').toLowerCase() === g.value.toLowerCase();
  });
}
