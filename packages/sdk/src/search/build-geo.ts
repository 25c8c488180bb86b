/**
 * The geographic part of the search index: coordinates, unit-sphere positions, and the records with
 * coordinates sorted by latitude (for radius and bounding-box filters).
 *
 * @module
 */
import type { Structure } from '../schema/structure.ts';
import type { IndexData } from './index-data.ts';

const DEG = Math.PI / 180;

/** The geographic arrays of `IndexData`. */
export type GeoIndex = Pick<
  IndexData,
  'lat' | 'lon' | 'xyz' | 'geoByLat' | 'latSorted' | 'geoLat' | 'geoLon' | 'geoXyz'
>;

/** Coordinates of `structures` (NaN when absent or not finite) and their latitude order. */
export function geoIndex(structures: readonly Structure[]): GeoIndex {
  const n = structures.length;
  const lat = new Float64Array(n).fill(Number.NaN);
  const lon = new Float64Array(n).fill(Number.NaN);
  const xyz = new Float64Array(3 * n).fill(Number.NaN);
  let geoCount = 0;
  for (let d = 0; d < n; d++) {
    const g = structures[d]!.geo;
    if (!g || !Number.isFinite(g.lat) || !Number.isFinite(g.lon)) continue;
    lat[d] = g.lat;
    lon[d] = g.lon;
    const phi = g.lat * DEG;
    const lambda = g.lon * DEG;
    const c = Math.cos(phi);
    xyz[3 * d] = c * Math.cos(lambda);
    xyz[3 * d + 1] = c * Math.sin(lambda);
    xyz[3 * d + 2] = Math.sin(phi);
    geoCount++;
  }
  // Records by latitude: one native sort of packed keys (latitude to 1e-7°, then record). The band
  // search only preselects: exact checks follow, so quantised latitudes are enough.
  const geoByLat = new Uint32Array(geoCount);
  const latSorted = new Float64Array(geoCount);
  if (n < 2 ** 21) {
    const packed = new Float64Array(geoCount);
    for (let d = 0, k = 0; d < n; d++) {
      if (!Number.isNaN(lat[d]!)) packed[k++] = Math.round((lat[d]! + 90) * 1e7) * 2 ** 21 + d;
    }
    packed.sort();
    for (let k = 0; k < geoCount; k++) {
      const d = packed[k]! % 2 ** 21;
      geoByLat[k] = d;
      latSorted[k] = Math.floor(packed[k]! / 2 ** 21) / 1e7 - 90;
    }
  } else {
    for (let d = 0, k = 0; d < n; d++) if (!Number.isNaN(lat[d]!)) geoByLat[k++] = d;
    geoByLat.sort((a, b) => lat[a]! - lat[b]! || a - b);
    for (let k = 0; k < geoCount; k++) latSorted[k] = lat[geoByLat[k]!]!;
  }

  const geoLat = new Float64Array(geoCount);
  const geoLon = new Float64Array(geoCount);
  const geoXyz = new Float64Array(3 * geoCount);
  for (let k = 0; k < geoCount; k++) {
    const d = geoByLat[k]!;
    geoLat[k] = lat[d]!;
    geoLon[k] = lon[d]!;
    geoXyz[3 * k] = xyz[3 * d]!;
    geoXyz[3 * k + 1] = xyz[3 * d + 1]!;
    geoXyz[3 * k + 2] = xyz[3 * d + 2]!;
  }
  return { lat, lon, xyz, geoByLat, latSorted, geoLat, geoLon, geoXyz };
}
