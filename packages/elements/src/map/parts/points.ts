/**
 * The points of the map, kept up to date from the page: the structures its search matches and the events
 * the shared agenda matches (of the kinds shown), by key, with the counts the list and legend say
 * (unplaced structures, points at their commune centre), and the list's order.
 */
import type { AgendaOccurrence, FeedStore, SharedAgenda } from '@essaim/sdk';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { LAYERS } from './layers.ts';
import {
  boundsOf,
  eventItem,
  inBounds,
  itemKey,
  type MapItem,
  type MapKind,
  nearestFirst,
  structureItem,
  toGeojson,
} from './items.ts';

export type Selection = { kind: MapKind; id: string };

export class MapPoints {
  matches: Record<MapKind, readonly MapItem[]> = { structures: [], events: [] };
  /** Matching structures without any place (not on the map). */
  unplaced = 0;
  #byKey = new Map<string, MapItem>();

  /** Reads the points of `kinds` again from the store and the shared agenda. */
  update(
    kinds: readonly MapKind[],
    store: FeedStore | undefined,
    agenda: SharedAgenda | undefined,
    when: (o: AgendaOccurrence) => string,
  ): void {
    const matches: Record<MapKind, readonly MapItem[]> = { structures: [], events: [] };
    this.unplaced = 0;
    if (kinds.includes('events'))
      matches.events = (agenda?.connector.matchingEvents() ?? []).flatMap((o) => eventItem(o, when) ?? []);
    if (kinds.includes('structures')) {
      const all = store ? store.matches() : [];
      matches.structures = all.flatMap((s) => structureItem(s) ?? []);
      this.unplaced = all.length - matches.structures.length;
    }
    this.matches = matches;
    this.#byKey = new Map([...matches.structures, ...matches.events].map((s) => [itemKey(s), s]));
  }

  /** The points of the kinds shown and not hidden by the layer toggle. */
  visible(kinds: readonly MapKind[], hidden: ReadonlySet<MapKind>): MapItem[] {
    return kinds.filter((k) => !hidden.has(k)).flatMap((k) => this.matches[k]);
  }

  get(selection: Selection): MapItem | undefined {
    return this.#byKey.get(itemKey(selection));
  }

  /** The point of a selection: in the matches, else (a structure selected elsewhere) the page's structure. */
  item(selection: Selection | undefined, store: FeedStore | undefined): MapItem | undefined {
    if (!selection) return undefined;
    const found = this.get(selection);
    if (found || selection.kind === 'events') return found;
    const s = store?.structure(selection.id);
    return s ? structureItem(s) : undefined;
  }
}

/**
 * The list: the points inside `view` (all of `items` without a view), nearest its centre first (without
 * a view: nearest `near`, else the middle of the points); events alone stay in the agenda's order.
 */
export function listOrder(
  items: readonly MapItem[],
  view: { bounds: [number, number, number, number]; centre: { lat: number; lon: number } } | undefined,
  eventsOnly: boolean,
  near: { lat: number; lon: number } | undefined,
): readonly MapItem[] {
  const shown = view ? inBounds(items, view.bounds) : items;
  if (eventsOnly) return shown;
  let centre = view?.centre ?? near;
  if (!centre) {
    const [w, s, e, n] = boundsOf(items);
    centre = items.length ? { lat: (s + n) / 2, lon: (w + e) / 2 } : { lat: 46.6, lon: 2.4 };
  }
  return nearestFirst(shown, centre);
}

/** Whether two lists hold the same entries (same points, same dates). */
export const sameList = (a: readonly MapItem[], b: readonly MapItem[]) =>
  a.length === b.length &&
  a.every((x, i) => x.id === b[i]?.id && x.kind === b[i]?.kind && x.when === b[i]?.when);

/** Calls `run` now, then at most once per `ms` while calls keep coming (the last call always runs). */
export function throttled(run: () => void, ms: number): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  const call = (): void => {
    if (timer) {
      dirty = true;
      return;
    }
    run();
    timer = setTimeout(() => {
      timer = undefined;
      if (dirty) {
        dirty = false;
        call();
      }
    }, ms);
  };
  return {
    call,
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
      dirty = false;
    },
  };
}

/** The list of a map's current view (of all `items` without a map), see {@link listOrder}. */
export function listFor(
  map: MapLibreMap | undefined,
  items: readonly MapItem[],
  kinds: readonly MapKind[],
  near: { lat: number; lon: number } | undefined,
): readonly MapItem[] {
  let view: Parameters<typeof listOrder>[1];
  if (map) {
    const b = map.getBounds();
    const c = map.getCenter();
    view = {
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()],
      centre: { lat: c.lat, lon: c.lng },
    };
  }
  return listOrder(items, view, kinds.length === 1 && kinds[0] === 'events', near);
}

/**
 * Follows what the map's points come from: the page's search and feed, its selection, the agenda it
 * shares (an `<ess-agenda>`, or an app's own connector) and that agenda's matches. Registers the map as
 * a view of the page's structures. Returns the stop.
 */
export function followStore(
  store: FeedStore,
  on: { data(): void; bbox(set: boolean): void; selected(id: string | undefined): void; agenda(): void },
): () => void {
  const offSearch = store.search.subscribe((s) => {
    on.bbox(s.query.bbox !== undefined);
    on.data();
  });
  let { feed, selectedId } = store.getState();
  const offStore = store.subscribe((s) => {
    if (s.feed !== feed) {
      feed = s.feed;
      on.data();
    }
    if (s.selectedId !== selectedId) {
      selectedId = s.selectedId;
      on.selected(selectedId);
    }
  });
  let offConnector: (() => void) | undefined;
  const follow = (agenda: SharedAgenda | undefined) => {
    offConnector?.();
    offConnector = agenda?.connector.subscribe(() => on.agenda());
    on.agenda();
  };
  const offAgenda = store.agenda.subscribe(follow);
  const offView = store.views.add('map');
  follow(store.agenda.get());
  on.bbox(store.search.getState().query.bbox !== undefined);
  on.data();
  if (selectedId) on.selected(selectedId);
  return () => {
    offSearch();
    offStore();
    offAgenda();
    offConnector?.();
    offView();
  };
}

/** Puts the points of `kinds` in their sources; the first time there are points, fits the view to them. */
export function drawPoints(
  map: MapLibreMap | undefined,
  matches: Record<MapKind, readonly MapItem[]>,
  kinds: readonly MapKind[],
  visible: readonly MapItem[],
  fit: boolean,
): boolean {
  if (!map) return false;
  for (const kind of kinds)
    map.getSource<GeoJSONSource>(LAYERS[kind].source)?.setData(toGeojson(matches[kind]));
  if (!fit || !visible.length) return false;
  map.fitBounds(boundsOf(visible), { padding: 24, maxZoom: 12, animate: false });
  return true;
}
