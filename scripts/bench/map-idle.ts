/**
 * Benchmark: `<ess-map>` with 100,000 points → time to the map's first `idle`, in headless Chromium with
 * software WebGL (SwiftShader), the flags of web-test-runner.config.mjs. Budget: ≤ 3 s.
 *
 * The points are SYNTHETIC: the real embedded structures (data/feed/structures.json) cycled with new ids
 * and coordinates jittered by up to ~1 km (scripts/bench/synthetic.ts). The page gets them through a
 * minimal store (`matches()` returns them all), so the time measured is the map's: MapLibre start,
 * bundled basemap, GeoJSON clustering of 100k points in the worker, first render.
 *
 * The page is bundled with esbuild (maplibre-gl included, its worker served beside the bundle, as the
 * default worker URL expects) and served by a tiny static server on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';
import type { Structure } from '../../packages/sdk/src/schema/structure.ts';
import { syntheticStructures } from './synthetic.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const POINTS = 100_000;
const BUDGET_MS = 3000;
// The page: a stub store with every synthetic structure, an <ess-feed> sharing it, then the timed map.
const PAGE_ENTRY = `
import '../../packages/elements/src/define/ess-feed.ts';
import '../../packages/elements/src/define/ess-map.ts';
export async function run() {
  const structures = await (await fetch('/points.json')).json();
  const byId = new Map(structures.map((s) => [s.id, s]));
  let state = { status: 'ready', stale: false };
  const search = { getState: () => ({ query: {}, result: { total: structures.length, hits: [] } }), subscribe: () => () => {}, setBbox() {} };
  const store = {
    search, getState: () => state, subscribe: () => () => {}, load: async () => state, reload: async () => state,
    structure: (id) => byId.get(id), concept: () => undefined, select(id) { state = { ...state, selectedId: id }; },
    matches: () => structures, dispose() {},
  };
  const feed = document.createElement('ess-feed');
  feed.store = store;
  document.body.append(feed);
  await customElements.whenDefined('ess-map');
  const t0 = performance.now();
  const el = document.createElement('ess-map');
  el.style.cssText = 'width:1024px;height:700px';
  feed.append(el);
  await el.ready;
  const ms = performance.now() - t0;
  const clusters = el.map.queryRenderedFeatures({ layers: ['ess-clusters'] });
  const drawn = clusters.reduce((n, f) => n + f.properties.point_count, 0) + el.map.queryRenderedFeatures({ layers: ['ess-points'] }).length;
  return { ms, clusters: clusters.length, drawn };
}
`;

/** The part of esbuild's API used here (esbuild's types are not a dependency of the workspace root). */
interface PluginBuild {
  onResolve(
    o: { filter: RegExp },
    f: (a: { path: string; resolveDir: string }) => { path: string; namespace: string },
  ): void;
  onLoad(
    o: { filter: RegExp; namespace: string },
    f: (a: { path: string }) => { contents: string; loader: 'text' },
  ): void;
}
interface Esbuild {
  build(
    options: Record<string, unknown> & { plugins: { name: string; setup(b: PluginBuild): void }[] },
  ): Promise<{
    outputFiles: { text: string }[];
  }>;
}

function bundlePage(): Promise<string> {
  // esbuild ships with tsx (a root devDependency); resolve it from there.
  const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = require('esbuild') as Esbuild;
  return esbuild
    .build({
      stdin: {
        contents: PAGE_ENTRY,
        resolveDir: join(root, 'scripts/bench'),
        loader: 'js',
        sourcefile: 'map-page.js',
      },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      tsconfig: join(root, 'tsconfig.base.json'),
      logLevel: 'error',
      plugins: [
        {
          name: 'css-inline',
          setup(b) {
            b.onResolve({ filter: /\?inline$/ }, (a) => ({
              path: createRequire(join(a.resolveDir, 'x.js')).resolve(a.path.replace(/\?inline$/, '')),
              namespace: 'css-inline',
            }));
            b.onLoad({ filter: /.*/, namespace: 'css-inline' }, (a) => ({
              contents: readFileSync(a.path, 'utf8'),
              loader: 'text',
            }));
          },
        },
      ],
    })
    .then((r) => r.outputFiles[0]!.text);
}

export interface MapIdleResult {
  points: number;
  msToIdle: number;
  clustersInView: number;
  pointsDrawn: number;
  withinBudget: boolean;
}

export async function benchMapIdle(): Promise<MapIdleResult> {
  const real = JSON.parse(readFileSync(join(root, 'data/feed/structures.json'), 'utf8')) as Structure[];
  const points = syntheticStructures(
    real.filter((s) => s.geo),
    POINTS,
  ).map((s) => ({
    id: s.id,
    name: s.name,
    geo: s.geo,
    address: s.address && { commune: s.address.commune },
  }));
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': {
      type: 'text/html',
      body: '<!doctype html><html lang="fr"><body><script type="module">import { run } from "/page.js"; window.result = run();</script></body></html>',
    },
    '/page.js': { type: 'text/javascript', body: await bundlePage() },
    '/maplibre-gl-worker.mjs': {
      type: 'text/javascript',
      body: readFileSync(
        createRequire(join(root, 'packages/elements/package.json')).resolve(
          'maplibre-gl/dist/maplibre-gl-worker.mjs',
        ),
      ),
    },
    '/points.json': { type: 'application/json', body: JSON.stringify(points) },
  };
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(f ? 200 : 404, { 'content-type': f?.type ?? 'text/plain' });
    res.end(f?.body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const r = await page.evaluate(
      () =>
        (window as unknown as { result: Promise<{ ms: number; clusters: number; drawn: number }> }).result,
    );
    const result: MapIdleResult = {
      points: POINTS,
      msToIdle: Math.round(r.ms),
      clustersInView: r.clusters,
      pointsDrawn: r.drawn,
      withinBudget: r.ms <= BUDGET_MS,
    };
    console.log(
      `map idle: ${POINTS.toLocaleString('en')} synthetic points → first idle in ${result.msToIdle} ms ` +
        `(budget ${BUDGET_MS} ms: ${result.withinBudget ? 'ok' : 'OVER'}); ${r.clusters} clusters in view, ${r.drawn} points drawn`,
    );
    return result;
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchMapIdle();
