#!/usr/bin/env node
// Adopters' apps, made the way their starters make them, installing the packed tarballs (npm, from a
// folder of .tgz files: nothing from the workspace), built with the framework's own command and opened in
// Chromium, where the map must draw its clusters with no step beyond `npm install` and the element tags:
//
// one module per app in scripts/frameworks/ (each says what it tests).
//
// Each build must contain Essaim's MapLibre worker once (the bundler copied it, following the chunk's
// `new URL(…, import.meta.url)`), and the page no failed request. Installs use npm's cache (~/.npm): a cold
// cache (CI's first run) costs the download of the apps' dependencies once (measured: see the README).
//
// Usage: node scripts/check-frameworks.mjs [--no-build] [--keep] [--cache <dir>] [--only <name,…>]. Exit code 1 on failure.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cache = cacheAt >= 0 ? args[cacheAt + 1] : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'check-frameworks-'));
const problems = [];
const t0 = Date.now();
const secs = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// ── The tarballs.
for (const pkg of ['sdk', 'elements']) {
  const cwd = join(root, 'packages', pkg);
  if (!args.includes('--no-build'))
    execFileSync('pnpm', ['run', '--silent', 'build'], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('pnpm', ['pack', '--pack-destination', tmp], { cwd, stdio: 'ignore' });
}
const tgz = (name) =>
  `file:${join(
    tmp,
    readdirSync(tmp).find((f) => f.startsWith(`essaim-${name}-`)),
  )}`;
const essaim = { '@essaim/elements': tgz('elements'), '@essaim/sdk': tgz('sdk') };

/**
 * The apps: one module per app in scripts/frameworks/ (every file but common.mjs), each exporting
 * `(essaim) => app`, where `essaim` holds the tarballs as npm dependencies and `app` is
 * `{ name, files, feedDir, build: [command, args], out, ownMap?, workers?, check?(page, fail, base, dir) }`:
 * - `files`: path → text (or an object, written as JSON);
 * - `feedDir`: where the demo feed is copied (served at /feed/);
 * - `out`: the folder served as the site after the build;
 * - `workers`: MapLibre worker files expected in the build (default 1, 2 with `ownMap`);
 * - `check`: more assertions on the page once the map drew its clusters (`fail(text)` records a problem;
 *   `dir` is the app's folder, for a check that builds a variant of the app).
 */
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
const appDir = join(root, 'scripts/frameworks');
const APPS = [];
for (const file of readdirSync(appDir).sort()) {
  if (!file.endsWith('.mjs') || file === 'common.mjs') continue;
  const app = (await import(pathToFileURL(join(appDir, file)).href)).default(essaim);
  if (!only || only.includes(app.name)) APPS.push(app);
}

/** Serves a folder on 127.0.0.1; resolves to its base URL and a `close()`. */
async function serve(dir) {
  const types = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.mjs': 'text/javascript',
    '.json': 'application/json',
    '.css': 'text/css',
  };
  const server = http.createServer(async (req, res) => {
    try {
      let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
        /^(\.\.[/\\])+/,
        '',
      );
      if (path.endsWith('/')) path += 'index.html';
      const body = await readFile(join(dir, path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const app of APPS) {
    const dir = join(tmp, app.name);
    const fail = (text) => problems.push(`${app.name}: ${text}`);
    for (const [file, content] of Object.entries(app.files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(
        join(dir, file),
        typeof content === 'string' ? content : JSON.stringify(content, null, 2),
      );
    }
    cpSync(join(root, 'data/feed'), join(dir, app.feedDir), { recursive: true });
    try {
      let t = Date.now();
      execFileSync(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--prefer-offline',
          '--loglevel=error',
          ...(cache ? ['--cache', cache] : []),
        ],
        { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
      );
      const installed = secs(t);
      t = Date.now();
      execFileSync(app.build[0], app.build[1], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
      const built = secs(t);
      const out = join(dir, app.out);
      // MapLibre's worker files in the build (a worker's code has `demWorkerSources`; the page's own
      // MapLibre, when it has one, brings a second): the map below can only draw if Essaim's loads.
      const workers = readdirSync(out, { recursive: true })
        .map(String)
        .filter((f) => /\.m?js$/.test(f) && readFileSync(join(out, f), 'utf8').includes('demWorkerSources'));
      if (workers.length !== (app.workers ?? (app.ownMap ? 2 : 1)))
        fail(`MapLibre worker files in the build: ${workers.join(', ') || 'none'}`);

      const server = await serve(out);
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      page.on('pageerror', (e) => fail(`page error: ${e.message}`));
      // Console errors (a hydration mismatch is one); failed requests are reported below, once.
      page.on('console', (m) => {
        if (
          m.type() === 'error' &&
          !m.text().startsWith('Failed to load resource') &&
          !m.location().url?.endsWith('/favicon.ico')
        )
          fail(`console error: ${m.text()}`);
      });
      page.on('response', (r) => {
        if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) fail(`HTTP ${r.status()} ${r.url()}`);
      });
      t = Date.now();
      try {
        await page.goto(server.base);
        await page.waitForFunction(
          () => {
            const m = document.querySelector('ess-map');
            return (
              m?.seen?.has('idle') && m.map?.queryRenderedFeatures({ layers: ['ess-clusters'] }).length > 0
            );
          },
          null,
          { timeout: 60_000 },
        );
        const r = await page.evaluate(() => {
          const m = document.querySelector('ess-map');
          return {
            clusters: m.map.queryRenderedFeatures({ layers: ['ess-clusters'] }).length,
            ownMap: !!window.ownMapIdle,
            styled: m.shadowRoot.adoptedStyleSheets.some((s) =>
              [...s.cssRules].some((x) => x.cssText.includes('.maplibregl-map')),
            ),
          };
        });
        if (app.ownMap && !r.ownMap) fail("the app's own MapLibre map never went idle");
        if (!r.styled) fail("MapLibre's stylesheet is not in the map's shadow root");
        if (app.check) await app.check(page, fail, server.base, dir);
        console.log(
          `✓ ${app.name}: install ${installed}, build ${built}, map with ${r.clusters} clusters in ${secs(t)}` +
            `${app.ownMap ? ", and the app's own maplibre-gl 6.20.0 map beside it" : ''}`,
        );
      } catch (e) {
        fail(`the map did not draw its clusters: ${e.message.split('\n')[0]}`);
      }
      await page.close();
      server.close();
    } catch (e) {
      fail(e.message.split('\n')[0]);
    }
  }
} finally {
  await browser.close();
}
if (args.includes('--keep')) console.log(`kept: ${tmp}`);
else rmSync(tmp, { recursive: true, force: true });
console.log(`frameworks: ${APPS.length} apps in ${secs(t0)}`);
if (problems.length) {
  console.error(`the apps failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
