// Renders media/icon.svg to the 128×128 media/icon.png the marketplace needs, with headless Chromium.
// usage: npx tsx scripts/renderIcon.ts
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../test/harness/browser';

async function main(): Promise<void> {
  const media = join(resolve(__dirname, '..'), 'media');
  const svg = readFileSync(join(media, 'icon.svg'), 'utf8');
  const b = await launchBrowser({ width: 128, height: 128 });
  try {
    await b.page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await b.page.locator('svg').screenshot({ path: join(media, 'icon.png'), omitBackground: true });
  } finally {
    await b.close();
  }
}

void main();
