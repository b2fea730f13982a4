// Prints the English bundle of the extension's code strings: every message passed to t() in src/ (under any
// name it is imported as), as VS Code's l10n/bundle.l10n.json wants it ({ "message": "message" }). A translator
// copies it to l10n/bundle.l10n.<language>.json and translates the values (see CONTRIBUTING.md, "Translations").
//   npx tsx test/unit/l10nExport.ts > l10n/bundle.l10n.json
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { translatableMessages } from './l10nScan';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const messages = new Set<string>();
for (const file of files(join(__dirname, '..', '..', 'src')))
  for (const m of translatableMessages(file, readFileSync(file, 'utf8'))) messages.add(m);
const bundle = Object.fromEntries([...messages].sort().map((m) => [m, m]));
process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
