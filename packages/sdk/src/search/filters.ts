/**
 * The filters of a query as bitsets of records: facet values, territory, radius around a point and
 * bounding box (with the checks of `near` and `bbox`).
 *
 * @module
 */
import type { FacetData, IndexData } from './index-data.ts';
import { EARTH_RADIUS_KM } from '../core/geo.ts';
import { kmToChord2, unitVector } from './chord.ts';
import { forEachBit, setBit } from '../core/bitset.ts';
import type { BBox, FacetName, NearPoint, TerritoryScope } from './types.ts';

const DEG_KM = (EARTH_RADIUS_KM * Math.PI) / 180;

/** Adds the records of facet value `v` to bitset `out`. */
export function orValue(f: FacetData, v: number, out: Uint32Array): void {
  const bits = f.bits[v];
  if (bits) for (let i = 0; i < out.length; i++) out[i]! |= bits[i]!;
  else for (let j = f.valStart[v]!; j < f.valStart[v + 1]!; j++) setBit(out, f.valDocs[j]!);
}

export function checkNear(near: NearPoint | undefined): NearPoint | undefined {
  if (!near) return undefined;
  const { lat, lon, radiusKm } = near;
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90 && Number.isFinite(lon) && lon >= -180 && lon <= 180))
    throw new RangeError(`search: near needs lat in [-90, 90] and lon in [-180, 180], got ${lat}, ${lon}`);
  if (radiusKm !== undefined && !(radiusKm >= 0))
    throw new RangeError(`search: near.radiusKm must be a number ≥ 0 (or left out), got ${radiusKm}`);
  return near;
}

export function checkBbox(b: BBox | undefined): BBox | undefined {
  if (!b) return undefined;
  const [w, s, e, n] = b;
  const ok =
    b.length === 4 &&
    [w, e].every((x) => Number.isFinite(x) && x >= -180 && x <= 180) &&
    [s, n].every((x) => Number.isFinite(x) && x >= -90 && x <= 90) &&
    s <= n;
  if (!ok)
    throw new RangeError(`search: bbox must be [west, south, east, north] in degrees, got [${b.join(', ')}]`);
  return b;
}

/** First index of sorted `a` with a value ≥ x (or > x when `after`). */
function boundF(a: Float64Array, x: number, after: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid]!;
    if (v < x || (after && v === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Records with coordinates between two latitudes (and a little more): [from, to) in `geoByLat`. */
function latBand(D: IndexData, south: number, north: number): [number, number] {
  // latSorted holds latitudes rounded to 1e-7°: widen, exact checks follow.
  return [boundF(D.latSorted, south - 1e-6, false), boundF(D.latSorted, north + 1e-6, true)];
}

/** Records a geo filter may restrict itself to (the text matches), when fewer than a latitude band. */
export interface Within {
  count: number;
  list?: Uint32Array;
  bits?: Uint32Array;
}

/** Calls `f` on each record of `w`. */
function eachWithin(w: Within, f: (d: number) => void): void {
  if (w.list) for (let i = 0; i < w.count; i++) f(w.list[i]!);
  else if (w.bits) forEachBit(w.bits, f);
}

/** Bitset of records within the radius (among `within` when given and smaller than the band). */
export function radiusBits(
  D: IndexData,
  near: NearPoint,
  radiusKm: number,
  within: Within | null,
): Uint32Array {
  const out = new Uint32Array(D.words);
  const [x0, y0, z0] = unitVector(near.lat, near.lon);
  const max = kmToChord2(radiusKm);
  const dLat = radiusKm / DEG_KM;
  const [from, to] = latBand(D, near.lat - dLat, near.lat + dLat);
  if (within && within.count < to - from) {
    const xyz = D.xyz;
    eachWithin(within, (d) => {
      const dx = xyz[3 * d]! - x0;
      const dy = xyz[3 * d + 1]! - y0;
      const dz = xyz[3 * d + 2]! - z0;
      if (dx * dx + dy * dy + dz * dz <= max) setBit(out, d);
    });
  } else {
    // Band positions are stored in band order: a sequential scan.
    const { geoByLat: g, geoXyz: xyz } = D;
    for (let k = from; k < to; k++) {
      const dx = xyz[3 * k]! - x0;
      const dy = xyz[3 * k + 1]! - y0;
      const dz = xyz[3 * k + 2]! - z0;
      if (dx * dx + dy * dy + dz * dz <= max) {
        setBit(out, g[k]!);
      }
    }
  }
  return out;
}

export function bboxBits(D: IndexData, b: BBox, within: Within | null): Uint32Array {
  const out = new Uint32Array(D.words);
  const [w, s, e, n] = b;
  const wraps = w > e;
  const [from, to] = latBand(D, s, n);
  if (within && within.count < to - from) {
    const { lat, lon } = D;
    eachWithin(within, (d) => {
      const y = lat[d]!;
      const x = lon[d]!;
      if (y >= s && y <= n && (wraps ? x >= w || x <= e : x >= w && x <= e)) setBit(out, d);
    });
  } else {
    const { geoByLat: g, geoLat, geoLon } = D;
    for (let k = from; k < to; k++) {
      const y = geoLat[k]!;
      const x = geoLon[k]!;
      if (y >= s && y <= n && (wraps ? x >= w || x <= e : x >= w && x <= e)) {
        setBit(out, g[k]!);
      }
    }
  }
  return out;
}

const TERRITORY_LEVELS: readonly [keyof TerritoryScope, FacetName][] = [
  ['regions', 'region'],
  ['departements', 'departement'],
  ['epcis', 'epci'],
  ['communes', 'commune'],
];

export function territoryBits(D: IndexData, t: TerritoryScope): Uint32Array | null {
  let out: Uint32Array | null = null;
  for (const [key, facet] of TERRITORY_LEVELS) {
    const codes = t[key];
    if (!codes) continue;
    out ??= new Uint32Array(D.words);
    const f = D.facets[facet];
    for (const code of codes) {
      const v = f.ids.get(code);
      if (v !== undefined) orValue(f, v, out);
    }
  }
  return out;
}
