/**
 * Distances as chords of the unit sphere, for the search index (positions precomputed once, no
 * trigonometry per record), on the one Earth radius of `core/geo.ts`.
 *
 * @module
 */
import { EARTH_RADIUS_KM } from '../core/geo.ts';

const DEG = Math.PI / 180;

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
