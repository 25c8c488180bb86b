import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  type Feed,
  loadPlaces,
  type PlacesModule,
  type TerritoryLevel,
  type TerritoryProfile,
  type TerritoryRef,
  territoryProfile,
} from '@essaim/sdk';
import { parseTerritory, warnAttribute } from '../internal/attributes.ts';
import { EssElement } from '../internal/ess-element.ts';
import { heading } from '../internal/heading.ts';
import { baseStyles } from '../internal/styles.ts';
import { territoireMessages as M } from './ess-territoire.i18n.ts';
import type { SectionsHost } from './parts/sections.ts';
import { territoireStyles } from './ess-territoire.styles.ts';

type SectionsModule = typeof import('./parts/sections.ts');
type UrlModule = typeof import('./parts/url.ts');

/** The territory attributes, from the finest level. */
export const ATTRS: ReadonlyArray<
  readonly ['communes' | 'epcis' | 'departements' | 'regions', TerritoryLevel]
> = [
  ['communes', 'commune'],
  ['epcis', 'epci'],
  ['departements', 'departement'],
  ['regions', 'region'],
];

/**
 * @tagname ess-territoire
 * @summary The social and solidarity economy of one territory at a glance, for elected officials and the
 * people who brief them: key figures, the structures by family, legal form, theme and public (each chart a
 * real table), by commune or intercommunality and per 10,000 inhabitants, against the parent territory,
 * the communes on a map of proportional circles (loaded when it comes into view, with its table), the
 * events of the last and next twelve months, and the coverage of the feed there — these are the
 * structures of the feed, not all of the territory's ESS, and the element says so. Official figures the
 * feed carries for the territory (its `indicators` part) come first, each with its source, year and
 * licence.
 *
 * One territory, by its official code, as on the other elements: `communes="93048"`, `epcis="200054781"`
 * (SIREN), `departements="93"` or `regions="11"` (with several codes, the first of the finest level is
 * shown). The figures come from `territoryProfile()` of `@essaim/sdk`; the names and populations (INSEE
 * 2023) load right after the first figures. "Télécharger les chiffres (CSV)" exports every figure;
 * printing gives a one- or two-page fiche with its sources and date. When an `<ess-directory>` or an
 * `<ess-agenda>` shares the page, links scope them to the territory.
 *
 * @csspart base - The whole profile.
 * @csspart heading - The title (the territory's name and level).
 * @csspart figures - The key figures.
 * @csspart caveat - The line saying what the figures count (the feed's records, not all of the territory's ESS).
 * @csspart table - Each table (one per chart).
 * @csspart bar - The bar of a row (the figure is always written beside it).
 * @csspart coverage - The coverage, freshness and credits.
 * @csspart actions - The export, print and link buttons.
 * @csspart empty - The "no structure here" message.
 * @csspart loading - The loading notice.
 * @csspart error - The error notice.
 * @csspart stale - The notice shown over stale or offline data.
 *
 * @cssprop --ess-territoire-bar - Colour of the bars (default: the primary colour).
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
export class EssTerritoire extends EssElement {
  static override styles = [baseStyles, territoireStyles];

  /** A commune: its INSEE code ("93048"). */
  @property() communes?: string;
  /** An EPCI: its SIREN ("200054781"). */
  @property() epcis?: string;
  /** A département: its code ("93", "2A"). */
  @property() departements?: string;
  /** A région: its code ("11"). */
  @property() regions?: string;
  /** Heading level of the title (2 to 6; sections use the next level). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** "Today" as `YYYY-MM-DD` for the twelve-month windows (default: the current date). */
  @property({ attribute: 'reference-date' }) referenceDate?: string;
  /** Opt-in: read the territory from the page URL (`ess-territoire-<level>=<code>`) and keep it there. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;

  @state() protected profile?: TerritoryProfile;
  @state() protected places?: PlacesModule;
  @state() protected placesFailed = false;
  /** The tables, coverage and actions, once their chunk is loaded (right after the first figures). */
  @state() protected sections?: SectionsModule;
  /** The URL codec, with `sync-url` (read before the first figures). */
  @state() protected url?: UrlModule;

  #key?: string;
  #feed?: Feed;
  #fromUrl?: TerritoryRef | undefined;
  #urlRead = false;
  #placesLoading = false;
  #sectionsLoading = false;
  #urlLoading = false;

  /** Its structures, and the official figures shown beside them: their failures are named in its notice. */
  protected override get feedParts() {
    return ['structures', 'indicators'] as const;
  }

  /** The territory shown (from the URL with `sync-url`, else from the attributes). */
  get territory(): TerritoryRef | undefined {
    if (this.syncUrl && this.url && !this.#urlRead) {
      this.#urlRead = true;
      this.#fromUrl = this.url.readTerritory();
    }
    if (this.#fromUrl) return this.#fromUrl;
    const t = parseTerritory(this);
    let found: TerritoryRef | undefined;
    for (const [attr, level] of ATTRS) {
      const codes = t[attr];
      if (!codes.length) continue;
      if (found || codes.length > 1)
        warnAttribute(
          this,
          attr,
          this[attr]!,
          found ? 'ignored: one territory at a time' : `${codes[0]} used`,
        );
      found ??= { level, code: codes[0]!.toUpperCase() };
    }
    return found;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.syncUrl && !this.url) {
      this.#loadUrl();
      return;
    }
    const feed = this.feedState.feed;
    const ref = this.territory;
    if (!feed || !ref) {
      this.profile = undefined;
      this.#key = undefined;
      return;
    }
    const key = JSON.stringify([ref, this.referenceDate, Boolean(this.places)]);
    if (key === this.#key && this.profile && this.#feed === feed) return;
    this.#key = key;
    this.#feed = feed;
    this.profile = this.#compute(feed, ref);
    if (this.syncUrl) this.url?.writeTerritory(ref);
  }

  #loadUrl(): void {
    if (this.#urlLoading) return;
    this.#urlLoading = true;
    import('./parts/url.ts').then(
      (m) => (this.url = m),
      () => (this.#urlLoading = false),
    );
  }

  #compute(feed: Feed, ref: TerritoryRef): TerritoryProfile {
    // A reference date is read as its midnight UTC (the profile imports no time-zone code).
    const now =
      this.referenceDate && /^\d{4}-\d{2}-\d{2}$/.test(this.referenceDate) ? this.referenceDate : undefined;
    return territoryProfile(feed, ref, { places: this.places, now });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (!this.profile) return;
    // A task after the first figures: the tables, then the names and populations (~410 KB of data).
    const later = () => new Promise((ok) => setTimeout(ok));
    if (!this.sections && !this.#sectionsLoading) {
      this.#sectionsLoading = true;
      later()
        .then(() => import('./parts/sections.ts'))
        .then(
          (m) => (this.sections = m),
          () => (this.#sectionsLoading = false),
        );
    }
    if (!this.places && !this.#placesLoading) {
      this.#placesLoading = true;
      later()
        .then(loadPlaces)
        .then(
          (m) => {
            this.placesFailed = false;
            this.places = m;
          },
          () => {
            this.#placesLoading = false;
            this.placesFailed = true;
          },
        );
    }
  }

  /** What the sections chunk needs from the element. */
  #host(): SectionsHost {
    const self = this;
    return {
      el: this,
      lang: this.l10n.lang,
      l10n: this.l10n,
      store: this.store,
      feed: this.feedState.feed,
      places: this.places,
      profile: this.profile,
      territory: this.territory,
      get permalink() {
        return self.syncUrl && self.url ? self.url.territoryLink(self.territory) : undefined;
      },
      concept: (key) => this.#concept(key),
      name: (level, code, name) => this.#name(level, code, name),
    };
  }

  // --- labels ---------------------------------------------------------------------------------------

  #name(level: TerritoryLevel, code: string, name: string | null): string {
    return name ?? this.tr(M, 'unnamed', level, code);
  }

  #concept(key: string): string | undefined {
    return this.store?.concept(key)?.label[this.l10n.lang];
  }

  // --- rendering ------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const status = this.renderFeedStatus();
    const ref = this.territory;
    if (!ref)
      return html`<section part="base"><p class="notice error" part="error" role="alert">${this.tr(M, 'noTerritory')}</p></section>`;
    const p = this.profile;
    const level = this.headingLevel;
    const title = p
      ? this.#name(p.territory.level, p.territory.code, p.territory.name)
      : this.tr(M, 'unnamed', ref.level, ref.code);
    return html`<section part="base" aria-labelledby="title">
      <header>
        ${heading(level, html`${title}<span class="level"> — ${this.tr(M, 'level', ref.level)}</span>`, { id: 'title', part: 'heading' })}
        <p class="subtitle">${this.tr(M, 'subtitle')}</p>
      </header>
      ${status}
      ${p ? this.#renderProfile(p, level + 1) : nothing}
    </section>`;
  }

  #renderProfile(p: TerritoryProfile, level: number): TemplateResult {
    const t = p.territory;
    const n = (x: number) => this.l10n.number(x);
    const placesNote = this.placesFailed
      ? html`<p class="notice" role="status">${this.tr(M, 'placesFailed')}</p>`
      : !this.places
        ? html`<p class="muted" role="status">${this.tr(M, 'placesLoading')}</p>`
        : nothing;
    const unknown =
      this.places && !t.known
        ? html`<p class="notice error" role="alert">${this.tr(M, 'unknownTerritory', t.level, t.code)}</p>`
        : nothing;
    const parent = p.parent;
    return html`${unknown}
      <section class="figures-section">
        ${heading(level, this.tr(M, 'keyFigures'), { id: 'figures-title' })}
        <dl part="figures" class="figures">
          <div><dt>${this.tr(M, 'structuresLabel')}</dt><dd>${n(t.structures)}</dd></div>
          ${
            t.per10k === null
              ? nothing
              : html`<div><dt>${this.tr(M, 'per10k')}</dt><dd>${this.l10n.number(t.per10k, { maximumFractionDigits: 1 })}</dd></div>`
          }
          ${
            t.population === null
              ? nothing
              : html`<div><dt>${this.tr(M, 'population')}</dt><dd>${n(t.population)}<small>${this.tr(M, 'populationNote', p.population!.year)}</small></dd></div>`
          }
          ${
            parent?.share != null
              ? html`<div class="wide"><dt>${this.tr(M, 'shareLabel')}</dt><dd class="text">${this.tr(
                  M,
                  'share',
                  parent.share,
                  parent.populationShare,
                  this.#name(parent.level, parent.code, parent.name),
                )}</dd></div>`
              : nothing
          }
          <div><dt>${this.tr(M, 'eventsPast')}</dt><dd>${n(p.events.past.events)}</dd></div>
          <div><dt>${this.tr(M, 'eventsNext')}</dt><dd>${n(p.events.next.events)}</dd></div>
        </dl>
        ${placesNote}
        ${p.population?.communesWithout ? html`<p class="muted">${this.tr(M, 'populationMissing', p.population.communesWithout)}</p>` : nothing}
        ${p.events.unexpanded ? html`<p class="muted">${this.tr(M, 'unexpanded', p.events.unexpanded)}</p>` : nothing}
        <p class="caveat" part="caveat">${this.tr(M, 'caveat', t.structures, p.coverage.sources.map((s) => s.name).join(', ') || '—')}</p>
      </section>
      ${t.structures === 0 ? html`<p class="notice" part="empty">${this.tr(M, 'empty')}</p>` : nothing}
      ${this.sections ? this.sections.renderSections(this.#host(), p, level) : nothing}`;
  }
}
