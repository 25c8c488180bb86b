import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  AGENDA_VALUE_LABELS,
  type AgendaConnector,
  type AgendaFacetName,
  type AgendaOccurrence,
  type AgendaQuery,
  type AgendaState,
  type AgendaTerritory,
  createAgendaConnector,
  dateKeyOf,
  type Feed,
  type FeedStore,
  loadIcs,
} from '@essaim/sdk';
import { departementLabel } from '../directory/departements.ts';
import { directoryStyles } from '../directory/styles.ts';
import { common } from '../i18n/common.ts';
import { translate } from '../i18n/dictionary.ts';
import { EssElement } from '../internal/ess-element.ts';
import { heading } from '../internal/heading.ts';
import { safeHref } from '../internal/safe-url.ts';
import { baseStyles } from '../internal/styles.ts';
import { agendaMessages as M } from './i18n.ts';
import { agendaStyles } from './styles.ts';
import type { AgendaDetailHost } from './detail.ts';
import type { AgendaViewHost } from './views.ts';

type ViewsModule = typeof import('./views.ts');
type DetailModule = typeof import('./detail.ts');

type AgendaEvent = AgendaOccurrence['event'];

/** The views of the agenda. */
export type AgendaView = 'list' | 'month' | 'week';
const VIEWS: readonly AgendaView[] = ['list', 'month', 'week'];
/** The facets shown, in this order. */
const FACETS: readonly AgendaFacetName[] = ['categories', 'themes', 'attendance', 'price', 'departement'];
const FACET_LIMIT = 8;
const TEXT_DEBOUNCE_MS = 150;
const ANNOUNCE_DEBOUNCE_MS = 700;
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
const URL_PREFIX = 'ess-agenda-';

// --- Civil dates (YYYY-MM-DD), computed in UTC: no time zone can shift them. ---------------------------
const keyToUtc = (key: string) => Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10));
const utcToKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (key: string, n: number) => utcToKey(keyToUtc(key) + n * 86_400_000);
const isoWeekday = (key: string) => ((new Date(keyToUtc(key)).getUTCDay() + 6) % 7) + 1;
function addMonths(key: string, n: number): string {
  const y = +key.slice(0, 4);
  const m = +key.slice(5, 7) - 1 + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return utcToKey(Date.UTC(y, m, Math.min(+key.slice(8, 10), last)));
}
const validKey = (v: string | undefined | null): v is string =>
  !!v && DATE_KEY.test(v) && !Number.isNaN(keyToUtc(v)) && utcToKey(keyToUtc(v)) === v;
/** Codes of an attribute ("75 93", "75,93"). */
const list = (v: string | undefined) => (v ?? '').split(/[\s,;]+/).filter(Boolean);
const RADII = [5, 10, 20, 50] as const;

const occurrenceKey = (o: AgendaOccurrence) => `${o.eventId}#${o.index}`;

function uniqueOccurrences(
  days: readonly { occurrences: readonly AgendaOccurrence[] }[],
): AgendaOccurrence[] {
  const seen = new Map<string, AgendaOccurrence>();
  for (const d of days)
    for (const o of d.occurrences) if (!seen.has(occurrenceKey(o))) seen.set(occurrenceKey(o), o);
  return [...seen.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Detail of `ess-select` (same as `<ess-directory>`'s). */
export interface EssAgendaSelectDetail {
  id: string;
}

/** Detail of `ess-event-open`. */
export interface EssEventOpenDetail {
  eventId: string;
  start: string;
}

/**
 * @tagname ess-agenda
 * @summary The events of the social and solidarity economy: upcoming dates as a list grouped by day, a
 * month grid and a week view, filters with counts, event details and "Ajouter à mon agenda" (.ics).
 *
 * Use it inside an `<ess-feed>` (it then shares the page's feed and selection with `<ess-directory>`
 * and `<ess-map>`), or alone with `feed`. `reference-date="2026-03-01"` fixes "today". A territory
 * scope (`communes`, `epcis`, `departements`, `regions`: official COG codes, like `<ess-directory>`)
 * keeps the events held there; "Près de moi" (the visitor's position, on request) keeps those within a
 * distance. The feed's subscribable calendars (manifest `calendars`, see `essaim build`) are offered as
 * "S’abonner" links: those of the whole feed, of the territory and of the chosen categories.
 *
 * The month grid and the week are a separate chunk, loaded the first time one of them is shown.
 *
 * @fires ess-select - An organiser was opened from an event; `detail: { id }`. Also selects it in the
 * page's store, so the directory and the map show it.
 * @fires ess-event-open - An event was opened by the user; `detail: { eventId, start }`.
 * @fires ess-filters-change - The user changed the filters; `detail`: the agenda query (`AgendaQuery`).
 *
 * @csspart base - The whole agenda.
 * @csspart heading - The title.
 * @csspart search - The search form.
 * @csspart filters - The filters panel.
 * @csspart facet - One facet's fieldset.
 * @csspart dates - The date range.
 * @csspart views - The view switcher (list, month, week).
 * @csspart results - The results column.
 * @csspart count - The count.
 * @csspart list - A list of event cards.
 * @csspart card - One event card.
 * @csspart badge - A status or price badge.
 * @csspart calendar - The month grid.
 * @csspart week - The week view.
 * @csspart empty - The "no events" message.
 * @csspart export - The download of the selection.
 * @csspart detail - The event detail.
 * @csspart loading - The loading notice.
 * @csspart error - The error notice (no feed, or the feed could not be loaded).
 * @csspart stale - The notice shown over stale or offline data.
 *
 * @cssprop --ess-agenda-filters-width - Width of the filters column on wide layouts (default `16rem`).
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
 * @cssprop --ess-font-size - Base font size (default `1rem`).
 * @cssprop --ess-line-height - Base line height (default `1.5`).
 * @cssprop --ess-radius - Corner radius (default `0.25rem`).
 * @cssprop --ess-space - Base spacing between blocks (default `1rem`).
 */
export class EssAgenda extends EssElement {
  static override styles = [baseStyles, directoryStyles, agendaStyles];

  /** Title shown above the agenda (default: "Agenda de l’économie sociale et solidaire"). */
  @property() heading?: string;
  /** Heading level of the title (2 to 6; days and cards use the next levels). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** "Today" as `YYYY-MM-DD` (default: the current date). */
  @property({ attribute: 'reference-date' }) referenceDate?: string;
  /** The first view: `list` (default), `month` or `week`. */
  @property() view: AgendaView = 'list';
  /** Occurrences listed at first (then "Afficher plus"; default 30). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 30;
  /** Opt-in: read the view and filters from the page URL (`ess-agenda-*` parameters) and keep them there. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;
  /** Opt-in: publish the listed events as schema.org JSON-LD in the element's light DOM. */
  @property({ type: Boolean }) jsonld = false;
  /** Territory scope: INSEE commune codes ("35238"). */
  @property() communes?: string;
  /** Territory scope: EPCI SIREN codes. */
  @property() epcis?: string;
  /** Territory scope: département codes ("31 46"). */
  @property() departements?: string;
  /** Territory scope: région codes ("76"). */
  @property() regions?: string;
  /** Preset "near": a point `lat,lon` (WGS 84, e.g. "48.1147,-1.6794"); with `radius`, events within that distance. */
  @property() near?: string;
  /** Distance of "near" and of "Près de moi", in kilometres (default 10). */
  @property({ type: Number }) radius?: number;
  /** With a territory or "near me": also list online-only events (they can be followed from anywhere). */
  @property({ type: Boolean, attribute: 'include-online' }) includeOnline = false;
  /**
   * Base URL against which the manifest's relative calendar URLs are resolved (when the feed was built
   * without `calendars.baseUrl`); without it, only absolute calendar URLs are offered.
   */
  @property({ attribute: 'calendars-base' }) calendarsBase?: string;

  @state() protected agenda?: AgendaState;
  @state() protected text = '';
  @state() protected rangeFrom = '';
  @state() protected rangeTo = '';
  @state() protected filtersOpen = false;
  @state() protected expandedFacets: ReadonlySet<AgendaFacetName> = new Set();
  /** The focused day of the month grid and week (`YYYY-MM-DD`). */
  @state() protected cursor?: string;
  /** The day whose events are listed under the month grid. */
  @state() protected openDay?: string;
  @state() protected detail?: AgendaOccurrence;
  @state() protected announcement = '';
  @state() protected downloadStatus: '' | 'busy' | 'done' = '';
  /** The month and week views, once their chunk is loaded. */
  @state() protected views?: ViewsModule;
  @state() protected viewsFailed = false;
  @state() protected geoStatus: '' | 'locating' | 'denied' | 'unavailable' | 'unsupported' = '';

  #connector?: AgendaConnector;
  #connectorFeed?: Feed;
  #offConnector?: () => void;
  #textTimer?: ReturnType<typeof setTimeout>;
  #announceTimer?: ReturnType<typeof setTimeout>;
  #lastOpened?: string;
  #urlRead = false;
  #viewsLoading?: Promise<void>;
  #detailModule?: DetailModule;
  #scopeKey?: string;

  /** The headless agenda (from `@essaim/sdk`), once the feed is loaded. */
  get connector(): AgendaConnector | undefined {
    return this.#connector;
  }

  protected override bindStore(_store: FeedStore): () => void {
    return () => {
      this.#offConnector?.();
      this.#offConnector = undefined;
      this.#connector = undefined;
      this.#connectorFeed = undefined;
      this.agenda = undefined;
      clearTimeout(this.#textTimer);
      clearTimeout(this.#announceTimer);
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#ensureConnector();
    const c = this.#connector;
    if (c && changed.has('referenceDate')) {
      const ref = validKey(this.referenceDate) ? this.referenceDate : undefined;
      if (ref !== c.getState().query.referenceDate) {
        c.setReferenceDate(ref);
        this.cursor = undefined;
        this.openDay = undefined;
      }
    }
    if (c && changed.has('pageSize') && changed.get('pageSize') !== undefined) c.setLimit(this.#limit());
    if (changed.has('jsonld') && !this.jsonld) this.#jsonLdScript()?.remove();
    if (this.jsonld && (changed.has('agenda' as keyof EssAgenda) || changed.has('jsonld')))
      this.#writeJsonLd();
    if (!VIEWS.includes(this.view)) this.view = 'list';
    if (c) this.#applyScope(c);
    if (this.view !== 'list') this.#loadViews();
  }

  /** Loads the month and week views (once); a failure is shown, the list keeps working. */
  #loadViews(): void {
    this.#viewsLoading ??= import('./views.ts').then(
      (m) => {
        this.views = m;
      },
      () => {
        this.#viewsLoading = undefined;
        this.viewsFailed = true;
      },
    );
  }

  /** Applies the territory attributes when they change (programmatic: no event). */
  #applyScope(c: AgendaConnector): void {
    const territory: AgendaTerritory = {
      communes: list(this.communes),
      epcis: list(this.epcis),
      departements: list(this.departements),
      regions: list(this.regions),
    };
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,; ]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(this.near ?? '');
    const lat = m ? Number(m[1]) : Number.NaN;
    const lon = m ? Number(m[2]) : Number.NaN;
    const near =
      Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon, radiusKm: this.#radius() } : undefined;
    const key = JSON.stringify([territory, this.includeOnline, near]);
    if (key === this.#scopeKey) return;
    const first = this.#scopeKey === undefined;
    this.#scopeKey = key;
    const has = Object.values(territory).some((v) => v.length);
    const partial: Partial<AgendaQuery> = {
      territory: has ? territory : undefined,
      includeOnline: this.includeOnline,
    };
    // The attribute sets "near"; the visitor's own position is kept until the attribute changes.
    if (near || !first) partial.near = near;
    c.refine(partial);
  }

  #radius(): number {
    const r = Number(this.radius);
    return Number.isFinite(r) && r > 0 ? Math.min(r, 1000) : 10;
  }

  #limit(): number {
    return Math.min(500, Math.max(1, Math.floor(this.pageSize) || 30));
  }

  #ensureConnector(): void {
    const feed = this.feedState.feed;
    if (!feed || feed === this.#connectorFeed || !this.store) return;
    this.#connectorFeed = feed;
    if (this.#connector) {
      this.#connector.setEvents(feed.events, feed.structures);
      return;
    }
    const store = this.store;
    const ref = validKey(this.referenceDate) ? this.referenceDate : undefined;
    const initial: AgendaQuery = { limit: this.#limit() };
    if (ref) initial.referenceDate = ref;
    this.#scopeKey = undefined;
    const connector = createAgendaConnector(feed.events, {
      now: ref,
      structures: feed.structures,
      labels: (id) => store.concept(id)?.label.fr,
      initial,
    });
    this.#connector = connector;
    if (this.syncUrl && !this.#urlRead) {
      this.#urlRead = true;
      this.#readUrl(connector);
    }
    this.agenda = connector.getState();
    // The connector lives as long as this binding (bindStore's cleanup drops it).
    this.#offConnector = connector.subscribe((s) => this.#onAgenda(s));
  }

  #onAgenda(s: AgendaState): void {
    const previous = this.agenda;
    this.agenda = s;
    if (this.#textTimer === undefined) this.text = s.query.text ?? '';
    if (previous?.result.total !== s.result.total || previous?.query.text !== s.query.text) {
      clearTimeout(this.#announceTimer);
      this.#announceTimer = setTimeout(() => {
        if (this.view === 'list') this.announcement = this.tr(M, 'count', s.result.total);
      }, ANNOUNCE_DEBOUNCE_MS);
    }
    this.#writeUrl();
  }

  #userChanged(): void {
    const query = this.#connector?.getState().query;
    if (query) this.emit<AgendaQuery>('ess-filters-change', query);
  }

  // --- Filters ----------------------------------------------------------------------------------

  #onInput(e: Event): void {
    this.text = (e.target as HTMLInputElement).value;
    clearTimeout(this.#textTimer);
    this.#textTimer = setTimeout(() => this.#commitText(), TEXT_DEBOUNCE_MS);
  }

  #commitText(): void {
    clearTimeout(this.#textTimer);
    this.#textTimer = undefined;
    const c = this.#connector;
    if (!c || (c.getState().query.text ?? '') === this.text.trim()) return;
    c.setText(this.text);
    this.#userChanged();
  }

  #onSubmit(e: Event): void {
    e.preventDefault();
    this.#commitText();
  }

  #toggleFacet(name: AgendaFacetName, value: string): void {
    this.#connector?.toggleFacet(name, value);
    this.#userChanged();
  }

  #onRange(which: 'from' | 'to', e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    if (which === 'from') this.rangeFrom = value;
    else this.rangeTo = value;
    this.#applyRange();
    this.#userChanged();
  }

  #applyRange(): void {
    const c = this.#connector;
    if (!c) return;
    const from = validKey(this.rangeFrom) ? this.rangeFrom : undefined;
    const to = validKey(this.rangeTo) ? addDays(this.rangeTo, 1) : undefined;
    if (!from && !to) c.setUpcoming();
    else c.setRange(from ?? this.#todayKey(), to);
  }

  #valueLabel(name: AgendaFacetName, value: string, label?: string): string {
    const lang = this.l10n.lang;
    if (name === 'departement') return departementLabel(value);
    if (name === 'attendance' || name === 'price') return AGENDA_VALUE_LABELS[value]?.[lang] ?? value;
    return this.store?.concept(value)?.label[lang] ?? label ?? value;
  }

  #activeFilterCount(): number {
    const q = this.agenda?.query;
    const facets = Object.values(q?.facets ?? {}).reduce((n, v) => n + (v?.length ?? 0), 0);
    return facets + (this.rangeFrom ? 1 : 0) + (this.rangeTo ? 1 : 0);
  }

  #clearAll(): void {
    this.text = '';
    this.rangeFrom = '';
    this.rangeTo = '';
    this.#connector?.refine({ facets: undefined, text: undefined, from: undefined, to: undefined });
    this.#userChanged();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus());
  }

  // --- Views and calendar -----------------------------------------------------------------------

  #todayKey(): string {
    const ref = this.agenda?.referenceDate;
    return ref ? dateKeyOf(ref.getTime()) : utcToKey(Date.now());
  }

  #cursorKey(): string {
    return this.cursor ?? this.#todayKey();
  }

  #setView(view: AgendaView, focus = false): void {
    this.view = view;
    this.announcement = '';
    this.#writeUrl();
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus(),
      );
  }

  #onTabKeydown(e: KeyboardEvent): void {
    const i = VIEWS.indexOf(this.view);
    const next =
      e.key === 'ArrowRight'
        ? VIEWS[(i + 1) % VIEWS.length]
        : e.key === 'ArrowLeft'
          ? VIEWS[(i - 1 + VIEWS.length) % VIEWS.length]
          : e.key === 'Home'
            ? VIEWS[0]
            : e.key === 'End'
              ? VIEWS[VIEWS.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    this.#setView(next, true);
  }

  #moveCursor(key: string, focus: boolean): void {
    this.cursor = key;
    this.#writeUrl();
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`td[data-date="${key}"]`)?.focus(),
      );
  }

  #onGridKeydown(e: KeyboardEvent): void {
    const key = this.#cursorKey();
    const wd = isoWeekday(key);
    const week = this.view === 'week';
    let next: string | undefined;
    switch (e.key) {
      case 'ArrowLeft':
        next = addDays(key, -1);
        break;
      case 'ArrowRight':
        next = addDays(key, 1);
        break;
      case 'ArrowUp':
        next = addDays(key, -7);
        break;
      case 'ArrowDown':
        next = addDays(key, 7);
        break;
      case 'Home':
        next = e.ctrlKey && !week ? `${key.slice(0, 8)}01` : addDays(key, 1 - wd);
        break;
      case 'End':
        next = e.ctrlKey && !week ? addDays(addMonths(`${key.slice(0, 8)}01`, 1), -1) : addDays(key, 7 - wd);
        break;
      case 'PageUp':
        // The week: the previous week (Shift: four weeks); the month: the previous month (Shift: year).
        next = week ? addDays(key, e.shiftKey ? -28 : -7) : addMonths(key, e.shiftKey ? -12 : -1);
        break;
      case 'PageDown':
        next = week ? addDays(key, e.shiftKey ? 28 : 7) : addMonths(key, e.shiftKey ? 12 : 1);
        break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        this.#openDayOf(key);
        return;
      default:
        return;
    }
    e.preventDefault();
    this.#moveCursor(next, true);
  }

  #openDayOf(key: string): void {
    this.cursor = key;
    this.openDay = key;
    if (this.view === 'week') {
      // The week lists every day already: go to the chosen day's events.
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#wd-${key}`)?.focus());
      return;
    }
    const [y, m] = [+key.slice(0, 4), +key.slice(5, 7)];
    const day = this.#connector
      ?.monthGrid(y, m)
      .flat()
      .find((d) => d.date === key);
    this.announcement = this.tr(M, 'dayAnnounce', this.#dayLabel(key), day?.occurrences.length ?? 0);
  }

  /** What the lazily loaded event detail needs from the component. */
  #detailHost(): AgendaDetailHost {
    const tr = this.tr.bind(this) as unknown as (d: typeof M, k: string, ...a: unknown[]) => string;
    return {
      t: (key, ...args) => tr(M, key, ...args),
      when: (o, withDay) => this.#when(o, withDay),
      badges: (o) => this.#badges(o),
      newWindow: () => this.#newWindow(),
      organizersOf: (e) => this.#connector?.organizersOf(e) ?? [],
      occurrences: this.#connector ? (this.agenda?.result.occurrences ?? []) : [],
      downloadStatus: this.downloadStatus,
      download: (o) => void this.#download(o),
      close: () => void this.#closeDetail(),
      keydown: (e) => this.#onDetailKeydown(e),
      selectOrganizer: (id) => this.#selectOrganizer(id),
    };
  }

  /** What the lazily loaded month and week views need from the component. */
  #viewHost(): AgendaViewHost {
    const tr = this.tr.bind(this) as unknown as (d: typeof M, k: string, ...a: unknown[]) => string;
    return {
      connector: this.#connector!,
      cursor: this.#cursorKey(),
      openDay: this.openDay,
      locale: this.l10n.locale,
      t: (key, ...args) => tr(M, key, ...args),
      dayLabel: (key) => this.#dayLabel(key),
      cards: (occurrences, level) => this.#renderCards(occurrences, level),
      move: (key, focus) => this.#moveCursor(key, focus),
      open: (key) => this.#openDayOf(key),
      keydown: (e) => this.#onGridKeydown(e),
      focused: (key) => {
        if (this.cursor !== key) this.cursor = key;
      },
    };
  }

  // --- Near me ----------------------------------------------------------------------------------

  #locate(): void {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
    if (!geo) {
      this.geoStatus = 'unsupported';
      return;
    }
    this.geoStatus = 'locating';
    geo.getCurrentPosition(
      (pos) => {
        this.geoStatus = '';
        this.#connector?.setNear({
          lat: pos.coords.latitude,
          lon: pos.coords.longitude,
          radiusKm: this.#radius(),
        });
        this.#userChanged();
      },
      (err) => {
        this.geoStatus = err.code === 1 ? 'denied' : 'unavailable';
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 },
    );
  }

  #setRadius(radius: number): void {
    this.radius = radius;
    const near = this.#connector?.getState().query.near;
    if (near) {
      this.#connector?.setNear({ lat: near.lat, lon: near.lon, radiusKm: radius });
      this.#userChanged();
    }
  }

  #clearNear(): void {
    this.#connector?.setNear(undefined);
    this.#userChanged();
  }

  // --- Detail -----------------------------------------------------------------------------------

  async #open(o: AgendaOccurrence): Promise<void> {
    this.#lastOpened = occurrenceKey(o);
    try {
      // The detail is its own chunk, loaded on the first opening.
      this.#detailModule ??= await import('./detail.ts');
    } catch {
      this.announcement = this.tr(M, 'detailFailed');
      return;
    }
    this.detail = o;
    this.emit<EssEventOpenDetail>('ess-event-open', { eventId: o.eventId, start: o.startIso });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
  }

  async #closeDetail(): Promise<void> {
    const key = this.#lastOpened;
    this.detail = undefined;
    await this.updateComplete;
    const button = [...this.renderRoot.querySelectorAll<HTMLElement>('.card-button')].find(
      (b) => b.dataset.key === key,
    );
    (button ?? this.renderRoot.querySelector<HTMLElement>(`#tab-${this.view}`))?.focus();
  }

  #onDetailKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      void this.#closeDetail();
    }
  }

  #selectOrganizer(id: string): void {
    this.store?.select(id);
    this.emit<EssAgendaSelectDetail>('ess-select', { id });
  }

  // --- ICS downloads ----------------------------------------------------------------------------

  /** The occurrences of the current view (the list, the month shown or the week shown). */
  #viewOccurrences(): AgendaOccurrence[] {
    const c = this.#connector;
    const s = this.agenda;
    if (!c || !s) return [];
    const key = this.#cursorKey();
    if (this.view === 'month')
      return uniqueOccurrences(
        c
          .monthGrid(+key.slice(0, 4), +key.slice(5, 7))
          .flat()
          .filter((d) => d.inMonth),
      );
    if (this.view === 'week') return uniqueOccurrences(c.weekDays(key));
    return s.result.total ? s.result.occurrences : [...s.latestPast];
  }

  async #download(what: AgendaOccurrence | 'selection'): Promise<void> {
    this.downloadStatus = 'busy';
    try {
      const ics = await loadIcs();
      const lang = this.l10n.lang;
      const labels = (id: string) => this.store?.concept(id)?.label[lang];
      let text: string;
      let name: string;
      if (what === 'selection') {
        const title = this.heading || this.tr(M, 'title');
        text = ics.occurrencesToIcs(this.#viewOccurrences(), { lang, labels, name: title });
        name = ics.icsFileName(title);
      } else {
        text = ics.eventToIcs(what.event, { lang, labels });
        name = ics.icsFileName(what.event.title);
      }
      const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.hidden = true;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.downloadStatus = 'done';
    } catch {
      this.downloadStatus = '';
    }
  }

  // --- URL sync and JSON-LD (opt-in) ------------------------------------------------------------

  #readUrl(c: AgendaConnector): void {
    const p = new URLSearchParams(location.search);
    const get = (k: string) => p.get(URL_PREFIX + k) ?? undefined;
    const view = get('view') as AgendaView | undefined;
    if (view && VIEWS.includes(view)) this.view = view;
    const date = get('date');
    if (validKey(date)) this.cursor = date;
    const q = get('q');
    if (q) {
      this.text = q;
      c.setText(q);
    }
    for (const f of FACETS) {
      const v = get(f);
      if (v) c.setFacet(f, v.split(',').filter(Boolean));
    }
    const from = get('from');
    const to = get('to');
    if (validKey(from)) this.rangeFrom = from;
    if (validKey(to)) this.rangeTo = to;
    if (this.rangeFrom || this.rangeTo) this.#applyRange();
  }

  #writeUrl(): void {
    const s = this.#connector?.getState();
    if (!this.syncUrl || !s || !this.#urlRead) return;
    const url = new URL(location.href);
    for (const k of [...url.searchParams.keys()]) if (k.startsWith(URL_PREFIX)) url.searchParams.delete(k);
    const set = (k: string, v: string | undefined) => {
      if (v) url.searchParams.set(URL_PREFIX + k, v);
    };
    if (this.view !== 'list') set('view', this.view);
    if (this.view !== 'list' && this.cursor) set('date', this.cursor);
    set('q', s.query.text);
    for (const f of FACETS) set(f, s.query.facets?.[f]?.join(','));
    set('from', this.rangeFrom);
    set('to', this.rangeTo);
    if (url.href !== location.href) history.replaceState(history.state, '', url.href);
  }

  #jsonLdScript(): HTMLScriptElement | undefined {
    return [...this.children].find(
      (c): c is HTMLScriptElement => c instanceof HTMLScriptElement && c.dataset.essaim === 'jsonld',
    );
  }

  #writeJsonLd(): void {
    const s = this.agenda;
    if (!s || !this.isConnected) return;
    const items = s.result.occurrences.map((o, i) => {
      const e = o.event;
      const online = o.status === 'moved-online' || e.attendanceMode === 'online';
      const item: Record<string, unknown> = {
        '@type': 'Event',
        name: e.title,
        startDate: o.startIso,
        eventStatus: `https://schema.org/${
          {
            scheduled: 'EventScheduled',
            rescheduled: 'EventRescheduled',
            'moved-online': 'EventMovedOnline',
            postponed: 'EventPostponed',
            full: 'EventScheduled',
            cancelled: 'EventCancelled',
          }[o.status]
        }`,
        eventAttendanceMode: `https://schema.org/${
          online
            ? 'OnlineEventAttendanceMode'
            : e.attendanceMode === 'mixed'
              ? 'MixedEventAttendanceMode'
              : 'OfflineEventAttendanceMode'
        }`,
      };
      if (o.endIso) item.endDate = o.endIso;
      if (e.description) item.description = e.description;
      const url = safeHref(e.url);
      if (url) item.url = url;
      if (e.place) {
        const a = e.place.address;
        item.location = {
          '@type': 'Place',
          name: e.place.name,
          address: a && {
            '@type': 'PostalAddress',
            streetAddress: a.street,
            postalCode: a.postcode,
            addressLocality: a.commune,
            addressCountry: a.country,
          },
          geo: e.place.geo && {
            '@type': 'GeoCoordinates',
            latitude: e.place.geo.lat,
            longitude: e.place.geo.lon,
          },
        };
      } else if (e.onlineUrl) item.location = { '@type': 'VirtualLocation', url: safeHref(e.onlineUrl) };
      if (e.price) item.isAccessibleForFree = e.price.free;
      return { '@type': 'ListItem', position: i + 1, item };
    });
    let script = this.#jsonLdScript();
    if (!script) {
      script = document.createElement('script');
      script.type = 'application/ld+json';
      script.dataset.essaim = 'jsonld';
      this.append(script);
    }
    script.textContent = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'ItemList',
      itemListElement: items,
    }).replace(/</g, '\\u003c');
  }

  // --- Formatting -------------------------------------------------------------------------------

  /** "mardi 18 mars 2026" (a civil date: formatted in UTC so that no zone shifts it). */
  #dayLabel(key: string): string {
    return new Intl.DateTimeFormat(this.l10n.locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(keyToUtc(key)));
  }

  #time(d: Date): string {
    return this.l10n.date(d, { hour: '2-digit', minute: '2-digit' });
  }

  /** "de 18:00 à 20:00", "à 18:00", "… jusqu’au 31 mai 2026"; whole days: "Toute la journée", "du … au …". */
  #when(o: AgendaOccurrence, withDay = false): string {
    if (o.event.allDay) {
      const first = dateKeyOf(o.start.getTime());
      const last = o.end && o.end.getTime() > o.start.getTime() ? dateKeyOf(o.end.getTime() - 1) : first;
      if (last === first)
        return withDay
          ? `${this.#dayLabel(first)}, ${this.tr(M, 'allDay').toLowerCase()}`
          : this.tr(M, 'allDay');
      return withDay
        ? this.tr(M, 'fromTo', this.#dayLabel(first), this.#dayLabel(last))
        : this.tr(M, 'until', this.#dayLabel(last));
    }
    const start = this.#time(o.start);
    const startKey = dateKeyOf(o.start.getTime());
    const endKey = o.end ? dateKeyOf(o.end.getTime() - 1) : startKey;
    const day = withDay ? `${this.#dayLabel(startKey)} ` : '';
    if (!o.end || o.end.getTime() <= o.start.getTime()) return `${day}${this.tr(M, 'at', start)}`;
    if (endKey !== startKey && o.end.getTime() - o.start.getTime() > 86_400_000)
      return `${day}${this.tr(M, 'at', start)}, ${this.tr(M, 'until', this.l10n.date(o.end))}`;
    return `${day}${this.tr(M, 'timeRange', start, this.#time(o.end))}`;
  }

  #newWindow(): TemplateResult {
    return html`<span class="sr-only"> ${translate(common, this.l10n.lang, 'opensInNewWindow')}</span>`;
  }

  // --- Rendering --------------------------------------------------------------------------------

  override render(): TemplateResult {
    const level = this.headingLevel;
    return html`<section part="base" class="base" aria-labelledby="title">
      ${heading(level, this.heading || this.tr(M, 'title'), { id: 'title', part: 'heading' })}
      ${this.renderFeedStatus()}
      ${this.detail && this.#detailModule ? this.#detailModule.renderDetail(this.#detailHost(), this.detail, level + 1) : this.#renderMain(level + 1)}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </section>`;
  }

  #renderMain(level: number): TemplateResult {
    const ready = this.feedState.status === 'ready' && !!this.agenda;
    const filters = this.#activeFilterCount();
    return html`
      <form role="search" aria-label=${this.tr(M, 'searchLabel')} part="search" class="search" @submit=${this.#onSubmit}>
        <label for="q">${this.tr(M, 'searchLabel')}</label>
        <input
          id="q"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          placeholder=${this.tr(M, 'searchPlaceholder')}
          .value=${this.text}
          @input=${this.#onInput}
        />
      </form>
      <div class="layout">
        <div class="filters-column">
          <button
            type="button"
            class="filters-toggle"
            aria-expanded=${this.filtersOpen ? 'true' : 'false'}
            aria-controls="filters"
            @click=${() => (this.filtersOpen = !this.filtersOpen)}
          >
            ${this.tr(M, 'filtersCount', filters)}
          </button>
          <div id="filters" part="filters" class="filters ${this.filtersOpen ? 'open' : ''}">
            ${ready ? FACETS.map((f) => this.#renderFacet(f)) : nothing} ${this.#renderRange()}
            ${ready ? this.#renderNear() : nothing}
            ${filters || this.agenda?.query.text ? html`<button type="button" @click=${this.#clearAll}>${this.tr(M, 'clearFilters')}</button>` : nothing}
          </div>
        </div>
        <div part="results" class="results">${ready ? this.#renderViews(level) : nothing}</div>
      </div>
    `;
  }

  #renderFacet(name: AgendaFacetName) {
    const values = this.agenda?.result.facets[name];
    if (!values?.length) return nothing;
    const expanded = this.expandedFacets.has(name);
    const shown = expanded ? values : values.filter((v, i) => i < FACET_LIMIT || v.selected);
    const more = values.length - shown.length;
    return html`<fieldset part="facet" class="facet">
      <legend>${this.tr(M, `facet_${name}`)}</legend>
      <ul>
        ${shown.map(
          (v) => html`<li>
            <label>
              <input type="checkbox" .checked=${v.selected} @change=${() => this.#toggleFacet(name, v.value)} />
              <span>${this.#valueLabel(name, v.value, v.label)}</span>
              <span class="count">(${this.l10n.number(v.count)})</span>
            </label>
          </li>`,
        )}
      </ul>
      ${
        values.length > FACET_LIMIT
          ? html`<button
            type="button"
            class="link"
            @click=${() => {
              const next = new Set(this.expandedFacets);
              if (expanded) next.delete(name);
              else next.add(name);
              this.expandedFacets = next;
            }}
          >
            ${expanded ? this.tr(M, 'showFewerValues') : this.tr(M, 'showMoreValues', more)}
          </button>`
          : nothing
      }
    </fieldset>`;
  }

  #renderRange(): TemplateResult {
    return html`<fieldset part="dates" class="facet range">
      <legend>${this.tr(M, 'dates')}</legend>
      <label class="plain" for="from">${this.tr(M, 'from')}</label>
      <input id="from" type="date" aria-describedby="dates-hint" .value=${this.rangeFrom} max=${this.rangeTo || nothing} @change=${(e: Event) => this.#onRange('from', e)} />
      <label class="plain" for="to">${this.tr(M, 'to')}</label>
      <input id="to" type="date" aria-describedby="dates-hint" .value=${this.rangeTo} min=${this.rangeFrom || nothing} @change=${(e: Event) => this.#onRange('to', e)} />
      <p id="dates-hint" class="hint">${this.tr(M, 'datesHint')}</p>
    </fieldset>`;
  }

  #renderViews(level: number): TemplateResult {
    const view = this.view;
    return html`<div role="tablist" part="views" aria-label=${this.tr(M, 'views')} @keydown=${this.#onTabKeydown}>
        ${VIEWS.map(
          (v) => html`<button
            type="button"
            role="tab"
            id="tab-${v}"
            aria-selected=${v === view ? 'true' : 'false'}
            aria-controls="view-panel"
            tabindex=${v === view ? '0' : '-1'}
            @click=${() => this.#setView(v)}
          >
            ${this.tr(M, `view_${v}`)}
          </button>`,
        )}
      </div>
      <div id="view-panel" role="tabpanel" aria-labelledby="tab-${view}">
        ${view === 'list' ? this.#renderList(level) : this.#renderCalendarView(view, level)}
        ${this.#renderExport()} ${this.#renderSubscribe()}
      </div>`;
  }

  #renderCalendarView(view: 'month' | 'week', level: number): TemplateResult {
    const views = this.views;
    if (views)
      return view === 'month'
        ? views.renderMonth(this.#viewHost(), level)
        : views.renderWeek(this.#viewHost(), level);
    return this.viewsFailed
      ? html`<div part="error" class="error" role="alert">
          <p>${this.tr(M, 'viewFailed')}</p>
          <button type="button" @click=${() => {
            this.viewsFailed = false;
            this.#loadViews();
          }}>${translate(common, this.l10n.lang, 'retry')}</button>
        </div>`
      : html`<p part="loading" class="loading" role="status">${this.tr(M, 'viewLoading')}</p>`;
  }

  /** The feed's subscribable calendars for this view: all, the territory's, the chosen categories'. */
  #calendars(): Array<{ name: string; href: string; count?: number | undefined }> {
    const all = this.feedState.feed?.manifest.calendars ?? [];
    if (!all.length) return [];
    const q = this.agenda?.query;
    const departements = new Set([...list(this.departements), ...(q?.facets?.departement ?? [])]);
    const regions = new Set(list(this.regions));
    const categories = new Set([...(q?.facets?.categories ?? []), ...(q?.facets?.themes ?? [])]);
    const scoped = departements.size + regions.size > 0;
    const out: Array<{ name: string; href: string; count?: number | undefined }> = [];
    for (const c of all) {
      const wanted =
        (c.departement ? departements.has(c.departement) : false) ||
        (c.region ? regions.has(c.region) : false) ||
        (c.category ? categories.has(c.category) : false) ||
        (!c.departement && !c.region && !c.category && !scoped);
      if (!wanted) continue;
      let url: string | undefined;
      try {
        url = new URL(c.url, this.calendarsBase || undefined).href;
      } catch {
        url = undefined; // a relative URL and no base: not offered
      }
      const href = safeHref(url, ['http']);
      if (href) out.push({ name: c.name, href, count: c.count });
    }
    return out;
  }

  #renderSubscribe(): TemplateResult | typeof nothing {
    const calendars = this.#calendars();
    if (!calendars.length) return nothing;
    return html`<div part="subscribe" class="subscribe">
      <p class="subscribe-title"><strong>${this.tr(M, 'subscribe')}</strong></p>
      <ul class="plain">
        ${calendars.map(
          (c) => html`<li>
            <a href=${c.href} type="text/calendar">${c.name}</a>
            ${c.count !== undefined ? html`<span class="count">(${this.tr(M, 'eventsCount', c.count)})</span>` : nothing}
          </li>`,
        )}
      </ul>
      <p class="hint">${this.tr(M, 'subscribeHelp')}</p>
    </div>`;
  }

  #renderNear(): TemplateResult {
    const near = this.agenda?.query.near;
    const status = this.geoStatus
      ? this.tr(
          M,
          (
            {
              locating: 'locating',
              denied: 'geoDenied',
              unavailable: 'geoUnavailable',
              unsupported: 'geoUnsupported',
            } as const
          )[this.geoStatus],
        )
      : '';
    return html`<fieldset part="near" class="facet near">
      <legend>${this.tr(M, 'nearLegend')}</legend>
      <label class="plain" for="radius">${this.tr(M, 'radius')}</label>
      <select id="radius" @change=${(e: Event) => this.#setRadius(Number((e.target as HTMLSelectElement).value) || 10)}>
        ${[...new Set([...RADII, this.#radius()])]
          .sort((a, b) => a - b)
          .map(
            (r) =>
              html`<option value=${r} ?selected=${this.#radius() === r}>${this.tr(M, 'radiusKm', r)}</option>`,
          )}
      </select>
      <button type="button" class="locate" @click=${this.#locate}>${this.tr(M, 'locate')}</button>
      <p class="hint" role="status">${status}</p>
      ${
        near
          ? html`<p class="near-active">
            ${this.tr(M, 'nearActive', near.radiusKm ?? this.#radius())}
            <button type="button" @click=${this.#clearNear}>${this.tr(M, 'clearNear')}</button>
          </p>`
          : nothing
      }
    </fieldset>`;
  }

  #renderList(level: number): TemplateResult {
    const s = this.agenda!;
    const { result } = s;
    const more = result.total > result.occurrences.length;
    return html`
      ${heading(level, this.tr(M, 'results'), { id: 'results-heading', focusable: true })}
      <p part="count" class="count">${this.tr(M, 'count', result.total)}</p>
      ${
        result.total === 0
          ? this.#renderEmpty(level)
          : result.days.map(
              (d) => html`<section class="day" aria-labelledby="day-${d.date}">
                ${heading(level + 1, this.#dayLabel(d.date), { id: `day-${d.date}`, cls: 'day-heading' })}
                ${this.#renderCards(d.occurrences, level + 2)}
              </section>`,
            )
      }
      ${more ? html`<button type="button" @click=${() => this.#connector?.showMore(this.#limit())}>${this.tr(M, 'showMore')}</button>` : nothing}
    `;
  }

  #renderEmpty(level: number): TemplateResult {
    const s = this.agenda!;
    if (s.latestPast.length) {
      return html`<div part="empty" class="empty past">
        <p><strong>${this.tr(M, 'noUpcoming')}</strong></p>
        ${heading(level + 1, this.tr(M, 'latestPast'), { id: 'past-heading' })}
        ${this.#renderCards(s.latestPast, level + 2, true)}
      </div>`;
    }
    const hasFilters = this.#activeFilterCount() > 0 || !!s.query.text;
    return html`<div part="empty" class="empty">
      <p><strong>${this.tr(M, 'empty')}</strong></p>
      <p>${this.tr(M, 'emptyHelp')}</p>
      ${hasFilters ? html`<p class="actions"><button type="button" @click=${this.#clearAll}>${this.tr(M, 'clearFilters')}</button></p>` : nothing}
    </div>`;
  }

  #renderCards(occurrences: readonly AgendaOccurrence[], level: number, withDay = false): TemplateResult {
    return html`<ul part="list" class="cards">
      ${occurrences.map((o) => this.#renderCard(o, level, withDay))}
    </ul>`;
  }

  #badges(o: AgendaOccurrence): TemplateResult {
    const e = o.event;
    return html`${
      o.status !== 'scheduled'
        ? html`<span part="badge" class="badge status-${o.status}">${this.tr(M, `status_${o.status}`)}</span>`
        : nothing
    }
    ${e.price ? html`<span part="badge" class="badge ${e.price.free ? 'free' : 'paid'}">${this.tr(M, e.price.free ? 'free' : 'paid')}</span>` : nothing}`;
  }

  #placeLine(e: AgendaEvent, status: AgendaOccurrence['status']): string {
    if (status === 'moved-online' || e.attendanceMode === 'online') return this.tr(M, 'online');
    const parts = [e.place?.name, e.place?.address?.commune].filter(Boolean);
    if (e.attendanceMode === 'mixed') parts.push(this.tr(M, 'online'));
    return [...new Set(parts)].join(' · ');
  }

  #renderCard(o: AgendaOccurrence, level: number, withDay = false): TemplateResult {
    const e = o.event;
    const button = html`<button type="button" class="card-button" data-key=${occurrenceKey(o)} @click=${() => void this.#open(o)}>
      ${e.title}
    </button>`;
    const place = this.#placeLine(e, o.status);
    return html`<li>
      <article class="card status-${o.status}" part="card">
        ${heading(level, button)}
        <p class="meta">
          <span class="time">${this.#when(o, withDay)}</span>
          ${place ? html`<span>${place}</span>` : nothing} ${this.#badges(o)}
        </p>
        <p class="card-actions">
          <button type="button" class="ics" aria-label=${this.tr(M, 'addToCalendarOf', e.title)} @click=${() => void this.#download(o)}>
            ${this.tr(M, 'addToCalendar')}
          </button>
        </p>
      </article>
    </li>`;
  }

  #renderExport(): TemplateResult | typeof nothing {
    const n = this.#viewOccurrences().length;
    if (!n) return nothing;
    return html`<div part="export" class="export">
      <button type="button" class="ics-selection" aria-describedby="export-help" @click=${() => void this.#download('selection')}>
        ${this.tr(M, 'downloadSelection')}
      </button>
      <p class="hint" id="export-help">
        ${this.tr(M, 'downloadHelp', n)}
        <span role="status">${this.downloadStatus === 'busy' ? this.tr(M, 'downloading') : this.downloadStatus === 'done' ? this.tr(M, 'downloaded') : ''}</span>
      </p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ess-agenda': EssAgenda;
  }
  interface HTMLElementEventMap {
    'ess-event-open': CustomEvent<EssEventOpenDetail>;
  }
}
