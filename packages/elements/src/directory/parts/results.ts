/**
 * The directory's results column: the count and sort, the cards (the page's selected one marked), the
 * honest empty state with ways to widen the search, the pagination and the downloads. Templates only:
 * the element gives its state and its actions (`ResultsHost`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Args } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { DirectoryMessages } from '../ess-directory.i18n.ts';
import type { FacetName, SearchHit, SearchState } from '../types.ts';

/** The distances offered for « près de chez moi », in km. */
export const RADII = [1, 2, 5, 10, 20, 50, 100] as const;

/** What the results need from the element. */
export interface ResultsHost {
  state: SearchState | undefined;
  selectedId: string | undefined;
  t<K extends keyof DirectoryMessages>(key: K, ...args: Args<DirectoryMessages[K]>): string;
  /** « Chargement des données… ». */
  loading: string;
  distance(km: number): string;
  valueLabel(name: FacetName, value: string): string;
  activeFilters: number;
  exportStatus: '' | 'busy' | 'done';
  setSort(e: Event): void;
  goToPage(page: number): Promise<void>;
  open(id: string): Promise<void>;
  setRadius(km: number | undefined): void;
  clearAll(): void;
  export(kind: 'csv' | 'geojson'): Promise<void>;
}

export function renderResults(h: ResultsHost, level: number): TemplateResult {
  const s = h.state;
  if (!s) return html``;
  const { result, query } = s;
  const sorts = ['relevance', 'name', 'distance', 'updated'] as const;
  return html`
    ${heading(level, h.t('results'), { id: 'results-heading', focusable: true })}
    <div class="toolbar">
      <p part="count" class="count">${h.t('count', result.total)}</p>
      ${
        result.total > 1
          ? html`<span class="sort">
            <label for="sort">${h.t('sort')}</label>
            <select id="sort" @change=${h.setSort}>
              ${sorts.map(
                (k) =>
                  html`<option value=${k} ?selected=${result.sort === k} ?disabled=${k === 'distance' && !query.near}>
                    ${h.t(`sort_${k}`)}
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
          html`<p class="notice" part="loading" role="status">${h.loading}</p>`
        : result.total === 0
          ? renderEmpty(h)
          : renderList(h, result.hits, level + 1)
    }
    ${result.pages > 1 ? renderPagination(h, result.page, result.pages) : nothing}
    ${result.total > 0 ? renderExport(h, result.total) : nothing}
  `;
}

function renderEmpty(h: ResultsHost): TemplateResult {
  const near = h.state?.query.near;
  const bigger = near?.radiusKm ? RADII.find((r) => r > near.radiusKm!) : undefined;
  const hasFilters = h.activeFilters > 0 || !!h.state?.query.text || !!near;
  return html`<div part="empty" class="empty">
    <p><strong>${h.t('empty')}</strong></p>
    <p>${h.t('emptyHelp')}</p>
    <p class="actions">
      ${bigger ? html`<button type="button" @click=${() => h.setRadius(bigger)}>${h.t('widenRadius', bigger)}</button>` : nothing}
      ${hasFilters ? html`<button type="button" @click=${h.clearAll}>${h.t('clearFilters')}</button>` : nothing}
    </p>
  </div>`;
}

function renderList(h: ResultsHost, hits: readonly SearchHit[], level: number): TemplateResult {
  const selected = h.selectedId;
  return html`<ul part="list" class="cards" aria-labelledby="results-heading">
    ${hits.map((hit) => renderCard(h, hit, hit.record.id === selected, level))}
  </ul>`;
}

function renderCard(h: ResultsHost, hit: SearchHit, selected: boolean, level: number): TemplateResult {
  const s = hit.record;
  const family = h.valueLabel('family', s.family);
  const themes = (s.themes ?? []).slice(0, 4).map((t) => h.valueLabel('themes', t));
  const button = html`<button
    type="button"
    class="card-button"
    data-id=${s.id}
    aria-current=${selected ? 'true' : nothing}
    @click=${() => void h.open(s.id)}
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
            ? html`<span><span class="sr-only">${h.t('distance')} : </span>${h.distance(hit.distanceKm)}</span>`
            : nothing
        }
      </p>
      ${themes.length ? html`<p class="themes">${themes.join(' · ')}</p>` : nothing}
    </article>
  </li>`;
}

function renderPagination(h: ResultsHost, page: number, pages: number): TemplateResult {
  return html`<nav part="pagination" class="pagination" aria-label=${h.t('pagination')}>
    <button type="button" ?disabled=${page <= 1} @click=${() => void h.goToPage(page - 1)}>
      ${h.t('previous')}
    </button>
    <span>${h.t('pageOf', page, pages)}</span>
    <button type="button" ?disabled=${page >= pages} @click=${() => void h.goToPage(page + 1)}>
      ${h.t('next')}
    </button>
  </nav>`;
}

function renderExport(h: ResultsHost, total: number): TemplateResult {
  return html`<div part="export" class="export" role="group" aria-labelledby="export-label">
    <span id="export-label">${h.t('export')} :</span>
    <button type="button" @click=${() => void h.export('csv')}>${h.t('exportCsv')}</button>
    <button type="button" @click=${() => void h.export('geojson')}>${h.t('exportGeojson')}</button>
    <p class="hint">
      ${h.t('exportHelp', total)}
      <span role="status">${h.exportStatus === 'busy' ? h.t('exporting') : h.exportStatus === 'done' ? h.t('exportDone') : ''}</span>
    </p>
  </div>`;
}
