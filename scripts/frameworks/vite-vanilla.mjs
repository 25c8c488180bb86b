// Vite's vanilla starter, with the app's OWN MapLibre map, another version (maplibre-gl 6.20.0, set up as
// MapLibre documents for Vite): both maps must work side by side (a private, lazily loaded MapLibre in
// @essaim/elements).
import { ESS_PAGE } from './common.mjs';

/** @param {Record<string, string>} essaim the packed tarballs, as npm dependencies */
export default (essaim) => ({
  name: 'vite-vanilla',
  files: {
    'package.json': {
      name: 'vite-vanilla',
      private: true,
      type: 'module',
      scripts: { build: 'vite build' },
      dependencies: { ...essaim, 'maplibre-gl': '6.20.0' },
      devDependencies: { vite: '8.3.8' },
    },
    'index.html': `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Vite</title></head><body>
<div id="own" style="width: 400px; height: 200px"></div>
${ESS_PAGE}
<script type="module" src="/src/main.js"></script></body></html>`,
    'src/main.js': `import '@essaim/elements/define/ess-feed.js';
import '@essaim/elements/define/ess-map.js';
// The app's own MapLibre, another version, set up as MapLibre's documentation says for Vite.
import { Map, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
setWorkerUrl(workerUrl);
const point = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [2.35, 48.85] } };
const own = new Map({ container: 'own', style: { version: 8, sources: { p: { type: 'geojson', data: point } },
layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#def' } }, { id: 'p', type: 'circle', source: 'p' }] } });
own.once('idle', () => { window.ownMapIdle = true; });
`,
  },
  feedDir: 'public/feed',
  build: ['npx', ['vite', 'build', '--logLevel', 'warn']],
  out: 'dist',
  ownMap: true,
});
