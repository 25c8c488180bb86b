/**
 * What the map draws and lists: structures and events as points (`MapItem`), their GeoJSON, their
 * bounds, those in a view, and the order of the list (nearest a centre first).
 */
import type { FeatureCollection, Point } from 'geojson';
import {
  type AgendaOccurrence,
  DEFAULT_TIME_ZONE,
  dateKeyOf,
  distanceKm,
  type Event,
  formatDay,
  formatTimeRange,
  type Structure,
} from '@essaim/sdk';
import type { Lang } from '../../internal/localize.ts';

/** The kinds of points the map can show (`show="structures events"`). */
export type MapKind = 'structures' | 'events';
export const MAP_KINDS: readonly MapKind[] = ['structures', 'events'];

/** One point of the map and one entry of its list: a structure, or an event at its place. */
export interface MapItem {
  kind: MapKind;
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** The commune (or the place's name), when known. */
  place?: string | undefined;
  /** An event's date as shown. */
  when?: string | undefined;
  /** An event's ISO start. */
  start?: string | undefined;
  /** Placed at the centre of its commune (`geo.precision: "commune"`): drawn hollow, said in words. */
  approx?: boolean | undefined;
}

/** A structure as a point, when it has a place. */
export function structureItem(s: Structure): MapItem | undefined {
  if (!s.geo) return undefined;
  const item: MapItem = {
    kind: 'structures',
    id: s.id,
    name: s.name,
    lat: s.geo.lat,
    lon: s.geo.lon,
    place: s.address?.commune,
  };
  if (s.geo.precision === 'commune') item.approx = true;
  return item;
}

/** An event as a point: held at a place with coordinates (not online only), at its date shown. */
export function eventItem(o: AgendaOccurrence, when: (o: AgendaOccurrence) => string): MapItem | undefined {
  const e = o.event;
  const geo = e.place?.geo;
  if (!geo || e.attendanceMode === 'online' || o.status === 'moved-online') return undefined;
  return {
    kind: 'events',
    id: e.id,
    name: e.title,
    lat: geo.lat,
    lon: geo.lon,
    place: e.place?.address?.commune ?? e.place?.name,
    approx: geo.precision === 'commune',
    when: when(o),
    start: o.startIso,
  };
}

/** The points of one layer. */
export function toGeojson(items: readonly MapItem[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: items.map((s) => ({
      type: 'Feature',
      properties: { id: s.id, kind: s.kind, approx: s.approx ? 1 : 0 },
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    })),
  };
}

/** `[west, south, east, north]` of the items (the whole world when there are none). */
export function boundsOf(items: readonly MapItem[]): [number, number, number, number] {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const { lat, lon } of items) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [w, s, e, n];
}

/** The items inside `[west, south, east, north]` (a view may cross the antimeridian). */
export function inBounds(
  items: readonly MapItem[],
  [w, s, e, n]: [number, number, number, number],
): readonly MapItem[] {
  return items.filter(
    ({ lat, lon }) =>
      lat >= s && lat <= n && (e - w >= 360 || (lon >= w && lon <= e) || (lon + 360 >= w && lon + 360 <= e)),
  );
}

/**
 * The items nearest `centre` first (distances equal to the decimetre keep the items' order). Sorts
 * numbers, not objects: each key packs the distance in decimetres above the item's index, so the
 * engine's native numeric sort orders them, several times faster than a comparator over 100,000 items
 * (the list is ordered again after every move of the map).
 */
export function nearestFirst(items: readonly MapItem[], centre: { lat: number; lon: number }): MapItem[] {
  const n = items.length;
  // Half the Earth's circumference is under 2^28 dm: with the index's bits, the key stays an exact integer.
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  if (scale > 2 ** 25)
    return items
      .map((item) => ({ item, km: distanceKm(centre, item) }))
      .sort((a, b) => a.km - b.km)
      .map((x) => x.item);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = Math.round(distanceKm(centre, items[i]!) * 10_000) * scale + i;
  keys.sort();
  const out: MapItem[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = items[keys[i]! % scale]!;
  return out;
}

/** A key unique across kinds (a structure and an event may share an id). */
export const itemKey = (item: Pick<MapItem, 'kind' | 'id'>) => `${item.kind}:${item.id}`;

/** `[west, south, east, north]` of a view, wrapped to ±180° and rounded to 5 decimals ("search this area"). */
export function viewBbox(w: number, s: number, e: number, n: number): [number, number, number, number] {
  if (e - w >= 360) [w, e] = [-180, 180];
  const round5 = (v: number) => Math.round(v * 1e5) / 1e5;
  const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
  return [
    round5(wrap(w)),
    round5(Math.max(-90, s)),
    round5(e - w >= 360 ? 180 : wrap(e)),
    round5(Math.min(90, n)),
  ];
}

/**
 * An occurrence as the map shows it: its day and hours in the SDK's one wording (the agenda's), e.g.
 * "samedi 2 mai 2026, de 22 h à 1 h 59 le lendemain"; whole days without hours.
 */
export function occurrenceWhen(start: Date, end: Date | undefined, event: Event, lang: Lang): string {
  const timeZone = event.timeZone ?? DEFAULT_TIME_ZONE;
  const day = formatDay(dateKeyOf(start.getTime(), timeZone), lang, true);
  if (event.allDay && (!end || end.getTime() - start.getTime() <= 86_400_000)) return day;
  return `${day}, ${formatTimeRange(start, end, { lang, timeZone, allDay: !!event.allDay })}`;
}
