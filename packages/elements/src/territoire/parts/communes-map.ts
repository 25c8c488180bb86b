/**
 * `<ess-territoire>`'s map of the communes: one circle per commune with structures, its area proportional
 * to their number, on `<ess-map>`'s bundled basemap (département outlines, nothing fetched). MapLibre, its
 * worker and its stylesheet come from `<ess-map>`'s loader (`map/parts/maplibre.ts`, the map's chunk):
 * nothing of MapLibre is bundled twice. This module is loaded only when the map's place in the page comes
 * into view. The map is a static picture (no gestures, no focus stop): the table beside it gives every
 * figure it draws.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { CommuneCount } from '@essaim/sdk';
import { withTrustedWorkers } from '../../internal/trusted-types.ts';
import { bundledStyle, FRANCE_BOUNDS } from '../../map/parts/basemap.ts';

/** Radius of the largest circle, in CSS pixels. */
export const MAX_RADIUS = 22;
const SOURCE = 'essaim-communes';

export interface CommunesMap {
  /** Draws another set of communes (another territory). */
  update(items: readonly CommuneCount[]): void;
  remove(): void;
}

function geojson(items: readonly CommuneCount[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: items
      .filter((c) => c.lat !== null && c.lon !== null)
      .map((c) => ({
        type: 'Feature',
        properties: { code: c.code, n: c.structures },
        geometry: { type: 'Point', coordinates: [c.lon!, c.lat!] },
      })),
  };
}

function bounds(items: readonly CommuneCount[]): [number, number, number, number] {
  const placed = items.filter((c) => c.lat !== null && c.lon !== null);
  if (!placed.length) return FRANCE_BOUNDS;
  const lons = placed.map((c) => c.lon!);
  const lats = placed.map((c) => c.lat!);
  // A single commune: a box of about ten kilometres around it.
  const pad = placed.length === 1 ? 0.08 : 0;
  return [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad];
}

/** `circle-radius` so that the circle's area is proportional to the count (the largest: MAX_RADIUS). */
function radius(items: readonly CommuneCount[]) {
  const max = Math.max(1, ...items.map((c) => c.structures));
  return ['*', MAX_RADIUS, ['sqrt', ['/', ['get', 'n'], max]]] as unknown as number;
}

/** Starts the map in `container`; rejects when it cannot be shown (no WebGL, MapLibre failed). */
export async function drawCommunesMap(
  container: HTMLElement,
  items: readonly CommuneCount[],
  options: { attribution: string; color: string },
): Promise<CommunesMap> {
  const [ml, style] = await Promise.all([
    import('../../map/parts/maplibre.ts'),
    bundledStyle(options.attribution),
  ]);
  ml.prepareWorker();
  const root = container.getRootNode();
  if (root instanceof ShadowRoot) ml.adoptMapLibreStyles(root);
  // Trusted Types: MapLibre starts its workers while the map is built; their URL goes through the
  // `essaim` policy (internal/trusted-types.ts).
  const map: MapLibreMap = withTrustedWorkers(
    () =>
      new ml.Map({
        container,
        style,
        bounds: bounds(items),
        fitBoundsOptions: { padding: MAX_RADIUS + 4, maxZoom: 11 },
        interactive: false,
        attributionControl: false,
      }),
  );
  let current = items;
  await new Promise<void>((ok, fail) => {
    map.once('load', () => ok());
    map.once('error', (e) => fail(e.error ?? new Error('map error')));
  });
  map.addSource(SOURCE, { type: 'geojson', data: geojson(items) });
  map.addLayer({
    id: SOURCE,
    type: 'circle',
    source: SOURCE,
    paint: {
      'circle-radius': radius(items),
      'circle-color': options.color,
      'circle-opacity': 0.55,
      'circle-stroke-color': options.color,
      'circle-stroke-width': 1.5,
    },
  });
  return {
    update(next) {
      if (next === current) return;
      current = next;
      map.getSource<GeoJSONSource>(SOURCE)?.setData(geojson(next));
      map.setPaintProperty(SOURCE, 'circle-radius', radius(next));
      map.fitBounds(bounds(next), { padding: MAX_RADIUS + 4, maxZoom: 11, animate: false });
    },
    remove() {
      map.remove();
    },
  };
}
