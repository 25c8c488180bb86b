import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import {
  type Breakdown,
  dateKeyOf,
  decodeTerritoryUrl,
  encodeTerritoryUrl,
  type Feed,
  isRecurrenceLoaded,
  loadPlaces,
  loadRecurrence,
  type PlacesModule,
  readUrlState,
  syncUrlState,
  type TerritoryLevel,
  type TerritoryProfile,
  type TerritoryRef,
  territoryProfile,
  URL_NAMESPACES,
  writeUrlState,
} from '@essaim/sdk';
import { parseTerritory, warnAttribute } from '../internal/attributes.ts';
import { EssElement } from '../internal/ess-element.ts';
import { heading } from '../internal/heading.ts';
import { baseStyles } from '../internal/styles.ts';
import { territoireMessages as M } from './i18n.ts';
import { territoireStyles } from './styles.ts';

/** The territory attributes, from the finest level. */
const ATTRS: ReadonlyArray<readonly ['communes' | 'epcis' | 'departements' | 'regions', TerritoryLevel]> = [
  ['communes', 'commune'],
  ['epcis', 'epci'],
  ['departements', 'departement'],
  ['regions', 'region'],
];
/** Rows of a parts table printed on the fiche (the CSV has them all). */
const PRINTED_PARTS = 25;

type Row = { id: string; label: string; count: number };

/**
 * @tagname ess-territoire
 * @summary The social and solidarity economy of one territory at a glance, for elected officials and the
 * people who brief them: key figures, the structures by family, legal form, theme and public (each chart a
 * real table), by commune or intercommunality and per 10,000 inhabitants, against the parent territory,
 * the events of the last and next twelve months, and the coverage of the feed there — these are the
 * structures of the feed, not all of the territory's ESS, and the element says so.
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
 * @cssprop --ess-color-primary - Links, buttons and accents (default `light-dark(#000091, #8585f6)`).
 * @cssprop --ess-color-text - Body text (default `light-dark(#1e1e1e, #e5e5e5)`).
 * @cssprop --ess-color-text-muted - Secondary text (default `light-dark(#555555, #a6a6a6)`).
 * @cssprop --ess-color-surface - Background (default `light-dark(#ffffff, #161616)`).
 * @cssprop --ess-color-surface-alt - Background of panels (default `light-dark(#f5f5fe, #1e1e1e)`).
 * @cssprop --ess-color-border - Borders (default `light-dark(#929292, #7b7b7b)`).
 * @cssprop --ess-font-family - Font family (default: the page's).
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
  @state() protected recurrence = false;

  #key?: string;
  #fromUrl?: TerritoryRef | undefined;
  #urlRead = false;
  #placesLoading = false;

  /** The territory shown (from the URL with `sync-url`, else from the attributes). */
  get territory(): TerritoryRef | undefined {
    if (this.syncUrl && !this.#urlRead && typeof location !== 'undefined') {
      this.#urlRead = true;
      this.#fromUrl = decodeTerritoryUrl(readUrlState(location.search, URL_NAMESPACES.territory));
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
    const feed = this.feedState.feed;
    const ref = this.territory;
    if (!feed || !ref) {
      this.profile = undefined;
      this.#key = undefined;
      return;
    }
    const key = JSON.stringify([ref, this.referenceDate, Boolean(this.places), this.recurrence]);
    if (key === this.#key && this.profile && this.#feed === feed) return;
    this.#key = key;
    this.#feed = feed;
    this.profile = this.#compute(feed, ref);
    if (this.syncUrl) syncUrlState(URL_NAMESPACES.territory, encodeTerritoryUrl(ref));
  }

  #feed?: Feed;

  #compute(feed: Feed, ref: TerritoryRef): TerritoryProfile {
    const now =
      this.referenceDate && /^\d{4}-\d{2}-\d{2}$/.test(this.referenceDate) ? this.referenceDate : undefined;
    return territoryProfile(feed, ref, { places: this.places, now });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // After the first figures: the names and populations, and the repeating events' rule engine.
    if (this.profile && !this.places && !this.#placesLoading) {
      this.#placesLoading = true;
      loadPlaces().then(
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
    if (this.profile?.events.unexpanded && !this.recurrence)
      void loadRecurrence().then(() => (this.recurrence = isRecurrenceLoaded()));
  }

  // --- labels ---------------------------------------------------------------------------------------

  #name(level: TerritoryLevel, code: string, name: string | null): string {
    return name ?? this.tr(M, 'unnamed', level, code);
  }

  #concept(key: string): string | undefined {
    return this.store?.concept(key)?.label[this.l10n.lang];
  }

  #rows(b: Breakdown, label: (id: string) => string): Row[] {
    const rows = b.items.map((i) => ({ id: i.id, label: label(i.id), count: i.count }));
    if (b.none) rows.push({ id: '', label: this.tr(M, 'none'), count: b.none });
    return rows;
  }

  /** The labelled breakdowns, as shown and exported. */
  charts(p: TerritoryProfile): { key: string; title: string; rows: Row[]; multi: boolean }[] {
    const concept = (id: string) => this.#concept(id) ?? id;
    return [
      {
        key: 'famille',
        title: this.tr(M, 'byFamily'),
        rows: this.#rows(p.byFamily, (id) => this.#concept(`families:${id}`) ?? id),
        multi: false,
      },
      { key: 'thematique', title: this.tr(M, 'byTheme'), rows: this.#rows(p.byTheme, concept), multi: true },
      {
        key: 'statut',
        title: this.tr(M, 'byLegalForm'),
        rows: this.#rows(p.byLegalForm, (id) => this.#concept(`legal-forms:${id}`) ?? id),
        multi: true,
      },
      { key: 'public', title: this.tr(M, 'byPublic'), rows: this.#rows(p.byPublic, concept), multi: true },
    ];
  }

  // --- actions --------------------------------------------------------------------------------------

  async #downloadCsv(): Promise<void> {
    const p = this.profile;
    if (!p) return;
    const { profileCsv } = await import('./parts/export.ts');
    const { download } = await import('../directory/export.ts');
    const name = `ess-territoire-${p.territory.level}-${p.territory.code}-${dateKeyOf(Date.parse(p.now))}.csv`;
    download(new Blob([profileCsv(this, p)], { type: 'text/csv;charset=utf-8' }), name);
  }

  /** The `<ess-directory>` and `<ess-agenda>` of the same `<ess-feed>` (or of the page). */
  #siblings(tag: 'ess-directory' | 'ess-agenda'): Element[] {
    const scope = this.closest('ess-feed') ?? this.ownerDocument;
    return [...scope.querySelectorAll(tag)];
  }

  /** Scopes a sibling directory or agenda to the territory (user action), and brings it into view. */
  #scope(tag: 'ess-directory' | 'ess-agenda'): void {
    const ref = this.territory;
    const target = this.#siblings(tag)[0];
    if (!ref || !target) return;
    for (const [attr, level] of ATTRS) {
      if (level === ref.level) target.setAttribute(attr, ref.code);
      else target.removeAttribute(attr);
    }
    target.scrollIntoView({ block: 'start' });
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
    const lang = this.l10n.lang;
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
      ${t.structures === 0 ? html`<p class="notice" part="empty">${this.tr(M, 'empty')}</p>` : this.#renderCharts(p, level)}
      ${this.#renderEvents(p, level)} ${this.#renderCoverage(p, level, lang)} ${this.#renderActions(p, level)}`;
  }

  #bar(count: number, max: number): TemplateResult {
    return html`<span class="bar" part="bar" aria-hidden="true"
      ><span style=${styleMap({ inlineSize: `${max ? (100 * count) / max : 0}%` })}></span
    ></span>`;
  }

  #renderCharts(p: TerritoryProfile, level: number): TemplateResult {
    const total = p.territory.structures;
    const pct = (x: number) =>
      this.l10n.number(total ? x / total : 0, { style: 'percent', maximumFractionDigits: 0 });
    const charts = this.charts(p).filter((c) => c.rows.some((r) => r.id));
    return html`<div class="charts">
        ${charts.map((c) => {
          const max = Math.max(...c.rows.map((r) => r.count));
          return html`<section class="chart">
            ${heading(level, c.title, { id: `t-${c.key}` })}
            <table part="table">
              <thead><tr>
                <th scope="col">${this.tr(M, 'value')}</th>
                <th scope="col" class="num">${this.tr(M, 'count')}</th>
                <th scope="col" class="num">${this.tr(M, 'shareCol')}</th>
              </tr></thead>
              <tbody>
                ${c.rows.map(
                  (r) => html`<tr class=${r.id ? '' : 'none'}>
                    <th scope="row">${r.label}</th>
                    <td class="num">${this.l10n.number(r.count)}${this.#bar(r.count, max)}</td>
                    <td class="num">${pct(r.count)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            ${c.multi ? html`<p class="muted">${this.tr(M, 'multiNote')}</p>` : nothing}
          </section>`;
        })}
      </div>
      ${this.#renderNetworks(p, level)} ${this.#renderParts(p, level)} ${this.#renderYears(p, level)}`;
  }

  #renderNetworks(p: TerritoryProfile, level: number): TemplateResult {
    const items = p.byNetwork.items;
    return html`<section>
      ${heading(level, this.tr(M, 'networks'), { id: 't-networks' })}
      ${
        items.length
          ? html`<ul class="networks">
            ${items.map((i) => html`<li>${i.id} <span class="muted">(${this.tr(M, 'structures', i.count)})</span></li>`)}
          </ul>`
          : html`<p class="muted">${this.tr(M, 'noNetwork')}</p>`
      }
    </section>`;
  }

  #renderParts(p: TerritoryProfile, level: number): TemplateResult | typeof nothing {
    const parts = p.parts;
    if (!parts?.items.length) return nothing;
    const n = (x: number | null) => (x === null ? '—' : this.l10n.number(x));
    const max = Math.max(...parts.items.map((i) => i.structures));
    const within = p.territory.level !== 'epci';
    return html`<section class="parts">
      ${heading(level, this.tr(M, 'parts', parts.level), { id: 't-parts' })}
      <div class="scroll" tabindex="0" role="region" aria-labelledby="t-parts">
        <table part="table">
          <thead><tr>
            <th scope="col">${this.tr(M, 'partName', parts.level)}</th>
            <th scope="col">${this.tr(M, 'code')}</th>
            <th scope="col" class="num">${this.tr(M, 'count')}</th>
            <th scope="col" class="num">${this.tr(M, within ? 'partPopulationIn' : 'partPopulation')}</th>
            <th scope="col" class="num">${this.tr(M, 'per10k')}</th>
          </tr></thead>
          <tbody>
            ${parts.items.map(
              (i, k) => html`<tr class=${k >= PRINTED_PARTS ? 'screen-only' : ''}>
                <th scope="row">${i.name ?? i.code}</th>
                <td>${i.code}</td>
                <td class="num">${n(i.structures)}${this.#bar(i.structures, max)}</td>
                <td class="num">${n(i.population)}</td>
                <td class="num">${i.per10k === null ? '—' : this.l10n.number(i.per10k, { maximumFractionDigits: 1 })}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${parts.items.length > PRINTED_PARTS ? html`<p class="print-only muted">${this.tr(M, 'partsCut', PRINTED_PARTS, parts.items.length)}</p>` : nothing}
      ${parts.unassigned ? html`<p class="muted">${this.tr(M, 'unassigned', parts.unassigned)}</p>` : nothing}
    </section>`;
  }

  #renderYears(p: TerritoryProfile, level: number): TemplateResult | typeof nothing {
    const y = p.recordYears;
    if (!y.items.length) return nothing;
    const max = Math.max(...y.items.map((i) => i.count), y.unknown);
    return html`<section class="chart">
      ${heading(level, this.tr(M, 'recordYears'), { id: 't-years' })}
      <table part="table">
        <thead><tr><th scope="col">${this.tr(M, 'year')}</th><th scope="col" class="num">${this.tr(M, 'count')}</th></tr></thead>
        <tbody>
          ${y.items.map(
            (i) =>
              html`<tr><th scope="row">${i.year}</th><td class="num">${this.l10n.number(i.count)}${this.#bar(i.count, max)}</td></tr>`,
          )}
          ${y.unknown ? html`<tr class="none"><th scope="row">${this.tr(M, 'unknownYear')}</th><td class="num">${this.l10n.number(y.unknown)}${this.#bar(y.unknown, max)}</td></tr>` : nothing}
        </tbody>
      </table>
      <p class="muted">${this.tr(M, 'recordYearsNote')}</p>
    </section>`;
  }

  #renderEvents(p: TerritoryProfile, level: number): TemplateResult | typeof nothing {
    const list = p.events.upcoming;
    if (!list.length) return nothing;
    return html`<section>
      ${heading(level, this.tr(M, 'upcoming'), { id: 't-events' })}
      <ul class="events">
        ${list.map(
          (e) =>
            html`<li><time datetime=${e.start}>${this.l10n.date(e.start, { dateStyle: 'long' })}</time> — ${e.title}</li>`,
        )}
      </ul>
    </section>`;
  }

  #renderCoverage(p: TerritoryProfile, level: number, lang: 'fr' | 'en'): TemplateResult {
    const c = p.coverage;
    const sourceName = (id: string) => c.sources.find((s) => s.id === id)?.name ?? id;
    const manifest = this.feedState.feed?.manifest;
    const date = (d: string) => this.l10n.date(d, { dateStyle: 'long' });
    return html`<section part="coverage" class="coverage">
      ${heading(level, this.tr(M, 'coverage'), { id: 't-coverage' })}
      ${
        c.bySource.length
          ? html`<table part="table">
            <caption>${this.tr(M, 'bySource')}</caption>
            <thead><tr><th scope="col">${this.tr(M, 'source')}</th><th scope="col" class="num">${this.tr(M, 'count')}</th></tr></thead>
            <tbody>${c.bySource.map((s) => html`<tr><th scope="row">${sourceName(s.id)}</th><td class="num">${this.l10n.number(s.count)}</td></tr>`)}</tbody>
          </table>`
          : nothing
      }
      <ul>
        <li>${this.tr(M, 'updated', c.updatedLast12Months, c.updatedShare)}</li>
        ${c.oldestUpdate && c.newestUpdate ? html`<li>${this.tr(M, 'updatedRange', date(c.oldestUpdate), date(c.newestUpdate))}</li>` : nothing}
        ${p.territory.structures ? html`<li>${this.tr(M, 'withoutCoordinates', c.withoutCoordinates)}</li>` : nothing}
        ${c.feedWithoutCode ? html`<li>${this.tr(M, 'feedWithoutCode', c.feedWithoutCode, p.territory.level)}</li>` : nothing}
        ${p.population ? html`<li>${p.population.label[lang]}</li>` : nothing}
      </ul>
      ${heading(level + 1, this.tr(M, 'credits'), { cls: 'credits-title' })}
      <ul class="credits">
        ${(c.sources.length ? c.sources : (manifest?.sources ?? [])).map(
          (s) => html`<li>${s.attribution} — ${s.licence.name}</li>`,
        )}
      </ul>
      <p class="muted">${this.tr(M, 'generated', date(new Date().toISOString()), manifest?.updated ? date(manifest.updated) : undefined)}</p>
    </section>`;
  }

  #renderActions(p: TerritoryProfile, level: number): TemplateResult {
    const directories = this.#siblings('ess-directory').length;
    const agendas = this.#siblings('ess-agenda').length;
    const permalink =
      this.syncUrl && typeof location !== 'undefined'
        ? writeUrlState(location.href, URL_NAMESPACES.territory, encodeTerritoryUrl(this.territory))
        : undefined;
    return html`<section part="actions" class="actions">
      ${heading(level, this.tr(M, 'actions'), { id: 't-actions', cls: 'sr-only' })}
      <button type="button" @click=${() => void this.#downloadCsv()}>${this.tr(M, 'csv')}</button>
      <button type="button" @click=${() => window.print()}>${this.tr(M, 'print')}</button>
      ${permalink ? html`<a href=${permalink}>${this.tr(M, 'permalink')}</a>` : nothing}
      ${directories ? html`<button type="button" @click=${() => this.#scope('ess-directory')}>${this.tr(M, 'seeDirectory', p.territory.structures)}</button>` : nothing}
      ${agendas ? html`<button type="button" @click=${() => this.#scope('ess-agenda')}>${this.tr(M, 'seeAgenda')}</button>` : nothing}
    </section>`;
  }
}
