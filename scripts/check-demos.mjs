#!/usr/bin/env node
// The framework examples, as their users would build them, type-checked, built and rendered in Chromium:
//
// - demo/react: React 19 JSX typed by @essaim/elements/react (tsc), built with Vite;
// - demo/vue:   a Vue 3 SFC template typed by @essaim/elements/vue (vue-tsc, on TypeScript 6: TS 7 has no
//               compiler API for it), built with Vite and @vitejs/plugin-vue;
// - demo/cms:   the paste-ready WordPress / Drupal HTML block, on the one-script-tag build (dist/cdn,
//               built here if missing) with the DSFR theme;
// - demo/cdn.html is checked by scripts/check-cdn.mjs.
//
// Each page must show result cards from the embedded feed (names that are in data/feed/structures.json);
// in React and Vue, a click on a card must reach the application through the typed `ess-select` event,
// and React's own count (read from the SDK store it shares with <ess-feed>) must follow the widget's search.
// Usage: node scripts/check-demos.mjs [--no-typecheck]. Exit code 1 on failure.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { serveRepository } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (dir, name) => join(root, dir, 'node_modules/.bin', name);
const problems = [];
const step = (label, fn) => {
  const t0 = Date.now();
  try {
    fn();
    console.log(`✓ ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    problems.push(`${label}: ${e.message.split('\n')[0]}`);
  }
};
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd: join(root, cwd), stdio: 'inherit' });

if (!process.argv.includes('--no-typecheck')) {
  // The examples include files with deliberate mistakes, each marked @ts-expect-error / @vue-expect-error:
  // the check fails if the typings stop catching them (an unused directive is an error).
  step('React 19 JSX types (tsc -p demo/react)', () =>
    run(bin('.', 'tsc'), ['-p', 'tsconfig.json'], 'demo/react'),
  );
  step('Vue 3 template types (vue-tsc -p demo/vue, TypeScript 6)', () =>
    run(bin('demo/vue', 'vue-tsc'), ['-p', 'tsconfig.json'], 'demo/vue'),
  );
}
const vite = bin('.', 'vite');
step('build demo/react (vite)', () => run(vite, ['build', '--logLevel', 'warn'], 'demo/react'));
step('build demo/vue (vite)', () => run(vite, ['build', '--logLevel', 'warn'], 'demo/vue'));
if (!existsSync(join(root, 'packages/elements/dist/cdn/essaim.js')))
  step('build packages/elements/dist/cdn (vite --mode cdn)', () =>
    run(vite, ['build', '--mode', 'cdn', '--logLevel', 'warn'], 'packages/elements'),
  );

const names = new Set(
  JSON.parse(readFileSync(join(root, 'data/feed/structures.json'), 'utf8')).map((s) => s.name),
);
// The repository served statically (the examples set no CSP of their own).
const server = await serveRepository({ csp: false });
const { base } = server;
const browser = await chromium.launch(chromiumLaunchOptions);

/** Opens a page, waits for the directory's result cards, checks their names, optionally clicks one. */
async function render(path, { select, shared = false }) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const note = (text) => problems.push(`${path}: ${text}`);
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) note(`HTTP ${r.status()} ${r.url()}`);
  });
  const t0 = Date.now();
  try {
    await page.goto(base + path);
    const cards = page.locator('ess-directory').locator('[part~="card"] .card-button');
    await cards.first().waitFor({ timeout: 30_000 });
    const shown = (await cards.allTextContents()).map((t) => t.trim());
    const unknown = shown.filter((n) => !names.has(n));
    if (unknown.length) note(`cards not from the embedded feed: ${unknown.slice(0, 3).join(', ')}`);
    let detail = '';
    if (shared) {
      // React reads the SDK store it gave <ess-feed>: after a search typed in the widget, the
      // application's count and the directory's are the same number.
      await page.locator('ess-directory').locator('input[type="search"]').fill('recyclerie');
      const total = page.locator('#total', { hasText: 'recyclerie' });
      await total.waitFor({ timeout: 10_000 });
      const digits = (t) => Number((t ?? '').replace(/\D/g, ''));
      const count = page.locator('ess-directory').locator('[part~="count"]');
      await page.waitForFunction(
        () => {
          const a = document.getElementById('total')?.textContent?.match(/(\d[\d\s\u202f]*)/)?.[1];
          const b = document.querySelector('ess-directory')?.shadowRoot?.querySelector('[part~="count"]');
          return a && b && a.replace(/\D/g, '') === b.textContent.replace(/\D/g, '');
        },
        null,
        { timeout: 10_000 },
      );
      const n = digits((await total.textContent()).match(/\d[\d\s\u202f]*/)?.[0]);
      if (!(n > 0)) note(`the search "recyclerie" found nothing (${await count.textContent()})`);
      detail += `, shared SDK store: "recyclerie" → ${n} in the app and in the widget`;
    }
    if (select) {
      const id = await cards.first().getAttribute('data-id');
      await cards.first().click();
      await page.locator('#selected', { hasText: id ?? '?' }).waitFor({ timeout: 10_000 });
      detail += `, ess-select → the app got "${id}"`;
    }
    console.log(`✓ ${path}: ${shown.length} cards from the embedded feed${detail} (${Date.now() - t0} ms)`);
    return page;
  } catch (e) {
    note(`timeout or error: ${e.message.split('\n')[0]}`);
    return page;
  }
}

try {
  await (await render('/demo/react/dist/index.html', { select: true, shared: true })).close();
  await (await render('/demo/vue/dist/index.html', { select: true })).close();

  // The WordPress / Drupal block: the live block and the code shown to paste must be the same markup.
  const cms = await render('/demo/cms/index.html', { select: false });
  const mismatch = await cms.evaluate(() => {
    const elementsOf = (container) =>
      [...container.querySelectorAll('*')]
        .filter((e) => e.localName.startsWith('ess-'))
        .map((e) => `${e.localName}[${[...e.attributes].map((a) => `${a.name}=${a.value}`).join(' ')}]`)
        .join(' ');
    const shown = new DOMParser().parseFromString(
      document.getElementById('snippet-code').textContent,
      'text/html',
    );
    const live = elementsOf(document.getElementById('snippet'));
    const code = elementsOf(shown.body);
    const theme = [...shown.querySelectorAll('link')].some((l) => l.href.endsWith('/themes/dsfr.css'));
    const script = [...shown.querySelectorAll('script')].some((s) => s.src.endsWith('/dist/cdn/essaim.js'));
    const applied = getComputedStyle(document.documentElement).getPropertyValue('--ess-color-primary');
    if (live !== code) return `the block shown (${code}) differs from the live block (${live})`;
    if (!theme || !script) return 'the code shown lacks the DSFR theme or the script';
    if (!applied.trim()) return 'the DSFR theme is not applied (no --ess-color-primary)';
    return '';
  });
  if (mismatch) problems.push(`/demo/cms/index.html: ${mismatch}`);
  await cms.close();
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(`the framework examples failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
