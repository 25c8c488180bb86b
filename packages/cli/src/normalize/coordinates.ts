/**
 * WGS 84 coordinates from what sources give: numbers, strings ("48.44272"), French decimal commas
 * ("48,8566"), a single "lat,lon" cell (La Poste's `coordonnees_gps`), GeoJSON's [lon, lat].
 *
 * Impossible values are refused: not numbers, out of range, or exactly 0,0 (the "null island" of
 * failed geocoders). A pair that is in France only once swapped (a longitude of 48 and a latitude of 2
 * is in the Indian Ocean; 2, 48 is Paris) is swapped back, with a note saying so.
 */
import { type Normalized, type Note, note, quote } from './notes.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

/** Bounding boxes of France: metropolitan France with Corsica, and the overseas départements and collectivities. */
const FRANCE_BOXES: ReadonlyArray<readonly [minLat: number, maxLat: number, minLon: number, maxLon: number]> =
  [
    [41.2, 51.2, -5.6, 9.8], // métropole + Corse
    [15.8, 16.6, -61.9, -60.9], // Guadeloupe
    [14.3, 14.95, -61.3, -60.7], // Martinique
    [2.0, 6.0, -54.7, -51.5], // Guyane
    [-21.5, -20.8, 55.1, 55.95], // La Réunion
    [-13.1, -12.6, 44.9, 45.35], // Mayotte
    [46.7, 47.2, -56.5, -56.1], // Saint-Pierre-et-Miquelon
    [17.85, 18.15, -63.2, -62.75], // Saint-Martin, Saint-Barthélemy
    [-23, -19.5, 163.5, 168.2], // Nouvelle-Calédonie
    [-28, -7.5, -155, -134], // Polynésie française
    [-14.5, -13.1, -178.3, -176], // Wallis-et-Futuna
  ];

/** True when the point falls in France (metropolitan or overseas), by bounding boxes. */
export function isInFrance(p: LatLon): boolean {
  return FRANCE_BOXES.some(([a, b, c, d]) => p.lat >= a && p.lat <= b && p.lon >= c && p.lon <= d);
}

/** A coordinate as a number: numbers as they are, strings with a dot or a single decimal comma. */
export function toCoordinateNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  let s = raw.trim().replace(/\s+/g, '').replace(/[°]$/, '');
  if (s === '') return undefined;
  if (/^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export interface CoordinateOptions {
  /**
   * Expect points in France: swapped pairs are detected and fixed, and points outside France get a note
   * (they are kept). Default true: the feed is about the French ESS.
   */
  france?: boolean;
}

/** Latitude and longitude, given separately, to a checked point. */
export function normalizeCoordinates(
  rawLat: unknown,
  rawLon: unknown,
  options: CoordinateOptions = {},
): Normalized<LatLon> {
  const france = options.france ?? true;
  const emptyLat = rawLat === null || rawLat === undefined || rawLat === '';
  const emptyLon = rawLon === null || rawLon === undefined || rawLon === '';
  if (emptyLat && emptyLon) return { notes: [] };
  const lat = toCoordinateNumber(rawLat);
  const lon = toCoordinateNumber(rawLon);
  if (lat === undefined || lon === undefined) {
    return {
      notes: [
        note(
          'coordinates-unreadable',
          `coordonnées illisibles (${quote(rawLat)}, ${quote(rawLon)}) : ignorées`,
          `unreadable coordinates (${quote(rawLat)}, ${quote(rawLon)}): ignored`,
        ),
      ],
    };
  }
  return checkPoint({ lat, lon }, france);
}

/** One cell holding "lat,lon" (or "lat;lon", "lat lon"), as in La Poste's `coordonnees_gps`. */
export function normalizeLatLonPair(raw: unknown, options: CoordinateOptions = {}): Normalized<LatLon> {
  if (raw === null || raw === undefined) return { notes: [] };
  if (Array.isArray(raw) && raw.length === 2) return normalizeCoordinates(raw[0], raw[1], options);
  if (typeof raw !== 'string') {
    return {
      notes: [
        note(
          'coordinates-unreadable',
          `coordonnées illisibles : ${quote(raw)}`,
          `unreadable coordinates: ${quote(raw)}`,
        ),
      ],
    };
  }
  const s = raw.trim();
  if (s === '') return { notes: [] };
  // "48.85,2.35" / "48.85, 2.35" / "48.85;2.35" / "48.85 2.35" / "48,85;2,35" (decimal commas).
  const m =
    /^\(?\s*([+-]?\d+(?:\.\d+)?)\s*[,;\s]\s*([+-]?\d+(?:\.\d+)?)\s*\)?$/.exec(s) ??
    /^\(?\s*([+-]?\d+(?:,\d+)?)\s*[;\s]\s*([+-]?\d+(?:,\d+)?)\s*\)?$/.exec(s);
  if (!m) {
    return {
      notes: [
        note(
          'coordinates-unreadable',
          `coordonnées illisibles : « ${quote(s)} »`,
          `unreadable coordinates: "${quote(s)}"`,
        ),
      ],
    };
  }
  return normalizeCoordinates(m[1], m[2], options);
}

/** GeoJSON position [lon, lat] (note the order). */
export function normalizeGeoJsonPosition(pos: unknown, options: CoordinateOptions = {}): Normalized<LatLon> {
  if (!Array.isArray(pos) || pos.length < 2) {
    return {
      notes: [
        note(
          'coordinates-unreadable',
          `position GeoJSON illisible : ${quote(pos)}`,
          `unreadable GeoJSON position: ${quote(pos)}`,
        ),
      ],
    };
  }
  return normalizeCoordinates(pos[1], pos[0], options);
}

function checkPoint(p: LatLon, france: boolean): Normalized<LatLon> {
  const notes: Note[] = [];
  if (p.lat === 0 && p.lon === 0) {
    return {
      notes: [
        note(
          'coordinates-zero',
          'coordonnées 0,0 (géocodage raté) : ignorées',
          'coordinates 0,0 (failed geocoding): ignored',
        ),
      ],
    };
  }
  const inRange = Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
  const swapped: LatLon = { lat: p.lon, lon: p.lat };
  if (france && !isInFrance(p) && Math.abs(swapped.lat) <= 90 && isInFrance(swapped)) {
    notes.push(
      note(
        'coordinates-swapped',
        `latitude et longitude inversées (${p.lat}, ${p.lon}) : remises dans l’ordre (${swapped.lat}, ${swapped.lon})`,
        `latitude and longitude were swapped (${p.lat}, ${p.lon}): put back in order (${swapped.lat}, ${swapped.lon})`,
      ),
    );
    return { value: round(swapped), notes };
  }
  if (!inRange) {
    return {
      notes: [
        note(
          'coordinates-out-of-range',
          `coordonnées impossibles (${p.lat}, ${p.lon}) : ignorées`,
          `impossible coordinates (${p.lat}, ${p.lon}): ignored`,
        ),
      ],
    };
  }
  if (france && !isInFrance(p)) {
    notes.push(
      note(
        'coordinates-outside-france',
        `point hors de France (${p.lat}, ${p.lon}) : gardé, à vérifier`,
        `point outside France (${p.lat}, ${p.lon}): kept, please check`,
      ),
    );
  }
  return { value: round(p), notes };
}

/** Seven decimals (about 1 cm) are more than any source means; longer tails are float noise. */
function round(p: LatLon): LatLon {
  return { lat: Math.round(p.lat * 1e7) / 1e7, lon: Math.round(p.lon * 1e7) / 1e7 };
}
