// The webview side of localisation: the shared rules the front end runs (validation messages) call t(); this
// installs a translator that reads the bundle the host sent in its init message, so they match the host's language.

import { bundleTranslator, useTranslator, type L10nBundle } from '../../src/shared/l10n';

/** Call with each init message's `l10n` (already checked by the message guard); no bundle means English. */
export function useHostTranslations(bundle: L10nBundle | undefined): void {
  useTranslator(bundleTranslator(bundle));
}
