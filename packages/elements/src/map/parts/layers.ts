/**
 * The map's layers on top of any basemap: one clustered source per kind of point, structures drawn as
 * discs (clusters: larger discs), events as diamonds (clusters: larger diamonds) — shape and colour,
 * never colour alone —, a point at its commune centre hollow, the selection a red disc; and the counts
 * of the clusters as a symbol layer (drawn in MapLibre's render loop, not as HTML over the map). The
 * bundled basemap has no `glyphs` URL: MapLibre then draws the digits itself from a local sans-serif
 * font, so the counts work offline with no font file to ship.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { SymbolColors } from './colors.ts';
import type { MapKind } from './items.ts';

/** Ids of the sources and layers the element adds on top of any basemap (public: tests and styling use them). */
export const MAP_IDS = {
  source: 'ess-structures',
  clusters: 'ess-clusters',
  clusterCounts: 'ess-cluster-counts',
  points: 'ess-points',
  eventSource: 'ess-events',
  eventClusters: 'ess-event-clusters',
  eventClusterCounts: 'ess-event-cluster-counts',
  eventPoints: 'ess-event-points',
  selectedSource: 'ess-selected',
  selected: 'ess-selected',
} as const;

/** The source, clusters layer, cluster counts layer and points layer of each kind. */
export const LAYERS: Record<MapKind, { source: string; clusters: string; counts: string; points: string }> = {
  structures: {
    source: MAP_IDS.source,
    clusters: MAP_IDS.clusters,
    counts: MAP_IDS.clusterCounts,
    points: MAP_IDS.points,
  },
  events: {
    source: MAP_IDS.eventSource,
    clusters: MAP_IDS.eventClusters,
    counts: MAP_IDS.eventClusterCounts,
    points: MAP_IDS.eventPoints,
  },
};

/**
 * A cluster's count as the page's language writes it in short, like `Intl.NumberFormat`'s compact
 * notation (fr "1,2 k", en "1.2K"), as an expression MapLibre evaluates in its worker: the number with
 * `number-format`, the suffix ("k", "M") taken from `Intl` for `lang`.
 */
export function countLabel(lang: string): ExpressionSpecification {
  // What follows the digits: fr " k", en "K".
  const suffix = (n: number) => {
    let text = '';
    for (const p of new Intl.NumberFormat(lang, { notation: 'compact' }).formatToParts(n))
      text = p.type === 'integer' || p.type === 'fraction' ? '' : text + p.value;
    return text;
  };
  const count: ExpressionSpecification = ['get', 'point_count'];
  const short = (unit: number): ExpressionSpecification => [
    'number-format',
    ['/', ['round', ['/', count, unit / 10]], 10],
    { locale: lang, 'max-fraction-digits': 1 },
  ];
  return [
    'case',
    ['<', count, 1000],
    ['number-format', count, { locale: lang }],
    ['<', count, 999_950],
    ['concat', short(1000), suffix(1000)],
    ['concat', short(1_000_000), suffix(1_000_000)],
  ];
}

/**
 * The font of the counts: with a style that has its own glyphs, a bold font its labels already use (so
 * that its glyph server has it), else one drawn locally (MapLibre sniffs the weight from the name).
 */
export function countFont(map: MapLibreMap): string[] {
  const fonts = map.getLayersOrder().flatMap((id) => {
    const font: unknown = map.getLayer(id)?.type === 'symbol' && map.getLayoutProperty(id, 'text-font');
    return Array.isArray(font) && font.every((f) => typeof f === 'string') ? [font as string[]] : [];
  });
  return fonts.find((f) => /bold/i.test(f[0] ?? '')) ?? fonts[0] ?? ['Noto Sans Bold'];
}

const IMAGES = {
  event: 'ess-diamond',
  eventApprox: 'ess-diamond-hollow',
  eventCluster: 'ess-diamond-cluster',
};
const PIXEL_RATIO = 2;

/** `#rrggbb` or `rgb(r, g, b)` as numbers. */
function rgb(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
  if (hex) return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
}

/**
 * A diamond `size` CSS pixels wide, `fill` inside a `stroke` band `strokeWidth` wide, anti-aliased, as
 * raw RGBA for `map.addImage` (drawn by hand: no canvas, no sprite to fetch).
 */
export function diamond(size: number, fill: string, stroke: string, strokeWidth: number) {
  const n = Math.round(size * PIXEL_RATIO);
  const data = new Uint8ClampedArray(n * n * 4);
  const [f, s] = [rgb(fill), rgb(stroke)];
  const c = n / 2;
  const radius = c - 1;
  const band = strokeWidth * PIXEL_RATIO;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      // Distance inside the edge, in pixels (positive inside).
      const d = (radius - Math.abs(x + 0.5 - c) - Math.abs(y + 0.5 - c)) / Math.SQRT2;
      const alpha = Math.min(1, Math.max(0, d + 0.5));
      const t = Math.min(1, Math.max(0, d - band + 0.5)); // 0 in the stroke band, 1 inside
      const i = (y * n + x) * 4;
      for (let k = 0; k < 3; k++) data[i + k] = Math.round(s[k]! + (f[k]! - s[k]!) * t);
      data[i + 3] = Math.round(alpha * 255);
    }
  return { width: n, height: n, data };
}

function setImage(map: MapLibreMap, id: string, image: ReturnType<typeof diamond>): void {
  if (map.hasImage(id)) map.updateImage(id, image);
  else map.addImage(id, image, { pixelRatio: PIXEL_RATIO });
}

/** The events' diamonds in the current colours (again when the scheme or the tokens change). */
function drawImages(map: MapLibreMap, colors: SymbolColors): void {
  setImage(map, IMAGES.event, diamond(20, colors.event, colors.halo, 2));
  setImage(map, IMAGES.eventApprox, diamond(20, colors.halo, colors.event, 3.5));
  setImage(map, IMAGES.eventCluster, diamond(40, colors.event, colors.halo, 2.5));
}

const clusterRadius = ['step', ['get', 'point_count'], 12, 10, 15, 100, 19, 1000, 24, 10000, 30];
const approx = (yes: unknown, no: unknown) => ['case', ['==', ['get', 'approx'], 1], yes, no];

/** Adds the sources and layers of `kinds` (called on each style load). */
export function addOverlay(
  map: MapLibreMap,
  options: {
    kinds: readonly MapKind[];
    data: (kind: MapKind) => FeatureCollection<Point>;
    selected: FeatureCollection<Point>;
    clusterRadius: number;
    colors: SymbolColors;
    /** The language of the counts. */
    lang: string;
  },
): void {
  if (map.getSource(MAP_IDS.selectedSource)) return;
  const { colors } = options;
  drawImages(map, colors);
  const font = countFont(map);
  for (const kind of options.kinds) {
    const ids = LAYERS[kind];
    map.addSource(ids.source, {
      type: 'geojson',
      data: options.data(kind),
      cluster: true,
      clusterRadius: options.clusterRadius,
      clusterMaxZoom: 13,
      buffer: 64,
    });
    if (kind === 'structures') {
      map.addLayer({
        id: ids.clusters,
        type: 'circle',
        source: ids.source,
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': colors.primary,
          'circle-radius': clusterRadius as never,
          'circle-stroke-width': 2,
          'circle-stroke-color': colors.halo,
        },
      });
      // A point at its commune centre is a ring (shape, not colour alone), an exact one a filled disc.
      map.addLayer({
        id: ids.points,
        type: 'circle',
        source: ids.source,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': approx(colors.halo, colors.primary) as never,
          'circle-radius': 6,
          'circle-stroke-width': approx(3, 2) as never,
          'circle-stroke-color': approx(colors.primary, colors.halo) as never,
        },
      });
    } else {
      const symbol = { 'icon-allow-overlap': true, 'icon-ignore-placement': true } as const;
      map.addLayer({
        id: ids.clusters,
        type: 'symbol',
        source: ids.source,
        filter: ['has', 'point_count'],
        layout: {
          ...symbol,
          'icon-image': IMAGES.eventCluster,
          'icon-size': ['step', ['get', 'point_count'], 0.75, 10, 0.9, 100, 1.1, 1000, 1.35],
        },
      });
      map.addLayer({
        id: ids.points,
        type: 'symbol',
        source: ids.source,
        filter: ['!', ['has', 'point_count']],
        layout: { ...symbol, 'icon-image': approx(IMAGES.eventApprox, IMAGES.event) as never },
      });
    }
    map.addLayer({
      id: ids.counts,
      type: 'symbol',
      source: ids.source,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': countLabel(options.lang),
        'text-font': font,
        'text-size': 12,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': kind === 'events' ? colors.halo : colors.onPrimary },
    });
  }
  map.addSource(MAP_IDS.selectedSource, { type: 'geojson', data: options.selected });
  map.addLayer({
    id: MAP_IDS.selected,
    type: 'circle',
    source: MAP_IDS.selectedSource,
    paint: {
      'circle-color': colors.selected,
      'circle-radius': 9,
      'circle-stroke-width': 3,
      'circle-stroke-color': colors.halo,
    },
  });
}

/** Repaints the overlay in new colours (the scheme or the page's tokens changed). */
export function recolourOverlay(map: MapLibreMap, colors: SymbolColors): void {
  if (!map.getSource(MAP_IDS.selectedSource)) return;
  drawImages(map, colors);
  const paint = (layer: string, name: Parameters<MapLibreMap['setPaintProperty']>[1], value: unknown) => {
    if (map.getLayer(layer)) map.setPaintProperty(layer, name, value as never);
  };
  paint(MAP_IDS.clusters, 'circle-color', colors.primary);
  paint(MAP_IDS.clusters, 'circle-stroke-color', colors.halo);
  paint(MAP_IDS.points, 'circle-color', approx(colors.halo, colors.primary));
  paint(MAP_IDS.points, 'circle-stroke-color', approx(colors.primary, colors.halo));
  paint(MAP_IDS.clusterCounts, 'text-color', colors.onPrimary);
  paint(MAP_IDS.eventClusterCounts, 'text-color', colors.halo);
  paint(MAP_IDS.selected, 'circle-color', colors.selected);
  paint(MAP_IDS.selected, 'circle-stroke-color', colors.halo);
}

export function removeOverlay(map: MapLibreMap): void {
  const layers = [
    MAP_IDS.selected,
    ...Object.values(LAYERS).flatMap((l) => [l.counts, l.points, l.clusters]),
  ];
  for (const id of layers) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of [MAP_IDS.selectedSource, ...Object.values(LAYERS).map((l) => l.source)])
    if (map.getSource(id)) map.removeSource(id);
}

/** Shows or hides a kind's layers (the layer toggle). */
export function setKindVisible(map: MapLibreMap, kind: MapKind, visible: boolean): void {
  for (const id of [LAYERS[kind].clusters, LAYERS[kind].counts, LAYERS[kind].points])
    if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}

/** Zooms into a clicked cluster of `source`. */
export async function zoomIntoCluster(
  map: MapLibreMap,
  source: string,
  feature: { properties: Record<string, unknown>; geometry: unknown } | undefined,
): Promise<void> {
  if (!feature) return;
  const zoom = await map
    .getSource<GeoJSONSource>(source)!
    .getClusterExpansionZoom(feature.properties.cluster_id as number);
  map.easeTo({ center: (feature.geometry as Point).coordinates as [number, number], zoom });
}
