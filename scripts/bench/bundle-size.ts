/**
 * Bundle-size budgets of the one-script-tag build (packages/elements/dist/cdn):
 * - directory: the JavaScript `<ess-directory>` needs to show its first results — `essaim.js` plus the
 *   static import closure of the `ess-feed` and `ess-directory` chunks (lazy chunks — detail view,
 *   opening_hours, places, export, JSON-LD — excluded; feed data excluded). Target ≤ 45 KB gzip.
 * - map: the `ess-map` chunk and its static imports, minus the chunks shared with the directory path
 *   and minus MapLibre (its own `maplibre-*` chunk). Target ≤ 25 KB gzip.
 * - orientation: the JavaScript `<ess-orientation>` needs to show its first question — `essaim.js` plus
 *   the static import closure of the `ess-orientation` chunk (the place step, results view and ranking
 *   are lazy chunks, loaded on the first answer; feed data excluded). Target ≤ 40 KB gzip.
 *
 * `benchBundleSize()` builds dist/cdn when it is missing (or with `{ build: true }`), prints and returns
 * the sizes. CLI: `tsx scripts/bench/bundle-size.ts [--build] [--json]`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ELEMENTS = join(ROOT, 'packages/elements');
export const CDN_DIR = join(ELEMENTS, 'dist/cdn');

export const TARGETS = { directoryGzip: 45 * 1024, mapGzip: 25 * 1024, orientationGzip: 40 * 1024 } as const;

export interface BundleSizes {
  /** gzip bytes of the directory's first-results path. */
  directoryGzip: number;
  directoryFiles: string[];
  /** gzip bytes of the map's own code (without MapLibre and what the directory path already loads). */
  mapGzip: number;
  mapFiles: string[];
  /** gzip bytes of the MapLibre chunk(s), for information. */
  maplibreGzip: number;
  /** gzip bytes of the orientation's first-question path. */
  orientationGzip: number;
  orientationFiles: string[];
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const out = new Set<string>();
  // import{…}from"./x.js" · import"./x.js" · export{…}from"./x.js" (minified or not)
  for (const m of code.matchAll(
    /(?:^|[;\s}])(?:import|export)\s*(?:[\w${},*\s]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g,
  ))
    out.add(resolve(dirname(file), m[1]!));
  return [...out];
}

function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...staticImports(f));
  }
  return seen;
}

function chunk(prefix: string): string {
  const dir = join(CDN_DIR, 'chunks');
  const name = readdirSync(dir).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
  if (!name) throw new Error(`no chunk ${prefix}-*.js in ${dir}: was the CDN build run?`);
  return join(dir, name);
}

async function buildCdn(): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: ELEMENTS,
    configFile: join(ELEMENTS, 'vite.config.ts'),
    mode: 'cdn',
    logLevel: 'warn',
  });
}

export function measureBundleSize(): BundleSizes {
  const entry = join(CDN_DIR, 'essaim.js');
  const directory = closure([entry, chunk('ess-feed'), chunk('ess-directory')]);
  const maplibre = readdirSync(join(CDN_DIR, 'chunks'))
    .filter((f) => f.startsWith('maplibre-') && f.endsWith('.js'))
    .map((f) => join(CDN_DIR, 'chunks', f));
  const orientation = closure([entry, chunk('ess-orientation')]);
  const map = [...closure([chunk('ess-map')])].filter((f) => !directory.has(f) && !maplibre.includes(f));
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(f), 0);
  const rel = (f: string) => relative(CDN_DIR, f);
  return {
    directoryGzip: sum(directory),
    directoryFiles: [...directory].map(rel).sort(),
    mapGzip: sum(map),
    mapFiles: map.map(rel).sort(),
    maplibreGzip: sum(maplibre),
    orientationGzip: sum(orientation),
    orientationFiles: [...orientation].map(rel).sort(),
  };
}

/** Builds dist/cdn if needed, then prints and returns the budgets' sizes. */
export async function benchBundleSize(
  options: { build?: boolean; quiet?: boolean } = {},
): Promise<BundleSizes> {
  if (options.build || !existsSync(join(CDN_DIR, 'essaim.js'))) await buildCdn();
  const sizes = measureBundleSize();
  if (!options.quiet) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `bundle size (gzip): <ess-directory> first results ${kb(sizes.directoryGzip)} (target ≤ ${kb(TARGETS.directoryGzip)}; ` +
        `peers 226–479 KB) · <ess-map> without MapLibre ${kb(sizes.mapGzip)} (target ≤ ${kb(TARGETS.mapGzip)}) · ` +
        `MapLibre ${kb(sizes.maplibreGzip)} (loaded only with a map) · <ess-orientation> first question ` +
        `${kb(sizes.orientationGzip)} (target ≤ ${kb(TARGETS.orientationGzip)}; peer 226 KB)`,
    );
  }
  return sizes;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await benchBundleSize({
    build: process.argv.includes('--build'),
    quiet: process.argv.includes('--json'),
  });
  if (process.argv.includes('--json')) console.log(JSON.stringify(sizes, null, 2));
}
