/**
 * Reverse lookup: from a point (e.g. the browser's geolocation) to the commune whose centre is nearest, with
 * its official codes (commune, EPCI, département, région), so that zones written as COG codes can be
 * matched. Honest about what it is: the nearest La Poste centre, not the commune whose boundary contains
 * the point (the embedded data has no boundaries). Near a boundary the neighbouring commune can come out.
 */
import { distanceKm } from '../core/geo.ts';
import { onTablesChange, placeAt, tables } from './store.ts';
import type { NearestCommune, NearestCommuneOptions, Place, PlaceCog } from './types.ts';

/**
 * Default farthest distance, in km, from the point to the nearest commune centre. Most communes of
 * metropolitan France are within a few km of their centre (the largest, Arles, reaches about 25 km); a
 * point farther than that from every centre is at sea or abroad, and no commune is returned.
 */
export const DEFAULT_MAX_COMMUNE_KM = 25;

/** The official codes of a place, as written in `address.cog` and in eligibility zones. */
export function cogOfPlace(place: Place): PlaceCog {
  const cog: { -readonly [K in keyof PlaceCog]: PlaceCog[K] } = {
    commune: place.code,
    departement: place.departement.code,
    region: place.region.code,
  };
  if (place.epci) cog.epci = place.epci.code;
  return Object.freeze(cog);
}

let parents: Uint8Array | undefined;
onTablesChange(() => {
  parents = undefined;
});
/** 1 for Paris, Lyon and Marseille (communes that have municipal arrondissements). */
function parentFlags(): Uint8Array {
  if (parents) return parents;
  const t = tables();
  parents = new Uint8Array(t.count);
  for (let i = 0; i < t.count; i++) if (t.parent[i]! >= 0) parents[t.parent[i]!] = 1;
  return parents;
}

/**
 * The commune (or, in Paris, Lyon and Marseille, the municipal arrondissement unless `arrondissements` is
 * false) whose centre is nearest to the point, with its COG codes and the distance to that centre;
 * `undefined` for a point that is not a valid coordinate or is more than `maxKm` (default
 * {@link DEFAULT_MAX_COMMUNE_KM}) from every centre. Approximate by nature: see the module's note.
 *
 * @example
 * const here = nearestCommune(45.4301, 4.3791);
 * // here.place.name === 'Saint-Étienne', here.cog → { commune: '42218', epci: '244200770', departement: '42', region: '84' }
 */
export function nearestCommune(
  lat: number,
  lon: number,
  options: NearestCommuneOptions = {},
): NearestCommune | undefined {
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return undefined;
  const maxKm = options.maxKm ?? DEFAULT_MAX_COMMUNE_KM;
  const withArr = options.arrondissements !== false;
  const t = tables();
  const isParent = parentFlags();
  const s = t.coordScale;
  const kx = Math.cos((lat * Math.PI) / 180);
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < t.count; i++) {
    if (!t.hasCoords[i]) continue;
    if (withArr ? isParent[i] : t.parent[i]! >= 0) continue;
    const dy = t.lat[i]! / s - lat;
    let dLon = t.lon[i]! / s - lon;
    if (dLon > 180) dLon -= 360;
    else if (dLon < -180) dLon += 360;
    const dx = dLon * kx;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best < 0) return undefined;
  const place = placeAt(best);
  const km = Math.round(distanceKm({ lat, lon }, { lat: place.lat!, lon: place.lon! }) * 1000) / 1000;
  if (!(km <= maxKm)) return undefined;
  return Object.freeze({ place, cog: cogOfPlace(place), distanceKm: km, approximate: true as const });
}
