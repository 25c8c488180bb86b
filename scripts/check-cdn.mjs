#!/usr/bin/env node
// End-to-end check of the one-script-tag build, as a webmaster would use it: builds
// packages/elements/dist/cdn, serves the repository statically on 127.0.0.1 with a strict
// Content-Security-Policy, opens demo/cdn.html in Debian's Chromium and checks that the directory lists
// results, that the map loads (MapLibre's worker found) and that the browser reports no CSP violation and
// no page error. Exit code 1 on failure.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!process.argv.includes('--no-build')) {
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--mode', 'cdn', '--logLevel', 'warn'], {
    cwd: join(root, 'packages/elements'),
    stdio: 'inherit',
  });
}

// The policy the README documents for a page that embeds Essaim (no 'unsafe-inline', no 'unsafe-eval').
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
].join('; ');
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
};
const server = http.createServer(async (req, res) => {
  try {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const body = await readFile(join(root, path));
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
    });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end('not found');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/demo/cdn.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--enable-unsafe-swiftshader',
    '--use-angle=swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text()) && !/status of 404/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico'))
      problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(url);
  const result = await page.waitForFunction(
    () => {
      const dir = document.querySelector('ess-directory');
      const cards = dir?.shadowRoot?.querySelectorAll('article, li[data-id], [part~="card"]').length ?? 0;
      const map = document.querySelector('ess-map')?.map;
      const loaded = Boolean(map?.loaded?.());
      return cards > 0 && loaded ? { cards, features: map.queryRenderedFeatures().length } : false;
    },
    undefined,
    { timeout: 30_000 },
  );
  const { cards, features } = await result.jsonValue();
  console.log(
    `one script tag, strict CSP: ${cards} cards in the directory, map loaded (${features} rendered features)`,
  );
  if (features === 0) problems.push('the map rendered nothing');
} catch (e) {
  problems.push(`timeout or error: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  server.close();
}
if (problems.length) {
  console.error(`demo/cdn.html failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
