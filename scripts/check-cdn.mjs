#!/usr/bin/env node
// End-to-end check of the one-script-tag build, as a webmaster would use it: builds
// packages/elements/dist/cdn, serves the repository statically on 127.0.0.1 with a strict
// Content-Security-Policy, opens demo/cdn.html (the demo commune) and demo/blank.html (the script tag and
// one bare <ess-directory>, which shows the embedded feed shipped with the build) in Debian's Chromium,
// and checks that the directory lists results, that the map loads (MapLibre's worker found) and that the
// browser reports no CSP violation and no page error. Exit code 1 on failure.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { buildCdn, ROOT as root, serveRepository } from './serve.mjs';

if (!process.argv.includes('--no-build')) await buildCdn();
// A host site's widget built with its own Lit 2, for demo/another-lit.html.
const { build } = await import('vite');
await build({
  configFile: false,
  logLevel: 'warn',
  root,
  build: {
    outDir: join(root, 'packages/elements/dist/another-lit'),
    emptyOutDir: true,
    minify: true,
    lib: {
      entry: join(root, 'demo/another-lit/host-widget.ts'),
      formats: ['es'],
      fileName: () => 'host-widget.js',
    },
  },
});

const server = await serveRepository();
const { base } = server;

const browser = await chromium.launch(chromiumLaunchOptions);
const problems = [];

/** Opens a page and waits until its directory lists results (and its map, when it has one, is loaded). */
async function check(path, { map, all = false }) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const note = (text) => problems.push(`${path}: ${text}`);
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 404/.test(m.text())) note(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) note(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  try {
    await page.goto(base + path);
    const result = await page.waitForFunction(
      ([withMap, withAll]) => {
        const shadow = (tag) => document.querySelector(tag)?.shadowRoot;
        const cards = shadow('ess-directory')?.querySelectorAll('[part~="card"]').length ?? 0;
        // The demo commune also has an orientation (its first question) and an agenda (event cards).
        const others =
          !withAll ||
          (Boolean(shadow('ess-orientation')?.querySelector('legend')) &&
            (shadow('ess-agenda')?.querySelectorAll('[part~="card"]').length ?? 0) > 0);
        if (!withMap) return cards > 0 && others ? { cards, features: 0 } : false;
        const m = document.querySelector('ess-map')?.map;
        return cards > 0 && others && m?.loaded?.()
          ? { cards, features: m.queryRenderedFeatures().length }
          : false;
      },
      [map, all],
      { timeout: 30_000 },
    );
    const { cards, features } = await result.jsonValue();
    console.log(
      `${path}: ${cards} cards in the directory${map ? `, map loaded (${features} rendered features)` : ''}${all ? ', orientation and agenda shown' : ''}`,
    );
    if (map && features === 0) note('the map rendered nothing');
  } catch (e) {
    note(`timeout or error: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
}

/** A page whose own widget runs Lit 2 beside Essaim's Lit 3: both render and react; no error. */
async function anotherLit() {
  const path = '/demo/another-lit.html';
  const page = await browser.newPage();
  const note = (text) => problems.push(`${path}: ${text}`);
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  try {
    await page.goto(base + path);
    await page.waitForFunction(
      () =>
        (document.querySelector('ess-directory')?.shadowRoot?.querySelectorAll('[part~="card"]').length ??
          0) > 0,
      undefined,
      { timeout: 30_000 },
    );
    await page.locator('host-widget button').click();
    const state = await page.evaluate(() => ({
      host: document.querySelector('host-widget')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim(),
      versions: globalThis.litElementVersions ?? [],
    }));
    const majors = [...new Set(state.versions.map((v) => v.split('.')[0]))].sort();
    if (!state.host?.includes('Cliqué 1 fois'))
      note(`the host's Lit 2 widget did not update: "${state.host}"`);
    // litElementVersions lists lit-element's versions: 3.x is Lit 2's, 4.x is Lit 3's.
    if (majors.join() !== '3,4')
      note(`expected Lit 2 and Lit 3 (lit-element 3 and 4) on the page, found ${state.versions.join(', ')}`);
    console.log(
      `${path}: lit-element ${state.versions.join(' + ')} (Lit 2 and 3) on one page; both render and react`,
    );
  } catch (e) {
    note(`timeout or error: ${e.message.split('\n')[0]}`);
  } finally {
    await page.close();
  }
}

try {
  await check('/demo/cdn.html', { map: true, all: true }); // the demo commune page, built
  await check('/demo/blank.html', { map: false }); // a blank page: the script tag and <ess-directory>, nothing else
  // Trusted Types enforced: the map (MapLibre's worker), the JSON-LD and every component still work.
  await check('/demo/cdn.html?trusted-types', { map: true, all: true });
  await anotherLit();
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(`the one-script-tag build failed (strict CSP):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
