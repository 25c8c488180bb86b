import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import type { Event, FeedStore } from '@essaim/sdk';
import { Announcer } from '../internal/controllers.ts';
import { EssElement } from '../internal/ess-element.ts';
import { parseList, parseNumber } from '../internal/attributes.ts';
import type { Args } from '../i18n/dictionary.ts';
import type { EssMapEvents } from '../events/events.ts';
import { mapMessages } from './ess-map.i18n.ts';
import { mapStyles } from './ess-map.styles.ts';
import { FRANCE_BOUNDS } from './parts/basemap.ts';
import {
  boundsOf,
  MAP_KINDS,
  type MapItem,
  type MapKind,
  occurrenceWhen,
  toGeojson,
  viewBbox,
} from './parts/items.ts';
import { setKindVisible } from './parts/layers.ts';
import { renderLegend } from './parts/legend.ts';
import { renderList } from './parts/list.ts';
import { drawPoints, followStore, listFor, MapPoints, sameList, throttled } from './parts/points.ts';
import { MapOverlay } from './parts/overlay.ts';
import { MapSelection } from './parts/selection.ts';
import { renderNotices, renderToolbar } from './parts/toolbar.ts';

/** Detail of `ess-select`. */
export type { EssEventSelectDetail, EssSelectDetail } from '../events/events.ts';
export { MAP_IDS } from './parts/layers.ts';
export type { MapKind } from './parts/items.ts';

/** MapLibre, its stylesheet and worker, and the map made with them: loaded with the first map. */
type MapLibre = typeof import('./parts/maplibre.ts');

/** What the map shows: structures, events, or both (`"structures events"`). */
export type MapShow = 'structures' | 'events' | 'structures events' | 'events structures';

type M = typeof mapMessages.fr;

const THROTTLE_MS = 150;
const AGENDA_WAIT_MS = 2000;

/**
 * @tagname ess-map
 * @summary The map of the page's structures: clustered points of the current search, shared selection,
 * "search this area", an offline basemap, and an equivalent list for keyboard and screen-reader users.
 * With `show="events"`, the map of an agenda's events instead; with `show="structures events"`, both, with
 * distinct symbols (a disc for a structure, a diamond for an event), a legend and a layer toggle.
 *
 * Works inside an `<ess-feed>` (it shows what the page's search matches; "search this area" filters
 * the other widgets) or alone with `feed`. MapLibre and its stylesheet live inside the shadow root.
 *
 * Keyboard: Tab reaches the "search this area" and list buttons, the map itself (arrow keys pan, + and −
 * zoom, Shift + arrows rotate), MapLibre's controls (zoom, locate me, fullscreen), then the list of the
 * structures in view (nearest the view's centre first, a page of `list-limit` at a time), whose buttons
 * select a structure. Escape closes the popup. The list is visually hidden until it gets focus or "Show
 * the list" is pressed, and always read by screen readers; shown, it sits below a narrow map and beside
 * a wide one, never over the map's controls.
 *
 * Without WebGL (remote desktops, old machines), or when MapLibre fails to start, the element says so in
 * plain words and shows instead the list of all the structures (or events) of its scope, nearest their
 * centre first, paged; the other widgets of the page keep working.
 *
 * Events: with `show="events"`, the points are the events that the agenda the page's store shares
 * (`store.agenda`: an `<ess-agenda>` in the same `<ess-feed>`, or an app's own agenda connector) matches
 * (its filters, dates and territory; upcoming by default, like the agenda), those
 * held at a place with coordinates, one point per event at its next matching date. A point, or a button
 * of the list of the events in view, opens the event's detail in that agenda (the list's buttons move
 * the focus there). Without such an agenda, a note says so.
 *
 * Popups: a structure's lists its next events (as organiser, or at its place), each opening in the
 * agenda that shares the page, or downloaded as .ics without one; an event's lists its organiser and
 * place structures, each opening its detail (the page's selection).
 *
 * Dark: when the widget's colour scheme is dark (`--ess-color-scheme`, the visitor's preference, the
 * DSFR's dark theme), the bundled basemap is dark too; every symbol is at least 3:1 against it.
 *
 * @event ess-select - A structure was chosen on the map or in its list (`detail.id`); cancelable.
 * @event ess-event-select - With `show="events"` (or both), an event was chosen on the map or in its list
 * (`detail: { eventId, start }`); cancelable (then the agenda does not open it).
 * @event ess-map-idle - The map finished rendering for the first time.
 *
 * @csspart base - The labelled region around everything.
 * @csspart map - The map container.
 * @csspart toolbar - The bar with "search this area" and the list toggle.
 * @csspart list - The list of the structures (and events) in view.
 * @csspart note - The note shown when the requested basemap could not be loaded.
 * @csspart unplaced - How many matching structures have no location at all (not on the map).
 * @csspart legend - The legend: the symbols of the map (and, with both kinds shown, the layer toggle).
 * @csspart loading - The loading notice.
 * @csspart error - The error notice (no feed, or the feed could not be loaded).
 * @csspart stale - The notice shown over stale or offline data.
 *
 * @cssprop --ess-map-height - Height of the element (default `28rem`, at most 60 % of the screen's height).
 * @cssprop --ess-map-event-color - Colour of the events' diamonds (default `light-dark(#b34000, #ff8d4f)`, at least 3:1 against the basemap).
 * @cssprop --ess-color-scheme - `light dark` (default) follows the visitor's `prefers-color-scheme`; `light` or `dark` pins the scheme.
 * @cssprop --ess-color-primary - Links, buttons, selected states and accents (default `light-dark(#000091, #8585f6)`).
 * @cssprop --ess-color-on-primary - Text on a primary background (default `light-dark(#ffffff, #000091)`).
 * @cssprop --ess-color-text - Body text (default `light-dark(#1e1e1e, #e5e5e5)`).
 * @cssprop --ess-color-text-muted - Secondary text: hints, counts, metadata (default `light-dark(#555555, #a6a6a6)`).
 * @cssprop --ess-color-surface - Background of the widget, fields and menus (default `light-dark(#ffffff, #161616)`).
 * @cssprop --ess-color-surface-alt - Background of cards and panels (default `light-dark(#f5f5fe, #1e1e1e)`).
 * @cssprop --ess-color-border - Borders of fields and lists (default `light-dark(#929292, #7b7b7b)`).
 * @cssprop --ess-color-error - Errors (default `light-dark(#ce0500, #ff5655)`).
 * @cssprop --ess-color-success - Positive states, e.g. open now, free (default `light-dark(#18753c, #27a658)`).
 * @cssprop --ess-color-warning - Warning text and borders (default `light-dark(#6e4b00, #ffc46b)`).
 * @cssprop --ess-color-warning-surface - Background of warnings (default `light-dark(#fff4d6, #3b2a00)`).
 * @cssprop --ess-color-focus - Focus ring colour (default `#0a76f6`).
 * @cssprop --ess-focus-width - Focus ring width (default `2px`).
 * @cssprop --ess-focus-offset - Focus ring offset (default `2px`).
 * @cssprop --ess-font-family - Font family (default: the page's).
 * @cssprop --ess-font-size - Base font size (default `16px`; sizes inside follow it, not the page's `rem`).
 * @cssprop --ess-line-height - Base line height (default `1.5`).
 * @cssprop --ess-radius - Corner radius (default `4px`).
 * @cssprop --ess-space - Base spacing between blocks (default `16px`).
 */
export class EssMap extends EssElement<EssMapEvents> {
  static override styles = [...EssElement.styles, ...mapStyles];

  /**
   * A MapLibre style URL (e.g. Plan IGN or OpenFreeMap). Without it, or when it cannot be loaded, the
   * bundled offline basemap (département outlines) is used, with a visible note in the second case.
   */
  @property({ attribute: 'basemap-style', reflect: true }) basemapStyle?: string;

  /**
   * Two fingers to move the map, Ctrl (⌘) + wheel to zoom it, so that a one-finger swipe or the wheel
   * scrolls the page (a hint says how to move the map): `auto` (default) on touch screens, `on`
   * everywhere, `off` never.
   */
  @property({ attribute: 'cooperative-gestures' }) cooperativeGestures: 'auto' | 'on' | 'off' = 'auto';

  /** At most this many entries a page in the list of the points in view (1–500; the count is always given). */
  @property({ type: Number, attribute: 'list-limit' }) listLimit = 50;

  /** Clustering radius in pixels (0–200). */
  @property({ type: Number, attribute: 'cluster-radius' }) clusterRadius = 50;

  /**
   * What the map shows: `structures` (default), the structures the page's search matches; `events`,
   * the events matched by the agenda the page's store shares (`store.agenda`: an `<ess-agenda>` in the
   * same `<ess-feed>`, or an app's agenda connector), those with a place that has coordinates, a point or
   * a list entry opening the event in that agenda; or both, `structures events`, with a layer toggle.
   */
  @property() show: MapShow = 'structures';

  /**
   * Opt-in: open on the view of the page URL (`ess-map-view=lat,lon,zoom`) and keep the view there as the
   * user moves the map (the page's other parameters are left alone).
   */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;

  /** The MapLibre map, once created. */
  map?: MapLibreMap;
  /** Map events seen so far ('load', 'idle'). */
  readonly seen = new Set<string>();
  #resolveReady!: () => void;
  /** Resolves on the map's first `idle` (or once its list stands in for a map that cannot be shown). */
  readonly ready = new Promise<void>((r) => (this.#resolveReady = r));

  @state() private fallbackNote = false;
  @state() private moved = false;
  @state() private hasBbox = false;
  @state() private listOpen = false;
  /** The points of the list: those in view, nearest the view's centre first. */
  @state() private listed: readonly MapItem[] = [];
  /** The page of the list shown (`list-limit` entries a page). */
  @state() private listPage = 0;
  /** Why the map cannot be shown (no WebGL, or MapLibre failed): then the list stands in for it. */
  @state() private unavailable?: 'webgl' | 'error';
  /** Matching structures without a place (not on the map), and the points at their commune centre. */
  @state() private unplaced = 0;
  @state() private approxCount = 0;
  /** With events shown: false when no agenda shares the map's feed. */
  @state() private hasAgenda = true;
  /** The kinds hidden by the layer toggle. */
  @state() private hiddenKinds: ReadonlySet<MapKind> = new Set();

  #points = new MapPoints();
  /** Says what the layer toggle did. */
  #announcer = new Announcer(this);
  /** Pushes the current matches to the map, at most once per 150 ms (the first call at once). */
  #data = throttled(() => this.#pushData(), THROTTLE_MS);
  #fitted = false;
  #creating = false;
  #ml?: MapLibre;
  #agendaCheck?: ReturnType<typeof setTimeout>;
  #overlay = new MapOverlay({
    root: () => this.renderRoot,
    kinds: () => this.kinds,
    hidden: () => this.hiddenKinds,
    bundledBasemap: () => !this.basemapStyle || this.fallbackNote,
    attribution: () => this.t('basemapAttribution'),
    lang: () => this.l10n.lang,
    clusterRadius: () => parseNumber(this, 'cluster-radius', this.clusterRadius, 0, 200, 50),
    data: (kind) => toGeojson(this.#points.matches[kind]),
    selectedData: () => this.#selection.data(),
  });
  /** The chosen point: the page's selected structure, or an event chosen here. */
  #selection = new MapSelection({
    map: () => this.map,
    popupClass: () => this.#ml?.Popup,
    store: () => this.store,
    points: this.#points,
    popupHost: () => ({ store: this.store, lang: this.l10n.lang, when: this.#when }),
    emitSelect: (detail) => this.emit('ess-select', detail, true),
    emitEventSelect: (detail) => this.emit('ess-event-select', detail, true),
    changed: () => this.requestUpdate(),
  });

  /** The kinds of points shown (`show`, checked). */
  get kinds(): readonly MapKind[] {
    const kinds = parseList(this, 'show', this.show, (v) => (MAP_KINDS as readonly string[]).includes(v));
    return kinds.length ? MAP_KINDS.filter((k) => kinds.includes(k)) : ['structures'];
  }

  protected t<K extends keyof M>(key: K, ...args: Args<M[K]>): string {
    return this.tr(mapMessages, key, ...args);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
    if (this.hasUpdated && !this.map) void this.#createMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    this.#data.cancel();
    clearTimeout(this.#agendaCheck);
    this.#overlay.detach();
    this.#selection.close();
    this.map?.remove();
    this.map = undefined;
  }

  protected override get feedParts() {
    return this.kinds;
  }

  protected override bindStore(store: FeedStore): () => void {
    return followStore(store, {
      data: () => this.#data.call(),
      bbox: (set) => (this.hasBbox = set),
      selected: (id) => {
        if (this.kinds.includes('structures'))
          this.#selection.show(id ? { kind: 'structures', id } : undefined);
      },
      agenda: () => {
        if (this.kinds.includes('events')) this.#data.call();
      },
    });
  }

  protected override firstUpdated(): void {
    void this.#createMap();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('show') && changed.get('show') !== undefined) {
      const selected = this.store?.getState().selectedId;
      this.#selection.show(
        this.kinds.includes('structures') && selected ? { kind: 'structures', id: selected } : undefined,
      );
      this.#fitted = false;
      if (this.map) this.#overlay.rebuild(this.map);
      this.#data.call();
    }
    if (changed.has('cooperativeGestures'))
      this.map?.cooperativeGestures[this.#ml?.cooperative(this.cooperativeGestures) ? 'enable' : 'disable']();
    if (changed.has('basemapStyle') && changed.get('basemapStyle') !== undefined && this.map) {
      this.fallbackNote = false;
      void this.#overlay.setStyle(this.map, this.basemapStyle);
    }
    // The radius is fixed per source: rebuild the overlay.
    if (changed.get('clusterRadius') !== undefined && this.map) this.#overlay.rebuild(this.map);
  }

  async #createMap(): Promise<void> {
    if (this.map || this.#creating) return;
    this.#creating = true;
    let ml: MapLibre;
    let style: string | StyleSpecification;
    try {
      // MapLibre's chunk may not load (network, a bundler that dropped it): then the list stands in.
      [ml, style] = await Promise.all([
        import('./parts/maplibre.ts'),
        this.basemapStyle || this.#overlay.bundled(),
      ]);
    } catch (e) {
      return this.#cannotShow(e);
    } finally {
      this.#creating = false;
    }
    const container = this.renderRoot.querySelector<HTMLDivElement>('#map');
    if (!container || !this.isConnected || this.map) return;
    this.#ml = ml;
    const view = this.syncUrl ? ml.urlView() : undefined;
    const all = this.#visible();
    const bounds = all.length ? boundsOf(all) : FRANCE_BOUNDS;
    const gestures = ml.cooperative(this.cooperativeGestures);
    let map: MapLibreMap;
    try {
      map = ml.createMap({ container, style, view, bounds, lang: this.l10n.lang, gestures });
    } catch (e) {
      return this.#cannotShow(e);
    }
    this.map = map;
    this.#fitted ||= all.length > 0 || !!view;
    this.#listen(ml, map);
    ml.addControls(map, this.l10n.lang, this);
    this.#overlay.watch(map);
  }

  /**
   * The map cannot be shown (no WebGL on this device, or MapLibre failed to start): say so, and show
   * the list of the points of the map's scope instead, nearest its centre first.
   */
  #cannotShow(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    console.warn('ess-map: the map cannot be shown:', message);
    this.map?.remove();
    this.map = undefined;
    this.unavailable = /webgl/i.test(message) ? 'webgl' : 'error';
    this.listOpen = true;
    this.#updateInView();
    this.#resolveReady();
  }

  #listen(ml: MapLibre, map: MapLibreMap): void {
    ml.listenMap(map, {
      load: () => {
        this.seen.add('load');
        this.#updateInView();
        // A point selected before the map existed (a card opened, then the map loaded): show it.
        if (this.#selection.selected) this.#selection.show(this.#selection.selected);
      },
      idle: () => {
        this.seen.add('idle');
        this.#resolveReady();
        this.emit('ess-map-idle', {});
      },
      styleLoad: () => this.#overlay.add(map),
      error: (error) => {
        // The context was lost or refused after creation.
        if (!this.seen.has('load') && /webgl/i.test(error?.message ?? '')) return this.#cannotShow(error);
        // MapLibre's worker did not load (a bundler that did not copy it, e.g. Angular's): name the file
        // and the fix to the developer, and show the list instead of a blank map.
        if (/worker failed to load/i.test(error?.message ?? '')) {
          console.error(
            `ess-map: MapLibre's worker did not load from ${ml.workerUrl()}. Serve the file ` +
              'maplibre-gl-worker.mjs of @essaim/elements/dist/esm/chunks/ there (e.g. an assets entry of your ' +
              "bundler), or call setMapWorkerUrl(url) from '@essaim/elements' before the first map.",
          );
          return this.#cannotShow(error);
        }
        // The remote style failed (network, 404, invalid JSON): fall back to the bundled basemap.
        if (!this.#overlay.styleLoaded && this.basemapStyle && !this.fallbackNote) {
          this.fallbackNote = true;
          void this.#overlay.setStyle(map, undefined);
        } else console.warn('ess-map:', error?.message ?? error);
      },
      choose: (kind, id) => this.selectFromUser(id, false, kind),
      moveEnd: (byUser) => {
        if (byUser) this.moved = true;
        this.#updateInView();
        // The view in the URL follows the user's moves only (not the first fit to the data).
        if (this.syncUrl && this.moved) ml.keepUrlView(map);
      },
    });
  }

  #pushData(): void {
    const store = this.store;
    const agenda = store?.agenda.get();
    // No agenda yet: it may still be loading its feed or its code; say so only if it stays absent.
    clearTimeout(this.#agendaCheck);
    if (agenda || !this.kinds.includes('events')) this.hasAgenda = true;
    else if (store?.getState().status === 'ready')
      this.#agendaCheck = setTimeout(() => (this.hasAgenda = !!this.store?.agenda.get()), AGENDA_WAIT_MS);
    const points = this.#points;
    points.update(this.kinds, store, agenda, (o) => this.#when(o.start, o.end, o.event));
    this.unplaced = points.unplaced;
    const all = this.#visible();
    this.approxCount = all.reduce((n, m) => n + (m.approx ? 1 : 0), 0);
    if (drawPoints(this.map, points.matches, this.kinds, all, !this.#fitted)) this.#fitted = true;
    this.#updateInView();
  }

  /** The points of the kinds shown, less those hidden by the layer toggle. */
  #visible = (): MapItem[] => this.#points.visible(this.kinds, this.hiddenKinds);

  /** An occurrence as the map shows it (parts/items.ts). */
  #when = (start: Date, end: Date | undefined, event: Event): string =>
    occurrenceWhen(start, end, event, this.l10n.lang);

  /**
   * The list: the points inside the current view (all those of the map's scope when the map cannot be
   * shown), nearest the view's centre first; with events alone, in the agenda's order (by date).
   */
  #updateInView(): void {
    if (!this.map && !this.unavailable) return;
    const near = this.kinds.includes('structures') ? this.store?.search.getState().query.near : undefined;
    const list = listFor(this.map, this.#visible(), this.kinds, near);
    if (!sameList(list, this.listed)) {
      this.listed = list;
      this.listPage = 0;
    }
  }

  /**
   * What a click on a point or a list button does. A structure: `ess-select`, then the page's selection
   * and a popup. An event: `ess-event-select`, then the event's detail in the agenda (the focus goes
   * there when `focus`, from the list) and a popup. `kind`: by default the kind the map shows first.
   */
  selectFromUser(id: string, focus = false, kind: MapKind = this.kinds[0]!): void {
    this.#selection.choose(kind, id, focus);
  }

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.#selection.close()) e.stopPropagation();
  };

  /** Shows or hides a kind of points (the legend's checkboxes); the list follows. */
  toggleLayer(kind: MapKind, visible: boolean): void {
    const hidden = new Set(this.hiddenKinds);
    if (visible) hidden.delete(kind);
    else hidden.add(kind);
    this.hiddenKinds = hidden;
    if (this.map) setKindVisible(this.map, kind, visible);
    const name = this.t(kind === 'events' ? 'layerEvents' : 'layerStructures');
    this.#announcer.say(this.t(visible ? 'layerShown' : 'layerHidden', name));
    this.#updateInView();
  }

  /** Filters the page's search to the area in view ("search this area"). */
  searchThisArea(): void {
    const b = this.map?.getBounds();
    if (b) this.store?.search.setBbox(viewBbox(b.getWest(), b.getSouth(), b.getEast(), b.getNorth()));
    this.moved = false;
  }

  clearArea(): void {
    this.store?.search.setBbox(undefined);
    this.moved = false;
  }

  override render() {
    const t = this.t.bind(this);
    const kinds = this.kinds;
    const region = kinds.length > 1 ? 'Both' : kinds[0] === 'events' ? 'Events' : '';
    const { unavailable } = this;
    const bar = {
      kinds,
      hasAgenda: this.hasAgenda,
      fallbackNote: this.fallbackNote,
      unavailable,
      canSearchArea: this.moved && !!this.store,
      hasBbox: this.hasBbox,
      listOpen: this.listOpen,
      listed: this.listed.length,
      searchThisArea: () => this.searchThisArea(),
      clearArea: () => this.clearArea(),
      toggleList: () => (this.listOpen = !this.listOpen),
      t,
    };
    return html`
      <section class="base ${unavailable ? 'unavailable' : ''}" part="base" role="region" aria-label=${t(`region${region}` as 'region')} aria-describedby="help">
        <p id="help" class="sr-only">${t(`help${region}` as 'help')}</p>
        ${this.renderFeedStatus()} ${renderNotices(bar)} ${renderToolbar(bar)}
        ${renderLegend({
          kinds,
          hidden: this.hiddenKinds,
          approxCount: this.approxCount,
          status: this.#announcer.render(),
          toggle: (kind, visible) => this.toggleLayer(kind, visible),
          t,
        })}
        <div class="stage">
          ${unavailable ? '' : html`<div id="map" part="map"></div>`}
          ${renderList({
            kinds,
            listed: this.listed,
            listPage: this.listPage,
            listLimit: parseNumber(this, 'list-limit', this.listLimit, 1, 500, 50, true),
            listOpen: this.listOpen,
            all: !!unavailable,
            countable: this.feedUsable,
            unplaced: this.unplaced,
            isSelected: (item) => this.#selection.isSelected(item),
            choose: (item) => this.selectFromUser(item.id, item.kind === 'events', item.kind),
            goToPage: (page) => {
              this.listPage = page;
              return this.updateComplete;
            },
            t,
          })}
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ess-map': EssMap;
  }
}
