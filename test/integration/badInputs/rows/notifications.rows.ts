// Hostile text for notifications, modals, progress titles, input boxes, quick picks and dialogs, passed through
// the real neutraliser every surface uses (src/ui/plainSurfaces.ts; ESLint keeps the VS Code APIs behind it).
// What VS Code would render is judged here on its own terms, not by re-running the product's rule: a
// notification turns `[label](https:|command:|file:…)` into a link, quick picks, titles and the status bar turn
// `$(name)` into an icon, bidi controls reorder what is shown, and a one-line surface must not show a line break.
// No row sends a request.
import { t } from '../../../../src/shared/l10n';
import {
  dialogTitle,
  inputOptions,
  lineText,
  messageOptions,
  messageText,
  pickItem,
  pickOptions,
  progressTitle,
} from '../../../../src/ui/plainSurfaces';
import { accepted, neutralised, type Outcome, type Row } from '../catalogue';

/** The link syntax VS Code's notifications and modals make clickable. */
const LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+(?: (["']).+?\1)?\)/i;
/** Codicon syntax in quick picks, titles and the status bar. */
const ICON = /\$\([a-z0-9-]+(?:~[a-z]+)?\)/i;
/** Controls (but tab and line feed) and the bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const BREAK = /[\n\r\t\u2028\u2029\u0085]/;

/**
 * What a surface shows, judged: anything that would render as a link, an icon, a reordering or (on a one-line
 * surface) a line break is reported as accepted-and-unsafe, so the row fails; otherwise neutralised when the
 * text changed, accepted when it is shown exactly as given.
 */
function judge(input: string, shown: string | undefined, oneLine: boolean): Outcome {
  if (shown === undefined) return accepted('UNSAFE: nothing shown');
  const hazards = [
    LINK.test(shown) && 'link',
    ICON.test(shown) && 'icon',
    CONTROL.test(shown) && 'control',
    oneLine && BREAK.test(shown) && 'line break',
  ].filter(Boolean);
  if (hazards.length > 0) return accepted(`UNSAFE (${hazards.join(', ')}): ${shown.slice(0, 200)}`);
  return shown === input ? accepted(shown) : neutralised(shown);
}
const message = (input: string): Outcome => judge(input, messageText(input), false);
const line = (input: string): Outcome => judge(input, lineText(input), true);

const COMMAND_LINK = '[Fix it](command:keyVaultSecrets.purgeSecret?%5B%22prod-db%22%5D)';
const TEN_KB = 'a'.repeat(10_240);

export const rows: readonly Row[] = [
  {
    surface: 'notifications',
    input: 'service message with a [label](command:…) link',
    expect: 'neutralised',
    says: /^Vault says: \[Fix it\]\u200B\(command:keyVaultSecrets\.purgeSecret/,
    run: () => message(`Vault says: ${COMMAND_LINK}`),
  },
  {
    surface: 'notifications',
    input: 'import progress title with a vault display name holding a command: link',
    expect: 'neutralised',
    says: /^Importing 3 entries into \[prod\]\u200B\(command:workbench\.action\.terminal\.sendSequence/,
    run: () => {
      const name = '[prod](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D)';
      return judge(name, progressTitle(t('Importing {0} entries into {1}…', 3, name)), true);
    },
  },
  {
    surface: 'notifications',
    input: 'modal detail with an https phishing link',
    expect: 'neutralised',
    says: /^See \[the docs\]\u200B\(https:\/\/attacker\.example\/login\)$/,
    run: () => {
      const detail = 'See [the docs](https://attacker.example/login)';
      return judge(detail, messageOptions({ modal: true, detail }).detail, false);
    },
  },
  {
    surface: 'notifications',
    input: 'error message with a file: link carrying a link title',
    expect: 'neutralised',
    says: /\[open\]\u200B\(file:\/\/\/etc\/passwd "Open"\)/,
    run: () => message('Could not read [open](file:///etc/passwd "Open")'),
  },
  {
    surface: 'notifications',
    input: 'several links and nested brackets in one message',
    expect: 'neutralised',
    says: /^\[\[x\]\u200B\(command:a\)\]\u200B\(command:b\) \[y\]\u200B\(https:\/\/e\.example\)$/,
    run: () => message('[[x](command:a)](command:b) [y](https://e.example)'),
  },
  {
    surface: 'notifications',
    input: 'codicon $(trash) in a status-bar line',
    expect: 'neutralised',
    says: /^Deleted \$\u200B\(trash\) prod-db$/,
    run: () => line('Deleted $(trash) prod-db'),
  },
  {
    surface: 'notifications',
    input: 'codicon with a modifier $(sync~spin) in a quick pick label',
    expect: 'neutralised',
    says: /^\$\u200B\(sync~spin\) contoso$/,
    run: () => {
      const label = '$(sync~spin) contoso';
      return judge(label, pickItem({ label, data: 1 }).label, true);
    },
  },
  {
    surface: 'notifications',
    input: 'right-to-left override in a progress title (U+202E)',
    expect: 'neutralised',
    says: /^Reading "invoice-txt\.exe"…$/,
    run: () => {
      const name = 'invoice-\u202Etxt.exe\u202C'; // reads "invoice-exe.txt" when the override works
      return judge(name, progressTitle(t('Reading "{0}"…', name)), true);
    },
  },
  {
    surface: 'notifications',
    input: 'bidi isolates (U+2066-2069) in an input box prompt',
    expect: 'neutralised',
    says: /^Type "prod-db" to confirm\.$/,
    run: () => {
      const prompt = 'Type "\u2067prod\u2069-\u2066db\u2068" to confirm.';
      return judge(prompt, inputOptions({ prompt }).prompt, false);
    },
  },
  {
    surface: 'notifications',
    input: 'terminal escape sequences, BEL and C1 CSI in an error message',
    expect: 'neutralised',
    says: /^\[31mAccess denied\[0m now$/,
    run: () => message('\u001b[31mAccess denied\u001b[0m\u0007\u009B now'),
  },
  {
    surface: 'notifications',
    input: 'line breaks (LF, CR, CRLF, U+2028, NEL, tab) in a quick pick title',
    expect: 'neutralised',
    says: /^Pick a vault Done\. Click Allow to continue next last$/,
    run: () => {
      const title = 'Pick a vault\nDone.\r\nClick Allow\rto continue\u2028next\u0085\tlast';
      return judge(title, pickOptions({ title }).title, true);
    },
  },
  {
    surface: 'notifications',
    input: 'a name forging a second notification line in a progress title',
    expect: 'neutralised',
    says: /^Deleting "x Deleted\. Undo: \[Undo\]\u200B\(command:keyVaultSecrets\.purgeSecret\)" from contoso…$/,
    run: () => {
      const name = 'x\n\nDeleted. Undo: [Undo](command:keyVaultSecrets.purgeSecret)';
      return judge(name, progressTitle(t('Deleting "{0}" from {1}…', name, 'contoso')), true);
    },
  },
  {
    surface: 'notifications',
    input: 'exotic line separators in a modal message become line feeds',
    expect: 'neutralised',
    says: /^first\nsecond\nthird\nfourth$/,
    run: () => message('first\u2028second\u2029third\r\nfourth'),
  },
  {
    surface: 'notifications',
    input: '10 KB display name with a command link at its very end',
    expect: 'neutralised',
    says: /^a{10240} \[go\]\u200B\(command:x\)$/,
    run: () => {
      const started = Date.now();
      const out = message(`${TEN_KB} [go](command:x)`);
      return Date.now() - started < 200 ? out : accepted(`UNSAFE: took ${Date.now() - started} ms`);
    },
  },
  {
    surface: 'notifications',
    input: '10 KB of alternating "](" and "$(" pairs in a dialog title',
    expect: 'neutralised',
    says: /^(?:\]\u200B\(\$\u200B\(){2560}$/,
    run: () => {
      const title = ']($('.repeat(2560);
      return judge(title, dialogTitle({ title }).title, true);
    },
  },
  {
    surface: 'notifications',
    input: 'input box validation message with a link and an icon',
    expect: 'neutralised',
    says: /^Type \[here\]\u200B\(command:x\) \$\u200B\(check\)$/,
    run: async () => {
      const verdict = 'Type [here](command:x) $(check)';
      const options = inputOptions({ validateInput: () => verdict });
      const shown = await options.validateInput?.('anything');
      return judge(verdict, typeof shown === 'string' ? shown : undefined, false);
    },
  },
  {
    surface: 'notifications',
    input: 'text neutralised twice stays inert and unchanged (no doubled zero-width space)',
    expect: 'neutralised',
    says: /^\[a\]\u200B\(command:x\) \$\u200B\(bell\)$/,
    run: () => {
      const once = messageText('[a](command:x) $(bell)');
      const twice = messageText(once);
      return twice === once ? judge('[a](command:x) $(bell)', twice, false) : accepted(`UNSAFE: changed to ${twice}`);
    },
  },
  {
    surface: 'notifications',
    input: 'HTML tags and entities in a notification (plain text shows them literally)',
    expect: 'accepted',
    says: /^<a href="command:x">click<\/a><img src=x onerror=alert\(1\)> &lt;b&gt;$/,
    run: () => message('<a href="command:x">click</a><img src=x onerror=alert(1)> &lt;b&gt;'),
  },
  {
    surface: 'notifications',
    input: 'ordinary brackets, parentheses, URLs and $ amounts are left as they read',
    expect: 'accepted',
    says: /^Vault contoso \(https:\/\/contoso\.vault\.azure\.net\) \[dev\] costs \$5 \(approx\.\)$/,
    run: () => line('Vault contoso (https://contoso.vault.azure.net) [dev] costs $5 (approx.)'),
  },
  {
    surface: 'notifications',
    input: 'right-to-left script and emoji joined by ZWJ are not stripped with the bidi controls',
    expect: 'accepted',
    says: /^خزنة-الإنتاج 👩‍💻 prod$/,
    run: () => line('خزنة-الإنتاج 👩\u200D💻 prod'),
  },
  {
    surface: 'notifications',
    input: 'zero-width and word-joiner characters already between "]" and "("',
    expect: 'accepted',
    says: /^\[a\]\u2060\(command:x\) \[b\]\uFEFF\(command:y\)$/,
    run: () => message('[a]\u2060(command:x) [b]\uFEFF(command:y)'),
  },
];
