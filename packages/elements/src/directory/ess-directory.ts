import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseList, parseNumber, parseTerritory } from '../internal/attributes.ts';
import {
  decodeSearchUrl,
  encodeSearchUrl,
  type FeedStore,
  readUrlState,
  syncUrlState,
  URL_NAMESPACES,
} from '@essaim/sdk';
import { Announcer, LazyPart } from '../internal/controllers.ts';
import { EssElement } from '../internal/ess-element.ts';
import { skipLink, skipLinkStyles } from '../internal/skip-link.ts';
import { TextQuery } from '../internal/text-query.ts';
import { heading } from '../internal/heading.ts';
import { common } from '../i18n/common.ts';
import { baseStyles } from '../internal/styles.ts';
import type { HoursInfo } from './parts/detail.ts';
import { directoryMessages as M } from './ess-directory.i18n.ts';
import { directoryStyles } from './ess-directory.styles.ts';
import { renderFacets } from './parts/filters.ts';
import { NearMe, renderNear } from './parts/near.ts';
import { type ResultsHost, renderResults } from './parts/results.ts';
import { valueLabel } from './parts/value-labels.ts';
import type { FacetName, SearchQuery, SearchState, Structure } from './types.ts';
import type { EssDirectoryEvents } from '../events/events.ts';

const TEXT_DEBOUNCE_MS = 150;
const ANNOUNCE_DEBOUNCE_MS = 700;

const withPrefix = (prefix: string) => (v: string) => (v.includes('--') ? v : `${prefix}--${v}`);

/** Detail of `ess-select`. */
export type { EssSelectDetail } from '../events/events.ts';

/**
 * @tagname ess-directory
 * @summary Finds the social and solidarity economy structures of a territory: search as you type,
 * facets with counts, "near me", paged result cards, a detail view, exports and optional URL sync.
 *
 * Use it inside an `<ess-feed>` (it then shares its query with an `<ess-map>`), or alone with `feed`.
 * Presets by attribute: territory scope (`communes`, `epcis`, `departements`, `regions`: COG codes) and
 * filters (`q`, `themes`, `publics`, `families`, `legal-forms`). Values are separated by spaces, commas or semicolons.
 *
 * @fires ess-select - A structure was opened by the user; `detail: { id }`. Also selects it in the
 * page's store, so a map highlights it.
 * @fires ess-filters-change - The user changed the search (text, facet, place, radius, sort, page);
 * `detail`: the query (`SearchQuery`).
 *
 * @csspart base - The whole directory.
 * @csspart heading - The title.
 * @csspart search - The search form.
 * @csspart near - The "near me" fieldset.
 * @csspart filters - The facets panel.
 * @csspart facet - One facet's fieldset.
 * @csspart results - The results column (count, sort, list, pagination, export).
 * @csspart count - The visible result count.
 * @csspart list - The list of cards.
 * @csspart card - One result card.
 * @csspart card-selected - The card of the page's selected structure (it also has the `card` part).
 * @csspart pagination - The pagination.
 * @csspart empty - The "no results" message.
 * @csspart export - The download buttons.
 * @csspart detail - The detail view.
 * @csspart next-events - A structure's next events (heading, dates, a link to the agenda or an .ics).
 * @csspart loading - The loading notice.
 * @csspart error - The error notice (no feed, or the feed could not be loaded).
 * @csspart stale - The notice shown over stale or offline data.
 *
 * @cssprop --ess-directory-filters-width - Width of the facets column on wide layouts (default `16rem`).
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
export class EssDirectory extends EssElement<EssDirectoryEvents> {
  static override styles = [baseStyles, skipLinkStyles, directoryStyles];

  /** Title shown above the directory (default: "Annuaire de l’économie sociale et solidaire"). */
  @property() heading?: string;
  /** Heading level of the title (2 to 6; cards and detail use the next level). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /** Preset text query. */
  @property() q?: string;
  /** Preset theme filter: concept ids or slugs ("alimentation" or "theme--alimentation"). */
  @property() themes?: string;
  /** Preset public filter: concept ids or slugs. */
  @property() publics?: string;
  /** Preset family filter: association, cooperative, mutuelle, fondation, entreprise-ess, autre. */
  @property() families?: string;
  /** Preset legal-form filter (e.g. "scop scic"). */
  @property({ attribute: 'legal-forms' }) legalForms?: string;

  /** Territory scope: INSEE commune codes. */
  @property() communes?: string;
  /** Territory scope: EPCI SIREN codes. */
  @property() epcis?: string;
  /** Territory scope: département codes ("75 93"). */
  @property() departements?: string;
  /** Territory scope: région codes. */
  @property() regions?: string;

  /** Results per page (default 20, at most 100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** Opt-in: read the query from the page URL (its own `ess-q`, `ess-theme`… parameters, see `URL_NAMESPACES`) and keep it there. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;
  /** Opt-in: publish the listed structures as schema.org JSON-LD in the element's light DOM. */
  @property({ type: Boolean }) jsonld = false;

  @state() protected searchState?: SearchState;
  /** The search field (debounced). */
  protected readonly query = new TextQuery(this, {
    delay: TEXT_DEBOUNCE_MS,
    current: () => this.store?.search.getState().query.text,
    apply: (text) => {
      this.store?.search.setText(text);
      this.#userChanged();
    },
  });
  protected readonly announcer = new Announcer(this);
  /** The detail view's code, loaded on the first opening. */
  protected readonly detailPart = new LazyPart(this, () => import('./parts/detail.ts'));
  @state() protected filtersOpen = false;
  @state() protected expandedFacets: ReadonlySet<FacetName> = new Set();
  /** « Près de chez moi »: the point's label, the distance, the communes / postcodes autocomplete. */
  protected readonly nearMe = new NearMe(this, {
    changed: () => this.#userChanged(),
    t: (key, ...args) => this.tr(M, key, ...args),
    delay: TEXT_DEBOUNCE_MS,
  });
  @state() protected detailId?: string;
  @state() protected hours?: HoursInfo;
  @state() protected exportStatus: '' | 'busy' | 'done' = '';

  #appliedKey?: string;
  #urlRead = false;
  #lastFocusedId?: string;
  /** The page's selection last seen (to follow a selection made elsewhere). */
  #selection?: string;
  #jsonLdScheduled = false;

  protected override bindStore(store: FeedStore): () => void {
    this.#appliedKey = undefined;
    this.#applyAttributes(store);
    if (this.syncUrl && !this.#urlRead) {
      this.#urlRead = true;
      const fromUrl = decodeSearchUrl(readUrlState(location.search, URL_NAMESPACES.search));
      if (fromUrl) {
        store.search.refine(fromUrl.query);
        if (fromUrl.query.near) {
          this.nearMe.label = fromUrl.nearLabel;
          this.nearMe.radius = fromUrl.query.near.radiusKm;
        }
      }
    }
    this.#selection = store.getState().selectedId;
    this.#onSearch(store.search.getState());
    const off = store.search.subscribe((s) => this.#onSearch(s));
    const offView = store.views.add('directory');
    return () => {
      off();
      offView();
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.store) this.#applyAttributes(this.store);
    if (changed.has('feedState' as keyof EssDirectory) && this.feedState.selectedId !== this.#selection) {
      this.#selection = this.feedState.selectedId;
      if (this.#selection) this.#reveal(this.#selection);
    }
    if (changed.has('jsonld')) {
      if (this.jsonld) this.#scheduleJsonLd();
      else this.querySelector(':scope > script[data-essaim="jsonld"]')?.remove();
    }
  }

  /** Applies the scope and preset attributes when they change (programmatic: no event). */
  #applyAttributes(store: FeedStore): void {
    const territory = parseTerritory(this);
    const facets = {
      themes: parseList(this, 'themes', this.themes).map(withPrefix('theme')),
      publics: parseList(this, 'publics', this.publics).map(withPrefix('public')),
      family: parseList(this, 'families', this.families),
      legalForms: parseList(this, 'legal-forms', this.legalForms),
    };
    const pageSize = parseNumber(this, 'page-size', this.pageSize, 1, 100, 20, true);
    const key = JSON.stringify([territory, facets, this.q, pageSize]);
    if (key === this.#appliedKey) return;
    const first = this.#appliedKey === undefined;
    this.#appliedKey = key;
    const partial: Partial<SearchQuery> = {};
    const hasTerritory = Object.values(territory).some((v) => v.length);
    if (hasTerritory || !first) partial.territory = hasTerritory ? territory : undefined;
    const presets = Object.entries(facets).filter(([, v]) => v.length);
    if (presets.length)
      partial.facets = { ...store.search.getState().query.facets, ...Object.fromEntries(presets) };
    if (this.q !== undefined) {
      partial.text = this.q;
      this.query.set(this.q);
    }
    if (pageSize !== 20 || store.search.getState().query.pageSize !== undefined) partial.pageSize = pageSize;
    if (Object.keys(partial).length) store.search.refine(partial);
  }

  #onSearch(s: SearchState): void {
    const previous = this.searchState;
    this.searchState = s;
    this.query.follow(s.query.text);
    if (!s.query.near) this.nearMe.label = undefined;
    if (previous?.result.total !== s.result.total || previous?.query.text !== s.query.text)
      this.announcer.later(
        () =>
          this.feedUsable && !(s.result.pending && s.result.total === 0)
            ? this.tr(M, 'count', s.result.total)
            : undefined,
        ANNOUNCE_DEBOUNCE_MS,
      );
    if (this.syncUrl) syncUrlState(URL_NAMESPACES.search, encodeSearchUrl(s.query, this.nearMe.label));
    if (this.jsonld) this.#scheduleJsonLd();
  }

  /** After a user action: tells the page what the query is now. */
  #userChanged(): void {
    const query = this.store?.search.getState().query;
    if (query) this.emit('ess-filters-change', query);
  }

  // --- Facets -----------------------------------------------------------------------------------

  #toggleFacet(name: FacetName, value: string): void {
    this.store?.search.toggleFacet(name, value);
    this.#userChanged();
  }

  #activeFilterCount(): number {
    const f = this.searchState?.query.facets ?? {};
    return Object.values(f).reduce((n, v) => n + (v?.length ?? 0), 0);
  }

  #clearAll(): void {
    this.store?.search.refine({ facets: undefined, text: undefined, near: undefined, sort: undefined });
    this.query.set('');
    this.nearMe.clear(false);
    this.#userChanged();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus());
  }

  // --- Results, pages, detail ------------------------------------------------------------------------

  #setSort(e: Event): void {
    const v = (e.target as HTMLSelectElement).value as NonNullable<SearchQuery['sort']>;
    this.store?.search.setSort(v);
    this.#userChanged();
  }

  async #goToPage(page: number): Promise<void> {
    this.store?.search.setPage(page);
    this.#userChanged();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#results-heading')?.focus();
  }

  /**
   * A structure selected elsewhere on the page (« Voir dans l'annuaire » of the orientation, a point of
   * the map): its card is marked when this page of results shows it; otherwise its detail opens here,
   * without taking the focus, so that the directory really shows what the page says it shows.
   */
  #reveal(id: string): void {
    if (this.detailId === id || !this.store?.structure(id)) return;
    if (!this.detailId && this.searchState?.result.hits.some((h) => h.record.id === id)) return;
    void this.#showDetail(id, false);
  }

  /** The person opened a card. */
  #open(id: string): Promise<void> {
    this.#selection = id;
    this.store?.select(id);
    this.emit('ess-select', { id });
    return this.#showDetail(id, true);
  }

  async #showDetail(id: string, focus: boolean): Promise<void> {
    this.#lastFocusedId = id;
    this.detailId = id;
    this.hours = undefined;
    const structure = this.store?.structure(id);
    // Offline and never loaded: the detail says so and offers to retry; closing still works.
    const detail = await this.detailPart.load();
    if (this.detailId !== id) return;
    // Its next events: the links are computed once per feed, on the first detail.
    if (detail && this.store && !this.store.links())
      void this.store.loadLinks().then(
        () => this.requestUpdate(),
        () => {},
      );
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
    if (structure?.openingHours && detail) this.hours = detail.describeHours(structure, this.l10n.locale);
  }

  async #closeDetail(): Promise<void> {
    const id = this.#lastFocusedId;
    this.detailId = undefined;
    await this.updateComplete;
    const button = [...this.renderRoot.querySelectorAll<HTMLElement>('.card-button')].find(
      (b) => b.dataset.id === id,
    );
    (button ?? this.renderRoot.querySelector<HTMLElement>('#results-heading'))?.focus();
  }

  #onDetailKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      void this.#closeDetail();
    }
  }

  // --- Export and JSON-LD ----------------------------------------------------------------------------

  async #export(kind: 'csv' | 'geojson'): Promise<void> {
    const store = this.store;
    const feed = this.feedState.feed;
    if (!store || !feed) return;
    this.exportStatus = 'busy';
    try {
      const mod = await import('./export.ts');
      mod.exportResults(kind, store, this.l10n.lang);
      this.exportStatus = 'done';
    } catch {
      this.exportStatus = '';
    }
  }

  #scheduleJsonLd(): void {
    if (this.#jsonLdScheduled) return;
    this.#jsonLdScheduled = true;
    void import('./parts/jsonld.ts').then((mod) => {
      this.#jsonLdScheduled = false;
      if (!this.jsonld || !this.isConnected || !this.feedUsable) return;
      const records = (this.searchState?.result.hits ?? []).map((h) => h.record);
      mod.publishJsonLd(this, records, (id) => this.store?.concept(id)?.label.fr);
    });
  }

  // --- Rendering -------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const level = this.headingLevel;
    return html`<section part="base" class="base" aria-labelledby="title">
      ${heading(level, this.heading || this.tr(M, 'title'), { id: 'title', part: 'heading' })}
      ${
        this.detailId || !this.feedUsable
          ? nothing
          : skipLink(this.tr(M, 'skipToResults'), () =>
              this.renderRoot.querySelector<HTMLElement>('#results-heading'),
            )
      }
      ${this.renderFeedStatus()}
      ${this.detailId ? this.#renderDetail(level + 1) : this.#renderSearch(level + 1)}
      ${this.announcer.render()}
    </section>`;
  }

  #renderSearch(level: number): TemplateResult {
    // A failed structures part is named in the status notice, never shown as "no results".
    const ready = this.feedUsable;
    const filters = this.#activeFilterCount();
    return html`
      <form role="search" aria-label=${this.tr(M, 'searchLabel')} part="search" class="search" @submit=${this.query.onSubmit}>
        <label for="q">${this.tr(M, 'searchLabel')}</label>
        <input
          id="q"
          type="search"
          autocomplete="off"
          enterkeyhint="search"
          placeholder=${this.tr(M, 'searchPlaceholder')}
          .value=${this.query.text}
          @input=${this.query.onInput}
        />
      </form>
      ${renderNear({ t: (key, ...args) => this.tr(M, key, ...args), near: this.searchState?.query.near, me: this.nearMe })}
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
            ${
              ready
                ? renderFacets({
                    t: (key, ...args) => this.tr(M, key, ...args),
                    state: this.searchState,
                    expanded: this.expandedFacets,
                    label: (name, value, label) =>
                      valueLabel(this.store, this.feedState.feed, this.l10n.lang, name, value, label),
                    number: (n) => this.l10n.number(n),
                    toggle: (name, value) => this.#toggleFacet(name, value),
                    setExpanded: (next) => {
                      this.expandedFacets = next;
                    },
                  })
                : nothing
            }
            ${filters ? html`<button type="button" @click=${this.#clearAll}>${this.tr(M, 'clearFilters')}</button>` : nothing}
          </div>
        </div>
        <div part="results" class="results">${ready ? renderResults(this.#resultsHost(), level) : nothing}</div>
      </div>
    `;
  }

  #resultsHost(): ResultsHost {
    return {
      state: this.searchState,
      selectedId: this.feedState.selectedId,
      t: (key, ...args) => this.tr(M, key, ...args),
      loading: this.tr(common, 'loading'),
      distance: (km) => this.l10n.distance(km),
      valueLabel: (name, value) => valueLabel(this.store, this.feedState.feed, this.l10n.lang, name, value),
      activeFilters: this.#activeFilterCount(),
      exportStatus: this.exportStatus,
      setSort: (e) => this.#setSort(e),
      goToPage: (page) => this.#goToPage(page),
      open: (id) => this.#open(id),
      setRadius: (km) => this.nearMe.setRadius(km),
      clearAll: () => this.#clearAll(),
      export: (kind) => this.#export(kind),
    };
  }

  #renderDetail(level: number): TemplateResult {
    const structure = this.detailId ? this.store?.structure(this.detailId) : undefined;
    const back = html`<button type="button" class="back" @click=${() => void this.#closeDetail()}>
      <span aria-hidden="true">←</span> ${this.tr(M, 'back')}
    </button>`;
    const detail = this.detailPart.value;
    let body: unknown;
    if (!structure) body = html`<p>${this.tr(M, 'detailNotFound')}</p>`;
    else if (this.detailPart.failed && !detail)
      body = html`<p class="notice error" part="error" role="alert">
        ${this.tr(M, 'detailFailed')}
        <button type="button" @click=${() => void this.#showDetail(structure.id, true)}>${this.tr(common, 'retry')}</button>
      </p>`;
    else if (!detail) body = html`<p role="status">${this.tr(M, 'detailLoading')}</p>`;
    else
      body = detail.renderStructure(structure, {
        store: this.store,
        l10n: this.l10n,
        hours: this.hours,
        level,
        say: (note) => this.announcer.say(note),
      });
    return html`<div part="detail" class="detail" @keydown=${this.#onDetailKeydown}>${back} ${body}</div>`;
  }
}

export type { Structure };

declare global {
  interface HTMLElementTagNameMap {
    'ess-directory': EssDirectory;
  }
}
