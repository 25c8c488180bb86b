/**
 * MapLibre GL JS, its stylesheet and its worker, and the map of `<ess-map>` made with them: the only
 * module that imports MapLibre's values, loaded by a dynamic `import()` when the element creates its
 * first map, so that a page, or an application that imports `@essaim/elements/define/ess-map.js`,
 * downloads MapLibre (~300 KB gzip, and its ~150 KB worker) only when a map is shown. The map is created
 * with the page's language, its gestures (cooperative on touch screens by default) and its controls
 * (zoom, locate me, fullscreen, attribution), under the strict CSP and Trusted Types.
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
  NavigationControl,
  Popup,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl';
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import { adoptStyles, type CSSResult, supportsAdoptingStyleSheets, unsafeCSS } from 'lit';
import { decodeMapUrl, encodeMapUrl, readUrlState, syncUrlState, URL_NAMESPACES } from '@essaim/sdk';
import { withTrustedHtmlParsing, withTrustedWorkers } from '../../internal/trusted-types.ts';
import type { Lang } from '../../internal/localize.ts';
import { maplibreLocale } from '../ess-map.i18n.ts';
import { mapWorkerUrl } from '../worker-url.ts';
import { MAP_KINDS, type MapKind } from './items.ts';
import { LAYERS, zoomIntoCluster } from './layers.ts';

/** `Map` for the other maps of the elements (the territoire's communes), which share this chunk. */
export { MapLibreMap as Map, Popup };

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

/** The worker URL MapLibre uses (to name it when the worker fails to load). */
export const workerUrl = (): string => getWorkerUrl();

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

/** Whether gestures are cooperative: `cooperative-gestures`, by default on touch screens only. */
export function cooperative(setting: 'auto' | 'on' | 'off'): boolean {
  if (setting === 'auto') return navigator.maxTouchPoints > 0 || matchMedia('(pointer: coarse)').matches;
  return setting === 'on';
}

export function createMap(options: {
  container: HTMLElement;
  style: string | StyleSpecification;
  view: { lat: number; lon: number; zoom: number } | undefined;
  bounds: [number, number, number, number];
  lang: Lang;
  /** Cooperative gestures (two fingers to move the map). */
  gestures: boolean;
}): MapLibreMap {
  const { view } = options;
  // Trusted Types: MapLibre starts its workers while the map is built; their URL goes through the
  // `essaim` policy (internal/trusted-types.ts).
  prepareWorker();
  const root = options.container.getRootNode();
  if (root instanceof ShadowRoot) adoptMapLibreStyles(root);
  const map = withTrustedWorkers(
    () =>
      new MapLibreMap({
        container: options.container,
        style: options.style,
        ...(view
          ? { center: [view.lon, view.lat] as [number, number], zoom: view.zoom }
          : { bounds: options.bounds }),
        fitBoundsOptions: { padding: 24, maxZoom: 12 },
        attributionControl: false,
        locale: maplibreLocale(options.lang),
        maxZoom: 18,
        dragRotate: false,
        pitchWithRotate: false,
        cooperativeGestures: options.gestures,
      }),
  );
  map.addControl(new TrustedAttribution({ compact: true }));
  return map;
}

/** Zoom, "locate me" and fullscreen (of `fullscreen`, the element), top right. */
export function addControls(map: MapLibreMap, lang: Lang, fullscreen: HTMLElement): void {
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(
    new GeolocateControl({ trackUserLocation: false, positionOptions: { enableHighAccuracy: false } }),
    'top-right',
  );
  // MapLibre names its "locate me" button only once it knows, asynchronously, whether geolocation is
  // available: until then it is a button without a name (axe: button-name). Name it now; MapLibre
  // replaces the name with its own when it knows.
  const locate = map.getContainer().querySelector<HTMLButtonElement>('.maplibregl-ctrl-geolocate');
  if (locate && !locate.getAttribute('aria-label')) {
    const name = maplibreLocale(lang)['GeolocateControl.FindMyLocation'] ?? '';
    locate.setAttribute('aria-label', name);
    locate.title = name;
  }
  map.addControl(new FullscreenControl({ container: fullscreen }), 'top-right');
}

/** What the element does on the map's events. */
export interface MapHandlers {
  /** The first load, and the first idle (the map is drawn). */
  load(): void;
  idle(): void;
  /** Each style load: the overlay goes on top again. */
  styleLoad(): void;
  /** An error (of WebGL, of a style, of a source). */
  error(error: { message?: string } | undefined): void;
  /** A point of `kind` was clicked. */
  choose(kind: MapKind, id: string): void;
  /** The view moved (`byUser` when a gesture or a key moved it). */
  moveEnd(byUser: boolean): void;
}

export function listenMap(map: MapLibreMap, on: MapHandlers): void {
  // 'load' and 'idle' can come in the same frame; listen to both right away.
  map.once('load', () => on.load());
  map.once('idle', () => on.idle());
  map.on('style.load', () => on.styleLoad());
  map.on('error', (e) => on.error(e.error));
  for (const kind of MAP_KINDS) {
    const { source, clusters, points } = LAYERS[kind];
    map.on('click', clusters, (e) => void zoomIntoCluster(map, source, e.features?.[0]));
    map.on('click', points, (e) => {
      const id = e.features?.[0]?.properties.id as string | undefined;
      if (id) on.choose(kind, id);
    });
    for (const layer of [clusters, points]) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
  }
  map.on('moveend', (e) => on.moveEnd(!!(e as { originalEvent?: unknown }).originalEvent));
}

/** The map's view, as the URL keeps it. */
export function viewOf(map: MapLibreMap): { lat: number; lon: number; zoom: number } {
  const c = map.getCenter();
  return { lat: c.lat, lon: c.lng, zoom: map.getZoom() };
}

/** The view in the page URL (`ess-map-view=lat,lon,zoom`), if any. */
export const urlView = () => decodeMapUrl(readUrlState(location.search, URL_NAMESPACES.map));

/** Keeps the map's view in the page URL (the page's other parameters are left alone). */
export const keepUrlView = (map: MapLibreMap) => syncUrlState(URL_NAMESPACES.map, encodeMapUrl(viewOf(map)));
