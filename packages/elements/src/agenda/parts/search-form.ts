/**
 * The search form and the filters column of `<ess-agenda>`: the text field (committed after a short
 * pause or on submit), the filters toggle with its count, the filters panel once its chunk is loaded
 * (or the notice that it could not be), and "Effacer les filtres".
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AgendaListConnector, AgendaState } from '@essaim/sdk';
import { common } from '../../i18n/common.ts';
import { type Args, translate } from '../../i18n/dictionary.ts';
import type { Lang } from '../../internal/localize.ts';
import { agendaMessages as M } from '../ess-agenda.i18n.ts';
import type { AgendaAsideHost } from './filters.ts';

const TEXT_DEBOUNCE_MS = 150;

/** What the search form and the filters column reach in `<ess-agenda>` (its state and actions). */
export interface AgendaSearchHost {
  readonly l10n: { readonly lang: Lang };
  readonly connector: AgendaListConnector | undefined;
  readonly agenda: AgendaState | undefined;
  /** The text field's value (committed to the connector after a pause). */
  text: string;
  /** The pending commit of the text, if any. */
  textTimer: ReturnType<typeof setTimeout> | undefined;
  filtersOpen: boolean;
  /** The date range's fields (`YYYY-MM-DD` or empty). */
  rangeFrom: string;
  rangeTo: string;
  /** The filters panel's chunk, once loaded, and whether loading it failed. */
  readonly aside: { renderFilters(host: AgendaAsideHost): TemplateResult } | undefined;
  readonly asideFailed: boolean;
  loadAside(): Promise<void>;
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The user changed the filters (the element says so with `ess-filters-change`). */
  userChanged(): void;
}

type Key = keyof typeof M.fr;
/** A string of the agenda's dictionary, in the element's language. */
export const t = <K extends Key>(
  h: { readonly l10n: { readonly lang: Lang } },
  key: K,
  ...args: Args<(typeof M.fr)[K]>
) => translate(M, h.l10n.lang, key, ...args);

/** The number of active filters: the facets' values and the range's ends (not the text). */
export function activeFilterCount(h: AgendaSearchHost): number {
  const q = h.agenda?.query;
  const facets = Object.values(q?.facets ?? {}).reduce((n, v) => n + (v?.length ?? 0), 0);
  return facets + (h.rangeFrom ? 1 : 0) + (h.rangeTo ? 1 : 0);
}

/** Clears the text, the facets and the dates, and gives the focus to the search field (a listener: `this` is the element). */
export function clearAll(this: AgendaSearchHost): void {
  this.text = '';
  this.rangeFrom = '';
  this.rangeTo = '';
  this.connector?.refine({ facets: undefined, text: undefined, from: undefined, to: undefined });
  this.userChanged();
  void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#q')?.focus());
}

/** Commits the text field to the connector now (when it changed). */
function commitText(h: AgendaSearchHost): void {
  clearTimeout(h.textTimer);
  h.textTimer = undefined;
  const c = h.connector;
  if (!c || (c.getState().query.text ?? '') === h.text.trim()) return;
  c.setText(h.text);
  h.userChanged();
}

// The listeners below are called by Lit with `this` the element.
function onInput(this: AgendaSearchHost, e: Event): void {
  this.text = (e.target as HTMLInputElement).value;
  clearTimeout(this.textTimer);
  this.textTimer = setTimeout(() => commitText(this), TEXT_DEBOUNCE_MS);
}

function onSubmit(this: AgendaSearchHost, e: Event): void {
  e.preventDefault();
  commitText(this);
}

/** The search form. */
export function renderSearch(h: AgendaSearchHost): TemplateResult {
  return html`<form role="search" aria-label=${t(h, 'searchLabel')} part="search" class="search" @submit=${onSubmit}>
    <label for="q">${t(h, 'searchLabel')}</label>
    <input
      id="q"
      type="search"
      autocomplete="off"
      enterkeyhint="search"
      placeholder=${t(h, 'searchPlaceholder')}
      .value=${h.text}
      @input=${onInput}
    />
  </form>`;
}

/** The filters column: its toggle, the panel (when `ready`: the feed and the agenda are there). */
export function renderFiltersColumn(h: AgendaSearchHost, ready: boolean): TemplateResult {
  const filters = activeFilterCount(h);
  return html`<div class="filters-column">
    <button
      type="button"
      class="filters-toggle"
      aria-expanded=${h.filtersOpen ? 'true' : 'false'}
      aria-controls="filters"
      @click=${() => (h.filtersOpen = !h.filtersOpen)}
    >
      ${t(h, 'filtersCount', filters)}
    </button>
    <div id="filters" part="filters" class="filters ${h.filtersOpen ? 'open' : ''}">
      ${ready && h.aside ? h.aside.renderFilters(h as unknown as AgendaAsideHost) : nothing}
      ${ready && h.asideFailed ? renderAsideFailed(h) : nothing}
      ${filters || h.agenda?.query.text ? html`<button type="button" @click=${clearAll}>${t(h, 'clearFilters')}</button>` : nothing}
    </div>
  </div>`;
}

function renderAsideFailed(h: AgendaSearchHost): TemplateResult {
  return html`<div part="error" class="error" role="alert">
    <p>${t(h, 'filtersFailed')}</p>
    <button type="button" @click=${() => void h.loadAside()}>${translate(common, h.l10n.lang, 'retry')}</button>
  </div>`;
}
