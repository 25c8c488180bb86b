import { readdirSync } from 'node:fs';
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

export default defineConfig(({ mode }) => {
  const cdn = mode === 'cdn';
  return {
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
        external: cdn ? [] : [/^lit(\/|$)/, /^@lit\//, /^@essaim\//, /^maplibre-gl(\/|$)/, /^opening_hours$/],
        output: {
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
