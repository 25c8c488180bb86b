/**
 * `<ess-territoire>`'s tables, coverage, credits and actions: a chunk loaded right after the first key
 * figures (they need none of it). Every chart is a real table; its bars only repeat the figure written
 * beside them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type {
  Breakdown,
  Feed,
  FeedStore,
  PlacesModule,
  TerritoryLevel,
  TerritoryProfile,
  TerritoryRef,
} from '@essaim/sdk';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { Lang, LocalizeController } from '../../internal/localize.ts';
import { ATTRS } from '../ess-territoire.ts';
import { territoireMessages } from '../ess-territoire.i18n.ts';
import { renderCommunes } from './communes.ts';
import { renderIndicators } from './indicators.ts';
import { sectionMessages as S } from './sections.i18n.ts';

/** Rows of a parts table printed on the fiche (the CSV has them all). */
const PRINTED_PARTS = 12;

export type Row = { id: string; label: string; count: number };
export type Chart = { key: string; title: string; rows: Row[]; multi: boolean };

/** What the sections need from the element. */
export interface SectionsHost {
  readonly el: HTMLElement;
  readonly lang: Lang;
  readonly l10n: LocalizeController;
  readonly store: FeedStore | undefined;
  readonly feed: Feed | undefined;
  /** `@essaim/sdk/places`, once loaded (names, centres of the communes). */
  readonly places: PlacesModule | undefined;
  readonly profile: TerritoryProfile | undefined;
  readonly territory: TerritoryRef | undefined;
  /** The permanent link (with `sync-url`). */
  readonly permalink: string | undefined;
  concept(key: string): string | undefined;
  name(level: TerritoryLevel, code: string, name: string | null): string;
}

type SM = typeof S.fr;
const t = <K extends keyof SM>(h: SectionsHost, key: K, ...args: Args<SM[K]>): string =>
  translate(S, h.lang, key, ...args);

/** Everything after the key figures. */
export function renderSections(h: SectionsHost, p: TerritoryProfile, level: number): TemplateResult {
  return html`${renderIndicators(h, p, level)}
    ${p.territory.structures === 0 ? nothing : renderCharts(h, p, level)}
    ${renderEvents(h, p, level)} ${renderCoverage(h, p, level, h.lang)} ${renderActions(h, p, level)}`;
}

function rows(h: SectionsHost, b: Breakdown, label: (id: string) => string): Row[] {
  const rows = b.items.map((i) => ({ id: i.id, label: label(i.id), count: i.count }));
  if (b.none) rows.push({ id: '', label: t(h, 'none'), count: b.none });
  return rows;
}

/** The labelled breakdowns, as shown and exported. */
export function charts(h: SectionsHost, p: TerritoryProfile): Chart[] {
  const concept = (id: string) => h.concept(id) ?? id;
  return [
    {
      key: 'famille',
      title: t(h, 'byFamily'),
      rows: rows(h, p.byFamily, (id) => h.concept(`families:${id}`) ?? id),
      multi: false,
    },
    { key: 'thematique', title: t(h, 'byTheme'), rows: rows(h, p.byTheme, concept), multi: true },
    {
      key: 'statut',
      title: t(h, 'byLegalForm'),
      rows: rows(h, p.byLegalForm, (id) => h.concept(`legal-forms:${id}`) ?? id),
      multi: true,
    },
    { key: 'public', title: t(h, 'byPublic'), rows: rows(h, p.byPublic, concept), multi: true },
  ];
}

// --- actions --------------------------------------------------------------------------------------

async function downloadCsv(h: SectionsHost): Promise<void> {
  const p = h.profile;
  if (!p) return;
  const { profileCsv } = await import('./export.ts');
  const { download } = await import('../../directory/export.ts');
  const name = `ess-territoire-${p.territory.level}-${p.territory.code}-${p.now.slice(0, 10)}.csv`;
  download(new Blob([profileCsv(charts(h, p), p)], { type: 'text/csv;charset=utf-8' }), name);
}

/** The `<ess-directory>` and `<ess-agenda>` of the same `<ess-feed>` (or of the page). */
function siblings(h: SectionsHost, tag: 'ess-directory' | 'ess-agenda'): Element[] {
  const scope = h.el.closest('ess-feed') ?? h.el.ownerDocument;
  return [...scope.querySelectorAll(tag)];
}

/** Scopes a sibling directory or agenda to the territory (user action), and brings it into view. */
function scope(h: SectionsHost, tag: 'ess-directory' | 'ess-agenda'): void {
  const ref = h.territory;
  const target = siblings(h, tag)[0];
  if (!ref || !target) return;
  for (const [attr, level] of ATTRS) {
    if (level === ref.level) target.setAttribute(attr, ref.code);
    else target.removeAttribute(attr);
  }
  target.scrollIntoView({ block: 'start' });
}

/**
 * A bar that repeats a figure: an SVG rectangle whose width is an attribute, not a style (a `style`
 * attribute written from the markup is blocked by a strict Content-Security-Policy without
 * 'unsafe-inline', which host pages may have).
 */
function bar(count: number, max: number): TemplateResult {
  return html`<svg class="bar" part="bar" aria-hidden="true" focusable="false"
    ><rect height="100%" width=${`${max ? (100 * count) / max : 0}%`}></rect
  ></svg>`;
}

function renderCharts(h: SectionsHost, p: TerritoryProfile, level: number): TemplateResult {
  const total = p.territory.structures;
  const pct = (x: number) =>
    h.l10n.number(total ? x / total : 0, { style: 'percent', maximumFractionDigits: 0 });
  const list = charts(h, p).filter((c) => c.rows.some((r) => r.id));
  return html`<div class="charts">
      ${list.map((c) => {
        const max = Math.max(...c.rows.map((r) => r.count));
        return html`<section class="chart">
          ${heading(level, c.title, { id: `t-${c.key}` })}
          <table part="table">
            <thead><tr>
              <th scope="col">${t(h, 'value')}</th>
              <th scope="col" class="num">${t(h, 'count')}</th>
              <th scope="col" class="num">${t(h, 'shareCol')}</th>
            </tr></thead>
            <tbody>
              ${c.rows.map(
                (r) => html`<tr class=${r.id ? '' : 'none'}>
                  <th scope="row">${r.label}</th>
                  <td class="num">${h.l10n.number(r.count)}${bar(r.count, max)}</td>
                  <td class="num">${pct(r.count)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          ${c.multi ? html`<p class="muted">${t(h, 'multiNote')}</p>` : nothing}
        </section>`;
      })}
    </div>
    ${renderNetworks(h, p, level)} ${renderParts(h, p, level)} ${renderCommunes(h, p, level)}
    ${renderYears(h, p, level)}`;
}

function renderNetworks(h: SectionsHost, p: TerritoryProfile, level: number): TemplateResult {
  const items = p.byNetwork.items;
  return html`<section>
    ${heading(level, t(h, 'networks'), { id: 't-networks' })}
    ${
      items.length
        ? html`<ul class="networks">
          ${items.map((i) => html`<li>${i.id} <span class="muted">(${translate(territoireMessages, h.lang, 'structures', i.count)})</span></li>`)}
        </ul>`
        : html`<p class="muted">${t(h, 'noNetwork')}</p>`
    }
  </section>`;
}

function renderParts(h: SectionsHost, p: TerritoryProfile, level: number): TemplateResult | typeof nothing {
  const parts = p.parts;
  if (!parts?.items.length) return nothing;
  const n = (x: number | null) => (x === null ? '—' : h.l10n.number(x));
  const max = Math.max(...parts.items.map((i) => i.structures));
  const within = p.territory.level !== 'epci';
  return html`<section class="parts">
    ${heading(level, t(h, 'parts', parts.level), { id: 't-parts' })}
    <div class="scroll" tabindex="0" role="region" aria-labelledby="t-parts">
      <table part="table">
        <thead><tr>
          <th scope="col">${t(h, 'partName', parts.level)}</th>
          <th scope="col">${t(h, 'code')}</th>
          <th scope="col" class="num">${t(h, 'count')}</th>
          <th scope="col" class="num">${t(h, within ? 'partPopulationIn' : 'partPopulation')}</th>
          <th scope="col" class="num">${translate(territoireMessages, h.lang, 'per10k')}</th>
        </tr></thead>
        <tbody>
          ${parts.items.map(
            (i, k) => html`<tr class=${k >= PRINTED_PARTS ? 'screen-only' : ''}>
              <th scope="row">${i.name ?? i.code}</th>
              <td>${i.code}</td>
              <td class="num">${n(i.structures)}${bar(i.structures, max)}</td>
              <td class="num">${n(i.population)}</td>
              <td class="num">${i.per10k === null ? '—' : h.l10n.number(i.per10k, { maximumFractionDigits: 1 })}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${parts.items.length > PRINTED_PARTS ? html`<p class="print-only muted">${t(h, 'partsCut', PRINTED_PARTS, parts.items.length)}</p>` : nothing}
    ${parts.unassigned ? html`<p class="muted">${t(h, 'unassigned', parts.unassigned)}</p>` : nothing}
  </section>`;
}

function renderYears(h: SectionsHost, p: TerritoryProfile, level: number): TemplateResult | typeof nothing {
  const y = p.recordYears;
  if (!y.items.length) return nothing;
  const max = Math.max(...y.items.map((i) => i.count), y.unknown);
  return html`<section class="chart">
    ${heading(level, t(h, 'recordYears'), { id: 't-years' })}
    <table part="table">
      <thead><tr><th scope="col">${t(h, 'year')}</th><th scope="col" class="num">${t(h, 'count')}</th></tr></thead>
      <tbody>
        ${y.items.map(
          (i) =>
            html`<tr><th scope="row">${i.year}</th><td class="num">${h.l10n.number(i.count)}${bar(i.count, max)}</td></tr>`,
        )}
        ${y.unknown ? html`<tr class="none"><th scope="row">${t(h, 'unknownYear')}</th><td class="num">${h.l10n.number(y.unknown)}${bar(y.unknown, max)}</td></tr>` : nothing}
      </tbody>
    </table>
    <p class="muted">${t(h, 'recordYearsNote')}</p>
  </section>`;
}

function renderEvents(h: SectionsHost, p: TerritoryProfile, level: number): TemplateResult | typeof nothing {
  const list = p.events.upcoming;
  if (!list.length) return nothing;
  return html`<section>
    ${heading(level, t(h, 'upcoming'), { id: 't-events' })}
    <ul class="events">
      ${list.map(
        (e) =>
          html`<li><time datetime=${e.start}>${h.l10n.date(e.start, { dateStyle: 'long' })}</time> — ${e.title}</li>`,
      )}
    </ul>
  </section>`;
}

function renderCoverage(
  h: SectionsHost,
  p: TerritoryProfile,
  level: number,
  lang: 'fr' | 'en',
): TemplateResult {
  const c = p.coverage;
  const sourceName = (id: string) => c.sources.find((s) => s.id === id)?.name ?? id;
  const manifest = h.feed?.manifest;
  const date = (d: string) => h.l10n.date(d, { dateStyle: 'long' });
  return html`<section part="coverage" class="coverage">
    ${heading(level, t(h, 'coverage'), { id: 't-coverage' })}
    ${
      c.bySource.length
        ? html`<table part="table">
          <caption>${t(h, 'bySource')}</caption>
          <thead><tr><th scope="col">${t(h, 'source')}</th><th scope="col" class="num">${t(h, 'count')}</th></tr></thead>
          <tbody>${c.bySource.map((s) => html`<tr><th scope="row">${sourceName(s.id)}</th><td class="num">${h.l10n.number(s.count)}</td></tr>`)}</tbody>
        </table>`
        : nothing
    }
    <ul>
      <li>${t(h, 'updated', c.updatedLast12Months, c.updatedShare)}</li>
      ${c.oldestUpdate && c.newestUpdate ? html`<li>${t(h, 'updatedRange', date(c.oldestUpdate), date(c.newestUpdate))}</li>` : nothing}
      ${p.territory.structures ? html`<li>${t(h, 'withoutCoordinates', c.withoutCoordinates)}</li>` : nothing}
      ${c.feedWithoutCode ? html`<li>${t(h, 'feedWithoutCode', c.feedWithoutCode, p.territory.level)}</li>` : nothing}
      ${p.population ? html`<li>${p.population.label[lang]}</li>` : nothing}
    </ul>
    ${heading(level + 1, t(h, 'credits'), { cls: 'credits-title' })}
    <ul class="credits">
      ${(c.sources.length ? c.sources : (manifest?.sources ?? [])).map(
        (s) => html`<li>${s.attribution} — ${s.licence.name}</li>`,
      )}
    </ul>
    <p class="muted">${t(h, 'generated', date(new Date().toISOString()), manifest?.updated ? date(manifest.updated) : undefined)}</p>
  </section>`;
}

function renderActions(h: SectionsHost, p: TerritoryProfile, level: number): TemplateResult {
  const directories = siblings(h, 'ess-directory').length;
  const agendas = siblings(h, 'ess-agenda').length;
  const permalink = h.permalink;
  return html`<section part="actions" class="actions">
    ${heading(level, t(h, 'actions'), { id: 't-actions', cls: 'sr-only' })}
    <button type="button" @click=${() => void downloadCsv(h)}>${t(h, 'csv')}</button>
    <button type="button" @click=${() => window.print()}>${t(h, 'print')}</button>
    ${permalink ? html`<a href=${permalink}>${t(h, 'permalink')}</a>` : nothing}
    ${directories ? html`<button type="button" @click=${() => scope(h, 'ess-directory')}>${t(h, 'seeDirectory', p.territory.structures)}</button>` : nothing}
    ${agendas ? html`<button type="button" @click=${() => scope(h, 'ess-agenda')}>${t(h, 'seeAgenda')}</button>` : nothing}
  </section>`;
}
