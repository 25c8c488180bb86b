/** Shared helpers of the browser tests of `<ess-map>`. */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { MAP_IDS } from '../../src/map/ess-map.ts';

/** Structures drawn (clusters count their points), over the whole world at zoom 0. */
export function renderedCount(map: MapLibreMap): number {
  const seen = new Set<string>();
  let n = 0;
  for (const f of map.queryRenderedFeatures({ layers: [MAP_IDS.clusters, MAP_IDS.points] })) {
    const key = f.properties.cluster_id !== undefined ? `c${f.properties.cluster_id}` : `p${f.properties.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    n += (f.properties.point_count as number | undefined) ?? 1;
  }
  return n;
}
