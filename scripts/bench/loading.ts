/**
 * Benchmark: how much a big feed blocks the page while it loads, with the feed worker and without.
 * `<ess-feed worker="always|never">` + `<ess-directory>` in Debian's headless Chromium on SYNTHETIC feeds
 * of 10,000, 50,000 and 100,000 structures (the real embedded structures cycled with new ids
 * `synthetic--<n>`, jittered coordinates: scripts/bench/synthetic.ts, written into a temp dir by
 * keystroke.ts's `writeSyntheticFeed`, never into the repository). The page is the one-script-tag build
 * (built when missing).
 *
 * From page start until the directory is searchable (feed validated, search index ready), a `longtask`
 * PerformanceObserver (registered by the first script of the page) records every main-thread task over
 * 50 ms. Printed per size and path: the number of long tasks, the longest, the total blocking time
 * (Σ of each long task's time over 50 ms), time to the first card and to searchable. Runs interleave the
 * two paths (worker, page, worker, page…), each in a fresh browser context (empty cache).
 * Target: no long task over 200 ms at 100,000 on the worker path. `LOADING_RUNS` (default 2) runs each;
 * `LOADING_SIZES=100000` (comma-separated) measures only those sizes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { serveBench, writeSyntheticFeed } from './keystroke.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const SIZES = process.env.LOADING_SIZES?.split(',').map(Number) ?? [10_000, 50_000, 100_000];
const TARGET_MS = 200;
const RUNS = Number(process.env.LOADING_RUNS ?? 2);

const page = (feed: string, worker: string) => `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>loading bench (synthetic feed)</title>
<script>
window.__lt = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) __lt.push([e.startTime, e.duration]); })
  .observe({ type: 'longtask', buffered: true });
(function poll() {
  const d = document.querySelector('ess-directory');
  const s = d && d.store;
  if (!window.__firstCard && (d?.shadowRoot?.querySelectorAll('[part~="list"] > li').length ?? 0) > 0)
    window.__firstCard = performance.now();
  const st = s && s.getState();
  if (st && st.status === 'ready' && !st.validating && !s.search.getState().result.pending) {
    window.__searchable = performance.now();
    window.__total = st.feed.structures.length;
    return;
  }
  if (st && st.status === 'error') { window.__error = st.error && st.error.message; return; }
  setTimeout(poll, 20);
})();
</script>
<script type="module" src="/packages/elements/dist/cdn/essaim.js"></script></head>
<body><ess-feed src="${feed}" worker="${worker}"><ess-directory></ess-directory></ess-feed></body></html>`;

interface Run {
  count: number;
  longest: number;
  blocking: number;
  firstCard: number;
  searchable: number;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? Number.NaN;

export async function benchLoading(): Promise<Record<string, Run[]>> {
  const elements = join(root, 'packages/elements');
  if (!existsSync(join(elements, 'dist/cdn/essaim.js')))
    execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--mode', 'cdn', '--logLevel', 'warn'], {
      cwd: elements,
      stdio: 'inherit',
    });
  const results: Record<string, Run[]> = {};
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    for (const size of SIZES) {
      const feedDir = writeSyntheticFeed(size);
      const pages = {
        '/__loading-always.html': page('/synthetic/manifest.json', 'always'),
        '/__loading-never.html': page('/synthetic/manifest.json', 'never'),
      };
      const server = await serveBench(feedDir, pages);
      const port = (server.address() as AddressInfo).port;
      try {
        for (let run = 0; run < RUNS; run++) {
          for (const mode of ['always', 'never'] as const) {
            const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
            const tab = await context.newPage();
            tab.on('pageerror', (e) => console.error('page error:', e.message));
            await tab.goto(`http://127.0.0.1:${port}/__loading-${mode}.html`);
            await tab.waitForFunction('window.__searchable || window.__error', undefined, {
              timeout: 300_000,
              polling: 500,
            });
            const r = (await tab.evaluate(
              '({ lt: window.__lt, first: window.__firstCard, end: window.__searchable, total: window.__total, error: window.__error })',
            )) as { lt: [number, number][]; first: number; end: number; total: number; error?: string };
            await context.close();
            if (r.error) throw new Error(`${size} ${mode}: ${r.error}`);
            if (r.total !== size) throw new Error(`${size} ${mode}: ${r.total} structures shown`);
            const tasks = r.lt.filter(([start]) => start <= r.end).map(([, d]) => d);
            const key = `${size} ${mode === 'always' ? 'worker' : 'page'}`;
            (results[key] ??= []).push({
              count: tasks.length,
              longest: Math.max(0, ...tasks),
              blocking: tasks.reduce((a, d) => a + Math.max(0, d - 50), 0),
              firstCard: r.first,
              searchable: r.end,
            });
          }
        }
      } finally {
        server.close();
        rmSync(feedDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  console.log(
    `  SYNTHETIC feeds, <ess-feed> + <ess-directory>, Chromium, ${RUNS} interleaved run(s) each; medians (and each run's longest task):`,
  );
  for (const [key, runs] of Object.entries(results)) {
    const longest = median(runs.map((r) => r.longest));
    const [size, path] = key.split(' ');
    console.log(
      `  ${Number(size).toLocaleString('en').padStart(7)} ${path!.padEnd(6)}: ${String(median(runs.map((r) => r.count))).padStart(2)} long tasks, ` +
        `longest ${fmt(longest)} (${runs.map((r) => fmt(r.longest)).join(', ')}), blocking ${fmt(median(runs.map((r) => r.blocking)))}, ` +
        `first card ${fmt(median(runs.map((r) => r.firstCard)))}, searchable ${fmt(median(runs.map((r) => r.searchable)))}`,
    );
  }
  const worst = Math.max(...(results['100000 worker'] ?? []).map((r) => r.longest));
  console.log(
    `loading 100,000 synthetic structures in the worker: longest main-thread task ${fmt(worst)} (target ≤ ${TARGET_MS} ms: ${worst <= TARGET_MS ? 'ok' : 'OVER'})`,
  );
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchLoading();
