// The properties a new version of an existing secret keeps from the version it replaces: content type and tags.
// Not its dates or enabled state (an old expiry would make the new current version expired at once). Make This
// Version Current and Import's new versions follow this rule.

import type { SecretFieldsInput } from '../validation';

/** What a new version keeps from. */
export interface KeptFrom {
  readonly contentType?: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** The content type and tags of `v`, as the fields of the new version (besides the value). */
export function keptFields<V extends KeptFrom>(v: V): Omit<SecretFieldsInput, 'value'> {
  return {
    ...(v.contentType !== undefined && v.contentType !== '' ? { contentType: v.contentType } : {}),
    tags: { ...v.tags },
  };
}
