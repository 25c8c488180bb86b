/**
 * What the map benchmarks share: the 100,000 SYNTHETIC points (the real embedded structures cycled with
 * new ids and coordinates jittered by up to ~1 km, scripts/bench/synthetic.ts), a page bundled with
 * esbuild (maplibre-gl included, the elements' private copy), and a tiny static server on 127.0.0.1
 * that serves it with MapLibre's worker beside it, as the default worker URL expects.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Structure } from '../../packages/sdk/src/schema/structure.ts';
import { syntheticStructures } from './synthetic.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `count` synthetic structures with a place, reduced to what the map reads. */
export function syntheticPoints(count: number) {
  const real = JSON.parse(readFileSync(join(root, 'data/feed/structures.json'), 'utf8')) as Structure[];
  return syntheticStructures(
    real.filter((s) => s.geo),
    count,
  ).map((s) => ({
    id: s.id,
    name: s.name,
    geo: s.geo,
    address: s.address && { commune: s.address.commune },
  }));
}

/**
 * Page code (JavaScript, for a page entry): `feedWith(structures)` puts an `<ess-feed>` in the page whose
 * stub store matches every structure, and returns it (an `<ess-map>` appended to it shows them all).
 */
export const FEED_WITH = `
function feedWith(structures) {
  const byId = new Map(structures.map((s) => [s.id, s]));
  let state = { status: 'ready', stale: false };
  const search = { getState: () => ({ query: {}, result: { total: structures.length, hits: [] } }), subscribe: () => () => {}, setBbox() {} };
  const store = {
    search, getState: () => state, subscribe: () => () => {}, load: async () => state, reload: async () => state,
    structure: (id) => byId.get(id), concept: () => undefined, select(id) { state = { ...state, selectedId: id }; },
    matches: () => structures, dispose() {},
    agenda: { get: () => undefined, subscribe: () => () => {} }, views: { add: () => () => {} },
  };
  const feed = document.createElement('ess-feed');
  feed.store = store;
  document.body.append(feed);
  return feed;
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

/** Bundles `entry` (JavaScript, imports relative to scripts/bench/) into one ES module. */
export function bundlePage(entry: string, minify = true): Promise<string> {
  // esbuild ships with tsx (a root devDependency); resolve it from there.
  const require = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = require('esbuild') as Esbuild;
  return esbuild
    .build({
      stdin: {
        contents: entry,
        resolveDir: join(root, 'scripts/bench'),
        loader: 'js',
        sourcefile: 'map-page.js',
      },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify,
      // MapLibre's own package, as the elements resolve it (not a copy elsewhere in the workspace).
      nodePaths: [join(root, 'packages/elements/node_modules')],
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

/**
 * Serves `/` (a page that imports `/page.js` and stores what its `run()` returns in `window.result`),
 * `/page.js`, MapLibre's worker and `/points.json`. Returns the base URL and the stop.
 */
export async function servePage(
  pageJs: string,
  points: unknown,
): Promise<{ url: string; close: () => void }> {
  const files: Record<string, { type: string; body: string | Buffer }> = {
    '/': {
      type: 'text/html',
      body: '<!doctype html><html lang="fr"><head><link rel="icon" href="data:,"></head><body style="margin:0"><script type="module">import { run } from "/page.js"; window.result = run(new URLSearchParams(location.search));</script></body></html>',
    },
    '/page.js': { type: 'text/javascript', body: pageJs },
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => server.close(),
  };
}
