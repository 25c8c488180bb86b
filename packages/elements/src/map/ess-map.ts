import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { FeatureCollection, Point } from 'geojson';
import type {
  GeoJSONSource,
  MapLayerMouseEvent,
  Map as MapLibreMap,
  Marker,
  Popup,
  StyleSpecification,
} from 'maplibre-gl';
import {
  type AgendaOccurrence,
  decodeMapUrl,
  distanceKm,
  encodeMapUrl,
  type FeedStore,
  readUrlState,
  type SharedAgenda,
  type Structure,
  syncUrlState,
  URL_NAMESPACES,
} from '@essaim/sdk';
import { EssElement } from '../internal/ess-element.ts';
import { withTrustedWorkers } from '../internal/trusted-types.ts';

/** MapLibre, its stylesheet and worker: loaded with the first map (parts/maplibre.ts). */
type MapLibre = typeof import('./parts/maplibre.ts');
import { bundledStyle, FRANCE_BOUNDS } from './basemap.ts';
import { mapMessages, maplibreLocale } from './i18n.ts';
import type { EssMapEvents } from '../events/events.ts';

/** `[west, south, east, north]`, as `store.search.setBbox()` takes it. */
type BBox = Parameters<FeedStore['search']['setBbox']>[0] & {};

/** Detail of `ess-select`. */
export type { EssEventSelectDetail, EssSelectDetail } from '../events/events.ts';

/** What the map shows: structures or events. */
export type MapShow = 'structures' | 'events';

/** One point of the map and one entry of its list: a structure, or an event at its place. */
interface MapItem {
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
  /** Placed at the centre of its commune (`geo.precision: "commune"`): drawn as a ring, said in words. */
  approx?: boolean | undefined;
}

/** Ids of the sources and layers the element adds on top of any basemap (public: tests and styling use them). */
export const MAP_IDS = {
  source: 'ess-structures',
  clusters: 'ess-clusters',
  points: 'ess-points',
  selectedSource: 'ess-selected',
  selected: 'ess-selected',
} as const;

type Fr = typeof mapMessages.fr;
type StringKey = { [K in keyof Fr]: Fr[K] extends string ? K : never }[keyof Fr];

const THROTTLE_MS = 150;
const MAX_CLUSTER_LABELS = 400;
const AGENDA_WAIT_MS = 2000;

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

/**
 * @tagname ess-map
 * @summary The map of the page's structures: clustered points of the current search, shared selection,
 * "search this area", an offline basemap, and an equivalent list for keyboard and screen-reader users.
 * With `show="events"`, the map of an agenda's events instead.
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
 * @event ess-select - A structure was chosen on the map or in its list (`detail.id`); cancelable.
 * @event ess-event-select - With `show="events"`, an event was chosen on the map or in its list
 * (`detail: { eventId, start }`); cancelable (then the agenda does not open it).
 * @event ess-map-idle - The map finished rendering for the first time.
 *
 * @csspart base - The labelled region around everything.
 * @csspart map - The map container.
 * @csspart toolbar - The bar with "search this area" and the list toggle.
 * @csspart list - The list of the structures in view.
 * @csspart note - The note shown when the requested basemap could not be loaded.
 * @csspart unplaced - How many matching structures have no location at all (not on the map).
 * @csspart legend - The legend of the hollow circles: an approximate position (the centre of the commune).
 * @csspart loading - The loading notice.
 * @csspart error - The error notice (no feed, or the feed could not be loaded).
 * @csspart stale - The notice shown over stale or offline data.
 *
 * @cssprop --ess-map-height - Height of the element (default `28rem`, at most 60 % of the screen's height).
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
  static override styles = [
    ...EssElement.styles,
    css`
      @layer essaim {
        :host {
          /* At most 60 % of a phone's screen: the page above and below stays within a swipe's reach. */
          block-size: var(--ess-map-height, min(calc(28*var(--_rem)), 60svh));
          min-block-size: 16em;
        }
        :host(:fullscreen) {
          block-size: 100%;
          background: var(--_surface);
        }
        .base {
          display: flex;
          flex-direction: column;
          block-size: 100%;
          position: relative;
          container-type: inline-size;
        }
        .toolbar {
          display: flex;
          flex-wrap: wrap;
          gap: 0.5em;
          padding-block-end: 0.5em;
        }
        /* The map and its list: the list below the map in a narrow element, beside it from 40em; never
           over the map's controls, and the map keeps the height its four controls need. */
        .stage {
          display: flex;
          flex-direction: column;
          flex: 1 1 auto;
          min-block-size: 0;
          gap: 0.5em;
        }
        #map {
          flex: 1 1 auto;
          min-block-size: 13em;
          position: relative;
        }
        @container (min-width: 40em) {
          .stage {
            flex-direction: row;
          }
          .stage .list.open {
            flex: 0 0 min(20em, 40%);
            max-block-size: none;
          }
        }
        /* Without a map, the list has the whole element. */
        .unavailable .stage .list {
          flex: 1 1 auto;
          max-block-size: none;
        }
        .pager {
          display: flex;
          flex-wrap: wrap;
          gap: 0.5em;
          margin-block-start: 0.5em;
        }
        .cluster-label {
          color: var(--_on-primary);
          font-size: calc(0.75*var(--_rem));
          font-weight: 700;
          line-height: 1;
          pointer-events: none;
          text-shadow: 0 0 2px rgb(0 0 0 / 0.6);
        }
        .list {
          max-block-size: 12em;
          overflow: auto;
          border: 1px solid var(--_border);
          border-radius: var(--_radius);
          padding: 0.5em;
          background: var(--_surface);
        }
        .list:not(.open):not(:focus-within) {
          position: absolute;
          inline-size: 1px;
          block-size: 1px;
          padding: 0;
          margin: -1px;
          overflow: hidden;
          clip-path: inset(50%);
          white-space: nowrap;
          border: 0;
        }
        .list h2 {
          font-size: var(--_rem);
          margin-block: 0 0.25em;
          margin-inline: 0;
        }
        .list p {
          margin-block: 0 0.25em;
          margin-inline: 0;
        }
        .list ul {
          list-style: none;
          margin: 0;
          padding: 0;
        }
        .list li button {
          inline-size: 100%;
          text-align: start;
          border-color: transparent;
          min-block-size: 2em;
        }
        .list li button[aria-pressed='true'] {
          border-color: var(--_primary);
          background: var(--_surface-alt);
        }
        /* Forced colours (Windows high contrast): MapLibre's controls show focus with a box-shadow only,
           which forced colours remove: an outline in the system's colour instead (important: MapLibre's
           own sheet, outside any layer, sets outline: none). */
        @media (forced-colors: active) {
          .maplibregl-ctrl button:focus-visible,
          .maplibregl-ctrl-attrib-button:focus-visible,
          .maplibregl-popup-close-button:focus-visible,
          .maplibregl-canvas:focus-visible {
            outline: var(--_focus-width) solid Highlight !important;
            outline-offset: calc(-1 * var(--_focus-width)) !important;
          }
          .list li button[aria-pressed='true'] {
            forced-color-adjust: none;
            background: Highlight;
            color: HighlightText;
          }
        }
        .popup strong {
          display: block;
        }
        .popup em {
          display: block;
          font-size: 0.875em;
        }
        .legend .ring {
          display: inline-block;
          inline-size: 0.75em;
          block-size: 0.75em;
          border: 3px solid var(--_primary);
          border-radius: 50%;
          background: #fff;
          vertical-align: middle;
        }
        .maplibregl-popup-content {
          font: inherit;
          color: var(--_text);
          padding-block: 0.5em;
          padding-inline: 0.75em 1.75em;
        }
      }
    `,
  ];

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

  /** At most this many structures in the list of the structures in view (the count is always given). */
  @property({ type: Number, attribute: 'list-limit' }) listLimit = 50;

  /** Clustering radius in pixels. */
  @property({ type: Number, attribute: 'cluster-radius' }) clusterRadius = 50;

  /**
   * What the map shows: `structures` (default), the structures the page's search matches; or `events`,
   * the events matched by the agenda the page's store shares (`store.agenda`: an `<ess-agenda>` in the
   * same `<ess-feed>`, or an app's agenda connector), those with a place that has coordinates; a point or
   * a list entry opens the event in that agenda.
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
  /** The structures (or events) of the list: those in view, nearest the view's centre first. */
  @state() private listed: readonly MapItem[] = [];
  /** The page of the list shown (`list-limit` entries a page). */
  @state() private listPage = 0;
  /** Why the map cannot be shown (no WebGL, or MapLibre failed): then the list stands in for it. */
  @state() private unavailable?: 'webgl' | 'error';
  /** Matching structures without any place (not on the map), and those placed at their commune centre. */
  @state() private unplaced = 0;
  @state() private approxCount = 0;
  @state() private selectedId?: string;
  /** With `show="events"`: false when no agenda shares the map's feed. */
  @state() private hasAgenda = true;

  #matches: readonly MapItem[] = [];
  #byId = new Map<string, MapItem>();
  #throttle?: ReturnType<typeof setTimeout>;
  #dirty = false;
  #fitted = false;
  #styleLoaded = false;
  #popup?: Popup;
  #labels = new Map<number, Marker>();
  #lastSelectedFromMap?: string;
  #creating = false;
  #ml?: MapLibre;
  #agendaCheck?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeydown);
    if (this.hasUpdated && !this.map) void this.#createMap();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeydown);
    clearTimeout(this.#throttle);
    clearTimeout(this.#agendaCheck);
    this.#throttle = undefined;
    for (const m of this.#labels.values()) m.remove();
    this.#labels.clear();
    this.#popup?.remove();
    this.#popup = undefined;
    this.map?.remove();
    this.map = undefined;
    this.#styleLoaded = false;
  }

  protected override get feedParts() {
    return this.show === 'events' ? (['events'] as const) : (['structures'] as const);
  }

  protected override bindStore(store: FeedStore): () => void {
    const offSearch = store.search.subscribe((s) => {
      this.hasBbox = s.query.bbox !== undefined;
      this.#schedule();
    });
    let feed = store.getState().feed;
    let selected = store.getState().selectedId;
    const offStore = store.subscribe((s) => {
      if (s.feed !== feed) {
        feed = s.feed;
        this.#schedule();
      }
      if (s.selectedId !== selected) {
        selected = s.selectedId;
        if (!this.#events()) this.#onSelection(selected);
      }
    });
    // The agenda the page shares (an <ess-agenda>, or an app's own connector): its matches are the events.
    let offConnector: (() => void) | undefined;
    const follow = (agenda: SharedAgenda | undefined) => {
      offConnector?.();
      offConnector = agenda?.connector.subscribe(() => {
        if (this.#events()) this.#schedule();
      });
      if (this.#events()) this.#schedule();
    };
    const offAgenda = store.agenda.subscribe(follow);
    const offView = store.views.add('map');
    follow(store.agenda.get());
    this.hasBbox = store.search.getState().query.bbox !== undefined;
    this.#schedule();
    if (selected && !this.#events()) this.#onSelection(selected);
    return () => {
      offSearch();
      offStore();
      offAgenda();
      offConnector?.();
      offView();
    };
  }

  #events(): boolean {
    return this.show === 'events';
  }

  /** The agenda the page's store shares, if any. */
  #agenda(): SharedAgenda | undefined {
    return this.store?.agenda.get();
  }

  protected override firstUpdated(): void {
    void this.#createMap();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('show') && changed.get('show') !== undefined) {
      this.#onSelection(this.#events() ? undefined : this.store?.getState().selectedId);
      this.#fitted = false;
      this.#schedule();
    }
    if (changed.has('cooperativeGestures') && this.map) {
      if (this.#cooperative()) this.map.cooperativeGestures.enable();
      else this.map.cooperativeGestures.disable();
    }
    if (changed.has('basemapStyle') && changed.get('basemapStyle') !== undefined && this.map) {
      this.fallbackNote = false;
      void this.#applyStyle();
    }
    if (
      changed.has('clusterRadius') &&
      changed.get('clusterRadius') !== undefined &&
      this.map?.getSource(MAP_IDS.source)
    ) {
      // the radius is fixed per source: rebuild the overlay
      this.#removeOverlay();
      this.#addOverlay();
    }
  }

  // ---------- map lifecycle ----------

  async #createMap(): Promise<void> {
    if (this.map || this.#creating) return;
    this.#creating = true;
    let ml: MapLibre;
    let style: string | StyleSpecification;
    try {
      [ml, style] = await Promise.all([import('./parts/maplibre.ts'), this.basemapStyle || this.#bundled()]);
    } catch (e) {
      this.#creating = false;
      this.#cannotShow(e); // MapLibre's chunk could not be loaded (network, or a bundler that dropped it)
      return;
    }
    this.#creating = false;
    const container = this.renderRoot.querySelector<HTMLDivElement>('#map');
    if (!container || !this.isConnected || this.map) return;
    this.#ml = ml;
    ml.adoptMapLibreStyles(this.renderRoot as ShadowRoot);
    ml.prepareWorker();
    const view = this.syncUrl ? decodeMapUrl(readUrlState(location.search, URL_NAMESPACES.map)) : undefined;
    let map: MapLibreMap;
    try {
      map = this.#newMap(ml, container, style, view);
    } catch (e) {
      this.#cannotShow(e);
      return;
    }
    this.map = map;
    map.addControl(new ml.TrustedAttribution({ compact: true }));
    this.#fitted ||= this.#matches.length > 0 || !!view;
    this.#listen(map);
  }

  #newMap(
    ml: MapLibre,
    container: HTMLElement,
    style: string | StyleSpecification,
    view: ReturnType<typeof decodeMapUrl>,
  ): MapLibreMap {
    // Trusted Types: MapLibre starts its workers while the map is built; their URL goes through the
    // `essaim` policy (internal/trusted-types.ts).
    return withTrustedWorkers(
      () =>
        new ml.Map({
          container,
          style,
          ...(view
            ? { center: [view.lon, view.lat] as [number, number], zoom: view.zoom }
            : { bounds: this.#matches.length ? this.#bounds() : FRANCE_BOUNDS }),
          fitBoundsOptions: { padding: 24, maxZoom: 12 },
          attributionControl: false,
          locale: maplibreLocale(this.l10n.lang),
          maxZoom: 18,
          dragRotate: false,
          pitchWithRotate: false,
          cooperativeGestures: this.#cooperative(),
        }),
    );
  }

  /** Whether gestures are cooperative: `cooperative-gestures`, by default on touch screens only. */
  #cooperative(): boolean {
    if (this.cooperativeGestures === 'auto')
      return navigator.maxTouchPoints > 0 || matchMedia('(pointer: coarse)').matches;
    return this.cooperativeGestures === 'on';
  }

  /**
   * The map cannot be shown (no WebGL on this device, or MapLibre failed to start): say so, and show
   * the list of the structures (or events) of the map's scope instead, nearest its centre first.
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

  #listen(map: MapLibreMap): void {
    const ml = this.#ml!;
    // G8: 'load' and 'idle' can come in the same frame; listen to both right away.
    map.once('load', () => {
      this.seen.add('load');
      this.#updateInView();
      // A structure selected before the map existed (a card opened, then the map loaded): show it.
      if (this.selectedId) this.#onSelection(this.selectedId);
    });
    map.once('idle', () => {
      this.seen.add('idle');
      this.#resolveReady();
      this.emit('ess-map-idle', {});
    });
    map.on('style.load', () => {
      this.#styleLoaded = true;
      this.#addOverlay();
    });
    map.on('error', (e) => {
      if (!this.seen.has('load') && /webgl/i.test(e.error?.message ?? '')) {
        this.#cannotShow(e.error); // the context was lost or refused after creation
        return;
      }
      if (!this.#styleLoaded && this.basemapStyle && !this.fallbackNote) {
        // The remote style failed (network, 404, invalid JSON): fall back to the bundled basemap.
        this.fallbackNote = true;
        void this.#bundled().then((s) => this.map?.setStyle(s, { diff: false }));
        return;
      }
      console.warn('ess-map:', e.error?.message ?? e);
    });
    map.addControl(new ml.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(
      new ml.GeolocateControl({ trackUserLocation: false, positionOptions: { enableHighAccuracy: false } }),
      'top-right',
    );
    // MapLibre names its "locate me" button only once it knows, asynchronously, whether geolocation is
    // available: until then it is a button without a name (axe: button-name). Name it now; MapLibre
    // replaces the name with its own when it knows.
    const locate = map.getContainer().querySelector<HTMLButtonElement>('.maplibregl-ctrl-geolocate');
    if (locate && !locate.getAttribute('aria-label')) {
      const name = maplibreLocale(this.l10n.lang)['GeolocateControl.FindMyLocation'] ?? '';
      locate.setAttribute('aria-label', name);
      locate.title = name;
    }
    map.addControl(new ml.FullscreenControl({ container: this }), 'top-right');
    map.on('click', MAP_IDS.clusters, (e) => void this.#zoomIntoCluster(e));
    map.on('click', MAP_IDS.points, (e) => this.#clickPoint(e));
    for (const layer of [MAP_IDS.clusters, MAP_IDS.points]) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
    map.on('moveend', (e) => {
      if ((e as { originalEvent?: unknown }).originalEvent) this.moved = true;
      this.#updateInView();
      // The view in the URL follows the user's moves only (not the first fit to the data).
      if (this.syncUrl && this.moved) {
        const c = map.getCenter();
        syncUrlState(URL_NAMESPACES.map, encodeMapUrl({ lat: c.lat, lon: c.lng, zoom: map.getZoom() }));
      }
    });
    map.on('idle', () => this.#updateClusterLabels());
  }

  #bundled(): Promise<StyleSpecification> {
    return bundledStyle(this.tr(mapMessages, 'basemapAttribution'));
  }

  async #applyStyle(): Promise<void> {
    if (!this.map) return;
    this.#styleLoaded = false;
    for (const m of this.#labels.values()) m.remove();
    this.#labels.clear();
    this.map.setStyle(this.basemapStyle || (await this.#bundled()), { diff: false });
  }

  /**
   * A colour token as MapLibre can parse it: the computed colour of a probe (a token may be written
   * `light-dark(…)` or `var(…)`, which MapLibre cannot read). Set through the CSSOM: no inline style
   * attribute, so a strict CSP allows it.
   */
  #color(token: string, fallback: string): string {
    const probe = document.createElement('span');
    probe.style.color = `var(${token}, ${fallback})`;
    this.renderRoot.appendChild(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color || fallback;
  }

  /** Our sources and layers, on top of whatever basemap; called on each style load. */
  #addOverlay(): void {
    const map = this.map;
    if (!map || map.getSource(MAP_IDS.source)) return;
    const primary = this.#color('--ess-color-primary', '#000091');
    map.addSource(MAP_IDS.source, {
      type: 'geojson',
      data: this.#geojson(),
      cluster: true,
      clusterRadius: this.clusterRadius,
      clusterMaxZoom: 13,
      buffer: 64,
    });
    map.addSource(MAP_IDS.selectedSource, { type: 'geojson', data: this.#selectedGeojson() });
    map.addLayer({
      id: MAP_IDS.clusters,
      type: 'circle',
      source: MAP_IDS.source,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': primary,
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'point_count'], 12, 10, 15, 100, 19, 1000, 24, 10000, 30],
        'circle-stroke-width': 2,
        'circle-stroke-color': '#ffffff',
      },
    });
    map.addLayer({
      id: MAP_IDS.points,
      type: 'circle',
      source: MAP_IDS.source,
      filter: ['!', ['has', 'point_count']],
      // A point at its commune centre is a ring (shape, not colour alone), an exact one a filled disc.
      paint: {
        'circle-color': ['case', ['==', ['get', 'approx'], 1], '#ffffff', primary],
        'circle-radius': 6,
        'circle-stroke-width': ['case', ['==', ['get', 'approx'], 1], 3, 2],
        'circle-stroke-color': ['case', ['==', ['get', 'approx'], 1], primary, '#ffffff'],
      },
    });
    map.addLayer({
      id: MAP_IDS.selected,
      type: 'circle',
      source: MAP_IDS.selectedSource,
      paint: {
        'circle-color': '#e1000f',
        'circle-radius': 9,
        'circle-stroke-width': 3,
        'circle-stroke-color': '#ffffff',
      },
    });
  }

  #removeOverlay(): void {
    const map = this.map;
    if (!map) return;
    for (const id of [MAP_IDS.selected, MAP_IDS.points, MAP_IDS.clusters])
      if (map.getLayer(id)) map.removeLayer(id);
    for (const id of [MAP_IDS.source, MAP_IDS.selectedSource]) if (map.getSource(id)) map.removeSource(id);
  }

  // ---------- data ----------

  /** Pushes the current matches to the map, at most once per THROTTLE_MS (first call immediately). */
  #schedule(): void {
    if (this.#throttle) {
      this.#dirty = true;
      return;
    }
    this.#pushData();
    this.#throttle = setTimeout(() => {
      this.#throttle = undefined;
      if (this.#dirty) {
        this.#dirty = false;
        this.#schedule();
      }
    }, THROTTLE_MS);
  }

  #pushData(): void {
    const store = this.store;
    if (this.#events()) {
      const agenda = this.#agenda();
      clearTimeout(this.#agendaCheck);
      if (agenda) this.hasAgenda = true;
      // No agenda yet: it may still be loading its feed or its code; say so only if it stays absent.
      else if (store?.getState().status === 'ready')
        this.#agendaCheck = setTimeout(() => (this.hasAgenda = !!this.#agenda()), AGENDA_WAIT_MS);
      this.#matches = (agenda?.connector.matchingEvents() ?? []).flatMap((o) => this.#eventItem(o));
    } else {
      const all = store ? store.matches() : [];
      this.#matches = all.flatMap((s) => {
        const item = this.#structureItem(s);
        return item ? [item] : [];
      });
      this.unplaced = all.length - this.#matches.length;
    }
    this.approxCount = this.#matches.reduce((n, m) => n + (m.approx ? 1 : 0), 0);
    this.#byId = new Map(this.#matches.map((s) => [s.id, s]));
    this.map?.getSource<GeoJSONSource>(MAP_IDS.source)?.setData(this.#geojson());
    if (!this.#fitted && this.#matches.length && this.map) {
      this.#fitted = true;
      this.map.fitBounds(this.#bounds(), { padding: 24, maxZoom: 12, animate: false });
    }
    this.#updateInView();
  }

  /** An event as a point: held at a place with coordinates (not online only), at its date shown. */
  #eventItem(o: AgendaOccurrence): MapItem[] {
    const e = o.event;
    const geo = e.place?.geo;
    if (!geo || e.attendanceMode === 'online' || o.status === 'moved-online') return [];
    return [
      {
        id: e.id,
        name: e.title,
        lat: geo.lat,
        lon: geo.lon,
        place: e.place?.address?.commune ?? e.place?.name,
        approx: geo.precision === 'commune',
        when: this.l10n.date(
          o.start,
          e.allDay ? { dateStyle: 'full' } : { dateStyle: 'full', timeStyle: 'short' },
        ),
        start: o.startIso,
      },
    ];
  }

  /** The item of an id: in the matches, else (a structure selected elsewhere) the page's structure. */
  #item(id: string | undefined): MapItem | undefined {
    if (!id) return undefined;
    const found = this.#byId.get(id);
    if (found || this.#events()) return found;
    const s = this.store?.structure(id);
    return s ? this.#structureItem(s) : undefined;
  }

  #structureItem(s: Structure): MapItem | undefined {
    if (!s.geo) return undefined;
    const item: MapItem = {
      id: s.id,
      name: s.name,
      lat: s.geo.lat,
      lon: s.geo.lon,
      place: s.address?.commune,
    };
    if (s.geo.precision === 'commune') item.approx = true;
    return item;
  }

  #geojson(): FeatureCollection<Point> {
    return {
      type: 'FeatureCollection',
      features: this.#matches.map((s) => ({
        type: 'Feature',
        properties: { id: s.id, approx: s.approx ? 1 : 0 },
        geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      })),
    };
  }

  #selectedGeojson(): FeatureCollection<Point> {
    const s = this.#item(this.selectedId);
    return {
      type: 'FeatureCollection',
      features: s
        ? [
            {
              type: 'Feature',
              properties: { id: s.id },
              geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
            },
          ]
        : [],
    };
  }

  #bounds(): [number, number, number, number] {
    let w = 180;
    let s = 90;
    let e = -180;
    let n = -90;
    for (const { lat, lon } of this.#matches) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
    return [w, s, e, n];
  }

  /**
   * The list: the structures inside the current view (all those of the map's scope when the map cannot
   * be shown), nearest the view's centre first; events stay in the agenda's order (by date).
   */
  #updateInView(): void {
    const map = this.map;
    if (!map && !this.unavailable) return;
    let items: readonly MapItem[] = this.#matches;
    let centre = this.#scopeCentre();
    if (map) {
      const b = map.getBounds();
      const [w, s, e, n] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      items = this.#matches.filter(
        ({ lat, lon }) =>
          lat >= s &&
          lat <= n &&
          (e - w >= 360 || (lon >= w && lon <= e) || (lon + 360 >= w && lon + 360 <= e)),
      );
      const c = map.getCenter();
      centre = { lat: c.lat, lon: c.lng };
    }
    const list = this.#events()
      ? items
      : items
          .map((item) => ({ item, km: distanceKm(centre, item) }))
          .sort((a, b) => a.km - b.km)
          .map((x) => x.item);
    const old = this.listed;
    if (list.length !== old.length || list.some((x, i) => x.id !== old[i]?.id || x.when !== old[i]?.when)) {
      this.listed = list;
      this.listPage = 0;
    }
  }

  /** Without a map view: the point of the page's "near me" search, else the middle of the points. */
  #scopeCentre(): { lat: number; lon: number } {
    const near = this.#events() ? undefined : this.store?.search.getState().query.near;
    if (near) return near;
    if (!this.#matches.length) return { lat: 46.6, lon: 2.4 };
    const [w, s, e, n] = this.#bounds();
    return { lat: (s + n) / 2, lon: (w + e) / 2 };
  }

  /** Cluster counts as HTML labels over the clusters in view (no glyphs needed, works offline). */
  #updateClusterLabels(): void {
    const map = this.map;
    if (!map?.getLayer(MAP_IDS.clusters)) return;
    const keep = new Set<number>();
    for (const f of map.queryRenderedFeatures({ layers: [MAP_IDS.clusters] })) {
      const id = f.properties.cluster_id as number;
      if (keep.has(id) || keep.size >= MAX_CLUSTER_LABELS) continue;
      keep.add(id);
      if (this.#labels.has(id)) continue;
      const el = document.createElement('span');
      el.className = 'cluster-label';
      el.setAttribute('aria-hidden', 'true');
      el.textContent = this.l10n.number(f.properties.point_count as number, {
        notation: 'compact',
        maximumFractionDigits: 1,
      });
      const [lon, lat] = (f.geometry as Point).coordinates as [number, number];
      this.#labels.set(
        id,
        new this.#ml!.Marker({ element: el, anchor: 'center' }).setLngLat([lon, lat]).addTo(map),
      );
    }
    for (const [id, m] of this.#labels) {
      if (!keep.has(id)) {
        m.remove();
        this.#labels.delete(id);
      }
    }
  }

  // ---------- interactions ----------

  async #zoomIntoCluster(e: MapLayerMouseEvent): Promise<void> {
    const f = e.features?.[0];
    const map = this.map;
    if (!f || !map) return;
    const zoom = await map
      .getSource<GeoJSONSource>(MAP_IDS.source)!
      .getClusterExpansionZoom(f.properties.cluster_id as number);
    map.easeTo({ center: (f.geometry as Point).coordinates as [number, number], zoom });
  }

  #clickPoint(e: MapLayerMouseEvent): void {
    const id = e.features?.[0]?.properties.id as string | undefined;
    if (id) this.selectFromUser(id);
  }

  /**
   * What a click on a point or a list button does: `ess-select`, then the page's selection and a popup.
   * With `show="events"`: `ess-event-select`, then the event's detail in the agenda (the focus goes there
   * when `focus`, from the list) and a popup.
   */
  selectFromUser(id: string, focus = false): void {
    if (this.#events()) {
      const item = this.#byId.get(id);
      if (!item) return;
      if (!this.emit('ess-event-select', { eventId: id, start: item.start ?? '' }, true)) return;
      this.#lastSelectedFromMap = id;
      this.#onSelection(id);
      this.#openPopup(id);
      void this.#agenda()?.openEvent?.(id, { ...(item.start ? { start: item.start } : {}), focus });
      return;
    }
    if (!this.emit('ess-select', { id }, true)) return;
    this.#lastSelectedFromMap = id;
    this.store?.select(id);
    if (this.store?.getState().selectedId !== id) this.#onSelection(id); // no store: local only
    this.#openPopup(id);
  }

  /** The page's selection changed (from this map, the directory, or code). */
  #onSelection(id: string | undefined): void {
    this.selectedId = id;
    this.map?.getSource<GeoJSONSource>(MAP_IDS.selectedSource)?.setData(this.#selectedGeojson());
    if (!id) {
      this.#popup?.remove();
      return;
    }
    if (id === this.#lastSelectedFromMap) {
      this.#lastSelectedFromMap = undefined;
      return;
    }
    const s = this.#item(id);
    if (s && this.map) {
      this.map.easeTo({ center: [s.lon, s.lat], zoom: Math.max(this.map.getZoom(), 13) });
      this.#openPopup(id);
    }
  }

  #openPopup(id: string): void {
    const map = this.map;
    const s = this.#item(id);
    if (!map || !s) return;
    this.#popup?.remove();
    const content = document.createElement('div');
    content.className = 'popup';
    const line = (tag: string, text: string) => {
      const el = document.createElement(tag);
      el.textContent = text;
      content.append(el);
    };
    line('strong', s.name);
    if (s.when) line('span', s.when);
    line('span', s.place || this.tr(mapMessages, 'noPlace'));
    if (s.approx) line('em', this.tr(mapMessages, 'approximate'));
    this.#popup = new this.#ml!.Popup({
      closeButton: true,
      maxWidth: '18em',
      focusAfterOpen: false,
      offset: 10,
    })
      .setLngLat([s.lon, s.lat])
      .setDOMContent(content)
      .addTo(map);
  }

  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.#popup?.isOpen()) {
      this.#popup.remove();
      e.stopPropagation();
    }
  };

  /** Filters the page's search to the area in view ("search this area"). */
  searchThisArea(): void {
    const map = this.map;
    if (!map || !this.store) return;
    const b = map.getBounds();
    let w = b.getWest();
    let e = b.getEast();
    if (e - w >= 360) [w, e] = [-180, 180];
    const wrap = (x: number) => ((((x + 180) % 360) + 360) % 360) - 180;
    const bbox: BBox = [
      round5(wrap(w)),
      round5(Math.max(-90, b.getSouth())),
      round5(e - w >= 360 ? 180 : wrap(e)),
      round5(Math.min(90, b.getNorth())),
    ];
    this.store.search.setBbox(bbox);
    this.moved = false;
  }

  clearArea(): void {
    this.store?.search.setBbox(undefined);
    this.moved = false;
  }

  // ---------- rendering ----------

  /** One page of the list, and its buttons when there are several pages. */
  #renderList(events: boolean) {
    const t = (k: StringKey) => this.tr(mapMessages, k);
    const limit = Math.max(1, this.listLimit);
    const total = this.listed.length;
    const pages = Math.ceil(total / limit);
    const page = Math.min(this.listPage, Math.max(0, pages - 1));
    const shown = this.listed.slice(page * limit, (page + 1) * limit);
    const all = !!this.unavailable;
    const count = this.tr(
      mapMessages,
      events ? (all ? 'allEvents' : 'inViewEvents') : all ? 'all' : 'inView',
      total,
      page * limit + 1,
      page * limit + shown.length,
    );
    const title = t(
      events ? (all ? 'listTitleAllEvents' : 'listTitleEvents') : all ? 'listTitleAll' : 'listTitle',
    );
    const go = (to: number) => {
      this.listPage = to;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#list-title')?.focus());
    };
    return html`<div id="list" class="list ${this.listOpen ? 'open' : ''}" part="list">
      <h2 id="list-title" tabindex="-1">${title}</h2>
      ${
        // A failed part is named in the status notice, never as "none in this area".
        this.feedUsable ? html`<p class="count">${count}</p>` : nothing
      }
      ${this.approxCount ? html`<p class="legend" part="legend"><span class="ring" aria-hidden="true"></span> ${t('approximateLegend')}</p>` : nothing}
      ${!events && this.unplaced ? html`<p class="unplaced" part="unplaced">${this.tr(mapMessages, 'unplaced', this.unplaced)}</p>` : nothing}
      <ul>
        ${shown.map(
          (s) => html`<li>
            <button
              type="button"
              data-id=${s.id}
              aria-pressed=${s.id === this.selectedId ? 'true' : 'false'}
              @click=${() => this.selectFromUser(s.id, events)}
            >
              ${s.name}${s.when ? html`<span class="sr-only">, </span> — ${s.when}` : nothing}${s.place ? html`<span class="sr-only">, </span> — ${s.place}` : nothing}${s.approx ? html`<span class="sr-only">, ${t('approximate')}</span>` : nothing}
            </button>
          </li>`,
        )}
      </ul>
      ${
        pages > 1
          ? html`<nav class="pager" aria-label=${t('pages')}>
            <button type="button" class="previous" ?disabled=${page === 0} @click=${() => go(page - 1)}>
              ${t('previous')}
            </button>
            <button type="button" class="next" ?disabled=${page >= pages - 1} @click=${() => go(page + 1)}>
              ${t('next')}
            </button>
          </nav>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const t = (k: StringKey) => this.tr(mapMessages, k);
    const events = this.#events();
    const unavailable = this.unavailable;
    return html`
      <section class="base ${unavailable ? 'unavailable' : ''}" part="base" role="region" aria-label=${t(events ? 'regionEvents' : 'region')} aria-describedby="help">
        <p id="help" class="sr-only">${t(events ? 'helpEvents' : 'help')}</p>
        ${this.renderFeedStatus()}
        ${events && !this.hasAgenda ? html`<p class="notice" part="note" role="status">${t('noAgenda')}</p>` : nothing}
        ${
          this.fallbackNote && !unavailable
            ? html`<p class="notice" part="note" role="status">${t('basemapFallback')}</p>`
            : nothing
        }
        ${
          unavailable
            ? html`<p class="notice" part="note unavailable" role="status">
              ${this.tr(mapMessages, 'unavailable', unavailable, events)}
            </p>`
            : html`<div class="toolbar" part="toolbar">
          ${
            this.moved && this.store && !events
              ? html`<button type="button" class="primary search-area" @click=${this.searchThisArea}>
                ${t('searchArea')}
              </button>`
              : nothing
          }
          ${
            this.hasBbox && !events
              ? html`<button type="button" class="clear-area" @click=${this.clearArea}>${t('clearArea')}</button>`
              : nothing
          }
          <button
            type="button"
            class="toggle-list"
            aria-expanded=${this.listOpen ? 'true' : 'false'}
            aria-controls="list"
            @click=${() => (this.listOpen = !this.listOpen)}
          >
            ${this.listOpen ? t('hideList') : this.tr(mapMessages, 'showList', this.listed.length)}
          </button>
        </div>`
        }
        <div class="stage">
          ${unavailable ? nothing : html`<div id="map" part="map"></div>`}
          ${this.#renderList(events)}
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
