#!/usr/bin/env node
// Fault injection (issue 13): a loopback server that misbehaves on demand serves the embedded feed
// (data/feed/) to the one-script-tag build (packages/elements/dist/cdn, built by check-cdn.mjs; built
// here when missing), and Chromium checks, for each fault, what the visitor of an <ess-directory> sees
// — the failure named with its reason and "Réessayer", never "Aucun résultat" — and that the widget
// recovers by itself once the server behaves, without a reload. Each scenario has its own browser
// context (its own cache) and its own URL space on the server; they run side by side.
// Prints one line per scenario; exit code 1 on failure.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(root, 'packages/elements/dist/cdn/essaim.js')) || process.argv.includes('--build')) {
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--mode', 'cdn', '--logLevel', 'warn'], {
    cwd: join(root, 'packages/elements'),
    stdio: 'inherit',
  });
}

const FEED = join(root, 'data/feed');
const structuresText = await readFile(join(FEED, 'structures.json'), 'utf8');
const structures = JSON.parse(structuresText);

/**
 * The scenarios. `fault(n)` answers the n-th request (from 1) of structures.json, or undefined to serve
 * the real file. `sees`: the reason the notice must give ("erreur du serveur"…), or null when the
 * visitor must never see an error (the client's own retry hides it).
 */
const SCENARIOS = {
  'http-503-then-200': { sees: 'erreur du serveur', fault: (n) => (n <= 3 ? { status: 503 } : undefined) },
  'http-429-retry-after': {
    sees: null,
    fault: (n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : undefined),
  },
  'stall-then-200': { sees: 'délai dépassé', fault: (n) => (n === 1 ? { stall: true } : undefined) },
  'truncated-body': {
    sees: 'fichier illisible',
    fault: (n) => (n <= 3 ? { body: structuresText.slice(0, structuresText.length / 2) } : undefined),
  },
  'html-with-200': {
    sees: 'fichier illisible',
    fault: (n) =>
      n <= 3
        ? { body: '<!doctype html><title>Maintenance</title><h1>Site en maintenance</h1>', type: 'text/html' }
        : undefined,
  },
  'http-404-part': { sees: 'erreur du serveur', fault: (n) => (n <= 2 ? { status: 404 } : undefined) },
  'empty-array-part': { sees: 'fichier illisible', fault: (n) => (n <= 2 ? { body: '[]' } : undefined) },
  'error-document-part': {
    sees: 'fichier illisible',
    fault: (n) => (n <= 2 ? { body: '{"error":"quota exceeded"}' } : undefined),
  },
  'wrong-count': {
    sees: 'fichier illisible',
    fault: (n) => (n <= 2 ? { body: JSON.stringify(structures.slice(0, 2000)) } : undefined),
  },
  'wrong-sha256': {
    sees: 'fichier illisible',
    fault: (n) =>
      n <= 2 ? { body: JSON.stringify([structures[1], structures[0], ...structures.slice(2)]) } : undefined,
  },
  'offline-after-first-load': { sees: 'offline', fault: () => undefined },
};

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
const counts = new Map();
const times = new Map();
const stalled = new Set();

const page = (scenario) => `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Essaim — panne : ${scenario}</title>
<script type="module" src="/packages/elements/dist/cdn/essaim.js"></script></head>
<body><ess-feed src="/s/${scenario}/feed/manifest.json"><ess-directory></ess-directory></ess-feed></body></html>`;

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const scenario = /^\/s\/([\w-]+)\//.exec(url.pathname)?.[1];
  try {
    if (scenario && url.pathname.endsWith('/page.html')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(page(scenario));
    }
    if (scenario && url.pathname.includes('/feed/')) {
      const file = url.pathname.split('/feed/')[1];
      if (file === 'structures.json') {
        const key = `${scenario}`;
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        times.set(key, [...(times.get(key) ?? []), Date.now()]);
        const f = SCENARIOS[scenario]?.fault(n);
        if (f?.stall) {
          stalled.add(res);
          req.on('close', () => stalled.delete(res));
          return; // never answers (the client's timeout gives up)
        }
        if (f) {
          res.writeHead(f.status ?? 200, { 'content-type': f.type ?? 'application/json', ...f.headers });
          return res.end(f.body ?? '');
        }
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return res.end(await readFile(join(FEED, normalize(file).replace(/^(\.\.[/\\])+/, ''))));
    }
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    const body = await readFile(join(root, path));
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end('not found');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch(chromiumLaunchOptions);
const problems = [];
const started = Date.now();

/** What the directory shows: its notices, whether it lists cards, and whether it says "no result". */
const look = () => {
  const root = document.querySelector('ess-directory')?.shadowRoot;
  const text = (sel) => root?.querySelector(sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    error: text('[part="error"]'),
    stale: text('[part="stale"]'),
    retry: Boolean(root?.querySelector('[part="error"] button, [part="stale"] button')),
    cards: root?.querySelectorAll('[part~="card"]').length ?? 0,
    empty: /Aucun résultat/.test(root?.textContent ?? ''),
  };
};

/** Polls what the directory shows until `test` accepts it; undefined after `ms`. */
async function until(tab, test, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await tab.evaluate(look);
    if (test(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

async function run(scenario, { sees }) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const note = (text) => problems.push(`${scenario}: ${text}`);
  tab.on('pageerror', (e) => note(`page error: ${e.message}`));
  const seen = [];
  try {
    await tab.goto(`${base}/s/${scenario}/page.html`);
    if (scenario === 'offline-after-first-load') {
      await tab.waitForFunction(
        () => {
          const s = document.querySelector('ess-feed')?.store?.getState();
          return s?.status === 'ready' && !s.validating;
        },
        undefined,
        { timeout: 30_000 },
      );
      // A visitor reading the list for a few seconds, then losing the network (the notices and the
      // retries, loaded after the first content, are fetched by then).
      await tab.waitForTimeout(4000);
      await context.setOffline(true);
      await tab.evaluate(() => document.querySelector('ess-feed').store.reload());
      const offline =
        (await until(tab, (v) => v.stale.startsWith('Hors ligne'), 20_000)) ?? (await tab.evaluate(look));
      seen.push(offline);
      if (!offline.stale.startsWith('Hors ligne : données du'))
        note(`offline: expected "Hors ligne : données du …", saw ${JSON.stringify(offline)}`);
      if (offline.cards === 0) note('offline: the last good copy is not shown');
      await context.setOffline(false); // fires `online`: the store asks again
    } else if (sees) {
      // The failure, named, with its reason and "Réessayer"; never "no result".
      const failing = await until(tab, (v) => v.error.includes(`(${sees})`), 30_000);
      if (!failing) note(`never showed the failure "(${sees})": ${JSON.stringify(await tab.evaluate(look))}`);
      else {
        seen.push(failing);
        if (!failing.error.includes('Les structures n’ont pas pu être chargées'))
          note(`notice: ${failing.error}`);
        if (!failing.retry) note('no "Réessayer" button');
        if (failing.empty) note('"Aucun résultat" shown for a failed part');
      }
    }
    // Recovery without a reload: the cards, and no notice left.
    const recovered = await until(tab, (v) => v.cards > 0 && !v.error && !v.stale, 40_000);
    if (!recovered) note(`did not recover without a reload: ${JSON.stringify(await tab.evaluate(look))}`);
    const requests = counts.get(scenario) ?? 0;
    if (scenario === 'http-429-retry-after') {
      // Nothing to see: the client waits as asked and the cards come (checked above).
      const [a, b] = times.get(scenario) ?? [];
      if (!(b - a >= 900)) note(`Retry-After: 1 not honoured (${b - a} ms between the two requests)`);
      if (seen.some((s) => s.error)) note('an error was shown although the retry succeeded');
    }
    console.log(
      `${scenario}: ${sees ? `showed "${sees === 'offline' ? 'Hors ligne' : sees}" with Réessayer, ` : ''}recovered without a reload (${requests} requests of structures.json)`,
    );
  } catch (e) {
    note(`error: ${e.message.split('\n')[0]}`);
  } finally {
    await context.close();
  }
}

try {
  await Promise.all(Object.entries(SCENARIOS).map(([name, s]) => run(name, s)));
} finally {
  for (const res of stalled) res.destroy();
  await browser.close();
  server.close();
}
console.log(
  `${Object.keys(SCENARIOS).length} fault scenarios in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (problems.length) {
  console.error(`fault injection failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
