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
