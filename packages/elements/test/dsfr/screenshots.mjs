#!/usr/bin/env node
// Side-by-side screenshots of the DSFR's own components and the Essaim widgets in the DSFR theme
// (side-by-side.html), light and dark, to judge by eye:
//   flock /tmp/essaim-heavy.lock node packages/elements/test/dsfr/screenshots.mjs [out-dir]
// Writes <out-dir>/{fields,cards,tabs}-{light,dark}.png (default out-dir: a temporary folder, printed).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../../scripts/chromium.mjs';

const out = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'essaim-dsfr-'));
mkdirSync(out, { recursive: true });
const server = await createServer({
  configFile: 'vite.config.ts',
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0 },
});
await server.listen();
const base = server.resolvedUrls.local[0];
const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const scheme of ['light', 'dark']) {
    const page = await browser.newPage();
    await page.setViewport({ width: Number(process.env.WIDTH ?? 1280), height: 900 });
    await page.goto(
      `${base}packages/elements/test/dsfr/side-by-side.html${scheme === 'dark' ? '?dark' : ''}`,
    );
    // every widget has drawn its first content
    await page.waitForFunction(
      () =>
        document.querySelector('ess-directory')?.shadowRoot?.querySelector('[part~="card"]') &&
        document.querySelector('ess-agenda')?.shadowRoot?.querySelector('[role="tab"]') &&
        document.querySelector('ess-orientation')?.shadowRoot?.querySelector('input'),
      { timeout: 60000 },
    );
    // the directory's filters open (checkboxes), the agenda's month (the selected tab, the grid)
    await page.evaluate(() => {
      document.querySelector('ess-directory').shadowRoot.querySelector('.filters-toggle')?.click();
      document.querySelector('ess-agenda').shadowRoot.querySelector('#tab-month')?.click();
    });
    await new Promise((r) => setTimeout(r, 1500));
    for (const id of ['fields', 'cards', 'tabs']) {
      const el = await page.$(`#${id}`);
      const file = join(out, `${id}-${scheme}.png`);
      await el.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
