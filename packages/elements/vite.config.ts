import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Two builds (`pnpm build` runs both):
//
// `vite build`             → dist/esm/  the npm build: one entry per element (`define/<tag>.js`), the
//                            side-effect-free classes (`index.js`) and the autoloader (`essaim.js`);
//                            lit and the SDK stay external so applications dedupe them; MapLibre is
//                            bundled (a private copy, loaded only with a map: see `external`)
// `vite build --mode cdn`  → dist/cdn/  the one-script-tag build: `essaim.js` + its chunks, everything
//                            bundled; chunks are imported by relative URLs, so the folder works from any
//                            CDN path. The map chunk (MapLibre, its worker) loads only for <ess-map>.
const defineEntries = Object.fromEntries(
  readdirSync(new URL('./src/define/', import.meta.url))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`define/${f.slice(0, -3)}`, `src/define/${f}`]),
);

/**
 * MapLibre's worker, in both builds: emitted as is beside the chunk that holds MapLibre
 * (`chunks/maplibre-<hash>.js`, see `codeSplitting`), and named there by
 * `new URL('./maplibre-gl-worker.mjs', import.meta.url)` in place of the marker of map/parts/maplibre.ts.
 * That literal pattern is what Vite, webpack 5, Rollup, Parcel and esbuild follow to copy an asset, so an
 * application that bundles dist/esm gets the worker with no configuration; the one-script-tag build
 * loads it from beside the chunk. No data: or blob: URL: a strict CSP only needs `worker-src 'self'` (or
 * the CDN's origin), and the 520 KB worker is fetched only when a map starts.
 */
const WORKER_FILE = 'maplibre-gl-worker.mjs';
const maplibreWorker = {
  name: 'essaim-maplibre-worker',
  renderChunk(code: string) {
    const marker = /(["'`])__ESSAIM_MAPLIBRE_WORKER_URL__\1/g;
    if (!marker.test(code)) return null;
    // Same length of lines: the source map stays right without a new one.
    return { code: code.replace(marker, `new URL("./${WORKER_FILE}", import.meta.url).href`), map: null };
  },
  generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: string }): string }) {
    const file = createRequire(import.meta.url).resolve(`maplibre-gl/dist/${WORKER_FILE}`);
    // Without its `sourceMappingURL` line: the map is not published, and Vite's dev server would say so.
    const source = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
    this.emitFile({ type: 'asset', fileName: `chunks/${WORKER_FILE}`, source });
  },
};

/**
 * The SDK's feed worker (sdk/src/worker/feed-worker.ts), which Vite bundles on its own from
 * `new Worker(new URL(…), import.meta.url)`: its source map's paths are written relative to the folder
 * above `dist/cdn/`, one level short; this puts them right, so that the third-party notices see what it
 * bundles.
 */
const feedWorkerMap = {
  name: 'essaim-feed-worker-map',
  writeBundle(options: { dir?: string }) {
    const dir = join(options.dir ?? '', 'assets');
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      if (!/^feed-worker-.*\.js\.map$/.test(name)) continue;
      const map = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { sources: string[] };
      map.sources = map.sources.map((s) => `../${s}`);
      writeFileSync(join(dir, name), JSON.stringify(map));
    }
  },
};

/**
 * The one-script-tag build ships the embedded default feed (data/feed, ODbL) in `feed/` beside
 * `essaim.js`, so that `<ess-directory></ess-directory>` on a blank page shows it with no `feed` attribute.
 * Its data licences (LICENCE-DONNEES.md) go with it, so a copy of `dist/cdn/` carries them.
 */
const embeddedFeed = {
  name: 'essaim-embedded-feed',
  generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: Uint8Array }): string }) {
    const dir = new URL('../../data/feed/', import.meta.url);
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.json') && name !== 'build-report.json') {
        this.emitFile({
          type: 'asset',
          fileName: `feed/${name}`,
          source: readFileSync(join(dir.pathname, name)),
        });
      }
    }
    this.emitFile({
      type: 'asset',
      fileName: 'feed/LICENCE-DONNEES.md',
      source: readFileSync(new URL('./LICENCE-DONNEES.md', import.meta.url)),
    });
  },
};

/**
 * THIRD-PARTY-NOTICES beside each build (dist/esm/, dist/cdn/): the licences of the packages bundled into
 * it, read from its source maps once they are written (scripts/gen-third-party-notices.mjs).
 */
const thirdPartyNotices = (dir: string, title: string) => ({
  name: 'essaim-third-party-notices',
  closeBundle(this: unknown, error?: Error) {
    if (error) return;
    const outDir = fileURLToPath(new URL(dir, import.meta.url));
    execFileSync(
      process.execPath,
      [
        fileURLToPath(new URL('../../scripts/gen-third-party-notices.mjs', import.meta.url)),
        outDir,
        '--title',
        title,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  },
});

export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  return {
    plugins: cdn
      ? [
          maplibreWorker,
          feedWorkerMap,
          embeddedFeed,
          thirdPartyNotices('./dist/cdn/', 'Essaim in one script tag (@essaim/cdn)'),
        ]
      : [maplibreWorker, thirdPartyNotices('./dist/esm/', '@essaim/elements (dist/esm)')],
    // Where the CDN build's elements find the embedded feed when they have no `feed` attribute.
    define: cdn ? { __ESSAIM_DEFAULT_FEED__: JSON.stringify('../feed/manifest.json') } : {},
    // The feed worker's URL relative to the chunk that starts it: the folder works from any path.
    experimental: { renderBuiltUrl: () => ({ relative: true }) },
    build: {
      target: 'es2022',
      sourcemap: true,
      emptyOutDir: true,
      outDir: cdn ? 'dist/cdn' : 'dist/esm',
      minify: cdn,
      // A CSP without 'unsafe-inline' styles: no inline <style>/modulepreload helpers needed.
      modulePreload: false,
      lib: {
        entry: cdn
          ? { essaim: 'src/essaim.ts' }
          : { index: 'src/index.ts', essaim: 'src/essaim.ts', ...defineEntries },
        formats: ['es'],
      },
      rolldownOptions: {
        // MapLibre is not external: both builds carry their own copy (with its stylesheet as a string and
        // its worker), loaded only with a map, so an application's own MapLibre, of any version, is left
        // alone and ours never depends on the application's bundler understanding CSS or workers.
        external: cdn ? [] : [/^lit(\/|$)/, /^@lit\//, /^@essaim\//],
        output: {
          // Vite's `build.minify` leaves the library build's whitespace: Rolldown's own minifier removes it
          // (about 4 KB gzip less before each widget's first content).
          // Licence banners (`/*! … */`, `@license`) of the bundled libraries are kept, as their licences ask.
          minify: cdn ? { compress: true, mangle: true, codegen: { legalComments: 'inline' } } : false,
          comments: { legal: true },
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // MapLibre needs no chunk group: imported only by map/parts/maplibre.ts, a dynamic import, it
          // lands in that module's chunk (`chunks/maplibre-<hash>.js`), beside which its worker is emitted.
          // (A group would also pull the shared modules that part imports, e.g. trusted-types.ts, into the
          // MapLibre chunk and make every element import it.)
          // The SDK's small date, text and geo helpers that the agenda's first list needs and lazily loaded
          // parts share (links, the map's popups): one chunk rather than five small ones (each file costs
          // its own header and imports, about 0.6 KB gzip in all before the agenda's first list).
          advancedChunks: cdn
            ? {
                groups: [
                  {
                    name: 'agenda-core',
                    test: /[\\/]sdk[\\/]src[\\/](agenda[\\/](links|time|when)|text[\\/]normalize|core[\\/]geo)\.ts$/,
                  },
                ],
              }
            : undefined,
        },
      },
    },
  };
});
