/**
 * Where `<ess-map>` finds MapLibre's web worker. By default nothing is needed: the worker ships beside
 * the map's MapLibre chunk and is found relative to it (a `new URL` relative to `import.meta.url`), a file
 * that bundlers which follow that pattern (Vite, webpack 5, Rollup, Parcel, esbuild) copy for you.
 *
 * Call `setMapWorkerUrl()` before the first map starts when the worker is served elsewhere, e.g. a
 * bundler set up to drop unknown assets, a CDN for static files, or a strict CSP's `worker-src` that
 * allows one origin:
 *
 * ```js
 * import { setMapWorkerUrl } from '@essaim/elements';
 * setMapWorkerUrl('https://static.example.org/maplibre-gl-worker.mjs'); // the file from dist/esm/chunks/
 * ```
 *
 * The file must be the worker of the MapLibre version bundled with these elements (a worker of another
 * version fails silently: the map never draws).
 */
let url: string | undefined;

/** Sets the URL of MapLibre's worker for the maps created from now on. */
export function setMapWorkerUrl(workerUrl: string | URL): void {
  url = String(workerUrl);
}

/** The URL set by `setMapWorkerUrl()`, if any. */
export function mapWorkerUrl(): string | undefined {
  return url;
}
