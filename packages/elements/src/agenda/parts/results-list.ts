/**
 * The list view of `<ess-agenda>`: the results heading and count, the entries by day, "Afficher plus",
 * and when nothing matches either the most recent month that has events (real past events) or the
 * "no events" message.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  type AgendaListConnector,
  type AgendaState,
  dateKeyOf,
  dateKeyToWall,
  type EntryDay,
  entryDays,
  groupEntries,
  startOfDay,
} from '@essaim/sdk';
import { heading } from '../../internal/heading.ts';
import type { Lang } from '../../internal/localize.ts';
import { type CardHost, renderEntryDay } from './entry-cards.ts';
import { type AgendaSearchHost, activeFilterCount, clearAll, t } from './search-form.ts';

/** The most recent month that has events, its entries by day. */
export interface RecentMonth {
  label: string;
  /** Its first date with events (`YYYY-MM-DD`). */
  first: string;
  days: EntryDay[];
}

/** What the list reaches in `<ess-agenda>` (its state and actions). */
export interface AgendaListHost extends AgendaSearchHost {
  readonly l10n: { readonly lang: Lang; readonly locale: string };
  readonly connector: AgendaListConnector | undefined;
  /** The occurrences listed at first and added by "Afficher plus" (the `page-size` attribute, read). */
  limit(): number;
  cardHost(): CardHost;
  /** The recent month, computed once per agenda state. */
  recent?: RecentMonth & { state: AgendaState };
}

/**
 * When nothing is upcoming: the most recent month that has events (of the latest past date), its
 * entries by day — real past events, never invented ones.
 */
export function recentMonth(h: AgendaListHost): RecentMonth | undefined {
  const s = h.agenda;
  const c = h.connector;
  const last = s?.latestPast[0];
  if (!s || !c || s.result.total || !last || s.query.from !== undefined) return undefined;
  if (h.recent?.state !== s) {
    const first = dateKeyOf(last.start.getTime());
    const y = +first.slice(0, 4);
    const m = +first.slice(5, 7);
    const from = `${first.slice(0, 7)}-01`;
    const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const entries = groupEntries(c.between(from, to), s.referenceDate.getTime());
    const label = new Intl.DateTimeFormat(h.l10n.locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    h.recent = {
      state: s,
      first,
      label: label.format(new Date(dateKeyToWall(from))),
      days: entryDays(entries, startOfDay(from)),
    };
  }
  return h.recent;
}

/** The list view (the agenda is there). */
export function renderList(h: AgendaListHost, level: number): TemplateResult {
  const { result } = h.agenda!;
  const more = result.entryTotal > result.entries.length;
  const recent = recentMonth(h);
  return html`
    ${heading(level, t(h, 'results'), { id: 'results-heading', focusable: true })}
    <p part="count" class="count">${t(h, 'count', result.entryTotal, result.total)}</p>
    ${
      recent
        ? html`<div part="empty" class="empty past">
            <p><strong>${t(h, 'recentNote', recent.label)}</strong></p>
            ${recent.days.map((d) => renderEntryDay(h.cardHost(), d, level + 1))}
          </div>`
        : result.total === 0
          ? renderEmpty(h)
          : result.entryDays.map((d) => renderEntryDay(h.cardHost(), d, level + 1))
    }
    ${more ? html`<button type="button" @click=${() => h.connector?.showMore(h.limit())}>${t(h, 'showMore')}</button>` : nothing}
  `;
}

function renderEmpty(h: AgendaListHost): TemplateResult {
  const s = h.agenda!;
  const hasFilters = activeFilterCount(h) > 0 || !!s.query.text;
  return html`<div part="empty" class="empty">
    <p><strong>${t(h, 'empty')}</strong></p>
    <p>${t(h, 'emptyHelp')}</p>
    ${hasFilters ? html`<p class="actions"><button type="button" @click=${clearAll}>${t(h, 'clearFilters')}</button></p>` : nothing}
  </div>`;
}
