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
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { bundlePage, FEED_WITH, servePage, syntheticPoints } from './map-page.ts';

const POINTS = 100_000;
const BUDGET_MS = 3000;
// The page: a stub store with every synthetic structure, an <ess-feed> sharing it, then the timed map.
const PAGE_ENTRY = `
import '../../packages/elements/src/define/ess-feed.ts';
import '../../packages/elements/src/define/ess-map.ts';
${FEED_WITH}
export async function run() {
  const structures = await (await fetch('/points.json')).json();
  const feed = feedWith(structures);
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

export interface MapIdleResult {
  points: number;
  msToIdle: number;
  clustersInView: number;
  pointsDrawn: number;
  withinBudget: boolean;
}

export async function benchMapIdle(): Promise<MapIdleResult> {
  const server = await servePage(await bundlePage(PAGE_ENTRY), syntheticPoints(POINTS));
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(server.url);
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
