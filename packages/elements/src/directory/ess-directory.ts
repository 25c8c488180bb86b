import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseList, parseNumber, parseTerritory } from '../internal/attributes.ts';
import { type GeoStatus, locate } from '../internal/geolocation.ts';
import { type PlaceFieldText, type PlaceMatch, PlaceSuggest } from '../internal/place-suggest.ts';
import {
  decodeSearchUrl,
  encodeSearchUrl,
  type Feed,
  type FeedStore,
  readUrlState,
  syncUrlState,
  URL_NAMESPACES,
} from '@essaim/sdk';
import { Announcer } from '../internal/announcer.ts';
import { EssElement } from '../internal/ess-element.ts';
import { facetList } from '../internal/facet-list.ts';
import { LazyPart } from '../internal/lazy-part.ts';
import { TextQuery } from '../internal/text-query.ts';
import { heading } from '../internal/heading.ts';
import { common } from '../i18n/common.ts';
import { baseStyles } from '../internal/styles.ts';
import type { HoursInfo } from './detail.ts';
import { departementLabel } from './departements.ts';
import { directoryMessages as M } from './i18n.ts';
import { directoryStyles } from './styles.ts';
import type { FacetName, SearchHit, SearchQuery, SearchState, Structure } from './types.ts';
import type { EssDirectoryEvents } from '../events/events.ts';

/** The facets shown, in this order. */
const FACETS: readonly FacetName[] = ['family', 'legalForms', 'themes', 'publics', 'departement', 'commune'];
const RADII = [1, 2, 5, 10, 20, 50, 100] as const;
const DEFAULT_RADIUS = 10;
const FACET_LIMIT = 8;
const TEXT_DEBOUNCE_MS = 150;
const ANNOUNCE_DEBOUNCE_MS = 700;

const withPrefix = (prefix: string) => (v: string) => (v.includes('--') ? v : `${prefix}--${v}`);

const communeNames = new WeakMap<Feed, Map<string, string>>();
/**
 * Commune names by COG code, read once per feed from the structures' addresses: the name most of them
 * give (the official one, as the build writes it; a few addresses keep a name as written).
 */
function communesOf(feed: Feed | undefined): Map<string, string> {
  if (!feed) return new Map();
  let names = communeNames.get(feed);
  if (!names) {
    const counts = new Map<string, Map<string, number>>();
    for (const s of feed.structures) {
      const code = s.address?.cog?.commune;
      const name = s.address?.commune;
      if (!code || !name) continue;
      let c = counts.get(code);
      if (!c) counts.set(code, (c = new Map()));
      c.set(name, (c.get(name) ?? 0) + 1);
    }
    names = new Map();
    for (const [code, c] of counts) {
      let best = '';
      let n = 0;
      for (const [name, k] of c) if (k > n) [best, n] = [name, k];
      names.set(code, best);
    }
    communeNames.set(feed, names);
  }
  return names;
}

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
  static override styles = [baseStyles, directoryStyles];

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
  protected readonly detailPart = new LazyPart(this, () => import('./detail.ts'));
  @state() protected filtersOpen = false;
  @state() protected expandedFacets: ReadonlySet<FacetName> = new Set();
  @state() protected nearLabel?: string;
  @state() protected radius: number | undefined = DEFAULT_RADIUS;
  /** The communes / postcodes autocomplete of "près de chez moi". */
  protected readonly place = new PlaceSuggest(this, {
    onPick: (m) => this.#pickPlace(m),
    delay: TEXT_DEBOUNCE_MS,
    // Only the places of the feed's départements (a name elsewhere loads more).
    records: () => this.store?.getState().feed?.structures,
  });
  @state() protected geoStatus: GeoStatus = '';
  @state() protected detailId?: string;
  @state() protected hours?: HoursInfo;
  @state() protected exportStatus: '' | 'busy' | 'done' = '';

  #appliedKey?: string;
  #urlRead = false;
  #lastFocusedId?: string;
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
          this.nearLabel = fromUrl.nearLabel;
          this.radius = fromUrl.query.near.radiusKm;
        }
      }
    }
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
    if (changed.has('jsonld')) {
      if (this.jsonld) this.#scheduleJsonLd();
      else this.#jsonLdScript()?.remove();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
    if (!s.query.near) this.nearLabel = undefined;
    if (previous?.result.total !== s.result.total || previous?.query.text !== s.query.text)
      this.announcer.later(
        () =>
          this.feedUsable && !(s.result.pending && s.result.total === 0)
            ? this.tr(M, 'count', s.result.total)
            : undefined,
        ANNOUNCE_DEBOUNCE_MS,
      );
    if (this.syncUrl) syncUrlState(URL_NAMESPACES.search, encodeSearchUrl(s.query, this.nearLabel));
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

  #valueLabel(name: FacetName, value: string, label?: string): string {
    const lang = this.l10n.lang;
    const store = this.store;
    switch (name) {
      case 'family':
        return store?.concept(`families:${value}`)?.label[lang] ?? value;
      case 'legalForms':
        return store?.concept(`legal-forms:${value}`)?.label[lang] ?? value;
      case 'themes':
      case 'publics':
        return store?.concept(value)?.label[lang] ?? label ?? value;
      case 'departement':
        return departementLabel(value);
      case 'commune':
        return communesOf(this.feedState.feed).get(value) ?? value;
      default:
        return label ?? value;
    }
  }

  #activeFilterCount(): number {
    const f = this.searchState?.query.facets ?? {};
    return Object.values(f).reduce((n, v) => n + (v?.length ?? 0), 0);
  }

  #clearAll(): void {
    this.store?.search.refine({ facets: undefined, text: undefined, near: undefined, sort: undefined });
    this.query.set('');
    this.place.clear();
    this.nearLabel = undefined;
    this.#userChanged();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus());
  }

  // --- Near me ----------------------------------------------------------------------------------

  #pickPlace(match: PlaceMatch): void {
    const { lat, lon } = match.place;
    if (lat === undefined || lon === undefined) return;
    this.#setNear(lat, lon, match.label);
  }

  #setNear(lat: number, lon: number, label: string): void {
    this.nearLabel = label;
    this.store?.search.refine({ near: { lat, lon, radiusKm: this.radius }, sort: 'distance' });
    this.#userChanged();
  }

  #locate(): void {
    locate(
      (status) => {
        this.geoStatus = status;
      },
      (lat, lon) => {
        this.geoStatus = '';
        this.place.clear();
        this.#setNear(lat, lon, this.tr(M, 'myPosition'));
      },
    );
  }

  #setRadius(radius: number | undefined): void {
    this.radius = radius;
    const near = this.store?.search.getState().query.near;
    if (near) {
      this.store?.search.setNear({ lat: near.lat, lon: near.lon, radiusKm: radius });
      this.#userChanged();
    }
  }

  #clearNear(): void {
    this.store?.search.refine({ near: undefined, sort: undefined });
    this.place.clear();
    this.nearLabel = undefined;
    this.#userChanged();
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

  async #open(id: string): Promise<void> {
    this.#lastFocusedId = id;
    this.store?.select(id);
    this.emit('ess-select', { id });
    this.detailId = id;
    this.hours = undefined;
    const structure = this.store?.structure(id);
    // Offline and never loaded: the detail says so and offers to retry; closing still works.
    const detail = await this.detailPart.load();
    if (this.detailId !== id) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
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

  #jsonLdScript(): HTMLScriptElement | undefined {
    return [...this.children].find(
      (c): c is HTMLScriptElement => c instanceof HTMLScriptElement && c.dataset.essaim === 'jsonld',
    );
  }

  #scheduleJsonLd(): void {
    if (this.#jsonLdScheduled) return;
    this.#jsonLdScheduled = true;
    void import('./jsonld.ts').then((mod) => {
      this.#jsonLdScheduled = false;
      const hits = this.searchState?.result.hits ?? [];
      if (!this.jsonld || !this.isConnected || !this.feedUsable) return;
      let script = this.#jsonLdScript();
      if (!script) {
        script = document.createElement('script');
        script.type = 'application/ld+json';
        script.dataset.essaim = 'jsonld';
        this.append(script);
      }
      mod.setJsonScript(
        script,
        mod.jsonLdText(
          hits.map((h) => h.record),
          (id) => this.store?.concept(id)?.label.fr,
        ),
      );
    });
  }

  // --- Rendering -------------------------------------------------------------------------------------

  override render(): TemplateResult {
    const level = this.headingLevel;
    return html`<section part="base" class="base" aria-labelledby="title">
      ${heading(level, this.heading || this.tr(M, 'title'), { id: 'title', part: 'heading' })}
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
      ${this.#renderNear()}
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
            ${ready ? FACETS.map((f) => this.#renderFacet(f)) : nothing}
            ${filters ? html`<button type="button" @click=${this.#clearAll}>${this.tr(M, 'clearFilters')}</button>` : nothing}
          </div>
        </div>
        <div part="results" class="results">${ready ? this.#renderResults(level) : nothing}</div>
      </div>
    `;
  }

  #placeText(): PlaceFieldText {
    return {
      label: this.tr(M, 'placeLabel'),
      hint: this.tr(M, 'placeHint'),
      loading: this.tr(M, 'placesLoading'),
      error: this.tr(M, 'placesError'),
      none: this.tr(M, 'placesNone'),
    };
  }

  #renderNear(): TemplateResult {
    const near = this.searchState?.query.near;
    const geo = this.geoStatus
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
    return html`<fieldset part="near" class="near">
      <legend>${this.tr(M, 'nearLegend')}</legend>
      <div class="near-row">
        ${this.place.render(this.#placeText())}
        <div class="near-actions">
          <button type="button" class="locate" @click=${this.#locate}>${this.tr(M, 'locate')}</button>
          <span class="radius">
            <label for="radius">${this.tr(M, 'radius')}</label>
            <select id="radius" @change=${(e: Event) => this.#setRadius(Number((e.target as HTMLSelectElement).value) || undefined)}>
              ${RADII.map((r) => html`<option value=${r} ?selected=${this.radius === r}>${this.tr(M, 'radiusKm', r)}</option>`)}
              <option value="" ?selected=${this.radius === undefined}>${this.tr(M, 'radiusAny')}</option>
            </select>
          </span>
        </div>
      </div>
      <p class="geo-status" role="status">${geo}</p>
      ${
        near
          ? html`<p class="near-active">
            ${this.tr(M, 'nearActive', this.nearLabel ?? this.tr(M, 'myPosition'))}
            <button type="button" @click=${this.#clearNear}>${this.tr(M, 'clearNear')}</button>
          </p>`
          : nothing
      }
    </fieldset>`;
  }

  #renderFacet(name: FacetName) {
    const expanded = this.expandedFacets.has(name);
    return facetList({
      legend: this.tr(M, `facet_${name}` as keyof typeof M.fr & `facet_${string}`),
      values: this.searchState?.result.facets[name],
      limit: FACET_LIMIT,
      expanded,
      label: (value, label) => this.#valueLabel(name, value, label),
      number: (n) => this.l10n.number(n),
      toggle: (value) => this.#toggleFacet(name, value),
      setExpanded: (open) => {
        const next = new Set(this.expandedFacets);
        if (open) next.add(name);
        else next.delete(name);
        this.expandedFacets = next;
      },
      moreText: (more) => this.tr(M, 'showMoreValues', more),
      fewerText: this.tr(M, 'showFewerValues'),
    });
  }

  #renderResults(level: number): TemplateResult {
    const s = this.searchState;
    if (!s) return html``;
    const { result, query } = s;
    const sorts = ['relevance', 'name', 'distance', 'updated'] as const;
    return html`
      ${heading(level, this.tr(M, 'results'), { id: 'results-heading', focusable: true })}
      <div class="toolbar">
        <p part="count" class="count">${this.tr(M, 'count', result.total)}</p>
        ${
          result.total > 1
            ? html`<span class="sort">
              <label for="sort">${this.tr(M, 'sort')}</label>
              <select id="sort" @change=${this.#setSort}>
                ${sorts.map(
                  (k) =>
                    html`<option value=${k} ?selected=${result.sort === k} ?disabled=${k === 'distance' && !query.near}>
                      ${this.tr(M, `sort_${k}`)}
                    </option>`,
                )}
              </select>
            </span>`
            : nothing
        }
      </div>
      ${
        result.pending && result.total === 0
          ? // The search engine is still loading (a moment after the first results): not "no result".
            html`<p class="notice" part="loading" role="status">${this.tr(common, 'loading')}</p>`
          : result.total === 0
            ? this.#renderEmpty()
            : this.#renderList(result.hits, level + 1)
      }
      ${result.pages > 1 ? this.#renderPagination(result.page, result.pages) : nothing}
      ${result.total > 0 ? this.#renderExport(result.total) : nothing}
    `;
  }

  #renderEmpty(): TemplateResult {
    const near = this.searchState?.query.near;
    const bigger = near?.radiusKm ? RADII.find((r) => r > near.radiusKm!) : undefined;
    const hasFilters = this.#activeFilterCount() > 0 || !!this.searchState?.query.text || !!near;
    return html`<div part="empty" class="empty">
      <p><strong>${this.tr(M, 'empty')}</strong></p>
      <p>${this.tr(M, 'emptyHelp')}</p>
      <p class="actions">
        ${bigger ? html`<button type="button" @click=${() => this.#setRadius(bigger)}>${this.tr(M, 'widenRadius', bigger)}</button>` : nothing}
        ${hasFilters ? html`<button type="button" @click=${this.#clearAll}>${this.tr(M, 'clearFilters')}</button>` : nothing}
      </p>
    </div>`;
  }

  #renderList(hits: readonly SearchHit[], level: number): TemplateResult {
    const selected = this.feedState.selectedId;
    return html`<ul part="list" class="cards" aria-labelledby="results-heading">
      ${hits.map((h) => this.#renderCard(h, h.record.id === selected, level))}
    </ul>`;
  }

  #renderCard(hit: SearchHit, selected: boolean, level: number): TemplateResult {
    const s = hit.record;
    const family = this.#valueLabel('family', s.family);
    const themes = (s.themes ?? []).slice(0, 4).map((t) => this.#valueLabel('themes', t));
    const button = html`<button
      type="button"
      class="card-button"
      data-id=${s.id}
      aria-current=${selected ? 'true' : nothing}
      @click=${() => void this.#open(s.id)}
    >
      ${s.name}
    </button>`;
    return html`<li>
      <article class="card ${selected ? 'selected' : ''}" part=${selected ? 'card card-selected' : 'card'}>
        ${heading(level, button)}
        <p class="meta">
          <span>${family}</span>
          ${s.address?.commune ? html`<span>${s.address.commune}</span>` : nothing}
          ${
            hit.distanceKm !== undefined
              ? html`<span><span class="sr-only">${this.tr(M, 'distance')} : </span>${this.l10n.distance(hit.distanceKm)}</span>`
              : nothing
          }
        </p>
        ${themes.length ? html`<p class="themes">${themes.join(' · ')}</p>` : nothing}
      </article>
    </li>`;
  }

  #renderPagination(page: number, pages: number): TemplateResult {
    return html`<nav part="pagination" class="pagination" aria-label=${this.tr(M, 'pagination')}>
      <button type="button" ?disabled=${page <= 1} @click=${() => void this.#goToPage(page - 1)}>
        ${this.tr(M, 'previous')}
      </button>
      <span>${this.tr(M, 'pageOf', page, pages)}</span>
      <button type="button" ?disabled=${page >= pages} @click=${() => void this.#goToPage(page + 1)}>
        ${this.tr(M, 'next')}
      </button>
    </nav>`;
  }

  #renderExport(total: number): TemplateResult {
    return html`<div part="export" class="export" role="group" aria-labelledby="export-label">
      <span id="export-label">${this.tr(M, 'export')} :</span>
      <button type="button" @click=${() => void this.#export('csv')}>${this.tr(M, 'exportCsv')}</button>
      <button type="button" @click=${() => void this.#export('geojson')}>${this.tr(M, 'exportGeojson')}</button>
      <p class="hint">
        ${this.tr(M, 'exportHelp', total)}
        <span role="status">${this.exportStatus === 'busy' ? this.tr(M, 'exporting') : this.exportStatus === 'done' ? this.tr(M, 'exportDone') : ''}</span>
      </p>
    </div>`;
  }

  #renderDetail(level: number): TemplateResult {
    const structure = this.detailId ? this.store?.structure(this.detailId) : undefined;
    const back = html`<button type="button" class="back" @click=${() => void this.#closeDetail()}>
      ← ${this.tr(M, 'back')}
    </button>`;
    const detail = this.detailPart.value;
    let body: unknown;
    if (!structure) body = html`<p>${this.tr(M, 'detailNotFound')}</p>`;
    else if (this.detailPart.failed && !detail)
      body = html`<p class="notice error" part="error" role="alert">
        ${this.tr(M, 'detailFailed')}
        <button type="button" @click=${() => void this.#open(structure.id)}>${this.tr(common, 'retry')}</button>
      </p>`;
    else if (!detail) body = html`<p role="status">${this.tr(M, 'detailLoading')}</p>`;
    else
      body = detail.renderDetail(structure, {
        lang: this.l10n.lang,
        l10n: this.l10n,
        label: (name, value) => this.#valueLabel(name, value),
        hours: this.hours,
        reportErrorUrl: this.feedState.feed?.manifest.reportErrorUrl,
        heading: (content) => heading(level, content, { id: 'detail-heading', focusable: true }),
        subheading: (content) => heading(level + 1, content),
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
