// Text the extension did not write (service messages, names a response carries, display names, tag keys) is
// shown as data, never as markup (no link, no icon). Pure: used by src/ui for every plain-text surface and by
// whatever builds Markdown (tree tooltips, hovers).
//
// Plain-text surfaces still parse a little syntax: notifications and modals turn `[label](command:…)` (and
// https/file links) into clickable links; quick picks and the status bar turn `$(name)` into icons. Breaking the
// pair with a zero-width space keeps the text as it reads and makes it inert. Markdown gets every ASCII
// punctuation character escaped (links, images, autolinks, emphasis, HTML, entities) and code spans a fence no
// backtick run inside can close.

const ZWSP = '\u200B';

/** C0/C1 controls (but tab and line feed), and the bidi overrides and isolates that reorder what is shown. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Line breaks, the ones Markdown and VS Code's renderers know (CRLF first). */
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;

/**
 * Untrusted text for a notification, modal message or detail, input prompt, quick pick or status bar: link syntax
 * (`[..](..)`) and icon syntax (`$(..)`) are made inert, controls and bidi overrides removed. Line breaks are kept
 * (a modal's detail may have several lines); use `plainLine` where one line is wanted.
 */
export function plainText(text: string): string {
  return text
    .replace(/\r\n|\r|\u2028|\u2029|\u0085/g, '\n')
    .replace(CONTROLS, '')
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/\$\(/g, `$${ZWSP}(`);
}

/** `plainText` on one line: line breaks and tabs become single spaces (quick pick labels, status bar). */
export function plainLine(text: string): string {
  return plainText(text).replace(/[\n\t]+/g, ' ');
}

/**
 * Untrusted text inside Markdown, shown literally: every ASCII punctuation character is backslash-escaped (so no
 * link, image, autolink, emphasis, heading, table, HTML tag or entity can form), controls are removed and line
 * breaks become spaces (a blank line would end the paragraph it sits in).
 */
export function markdownText(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * Untrusted text as an inline code span: fenced with one backtick more than its longest backtick run, padded so
 * a leading or trailing backtick cannot join the fence, on one line. Backslashes need no escaping inside a code
 * span; nothing in it is parsed.
 */
export function markdownCode(text: string): string {
  const clean = text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${clean} ${fence}`;
}
