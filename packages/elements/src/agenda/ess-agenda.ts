import { type CSSResult, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  type AgendaEntry,
  type AgendaFacetName,
  type AgendaListConnector,
  type AgendaOccurrence,
  type AgendaQuery,
  type AgendaState,
  createAgendaListConnector,
  dateKeyOf,
  dateKeyToWall,
  type Feed,
  type FeedStore,
  isValidDateKey as validKey,
  wallDateKey,
} from '@essaim/sdk';
import { parseNumber } from '../internal/attributes.ts';
import { EssElement } from '../internal/ess-element.ts';
import { heading } from '../internal/heading.ts';
import { resultsStyles } from '../internal/results-styles.ts';
import { baseStyles } from '../internal/styles.ts';
import { agendaMessages as M } from './ess-agenda.i18n.ts';
import { agendaStyles } from './ess-agenda.styles.ts';
import { type EntryActionsHost, openDetail, toggleEntry } from './parts/entry-actions.ts';
import type { CardHost } from './parts/entry-cards.ts';
import { type AgendaListHost, type RecentMonth, recentMonth } from './parts/results-list.ts';
import { applyScope, radiusKm } from './parts/territory-scope.ts';
import { renderFiltersColumn, renderSearch } from './parts/search-form.ts';
import { type AgendaResultsHost, type AsideModule, renderViews, VIEWS } from './parts/view-tabs.ts';
import type { AgendaAsideHost, GeoStatus } from './parts/filters.ts';
import type { PlaceSuggest } from '../internal/place-suggest.ts';
import type { AgendaDetailElement } from './parts/detail.ts';
import type { AgendaExportElement } from './parts/ics-export.ts';
import type { AgendaUrlElement } from './parts/url-sync.ts';
import type { EssAgendaEvents } from '../events/events.ts';

type ViewsModule = typeof import('./parts/calendar-views.ts');
type DetailModule = typeof import('./parts/detail.ts');

/** The views of the agenda. */
export type AgendaView = 'list' | 'month' | 'week';
const ANNOUNCE_DEBOUNCE_MS = 700;

/** Detail of `ess-select` (the same for every element). */
export type { EssSelectDetail as EssAgendaSelectDetail } from '../events/events.ts';
export type { EssAgendaChangeDetail, EssEventOpenDetail } from '../events/events.ts';

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
 * Only the first list is in the element's own code: the filters panel, the calendars to subscribe to and
 * the JSON-LD are a chunk loaded right after that list is shown; the month grid and the week, a chunk
 * loaded the first time one of them is shown; the event detail, a chunk loaded on the first opening.
 *
 * @fires ess-select - An organiser was opened from an event; `detail: { id }`. Also selects it in the
 * page's store, so the directory and the map show it.
 * @fires ess-event-open - An event was opened by the user; `detail: { eventId, start }`.
 * @fires ess-filters-change - The user changed the filters; `detail`: the agenda query (`AgendaQuery`).
 * @fires ess-agenda-change - After `ess-filters-change`: the agenda's state for that query; `detail: { state }`.
 * Fired for user actions only; the page's store shares the agenda (`store.agenda`), which
 * `<ess-map show="events">` follows to draw the matching events.
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
 * @cssprop --ess-font-size - Base font size (default `16px`; sizes inside follow it, not the page's `rem`).
 * @cssprop --ess-line-height - Base line height (default `1.5`).
 * @cssprop --ess-radius - Corner radius (default `4px`).
 * @cssprop --ess-space - Base spacing between blocks (default `16px`).
 */
export class EssAgenda extends EssElement<EssAgendaEvents> {
  static override styles = [baseStyles, resultsStyles, agendaStyles];

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
  /** The focused day of the month grid and week (`YYYY-MM-DD`), when one was chosen. */
  @state() protected cursorDate?: string;
  /** The day whose events are listed under the month grid. */
  @state() protected openDay?: string;
  @state() protected detail?: AgendaOccurrence;
  /** Entries whose dates or places are listed (their key). */
  @state() protected expanded: ReadonlySet<string> = new Set();
  @state() protected announcement = '';
  @state() protected downloadStatus: '' | 'busy' | 'done' = '';
  /** The month and week views, once their chunk is loaded. */
  @state() protected views?: ViewsModule;
  @state() protected viewsFailed = false;
  @state() protected geoStatus: GeoStatus = '';
  /** The filters panel, the calendars to subscribe to and the JSON-LD, once their chunk is loaded. */
  @state() protected aside?: AsideModule;
  @state() protected asideFailed = false;

  #connector?: AgendaListConnector;
  #connectorFeed?: Feed;
  #offConnector?: () => void;
  /** The pending commit of the search text, if any. */
  protected textTimer?: ReturnType<typeof setTimeout>;
  #announceTimer?: ReturnType<typeof setTimeout>;
  /** The most recent month that has events, when nothing is upcoming (see `recentMonth`). */
  protected recent?: RecentMonth & { state: AgendaState };
  /** The key of the occurrence last opened (its card gets the focus back when the detail closes). */
  protected lastOpened?: string;
  #urlRead = false;
  #viewsLoading?: Promise<void>;
  /** The event detail, once its chunk is loaded. */
  protected detailModule?: DetailModule;
  #asideLoading?: Promise<void>;
  #scopeKey?: string;
  /** The list of an entry's dates or places, once loaded. */
  protected series?: typeof import('./parts/series-dates.ts');
  /** The commune field of "Près de moi", once the filters' chunk is loaded. */
  protected placeField?: PlaceSuggest;

  /**
   * The headless agenda (from `@essaim/sdk`), once the feed is loaded: the list connector (`withCalendar`
   * from `@essaim/sdk` gives it the month grid and the week; the element does when it shows them).
   */
  get connector(): AgendaListConnector | undefined {
    return this.#connector;
  }

  protected override get feedParts() {
    return ['events'] as const;
  }

  protected override bindStore(store: FeedStore): () => void {
    return () => {
      if (store.agenda.get()?.connector === this.#connector) store.agenda.set(undefined);
      this.#offConnector?.();
      this.#offConnector = undefined;
      this.#connector = undefined;
      this.#connectorFeed = undefined;
      this.agenda = undefined;
      clearTimeout(this.textTimer);
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
        this.cursorDate = undefined;
        this.openDay = undefined;
      }
    }
    if (c && changed.has('pageSize') && changed.get('pageSize') !== undefined) c.setLimit(this.limit());
    if (changed.has('jsonld') && !this.jsonld)
      this.querySelector(':scope > script[data-essaim="jsonld"]')?.remove();
    if (
      this.jsonld &&
      this.aside &&
      this.agenda &&
      this.isConnected &&
      (changed.has('agenda' as keyof EssAgenda) ||
        changed.has('jsonld') ||
        changed.has('aside' as keyof EssAgenda))
    )
      this.aside.writeJsonLd(this, this.agenda);
    if (!VIEWS.includes(this.view)) this.view = 'list';
    if (c) this.#scopeKey = applyScope(this, c, this.#scopeKey);
    if (this.view !== 'list') this.loadViews();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Once the first list is on screen, the rest of the element's parts.
    if (this.agenda && this.feedState.status === 'ready') void this.loadAside();
  }

  /** Adds the styles of a part loaded later to the element's own (constructable sheets: CSP-safe). */
  protected adopt(styles: CSSResult): void {
    const root = this.renderRoot as ShadowRoot;
    const sheet = styles.styleSheet;
    if (sheet && !root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Loads the filters panel, the calendars and the JSON-LD (once, after a task: not before the list). */
  protected loadAside(): Promise<void> {
    return (this.#asideLoading ??= new Promise((ok) => setTimeout(ok))
      .then(() =>
        Promise.all([
          import('./parts/filters.ts'),
          import('./parts/ics-export.ts'),
          import('./parts/subscriptions.ts'),
          import('./parts/url-sync.ts'),
          import('./parts/jsonld.ts'),
        ]),
      )
      .then(
        (parts) => {
          for (const part of parts) if ('styles' in part) this.adopt(part.styles);
          const m = Object.assign({}, ...parts) as AsideModule;
          this.asideFailed = false;
          this.placeField ??= m.placeField(
            this,
            () => this as unknown as AgendaAsideHost,
            () => this.feedState.feed?.events.map((e) => ({ address: e.place?.address })),
          );
          this.aside = m;
        },
        () => {
          this.#asideLoading = undefined;
          this.asideFailed = true;
        },
      ));
  }

  /** Loads the month and week views (once); a failure is shown, the list keeps working. */
  protected loadViews(): void {
    this.#viewsLoading ??= import('./parts/calendar-views.ts').then(
      (m) => {
        this.adopt(m.styles);
        this.views = m;
      },
      () => {
        this.#viewsLoading = undefined;
        this.viewsFailed = true;
      },
    );
  }

  protected radiusKm(): number {
    return radiusKm(this);
  }

  /** The occurrences listed at first and added by "Afficher plus" (the `page-size` attribute, read). */
  protected limit(): number {
    return parseNumber(this, 'page-size', this.pageSize, 1, 500, 30, true);
  }

  #ensureConnector(): void {
    const feed = this.feedState.feed;
    if (!feed || feed === this.#connectorFeed || !this.store) return;
    // URL sync (opt-in) is in the later chunk: it is read before the first list.
    if (this.syncUrl && !this.#urlRead && !this.aside && !this.asideFailed) {
      void this.loadAside();
      return;
    }
    this.#connectorFeed = feed;
    if (this.#connector) {
      this.#connector.setEvents(feed.events);
      return;
    }
    const store = this.store;
    const ref = validKey(this.referenceDate) ? this.referenceDate : undefined;
    const initial: AgendaQuery = { limit: this.limit() };
    if (ref) initial.referenceDate = ref;
    this.#scopeKey = undefined;
    const connector = createAgendaListConnector(feed.events, {
      now: ref,
      labels: (id) => store.concept(id)?.label.fr,
      initial,
    });
    this.#connector = connector;
    if (this.syncUrl && !this.#urlRead) {
      this.#urlRead = true;
      this.aside?.readAgendaUrl(this as unknown as AgendaUrlElement);
    }
    this.agenda = connector.getState();
    // The connector lives as long as this binding (bindStore's cleanup drops it).
    this.#offConnector = connector.subscribe((s) => this.#onAgenda(s));
    // Shared with the page (a map of the events follows it), unless another agenda already is.
    if (!store.agenda.get()) store.agenda.set({ connector, openEvent: (id, o) => this.openEvent(id, o) });
  }

  #onAgenda(s: AgendaState): void {
    const previous = this.agenda;
    this.agenda = s;
    if (this.textTimer === undefined) this.text = s.query.text ?? '';
    if (previous?.result.total !== s.result.total || previous?.query.text !== s.query.text) {
      clearTimeout(this.#announceTimer);
      this.#announceTimer = setTimeout(() => {
        if (this.view === 'list') this.announcement = this.tr(M, 'count', s.result.total);
      }, ANNOUNCE_DEBOUNCE_MS);
    }
    this.writeUrl();
  }

  protected userChanged(): void {
    const state = this.#connector?.getState();
    if (!state) return;
    this.emit('ess-filters-change', state.query);
    this.emit('ess-agenda-change', { state });
  }

  // --- Views and calendar -----------------------------------------------------------------------

  protected todayKey(): string {
    const ref = this.agenda?.referenceDate;
    return ref ? dateKeyOf(ref.getTime()) : wallDateKey(Date.now());
  }

  /** The focused day: the chosen one, else the most recent month's when nothing is upcoming, else today. */
  protected get cursor(): string {
    return this.cursorDate ?? recentMonth(this as unknown as AgendaListHost)?.first ?? this.todayKey();
  }

  // --- Detail -----------------------------------------------------------------------------------

  /**
   * Opens an event's detail, as its card would: the listed date `start` (ISO, as in `ess-event-open`)
   * when given and listed, else the event's first matching date. Resolves to `false` when the event is
   * not among the agenda's matches (another filter, past…). `focus: false` leaves the focus where it is
   * (the event was chosen on a map with the mouse); by default the detail's heading gets it.
   */
  async openEvent(eventId: string, options: { start?: string; focus?: boolean } = {}): Promise<boolean> {
    const c = this.#connector;
    if (!c) return false;
    const o =
      (options.start &&
        this.agenda?.result.occurrences.find((x) => x.eventId === eventId && x.startIso === options.start)) ||
      c.matchingEvents().find((x) => x.eventId === eventId);
    if (!o) return false;
    await this.open(o, options.focus ?? true);
    return this.detail === o;
  }

  /** Opens an occurrence's detail (its chunk is loaded on the first opening). */
  protected open(o: AgendaOccurrence, focus = true): Promise<void> {
    return openDetail(this as unknown as EntryActionsHost, o, focus);
  }

  // --- ICS downloads ----------------------------------------------------------------------------

  /** The occurrences of the current view (the list, the month shown or the week shown). */
  protected async download(what: AgendaOccurrence | AgendaEntry | 'selection'): Promise<void> {
    this.downloadStatus = 'busy';
    try {
      // The file is written by a later chunk (loaded right after the first list).
      await this.loadAside();
      const ok = await this.aside!.downloadWhat(
        this as unknown as AgendaExportElement,
        what,
        this.heading || this.tr(M, 'title'),
      );
      this.downloadStatus = ok ? 'done' : '';
    } catch {
      this.downloadStatus = '';
    }
  }

  // --- URL sync and JSON-LD (opt-in) ------------------------------------------------------------

  /** Reads the view and filters from the page URL (URL sync is in the later chunk, loaded first then). */
  protected writeUrl(): void {
    if (this.#urlRead) this.aside?.writeAgendaUrl(this as unknown as AgendaUrlElement);
  }

  // --- Formatting -------------------------------------------------------------------------------

  /** "mardi 18 mars 2026" (a civil date: formatted in UTC so that no zone shifts it). */
  protected dayLabel(key: string): string {
    return new Intl.DateTimeFormat(this.l10n.locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(dateKeyToWall(key)));
  }

  // --- Rendering --------------------------------------------------------------------------------

  override render(): TemplateResult {
    const level = this.headingLevel;
    return html`<section part="base" class="base" aria-labelledby="title">
      ${heading(level, this.heading || this.tr(M, 'title'), { id: 'title', part: 'heading' })}
      ${this.detail ? nothing : html`<a class="skip-link" href="#results-heading" @click=${this.#skipToResults}>${this.tr(M, 'skipToResults')}</a>`}
      ${this.renderFeedStatus()}
      ${this.detail && this.detailModule ? this.detailModule.renderDetail(this as unknown as AgendaDetailElement, this.detail, level + 1) : this.#renderMain(level + 1)}
      <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
    </section>`;
  }

  /** The skip link moves the focus to the results (the page's URL and scroll are the host's: untouched). */
  #skipToResults(e: Event): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('#results-heading')?.focus();
  }

  #renderMain(level: number): TemplateResult {
    // A failed events part is named in the status notice, never shown as "no events".
    const ready = this.feedUsable && !!this.agenda;
    const host = this as unknown as AgendaResultsHost;
    return html`
      ${renderSearch(host)}
      <div class="layout">
        ${renderFiltersColumn(host, ready)}
        <div part="results" class="results">${ready ? renderViews(host, level) : nothing}</div>
      </div>
    `;
  }

  /** What the cards need from the element. */
  protected cardHost(): CardHost {
    return {
      lang: this.l10n.lang,
      dayLabel: (key) => this.dayLabel(key),
      open: (o) => void this.open(o),
      download: (what) => void this.download(what),
      expanded: this.expanded,
      series: this.series,
      toggle: (key) => void toggleEntry(this as unknown as EntryActionsHost, key),
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ess-agenda': EssAgenda;
  }
}
