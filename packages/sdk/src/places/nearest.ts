/**
 * Nearest places to a point (approximate reverse geocoding).
 *
 * @module
 */
import { distanceKm } from '../core/geo.ts';
import { finite } from './lookup.ts';
import { getIndex } from './search-index.ts';
import { placeAt, tables } from './store.ts';
import type { NearestPlace } from './types.ts';

/**
 * Places whose centre is nearest to a point (approximate reverse geocoding: the nearest centre is not always
 * the commune containing the point). Arrondissements replace Paris, Lyon and Marseille unless
 * `arrondissements` is false.
 */
export function nearestPlaces(
  lat: number,
  lon: number,
  options: { limit?: number; arrondissements?: boolean } = {},
): NearestPlace[] {
  const limit = Math.max(0, Math.floor(options.limit ?? 1));
  if (!finite(lat) || !finite(lon) || limit === 0) return [];
  const t = tables();
  const idx = getIndex();
  const withArr = options.arrondissements !== false;
  const s = t.coordScale;
  const kx = Math.cos((lat * Math.PI) / 180);
  const best: { i: number; d: number }[] = [];
  for (let i = 0; i < t.count; i++) {
    if (!t.hasCoords[i]) continue;
    if (withArr ? idx.isParent[i] : t.parent[i]! >= 0) continue;
    const dy = t.lat[i]! / s - lat;
    const dx = (t.lon[i]! / s - lon) * kx;
    const d = dx * dx + dy * dy;
    if (best.length === limit && d >= best[limit - 1]!.d) continue;
    let k = best.length < limit ? best.length : limit - 1;
    while (k > 0 && best[k - 1]!.d > d) {
      best[k] = best[k - 1]!;
      k--;
    }
    best[k] = { i, d };
  }
  return best.map(({ i }) => {
    const p = placeAt(i);
    return {
      place: p,
      distanceKm: Math.round(distanceKm({ lat, lon }, { lat: p.lat!, lon: p.lon! }) * 1000) / 1000,
    };
  });
}
