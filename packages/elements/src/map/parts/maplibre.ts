/**
 * MapLibre GL JS, its stylesheet and its worker: the part of `<ess-map>` loaded by a dynamic `import()`
 * when the element creates its first map, so that a page,
 * or an application that imports `@essaim/elements/define/ess-map.js`, downloads MapLibre (~300 KB gzip,
 * and its ~150 KB worker) only when a map is shown.
 *
 * The builds put this module and MapLibre in one chunk, `chunks/maplibre-<hash>.js`, with MapLibre's
 * worker beside it as `chunks/maplibre-gl-worker.mjs` (vite.config.ts). In that chunk the worker's URL
 * is a `new URL` of that relative file name and `import.meta.url`: the asset pattern Vite, webpack 5,
 * Rollup, Parcel and esbuild follow, so an application's bundler emits the worker with no configuration.
 * `setMapWorkerUrl()` (../worker-url.ts) overrides it.
 */
import {
  AttributionControl,
  FullscreenControl,
  GeolocateControl,
  getWorkerUrl,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  Popup,
  setWorkerUrl,
} from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { adoptStyles, type CSSResult, supportsAdoptingStyleSheets, unsafeCSS } from 'lit';
import { withTrustedHtmlParsing } from '../../internal/trusted-types.ts';
import { mapWorkerUrl } from '../worker-url.ts';

/** MapLibre's attribution, parsed through the `essaim` Trusted Types policy (internal/trusted-types.ts). */
class TrustedAttribution extends AttributionControl {
  override _updateAttributions(): void {
    withTrustedHtmlParsing(() => super._updateAttributions());
  }
}

/**
 * The worker's URL in the builds: the build replaces this marker with the `new URL` of the worker's file
 * name relative to `import.meta.url` (vite.config.ts). From the sources (tests,
 * `pnpm demo`, Storybook) it stays as is, and MapLibre's default applies (see below).
 */
const BUILT_WORKER_URL: string = '__ESSAIM_MAPLIBRE_WORKER_URL__';

// Under Vite's dev server (pnpm demo, Storybook) MapLibre is pre-bundled and its worker must be pointed
// at the URL Vite serves (setup-worker.ts). Unbundled (the browser tests) MapLibre's default URL works.
if ((import.meta as ImportMeta & { env?: { DEV?: boolean } }).env?.DEV) await import('../setup-worker.ts');

/**
 * Points MapLibre at its worker before a map starts: the application's choice (`setMapWorkerUrl()`),
 * else the worker shipped beside this chunk; from the sources, the dev server's or MapLibre's default.
 */
export function prepareWorker(): void {
  const chosen = mapWorkerUrl() ?? (BUILT_WORKER_URL.startsWith('__') ? undefined : BUILT_WORKER_URL);
  if (chosen && chosen !== getWorkerUrl()) setWorkerUrl(chosen);
}

let sheet: CSSResult | undefined;

/**
 * Adds MapLibre's stylesheet to a shadow root (once per root). It comes after the element's own styles,
 * which are all in the `essaim` cascade layer: MapLibre's unlayered rules rank the same wherever they are.
 */
export function adoptMapLibreStyles(root: ShadowRoot): void {
  sheet ??= unsafeCSS(maplibreCss);
  const native = sheet.styleSheet;
  if (supportsAdoptingStyleSheets && native) {
    if (!root.adoptedStyleSheets.includes(native))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, native];
  } else if (!root.querySelector('style[data-maplibre]')) {
    // No constructable stylesheets: Lit's fallback appends a <style> (with the page's CSP nonce if any).
    adoptStyles(root, [sheet]);
    root.lastElementChild?.setAttribute('data-maplibre', '');
  }
}

export {
  FullscreenControl,
  GeolocateControl,
  MapLibreMap as Map,
  Marker,
  NavigationControl,
  Popup,
  TrustedAttribution,
};
