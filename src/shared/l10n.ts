/**
 * The one way a user-facing string is written: `t('Deleted {0}.', name)`. The extension host installs
 * `vscode.l10n.t` at activation (`useTranslator`); until then, and in vscode-free layers under unit tests, the
 * message is only formatted, so every layer (the tree model, shared rules, the webview's host side) can call it.
 * Log lines are not translated.
 */
export type L10nArg = string | number | boolean;
export type Translator = (message: string, ...args: L10nArg[]) => string;

/** The message with its {0}, {1}… replaced: what t() does before a translator is installed, and the webviews' fill(). */
export const formatOnly: Translator = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const i = Number(index);
    return i < args.length ? String(args[i]) : whole;
  });

/** The current translations as `vscode.l10n.bundle` gives them: message (the English text) → translated text. */
export type L10nBundle = Readonly<Record<string, string>>;

/**
 * A translator that looks a message up in a bundle the host sent, then fills its {0}, {1}…: what a webview
 * installs with `useTranslator`, so shared rules it runs (validation messages) speak the user's language.
 * A message the bundle lacks (or no bundle: English) stays English.
 */
export function bundleTranslator(bundle: L10nBundle | undefined): Translator {
  return (message, ...args) => {
    const translated = bundle !== undefined && Object.hasOwn(bundle, message) ? bundle[message] : undefined;
    return formatOnly(translated ?? message, ...args);
  };
}

let translate: Translator = formatOnly;

export function t(message: string, ...args: L10nArg[]): string {
  return translate(message, ...args);
}

/** Called once by the extension's activation with `vscode.l10n.t`; tests may reset it with `useTranslator()`. */
export function useTranslator(translator: Translator = formatOnly): void {
  translate = translator;
}
