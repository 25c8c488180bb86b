import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';

// Two builds (`pnpm build` runs both):
//
// `vite build`             → dist/esm/  the npm build: one entry per element (`define/<tag>.js`), the
//                            side-effect-free classes (`index.js`) and the autoloader (`essaim.js`);
//                            every dependency stays external so applications dedupe lit, the SDK…
// `vite build --mode cdn`  → dist/cdn/  the one-script-tag build: `essaim.js` + its chunks, everything
//                            bundled; chunks are imported by relative URLs, so the folder works from any
//                            CDN path. The map chunk (MapLibre, its worker) loads only for <ess-map>.
const defineEntries = Object.fromEntries(
  readdirSync(new URL('./src/define/', import.meta.url))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [`define/${f.slice(0, -3)}`, `src/define/${f}`]),
);

/**
 * MapLibre finds its worker at `new URL('./maplibre-gl-worker.mjs', import.meta.url)`, next to the chunk
 * that holds it (TOOLCHAIN G6). The one-script-tag build puts maplibre in `chunks/`, so the worker file is
 * emitted there too, as is: no data: URL (a strict CSP then only needs `worker-src 'self'`, or the CDN's
 * origin), and the 520 KB worker is fetched only when a map starts.
 */
const maplibreWorker = {
  name: 'essaim-maplibre-worker',
  generateBundle(this: { emitFile(file: { type: 'asset'; fileName: string; source: Uint8Array }): string }) {
    const file = createRequire(import.meta.url).resolve('maplibre-gl/dist/maplibre-gl-worker.mjs');
    this.emitFile({ type: 'asset', fileName: 'chunks/maplibre-gl-worker.mjs', source: readFileSync(file) });
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

export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  return {
    plugins: cdn ? [maplibreWorker, embeddedFeed] : [],
    // Where the CDN build's elements find the embedded feed when they have no `feed` attribute.
    define: cdn ? { __ESSAIM_DEFAULT_FEED__: JSON.stringify('../feed/manifest.json') } : {},
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
        external: cdn ? [] : [/^lit(\/|$)/, /^@lit\//, /^@essaim\//, /^maplibre-gl(\/|$)/],
        output: {
          // Vite's `build.minify` leaves the library build's whitespace: Rolldown's own minifier removes it
          // (about 4 KB gzip less before each widget's first content).
          minify: cdn,
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // MapLibre in its own chunk (loaded with the map only), so budgets can tell it from our code.
          advancedChunks: cdn
            ? { groups: [{ name: 'maplibre', test: /[\\/]node_modules[\\/].*maplibre-gl/ }] }
            : undefined,
        },
      },
    },
  };
});
