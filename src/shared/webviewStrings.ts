// The words of the two webviews, translated on the host with t() and sent with the host's messages (the form's
// `init`, every details state): the webview front ends (media/*.ts) hold no user-facing text of their own, only
// these keys. A text with {0}, {1} is filled in by the front end with fill().

import { formatOnly, t } from './l10n';

export function detailsStrings() {
  return {
    loading: t('Loading…'),
    retry: t('Retry'),
    refreshing: t('Refreshing…'),
    deleted: t('deleted'),
    disabled: t('disabled'),
    enabled: t('enabled'),
    current: t('current'),
    managed: t('managed by a certificate'),
    secretActions: t('Secret actions'),
    showProperties: t('Show Properties'),
    recover: t('Recover'),
    purge: t('Purge…'),
    purgeTitle: t('Delete for good (cannot be undone)'),
    showValue: t('Show Value'),
    newVersion: t('New Version…'),
    editProperties: t('Edit Properties…'),
    enable: t('Enable'),
    disable: t('Disable'),
    copyReference: t('Copy Reference'),
    copyId: t('Copy Id'),
    backUp: t('Back Up…'),
    refresh: t('Refresh'),
    delete: t('Delete…'),
    deletedSecret: t('Deleted secret'),
    currentVersion: t('Current version'),
    contentType: t('Content type'),
    enabledRow: t('Enabled'),
    yes: t('yes'),
    no: t('no'),
    created: t('Created'),
    updated: t('Updated'),
    notBefore: t('Not before'),
    expires: t('Expires'),
    tags: t('Tags'),
    deletedOn: t('Deleted'),
    scheduledPurge: t('Scheduled purge'),
    recoveryLevel: t('Recovery level'),
    recoverableFor: t('Recoverable for'),
    recoverableDays: t('{0} days after deletion'),
    versions: t('Versions ({0})'),
    version: t('Version'),
    state: t('State'),
    actions: t('Actions'),
    value: t('Value'),
    valueTitle: t("Show this version's value in a read-only editor"),
    properties: t('Properties'),
    edit: t('Edit'),
    editTitle: t("Edit this version's properties"),
    makeCurrent: t('Make Current'),
    makeCurrentTitle: t("A new version with this version's value, content type and tags"),
    compare: t('Compare'),
    compareTitle: t('Compare with the previous version'),
  };
}
export type DetailsStrings = ReturnType<typeof detailsStrings>;

export function formStrings() {
  return {
    createTitle: t('New secret'),
    createSubtitle: t('in vault {0} · {1}'),
    createSave: t('Create Secret'),
    newVersionTitle: t('New version of {0}'),
    newVersionSubtitle: t('in vault {0} · the new version becomes the current one'),
    newVersionSave: t('Set New Version'),
    editTitle: t('Properties of {0}'),
    editSubtitle: t('version {0} · vault {1}'),
    editSave: t('Save Properties'),
    tagName: t('Tag name'),
    tagValue: t('Tag value'),
    removeTag: t('Remove'),
    removeTagLabel: t('Remove this tag'),
    name: t('Name'),
    nameHint: t('Letters, digits and dashes; at most 127 characters.'),
    heldValueOne: t('The selected text (hidden, {0} character is not shown).'),
    heldValueMany: t('The selected text (hidden, {0} characters are not shown).'),
    value: t('Value'),
    heldValueHint: t('The value cannot be changed here; it stays out of this form.'),
    show: t('Show'),
    hide: t('Hide'),
    valueHint: t('Multi-line values are kept as typed. Hidden unless you choose Show.'),
    contentType: t('Content type'),
    contentTypeHint: t('Optional. Sets the language when the value is shown (for example application/json).'),
    enabled: t('Enabled'),
    enabledHint: t('A disabled version cannot be read.'),
    notBefore: t('Not before (UTC)'),
    notBeforeHint: t(
      'Optional. Informational: Key Vault still returns the value before this date; apps and policies may check it.',
    ),
    expires: t('Expires (UTC)'),
    expiresHint: t(
      'Optional. Informational: Key Vault still returns the value after it expires; apps, alerts and policies use it.',
    ),
    tags: t('Tags'),
    addTag: t('Add Tag'),
    cancel: t('Cancel'),
    tagsFull: t('At most {0} tags: remove one to add another.'),
    tagsLimit: t('At most {0} tags.'),
    size: t('{0} of {1} bytes'),
    overLimit: t(' · {0} over the limit'),
    discardQuestion: t('Discard what you entered? Nothing has been saved to the vault.'),
    discard: t('Discard'),
    keepEditing: t('Keep Editing'),
    fixFields: t('Fix the marked fields.'),
    saving: t('Saving…'),
    saved: t('Saved.'),
    notSaved: t('Not saved.'),
  };
}
export type FormStrings = ReturnType<typeof formStrings>;

/** A sent text with its {0}, {1} filled in (the front ends' side of t()). */
export function fill(text: string, ...args: Array<string | number>): string {
  return formatOnly(text, ...args);
}
