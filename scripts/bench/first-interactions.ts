/**
 * What the first interactions of `<ess-directory>` download, measured in Chromium on the one-script-tag
 * build (packages/elements/dist/cdn) with the embedded dev feed, after the first results are shown:
 *
 * - **first detail**: a click on the result cards one after the other until a detail shows opening hours
 *   (the detail view and whatever "ouvert maintenant" needs);
 * - **first place focus**: focus of the "près de chez moi" field, then the word typed (`Montreuil`),
 *   i.e. the places module and its data.
 *
 * - **a page with a map**: a blank page with the script tag and `<ess-map>` (embedded feed, bundled
 *   basemap), everything it requests until the network is idle and the map has drawn (MapLibre, its
 *   worker, the basemap, the feed).
 *
 * Every file requested after the action (Resource Timing; for the map page, every request the browser
 * made, workers included) is counted at its gzip size (level 9, from the files on disk; JSON included). CLI: `tsx scripts/bench/first-interactions.ts [--build] [--json]`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Page, chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { benchBundleSize, CDN_DIR } from './bundle-size.ts';
import { serve } from './first-render.ts';

export interface InteractionWeight {
  action: 'first-detail' | 'first-place-focus' | 'map-page';
  /** gzip bytes of the files requested after the action. */
  gzip: number;
  files: Array<{ file: string; gzip: number }>;
}

const resources = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime })),
  );

async function after(page: Page, dir: string, since: number): Promise<InteractionWeight['files']> {
  const names = [...new Set((await resources(page)).filter((e) => e.start >= since).map((e) => e.name))];
  const files: InteractionWeight['files'] = [];
  for (const file of names) {
    const body = await readFile(join(dir, file)).catch(() => undefined);
    if (body) files.push({ file, gzip: gzipSync(body, { level: 9 }).length });
  }
  return files;
}

export async function measureFirstInteractions(): Promise<InteractionWeight[]> {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-interactions-'));
  cpSync(CDN_DIR, dir, { recursive: true });
  const { base, close } = await serve(dir);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const out: InteractionWeight[] = [];
  const open = async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/bench/ess-directory.html`);
    await page.locator('ess-directory .card-button').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1500);
    return page;
  };
  try {
    // First detail with opening hours.
    let page = await open();
    const since = await page.evaluate(() => performance.now());
    const buttons = page.locator('ess-directory .card-button');
    for (let i = 0; i < 20; i++) {
      await buttons.nth(i).click();
      await page.locator('ess-directory #detail-heading').waitFor();
      await page.waitForTimeout(1000);
      if (
        (
          await page
            .locator('ess-directory .detail-body section h4, ess-directory .detail-body section h3')
            .allTextContents()
        ).some((t) => /Horaires/.test(t))
      )
        break;
      await page.locator('ess-directory .back').click();
    }
    let files = await after(page, dir, since);
    out.push({ action: 'first-detail', gzip: files.reduce((n, f) => n + f.gzip, 0), files });
    await page.context().close();
    // First focus of the place field, then a commune typed.
    page = await open();
    const focus = await page.evaluate(() => performance.now());
    const field = page.locator('ess-directory input#place');
    await field.focus();
    await field.pressSequentially('Montreuil');
    await page.locator('ess-directory #place-list li').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1000);
    files = await after(page, dir, focus);
    out.push({ action: 'first-place-focus', gzip: files.reduce((n, f) => n + f.gzip, 0), files });
    await page.context().close();
    // A page with a map: every request, the worker's included.
    page = await (await browser.newContext()).newPage();
    const requested = new Set<string>();
    page.context().on('requestfinished', (r) => requested.add(new URL(r.url()).pathname));
    await page.goto(`${base}/bench/ess-map.html`, { waitUntil: 'networkidle' });
    await page.locator('ess-map canvas').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(3000);
    for (const w of page.workers()) requested.add(new URL(w.url()).pathname);
    files = [];
    for (const file of requested) {
      const body = await readFile(join(dir, file)).catch(() => undefined);
      if (body) files.push({ file, gzip: gzipSync(body, { level: 9 }).length });
    }
    out.push({ action: 'map-page', gzip: files.reduce((n, f) => n + f.gzip, 0), files });
    await page.context().close();
  } finally {
    await browser.close();
    close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export async function benchFirstInteractions(
  options: { build?: boolean; quiet?: boolean } = {},
): Promise<InteractionWeight[]> {
  await benchBundleSize({ quiet: true, ...(options.build ? { build: true } : {}) });
  const results = await measureFirstInteractions();
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    for (const r of results)
      console.log(
        `${r.action} (Chromium, gzip, all files requested after the action): ${kb(r.gzip)} — ` +
          r.files.map((f) => `${f.file.replace(/^\/chunks\//, '')} ${kb(f.gzip)}`).join(', '),
      );
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const json = process.argv.includes('--json');
  const results = await benchFirstInteractions({ build: process.argv.includes('--build'), quiet: json });
  if (json) console.log(JSON.stringify(results, null, 2));
}
