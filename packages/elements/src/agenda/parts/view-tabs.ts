/**
 * The results column of `<ess-agenda>`: the view switcher (list, month, week; a tab list moved with the
 * arrow keys, Home and End), the view shown — the list, or the month grid and week once their chunk is
 * loaded (a loading notice until then, or the failure and a retry) — and, under it, the download of
 * the view and the calendars to subscribe to.
 */
import { html, type TemplateResult } from 'lit';
import { common } from '../../i18n/common.ts';
import { translate } from '../../i18n/dictionary.ts';
import type { AgendaView } from '../ess-agenda.ts';
import type { AgendaViewHost } from './calendar-views.ts';
import type { AgendaExportElement } from './ics-export.ts';
import { type AgendaListHost, renderList } from './results-list.ts';
import { t } from './search-form.ts';
import type { AgendaSubscribeElement } from './subscriptions.ts';

/** The views, in the order of their tabs. */
export const VIEWS: readonly AgendaView[] = ['list', 'month', 'week'];

/** The parts shown a moment after the first list: filters, .ics files, calendars, URL sync, JSON-LD. */
export type AsideModule = typeof import('./filters.ts') &
  typeof import('./ics-export.ts') &
  typeof import('./subscriptions.ts') &
  typeof import('./url-sync.ts') &
  typeof import('./jsonld.ts');

/** What the results column reaches in `<ess-agenda>` (its state and actions). */
export interface AgendaResultsHost extends AgendaListHost {
  view: AgendaView;
  /** The element's live region. */
  announcement: string;
  readonly aside: AsideModule | undefined;
  /** The month and week views' chunk, once loaded, and whether loading it failed. */
  readonly views: typeof import('./calendar-views.ts') | undefined;
  viewsFailed: boolean;
  loadViews(): void;
  /** Writes the view to the page URL (with `sync-url`). */
  writeUrl(): void;
}

function setView(h: AgendaResultsHost, view: AgendaView, focus = false): void {
  h.view = view;
  h.announcement = '';
  h.writeUrl();
  if (focus)
    void h.updateComplete.then(() => h.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
}

/** The tabs' arrow keys, Home and End (a listener: `this` is the element). */
function onTabKeydown(this: AgendaResultsHost, e: KeyboardEvent): void {
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
  setView(this, next, true);
}

/** The view switcher and the view shown (the feed and the agenda are there). */
export function renderViews(h: AgendaResultsHost, level: number): TemplateResult {
  const view = h.view;
  return html`<div role="tablist" part="views" aria-label=${t(h, 'views')} @keydown=${onTabKeydown}>
      ${VIEWS.map(
        (v) => html`<button
          type="button"
          role="tab"
          id="tab-${v}"
          aria-selected=${v === view ? 'true' : 'false'}
          aria-controls="view-panel"
          tabindex=${v === view ? '0' : '-1'}
          @click=${() => setView(h, v)}
        >
          ${t(h, `view_${v}`)}
        </button>`,
      )}
    </div>
    <div id="view-panel" role="tabpanel" aria-labelledby="tab-${view}">
      ${view === 'list' ? renderList(h, level) : renderCalendarView(h, view, level)}
      ${h.aside?.renderViewExport(h as unknown as AgendaExportElement)}
      ${h.aside?.renderSubscriptions(h as unknown as AgendaSubscribeElement)}
    </div>`;
}

function renderCalendarView(h: AgendaResultsHost, view: 'month' | 'week', level: number): TemplateResult {
  const views = h.views;
  if (views)
    return view === 'month'
      ? views.renderMonth(h as unknown as AgendaViewHost, level)
      : views.renderWeek(h as unknown as AgendaViewHost, level);
  return h.viewsFailed
    ? html`<div part="error" class="error" role="alert">
        <p>${t(h, 'viewFailed')}</p>
        <button type="button" @click=${() => {
          h.viewsFailed = false;
          h.loadViews();
        }}>${translate(common, h.l10n.lang, 'retry')}</button>
      </div>`
    : html`<p part="loading" class="loading" role="status">${t(h, 'viewLoading')}</p>`;
}
