/**
 * Great-circle distances on one Earth radius, for every part of Essaim (search, agenda, orientation,
 * places, the CLI's merge and coordinate checks).
 *
 * @module
 */

/** Mean Earth radius (IUGG), in km: the one radius of every distance in Essaim. */
export const EARTH_RADIUS_KM = 6371.0088;

const DEG = Math.PI / 180;

/** A WGS 84 point. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Great-circle (haversine) distance in km between two WGS 84 points. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * DEG;
  const dLon = (b.lon - a.lon) * DEG;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * DEG) * Math.cos(b.lat * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Squared chord between two points of the unit sphere: monotonic in the great-circle distance and free
 * of trigonometry once positions are precomputed. `chord = 2 sin(d / 2R)`.
 * @internal
 */
export function chordToKm(chord2: number): number {
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(chord2) / 2));
}

/** @internal */
export function kmToChord2(km: number): number {
  const half = Math.min(km / (2 * EARTH_RADIUS_KM), Math.PI / 2);
  const c = 2 * Math.sin(half);
  return c * c;
}

/** @internal Unit-sphere position of a point. */
export function unitVector(lat: number, lon: number): [number, number, number] {
  const phi = lat * DEG;
  const lambda = lon * DEG;
  const c = Math.cos(phi);
  return [c * Math.cos(lambda), c * Math.sin(lambda), Math.sin(phi)];
}
