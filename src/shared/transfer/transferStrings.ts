// The words of the transfer webviews (the import preview, the Compare Vaults report), translated on the host with
// t() and sent with the host's messages, as src/shared/webviewStrings.ts does for the form and the details panel:
// media/importPreview.ts and media/compareReport.ts hold no user-facing text of their own, only these keys. A
// text with {0}, {1} is filled in by the front end with fill() (src/shared/webviewStrings.ts).

import { t } from '../l10n';

export function importStrings() {
  return {
    title: t('Import into {0}'),
    subtitle: t('From {0}. Values are compared in the extension and never shown here.'),
    variable: t('Variable'),
    secretName: t('Secret name'),
    outcome: t('Outcome'),
    result: t('Result'),
    targetLabel: t('Secret name for {0}'),
    conflictLabel: t('What to do with the deleted {0}'),
    choiceSkip: t('skip'),
    choiceRecover: t('recover, then write a new version'),
    choicePurge: t('purge for good, then create'),
    // What applying will do to an entry (the plan), also counted in the summary line.
    outcomeCreated: t('created'),
    outcomeNewVersion: t('new version'),
    outcomeUnchanged: t('unchanged (nothing sent)'),
    outcomeConflict: t('conflict: deleted, recoverable'),
    outcomeRefused: t('refused'),
    /** One part of the summary line: {0} entries with outcome {1}. */
    outcomeCount: t('{0} {1}'),
    applyNone: t('Nothing to import'),
    applyOne: t('Import {0} entry'),
    applyMany: t('Import {0} entries'),
    stop: t('Stop after this entry'),
    progress: t('{0} of {1}'),
    progressCurrent: t('{0} of {1}: {2}…'),
    // What applying did to an entry (the result).
    resultCreated: t('created'),
    resultNewVersion: t('new version written'),
    resultRecovered: t('recovered, new version written'),
    resultPurgedAndCreated: t('purged, created'),
    resultUnchanged: t('unchanged (nothing sent)'),
    resultSkipped: t('skipped'),
    resultRefused: t('refused'),
    resultFailed: t('failed'),
    resultUnconfirmed: t('sent, not confirmed: check it in the vault'),
    resultNotRun: t('not written (cancelled)'),
    importedInto: t('Imported into {0}'),
    importFinished: t('Import finished'),
  };
}
export type ImportStrings = ReturnType<typeof importStrings>;

export function compareStrings() {
  return {
    title: t('Compare vaults'),
    listing: t('Listing both vaults…'),
    filterAll: t('All'),
    filterOnlyIn: t('Only in {0}'),
    filterDifferent: t('Different'),
    filterSame: t('Same'),
    /** A filter button: {0} its label, {1} how many rows it shows. */
    filterCount: t('{0} ({1})'),
    filterRows: t('Filter rows'),
    filterPlaceholder: t('Filter by name, content type or tag'),
    comparingValues: t('Comparing values…'),
    compareValues: t('Compare Values'),
    compareValuesAgain: t('Compare Values Again'),
    compareValuesTitle: t(
      'Reads the current value of each name in both vaults and says whether they are the same. Values are compared in memory and never shown or kept.',
    ),
    refresh: t('Refresh'),
    valuesCompared: t('Values compared for this report (never shown).'),
    valuesNotCompared: t('Values are not compared until you ask.'),
    name: t('Name'),
    metadata: t('Metadata'),
    value: t('Value'),
    actions: t('Actions'),
    // The metadata fields, as named in "differs: …".
    fieldContentType: t('content type'),
    fieldTags: t('tags'),
    fieldEnabled: t('enabled'),
    fieldExpiry: t('expiry'),
    // One side of a row.
    noContentType: t('no content type'),
    enabled: t('enabled'),
    disabled: t('disabled'),
    expires: t('expires {0}'),
    noExpiry: t('no expiry'),
    noTags: t('no tags'),
    // The row's verdicts.
    onlyIn: t('only in {0}'),
    differs: t('differs: {0}'),
    sameMetadata: t('same metadata'),
    sameValue: t('same value'),
    differentValue: t('different value'),
    notReadable: t('not readable'),
    notCompared: t('not compared'),
    openIn: t('Open in {0}'),
    copyTo: t('Copy to {0}…'),
    shown: t('{0} of {1} names shown.'),
  };
}
export type CompareStrings = ReturnType<typeof compareStrings>;
