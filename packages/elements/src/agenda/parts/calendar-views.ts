/**
 * The month grid and the week of `<ess-agenda>`, loaded as a separate chunk (dynamic `import()`) the first
 * time a visitor opens one of them: the first list does not pay for them.
 *
 * Both are ARIA grids (https://www.w3.org/WAI/ARIA/apg/patterns/grid/) with one tab stop (the focused
 * day); the keys are handled by the component (arrows, Home/End, Page Up/Down, Enter). The month lists
 * the chosen day's events under the grid; the week lists its seven days under a one-row grid, and
 * Enter on a day moves to that day's events.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import {
  type AgendaListConnector,
  type AgendaOccurrence,
  addDays,
  addMonths,
  type CalendarDay,
  dateKeyToWall,
  formatDay,
  isoWeekday,
  splitDay,
  withCalendar,
} from '@essaim/sdk';
import { type Args, translate } from '../../i18n/dictionary.ts';
import { heading } from '../../internal/heading.ts';
import type { Lang } from '../../internal/localize.ts';
import { agendaViewMessages as V } from './calendar-views.i18n.ts';
import { type CardHost, capitalize, renderEntries } from './entry-cards.ts';

/**
 * What the views reach in the component: `<ess-agenda>` itself (its state and actions), so that this
 * chunk, not the first list, carries the views' logic.
 */
export interface AgendaViewHost {
  readonly connector: AgendaListConnector | undefined;
  /** The view shown. */
  readonly view: string;
  /** The focused day (`YYYY-MM-DD`): the chosen one (`cursorDate`), else the default. */
  readonly cursor: string;
  cursorDate: string | undefined;
  /** The day whose events are listed (month) or last opened (week). */
  openDay: string | undefined;
  /** The element's live region. */
  announcement: string;
  readonly l10n: { readonly lang: Lang; readonly locale: string };
  readonly updateComplete: Promise<boolean>;
  readonly renderRoot: HTMLElement | DocumentFragment;
  dayLabel(key: string): string;
  cardHost(): CardHost;
  /** Opens an occurrence's detail. */
  open(o: AgendaOccurrence): Promise<void>;
  /** Writes the view to the page URL (with `sync-url`). */
  writeUrl(): void;
}

/** Focuses the element matching `selector` once the element has rendered. */
function focusLater(host: AgendaViewHost, selector: string): void {
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
}

/** Moves the focused day (and focuses its cell when `focus`). */
function move(host: AgendaViewHost, key: string, focus: boolean): void {
  host.cursorDate = key;
  host.writeUrl();
  if (focus) focusLater(host, `td[data-date="${key}"]`);
}

type ViewKey = keyof typeof V.fr;
const t = <K extends ViewKey>(host: AgendaViewHost, key: K, ...args: Args<(typeof V.fr)[K]>) =>
  translate(V, host.l10n.lang, key, ...args);

/** Styles of the month and week, adopted by the element when this chunk loads. */
export const styles = css`
  @layer essaim {
    .calendar-nav {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5em;
    }
    table.month {
      inline-size: 100%;
      table-layout: fixed;
      border-collapse: collapse;
    }
    .month th {
      font-size: 0.875em;
      font-weight: 600;
      padding: 0.25em;
      text-align: center;
    }
    .month abbr {
      text-decoration: none;
    }
    .month td {
      vertical-align: top;
      border: 1px solid var(--_border);
      padding: 0.25em;
      block-size: 4.5em;
      cursor: pointer;
      background: var(--_surface);
    }
    .month td.out {
      color: var(--_muted);
      background: var(--_surface-alt);
    }
    .month td[aria-current='date'] .num {
      background: var(--_primary);
      color: var(--_on-primary);
      border-radius: 50%;
      padding-inline: 0.3em;
    }
    .month td[aria-selected='true'] {
      box-shadow: inset 0 0 0 3px var(--_primary);
    }
    .month td:focus-visible {
      outline: var(--_focus-ring);
      outline-offset: calc(-1 * var(--_focus-width));
    }
    /* Forced colours drop backgrounds and shadows: the selected day in the system's selection colours,
       today's number circled, the days of other months in the system's grey. */
    @media (forced-colors: active) {
      .month td[aria-selected='true'] {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }
      .month td[aria-selected='true']:focus-visible {
        outline-color: CanvasText;
      }
      .month td[aria-current='date'] .num {
        border: 1px solid currentColor;
      }
      .month td.out {
        color: GrayText;
        border-style: dashed;
      }
    }
    .month .num {
      font-weight: 600;
    }
    .month .dots {
      display: block;
      font-size: 0.75em;
      color: var(--_primary);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    details.ongoing {
      margin-block: 0.5em;
    }
    details.ongoing summary {
      cursor: pointer;
      font-weight: 600;
    }
    .week-day {
      margin-block: 0.5em;
    }
    .week-grid td {
      block-size: 3.25em;
    }
  }
`;

/** Opens a day: the month lists its events under the grid (and says so); the week moves to them. */
export function openDay(host: AgendaViewHost, key: string): void {
  host.cursorDate = key;
  host.openDay = key;
  if (host.view === 'week') {
    // The week lists every day already: go to the chosen day's events.
    focusLater(host, `#wd-${key}`);
    return;
  }
  const day = withCalendar(host.connector!)
    .monthGrid(+key.slice(0, 4), +key.slice(5, 7))
    .flat()
    .find((d) => d.date === key);
  host.announcement = t(host, 'dayAnnounce', host.dayLabel(key), day ? count(day) : 0);
}

/** The keys of the grids (https://www.w3.org/WAI/ARIA/apg/patterns/grid/). */
export function gridKeydown(host: AgendaViewHost, e: KeyboardEvent): void {
  const key = host.cursor;
  const wd = isoWeekday(key);
  const week = host.view === 'week';
  let next: string | undefined;
  switch (e.key) {
    case 'ArrowLeft':
      next = addDays(key, -1);
      break;
    case 'ArrowRight':
      next = addDays(key, 1);
      break;
    case 'ArrowUp':
      next = addDays(key, -7);
      break;
    case 'ArrowDown':
      next = addDays(key, 7);
      break;
    case 'Home':
      next = e.ctrlKey && !week ? `${key.slice(0, 8)}01` : addDays(key, 1 - wd);
      break;
    case 'End':
      next = e.ctrlKey && !week ? addDays(addMonths(`${key.slice(0, 8)}01`, 1), -1) : addDays(key, 7 - wd);
      break;
    case 'PageUp':
      // The week: the previous week (Shift: four weeks); the month: the previous month (Shift: year).
      next = week ? addDays(key, e.shiftKey ? -28 : -7) : addMonths(key, e.shiftKey ? -12 : -1);
      break;
    case 'PageDown':
      next = week ? addDays(key, e.shiftKey ? 28 : 7) : addMonths(key, e.shiftKey ? 12 : 1);
      break;
    case 'Enter':
    case ' ':
      e.preventDefault();
      openDay(host, key);
      return;
    default:
      return;
  }
  e.preventDefault();
  move(host, next, true);
}

function weekdayHeaders(host: AgendaViewHost, week: readonly CalendarDay[]): TemplateResult[] {
  const long = new Intl.DateTimeFormat(host.l10n.locale, { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(host.l10n.locale, { weekday: 'short', timeZone: 'UTC' });
  return week.map((d) => {
    const date = new Date(dateKeyToWall(d.date));
    return html`<th role="columnheader" scope="col"><abbr title=${long.format(date)}>${short.format(date)}</abbr></th>`;
  });
}

/** The number of distinct events of a day (an event over several days or a series counts once). */
function count(d: CalendarDay): number {
  const day = splitDay(d.occurrences, d.date);
  return day.entries.length + day.ongoing.length;
}

/**
 * A day's events: those of that day as cards, then those already going on, one line each, in a
 * collapsible group (an event over a month is not repeated on each of its days).
 */
function dayEvents(host: AgendaViewHost, d: CalendarDay, level: number, hint = ''): TemplateResult {
  const day = splitDay(d.occurrences, d.date);
  return html`${
    day.entries.length
      ? renderEntries(host.cardHost(), day.entries, level)
      : html`<p class=${hint || nothing}>${t(host, 'noEventThatDay')}</p>`
  }
    ${
      day.ongoing.length
        ? html`<details class="ongoing">
          <summary>${t(host, 'ongoingCount', day.ongoing.length)}</summary>
          <ul class="ongoing-list">
            ${day.ongoing.map(
              (e) => html`<li>
                <button type="button" class="link" @click=${() => void host.open(e.first)}>${e.first.event.title}</button>
                ${e.span ? html` — ${t(host, 'until', formatDay(e.span.lastDay, host.l10n.lang))}` : nothing}
              </li>`,
            )}
          </ul>
        </details>`
        : nothing
    }`;
}

/**
 * One day of a grid: its number, its full name and its number of events for screen readers; the count
 * shown is the number alone, whole in the narrowest cell ("7", not a clipped "7 é…").
 */
function cell(host: AgendaViewHost, d: CalendarDay, selected: boolean): TemplateResult {
  const n = count(d);
  const label = `${host.dayLabel(d.date)}${d.isToday ? ` (${t(host, 'today')})` : ''}`;
  return html`<td
    role="gridcell"
    class=${d.inMonth ? 'in' : 'out'}
    data-date=${d.date}
    tabindex=${d.date === host.cursor ? '0' : '-1'}
    aria-selected=${selected ? 'true' : 'false'}
    aria-current=${d.isToday ? 'date' : nothing}
    @click=${() => openDay(host, d.date)}
    @focus=${() => {
      if (host.cursorDate !== d.date) host.cursorDate = d.date;
    }}
  >
    <span class="num" aria-hidden="true">${d.day}</span>
    <span class="sr-only">${t(host, 'dayCell', label)}</span>
    ${n ? html`<span class="dots" aria-hidden="true">${n}</span>` : nothing}
    <span class="sr-only">${t(host, 'eventsCount', n)}</span>
  </td>`;
}

/** The month grid (6 weeks from a Monday) and, under it, the events of the chosen day. */
export function renderMonth(host: AgendaViewHost, level: number): TemplateResult {
  const cursor = host.cursor;
  const [y, m] = [+cursor.slice(0, 4), +cursor.slice(5, 7)];
  const grid = withCalendar(host.connector!).monthGrid(y, m);
  const monthLabel = new Intl.DateTimeFormat(host.l10n.locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
  const title = capitalize(monthLabel);
  const open = host.openDay ? grid.flat().find((d) => d.date === host.openDay) : undefined;
  return html`<div part="calendar" class="calendar">
    <div class="calendar-nav">
      <button type="button" class="prev" @click=${() => move(host, addMonths(cursor, -1), false)}>
        <span aria-hidden="true">←</span> ${t(host, 'previousMonth')}
      </button>
      ${heading(level, title, { id: 'month-heading' })}
      <button type="button" class="next" @click=${() => move(host, addMonths(cursor, 1), false)}>
        ${t(host, 'nextMonth')} <span aria-hidden="true">→</span>
      </button>
    </div>
    <p id="grid-help" class="hint">${t(host, 'gridHelp')}</p>
    <table role="grid" class="month" aria-labelledby="month-heading" aria-describedby="grid-help" @keydown=${(e: KeyboardEvent) => gridKeydown(host, e)}>
      <thead>
        <tr role="row">${weekdayHeaders(host, grid[0] ?? [])}</tr>
      </thead>
      <tbody>
        ${grid.map((week) => html`<tr role="row">${week.map((d) => cell(host, d, d.date === host.openDay))}</tr>`)}
      </tbody>
    </table>
    ${
      open
        ? html`<section class="day-events" aria-labelledby="open-day-heading">
          ${heading(level + 1, t(host, 'dayEvents', host.dayLabel(open.date)), { id: 'open-day-heading', focusable: true })}
          ${dayEvents(host, open, level + 2)}
        </section>`
        : nothing
    }
  </div>`;
}

/** The week (Monday to Sunday): a one-row grid to move between days, then each day's events. */
export function renderWeek(host: AgendaViewHost, level: number): TemplateResult {
  const cursor = host.cursor;
  const days = withCalendar(host.connector!).weekDays(cursor);
  const first = days[0]?.date ?? cursor;
  return html`<div part="week" class="week">
    <div class="calendar-nav">
      <button type="button" class="prev" @click=${() => move(host, addDays(cursor, -7), false)}>
        <span aria-hidden="true">←</span> ${t(host, 'previousWeek')}
      </button>
      ${heading(level, t(host, 'weekOf', host.dayLabel(first)), { id: 'week-heading' })}
      <button type="button" class="next" @click=${() => move(host, addDays(cursor, 7), false)}>
        ${t(host, 'nextWeek')} <span aria-hidden="true">→</span>
      </button>
    </div>
    <p id="week-help" class="hint">${t(host, 'weekHelp')}</p>
    <table role="grid" class="month week-grid" aria-labelledby="week-heading" aria-describedby="week-help" @keydown=${(e: KeyboardEvent) => gridKeydown(host, e)}>
      <thead>
        <tr role="row">${weekdayHeaders(host, days)}</tr>
      </thead>
      <tbody>
        <tr role="row">${days.map((d) => cell(host, d, d.date === host.openDay))}</tr>
      </tbody>
    </table>
    ${days.map(
      (d) => html`<section class="week-day" aria-labelledby="wd-${d.date}">
        ${heading(level + 1, capitalize(`${host.dayLabel(d.date)}${d.isToday ? ` (${t(host, 'today')})` : ''}`), { id: `wd-${d.date}`, cls: 'day-heading', focusable: true })}
        ${dayEvents(host, d, level + 2, 'hint')}
      </section>`,
    )}
  </div>`;
}

/** The occurrences of the month or the week shown, each once, by start (for the .ics of the view). */
export function viewOccurrences(host: AgendaViewHost): AgendaOccurrence[] {
  const c = withCalendar(host.connector!);
  const key = host.cursor;
  const days =
    host.view === 'month'
      ? c
          .monthGrid(+key.slice(0, 4), +key.slice(5, 7))
          .flat()
          .filter((d) => d.inMonth)
      : c.weekDays(key);
  const seen = new Map<string, AgendaOccurrence>();
  for (const d of days)
    for (const o of d.occurrences) {
      const k = `${o.eventId}#${o.index}`;
      if (!seen.has(k)) seen.set(k, o);
    }
  return [...seen.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}
