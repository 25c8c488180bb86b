/**
 * Benchmark: the map's frames while it is moved, `<ess-map>` against bare MapLibre, on the same 100,000
 * SYNTHETIC points (scripts/bench/map-page.ts), in headless Chromium with software WebGL (SwiftShader,
 * the flags of scripts/chromium.mjs), in a 1024 × 700 map. Target (issue 16): Essaim's longest frames
 * within 1.2× of bare MapLibre's.
 *
 * The bare page is what a developer would write with MapLibre alone: the same MapLibre (the elements'
 * private copy), the same bundled basemap, one GeoJSON source clustered in MapLibre's worker with the
 * element's options (radius 50 px, up to zoom 13), circles for clusters and points and a symbol layer for
 * the counts. The Essaim page is `<ess-map>` in an `<ess-feed>` whose stub store matches every point.
 *
 * Runs are interleaved (bare, Essaim, bare, Essaim…), each in a fresh page. Once the map is idle, the
 * same script moves it: eased zooms and pans (`easeTo`, `panBy`), jumps (`jumpTo`), then mouse-wheel
 * zooms in and out from Playwright, waiting for the map to be idle after each step. Meanwhile the page
 * records every frame (the gaps between `requestAnimationFrame` callbacks) and every long task (a
 * `longtask` PerformanceObserver). Printed: per run and as medians, the longest frame, the 95th
 * percentile frame, the long tasks (count and total), and Essaim ÷ bare.
 *
 * `pnpm bench map-frames` (about 3 minutes). `tsx scripts/bench/map-frames.ts --runs 5` for more runs;
 * `--profile essaim|bare` writes a CPU profile of one more run (Chrome DevTools Protocol `Profiler`,
 * unminified bundle) to map-frames-<mode>.cpuprofile and prints its heaviest functions by self time.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../chromium.mjs';
import { bundlePage, FEED_WITH, root, servePage, syntheticPoints } from './map-page.ts';

const POINTS = 100_000;
const TARGET = 1.2;
type Mode = 'bare' | 'essaim';

const PAGE_ENTRY = `
import { Map as MapLibreMap } from 'maplibre-gl';
import { bundledStyle } from '../../packages/elements/src/map/parts/basemap.ts';
import '../../packages/elements/src/define/ess-feed.ts';
import '../../packages/elements/src/define/ess-map.ts';

const SIZE = 'width:1024px;height:700px';

function boundsOf(structures) {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const { geo } of structures) {
    w = Math.min(w, geo.lon); e = Math.max(e, geo.lon); s = Math.min(s, geo.lat); n = Math.max(n, geo.lat);
  }
  return [w, s, e, n];
}

async function bare(structures) {
  const div = document.createElement('div');
  div.style.cssText = SIZE;
  document.body.append(div);
  const data = {
    type: 'FeatureCollection',
    features: structures.map((s) => ({
      type: 'Feature',
      properties: { id: s.id, approx: s.geo.precision === 'commune' ? 1 : 0 },
      geometry: { type: 'Point', coordinates: [s.geo.lon, s.geo.lat] },
    })),
  };
  const map = new MapLibreMap({
    container: div,
    style: await bundledStyle('Natural Earth'),
    bounds: boundsOf(structures),
    fitBoundsOptions: { padding: 24, maxZoom: 12 },
    maxZoom: 18,
  });
  map.on('load', () => {
    map.addSource('points', { type: 'geojson', data, cluster: true, clusterRadius: 50, clusterMaxZoom: 13, buffer: 64 });
    map.addLayer({ id: 'clusters', type: 'circle', source: 'points', filter: ['has', 'point_count'], paint: {
      'circle-color': '#000091', 'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff',
      'circle-radius': ['step', ['get', 'point_count'], 12, 10, 15, 100, 19, 1000, 24, 10000, 30] } });
    map.addLayer({ id: 'points', type: 'circle', source: 'points', filter: ['!', ['has', 'point_count']], paint: {
      'circle-color': '#000091', 'circle-radius': 6, 'circle-stroke-width': 2, 'circle-stroke-color': '#ffffff' } });
    map.addLayer({ id: 'counts', type: 'symbol', source: 'points', filter: ['has', 'point_count'], layout: {
      'text-field': ['get', 'point_count_abbreviated'], 'text-size': 12, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff' } });
  });
  await within(new Promise((r) => map.once('idle', r)), 'bare map idle');
  return map;
}

${FEED_WITH}
async function essaim(structures) {
  const feed = feedWith(structures);
  await customElements.whenDefined('ess-map');
  const el = document.createElement('ess-map');
  el.style.cssText = SIZE;
  feed.append(el);
  await within(el.ready, 'ess-map ready');
  return el.map;
}

const frames = [];
const longTasks = [];
/** The longest frame of each step of the script. */
const byStep = {};
let step = 'start';
let recording = false;

function recordFrames() {
  let last = performance.now();
  const tick = (now) => {
    if (!recording) return;
    frames.push(now - last);
    byStep[step] = Math.max(byStep[step] ?? 0, Math.round(now - last));
    last = now;
    requestAnimationFrame(tick);
  };
  recording = true;
  window.benchTaskStarts = [];
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
  new PerformanceObserver((list) => {
    if (recording) for (const e of list.getEntries()) { longTasks.push(e.duration); if (e.duration > 1000) window.benchTaskStarts.push([step, Math.round(e.duration)]); }
  }).observe({ type: 'longtask' });
}

// Every wait gives up after 20 s (a benchmark must never hang the shared lock).
const within = (promise, what) => Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timed out: ' + what)), 20000))]);
const idle = (map) => within(new Promise((r) => { map.once('idle', r); map.triggerRepaint(); }), 'idle');

export async function run(params) {
  const structures = await (await fetch('/points.json')).json();
  const mode = params.get('mode');
  const map = mode === 'bare' ? await bare(structures) : await essaim(structures);
  // Let the first render's leftovers (the list, the labels) settle before recording.
  await new Promise((r) => setTimeout(r, 500));
  await idle(map);
  window.benchMap = map;
  // Resolves to nothing: an event would carry the map, which Playwright would serialise whole.
  window.benchIdle = async () => { await idle(map); };
  window.benchStep = (name) => (step = name);
  window.benchSteps = async () => {
    recordFrames();
    const steps = [
      () => map.easeTo({ center: [2.35, 48.86], zoom: 7, duration: 800 }),
      () => map.easeTo({ zoom: 9, duration: 800 }),
      () => map.panBy([300, 120], { duration: 600 }),
      () => map.jumpTo({ center: [4.84, 45.76], zoom: 8 }),
      () => map.easeTo({ center: [5.37, 43.3], zoom: 6, duration: 800 }),
      () => map.jumpTo({ center: [-1.55, 47.22], zoom: 10 }),
      () => map.panBy([-250, -200], { duration: 600 }),
      () => map.easeTo({ center: [2.4, 46.6], zoom: 5, duration: 800 }),
    ];
    for (const [i, move] of steps.entries()) {
      step = 'step ' + (i + 1);
      const moved = within(new Promise((r) => map.once('moveend', r)), 'moveend');
      move();
      await moved;
      await idle(map);
    }
  };
  window.benchStop = () => {
    recording = false;
    return { frames, longTasks, byStep: { ...byStep, tasks: window.benchTaskStarts } };
  };
  return { mode };
}
`;

interface RunFigures {
  mode: Mode;
  longest: number;
  p95: number;
  frames: number;
  longTasks: number;
  longTaskMs: number;
  longestTask: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0;
const median = (xs: number[]) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

/** The scripted interaction: the in-page steps, then wheel zooms in and out over the map's centre. */
async function interact(page: Page): Promise<{ frames: number[]; longTasks: number[] }> {
  await page.evaluate(() => (window as unknown as { benchSteps(): Promise<void> }).benchSteps());
  await page.mouse.move(512, 350);
  for (const [i, dy] of [-200, -200, -200, -200, 200, 200, 200, 200].entries()) {
    await page.evaluate(
      (s) => (window as unknown as { benchStep(s: string): void }).benchStep(s),
      `wheel ${i + 1}`,
    );
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(120);
  }
  await page.evaluate(() => (window as unknown as { benchIdle(): Promise<void> }).benchIdle());
  const r = await page.evaluate(() =>
    (
      window as unknown as { benchStop(): { frames: number[]; longTasks: number[]; byStep: object } }
    ).benchStop(),
  );
  if (process.env.MAP_FRAMES_STEPS) console.log('   ', JSON.stringify(r.byStep));
  return r;
}

async function openMap(page: Page, url: string, mode: Mode): Promise<void> {
  page.on('pageerror', (e) => console.error(`${mode} page error:`, e.message));
  page.on('console', (m) => m.type() === 'error' && console.error(`${mode} console:`, m.text()));
  page.setDefaultTimeout(60_000);
  await page.goto(`${url}?mode=${mode}`);
  await page.evaluate(() => (window as unknown as { result: Promise<unknown> }).result);
}

function figures(mode: Mode, r: { frames: number[]; longTasks: number[] }): RunFigures {
  const sorted = [...r.frames].sort((a, b) => a - b);
  return {
    mode,
    longest: sorted.at(-1) ?? 0,
    p95: quantile(sorted, 0.95),
    frames: sorted.length,
    longTasks: r.longTasks.length,
    longTaskMs: r.longTasks.reduce((a, b) => a + b, 0),
    longestTask: Math.max(0, ...r.longTasks),
  };
}

/** Self time by function of a CDP CPU profile, heaviest first. */
function heaviest(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes as { id: number; children?: number[] }[])
    for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    // Native code is named by its caller: "(anonymous) :0 < caller < caller's caller".
    let key = name(id);
    for (
      let p = parent.get(id), k = 0;
      p && k < 2 && /:0$/.test(key.split(' < ')[0]!);
      k++, p = parent.get(p)
    )
      key += ` < ${name(p)}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
}

export async function benchMapFrames(
  options: { runs?: number; profile?: Mode } = {},
): Promise<{ bare: RunFigures[]; essaim: RunFigures[]; ratio: number; p95Ratio: number }> {
  const runs = options.runs ?? 3;
  const server = await servePage(await bundlePage(PAGE_ENTRY, !options.profile), syntheticPoints(POINTS));
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results: Record<Mode, RunFigures[]> = { bare: [], essaim: [] };
  const load = () =>
    `load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`;
  console.log(`map frames: ${POINTS.toLocaleString('en')} synthetic points, 1024×700, ${load()}`);
  try {
    for (let i = 0; i < runs; i++)
      for (const mode of ['bare', 'essaim'] as const) {
        const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
        await openMap(page, server.url, mode);
        const f = figures(mode, await interact(page));
        await page.close();
        results[mode].push(f);
        console.log(
          `  run ${i + 1} ${mode.padEnd(6)} longest frame ${f.longest.toFixed(0).padStart(4)} ms, p95 ${f.p95
            .toFixed(0)
            .padStart(
              3,
            )} ms, ${f.frames} frames; ${f.longTasks} long tasks, ${f.longTaskMs.toFixed(0)} ms in all, ` +
            `longest ${f.longestTask.toFixed(0)} ms`,
        );
      }
    if (options.profile) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
      await openMap(page, server.url, options.profile);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await interact(page);
      const { profile } = await cdp.send('Profiler.stop');
      const file = join(root, `map-frames-${options.profile}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  profile of one ${options.profile} run: ${file}; heaviest self times:`);
      for (const [name, ms] of heaviest(profile as never))
        console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${name}`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const m = (mode: Mode, k: keyof RunFigures) => median(results[mode].map((r) => r[k] as number));
  const ratio = m('essaim', 'longest') / m('bare', 'longest');
  const p95Ratio = m('essaim', 'p95') / m('bare', 'p95');
  const mark = (r: number) => (r <= TARGET ? '✓' : '✗');
  console.log(
    `  medians: bare longest ${m('bare', 'longest').toFixed(0)} ms, p95 ${m('bare', 'p95').toFixed(0)} ms, ` +
      `${m('bare', 'longTasks')} long tasks (${m('bare', 'longTaskMs').toFixed(0)} ms); ` +
      `Essaim longest ${m('essaim', 'longest').toFixed(0)} ms, p95 ${m('essaim', 'p95').toFixed(0)} ms, ` +
      `${m('essaim', 'longTasks')} long tasks (${m('essaim', 'longTaskMs').toFixed(0)} ms)`,
  );
  console.log(
    `  Essaim ÷ bare MapLibre: longest frame ${ratio.toFixed(2)}× ${mark(ratio)}, p95 frame ${p95Ratio.toFixed(2)}× ${mark(p95Ratio)} ` +
      `(target ≤ ${TARGET}×); ${load()} at the end`,
  );
  return { ...results, ratio, p95Ratio };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  await benchMapFrames({ runs: Number(arg('--runs') ?? 3), profile: arg('--profile') as Mode | undefined });
}
