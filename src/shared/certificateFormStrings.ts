// The words of the Create Self-Signed Certificate form, translated on the host and sent in its `init`: the webview
// (media/certificateForm.ts) holds no user-facing text of its own. "{0}", "{1}" are filled in with fill().

import { t } from './l10n';

export function certificateFormStrings() {
  return {
    title: t('New self-signed certificate'),
    subtitle: t('In vault {0} ({1}). Key Vault issues it; this takes a few seconds.'),
    name: t('Name'),
    nameHint: t('Letters, digits and dashes; its key and backing secret get the same name.'),
    subject: t('Subject'),
    subjectHint: t('Such as CN=www.example.com, O=Contoso.'),
    dnsNames: t('DNS names (subject alternative names)'),
    dnsNamesHint: t('Optional; separate them with commas or spaces.'),
    validityMonths: t('Validity (months)'),
    keyChoice: t('Key type'),
    contentType: t('Content type of the backing secret'),
    pkcs12: t('PKCS#12 (PFX)'),
    pem: t('PEM'),
    tags: t('Tags'),
    tagsHint: t('Optional; one name=value a line.'),
    create: t('Create'),
    cancel: t('Cancel'),
    creating: t('Creating…'),
    fixFields: t('Fix the marked fields.'),
  };
}

export type CertificateFormStrings = ReturnType<typeof certificateFormStrings>;
