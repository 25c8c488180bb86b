/** Shared helpers of the browser tests of `<ess-map>`. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MAP_IDS } from '../../src/map/ess-map.ts';

const LAYERS = {
  structures: [MAP_IDS.clusters, MAP_IDS.points],
  events: [MAP_IDS.eventClusters, MAP_IDS.eventPoints],
};

/**
 * Points drawn (clusters count their points), over the whole world at zoom 0: of `kind`, or of every
 * kind the map has layers for.
 */
export function renderedCount(map: MapLibreMap, kind?: keyof typeof LAYERS): number {
  const layers = (kind ? LAYERS[kind] : [...LAYERS.structures, ...LAYERS.events]).filter((id) =>
    map.getLayer(id),
  );
  if (!layers.length) return 0;
  const seen = new Set<string>();
  let n = 0;
  for (const f of map.queryRenderedFeatures({ layers })) {
    const key =
      f.properties.cluster_id !== undefined
        ? `${f.source}:c${f.properties.cluster_id}`
        : `${f.source}:p${f.properties.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    n += (f.properties.point_count as number | undefined) ?? 1;
  }
  return n;
}
