/**
 * The month grid and the week of `<ess-agenda>`, loaded as a separate chunk (dynamic `import()`) the first
 * time a visitor opens one of them: the first list does not pay for them.
 *
 * Both are ARIA grids (https://www.w3.org/WAI/ARIA/apg/patterns/grid/) with one tab stop (the focused
 * day); the keys are handled by the component (arrows, Home/End, Page Up/Down, Enter). The month lists
 * the chosen day's events under the grid; the week lists its seven days under a one-row grid, and
 * Enter on a day moves to that day's events.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AgendaConnector, AgendaOccurrence, CalendarDay } from '@essaim/sdk';
import { heading } from '../internal/heading.ts';

/** What the views need from the component (its state, strings and actions). */
export interface AgendaViewHost {
  connector: AgendaConnector;
  /** The focused day (`YYYY-MM-DD`). */
  cursor: string;
  /** The day whose events are listed (month) or last opened (week). */
  openDay: string | undefined;
  locale: string;
  /** A string of the agenda's dictionary, in the page's language. */
  t(key: string, ...args: unknown[]): string;
  dayLabel(key: string): string;
  cards(occurrences: readonly AgendaOccurrence[], level: number): TemplateResult;
  /** Moves the focused day (and focuses its cell when `focus`). */
  move(key: string, focus: boolean): void;
  /** Opens a day: its events are listed (month) or focused (week). */
  open(key: string): void;
  keydown(e: KeyboardEvent): void;
  /** A cell got the focus (by click or script): it becomes the focused day. */
  focused(key: string): void;
}

const DAY_MS = 86_400_000;
const keyToUtc = (key: string) => Date.UTC(+key.slice(0, 4), +key.slice(5, 7) - 1, +key.slice(8, 10));
const addDays = (key: string, n: number) => new Date(keyToUtc(key) + n * DAY_MS).toISOString().slice(0, 10);
function addMonths(key: string, n: number): string {
  const y = +key.slice(0, 4);
  const m = +key.slice(5, 7) - 1 + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(+key.slice(8, 10), last))).toISOString().slice(0, 10);
}

function weekdayHeaders(host: AgendaViewHost, week: readonly CalendarDay[]): TemplateResult[] {
  const long = new Intl.DateTimeFormat(host.locale, { weekday: 'long', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(host.locale, { weekday: 'short', timeZone: 'UTC' });
  return week.map((d) => {
    const date = new Date(keyToUtc(d.date));
    return html`<th role="columnheader" scope="col"><abbr title=${long.format(date)}>${short.format(date)}</abbr></th>`;
  });
}

/** One day of a grid: its number, its full name and its number of events for screen readers. */
function cell(host: AgendaViewHost, d: CalendarDay, selected: boolean): TemplateResult {
  const n = d.occurrences.length;
  const label = `${host.dayLabel(d.date)}${d.isToday ? ` (${host.t('today')})` : ''}`;
  return html`<td
    role="gridcell"
    class=${d.inMonth ? 'in' : 'out'}
    data-date=${d.date}
    tabindex=${d.date === host.cursor ? '0' : '-1'}
    aria-selected=${selected ? 'true' : 'false'}
    aria-current=${d.isToday ? 'date' : nothing}
    @click=${() => host.open(d.date)}
    @focus=${() => host.focused(d.date)}
  >
    <span class="num" aria-hidden="true">${d.day}</span>
    <span class="sr-only">${host.t('dayCell', label)}</span>
    <span class=${n ? 'dots' : 'sr-only'}>${host.t('eventsCount', n)}</span>
  </td>`;
}

/** The month grid (6 weeks from a Monday) and, under it, the events of the chosen day. */
export function renderMonth(host: AgendaViewHost, level: number): TemplateResult {
  const cursor = host.cursor;
  const [y, m] = [+cursor.slice(0, 4), +cursor.slice(5, 7)];
  const grid = host.connector.monthGrid(y, m);
  const monthLabel = new Intl.DateTimeFormat(host.locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
  const open = host.openDay ? grid.flat().find((d) => d.date === host.openDay) : undefined;
  return html`<div part="calendar" class="calendar">
    <div class="calendar-nav">
      <button type="button" class="prev" @click=${() => host.move(addMonths(cursor, -1), false)}>
        <span aria-hidden="true">←</span> ${host.t('previousMonth')}
      </button>
      ${heading(level, monthLabel, { id: 'month-heading' })}
      <button type="button" class="next" @click=${() => host.move(addMonths(cursor, 1), false)}>
        ${host.t('nextMonth')} <span aria-hidden="true">→</span>
      </button>
    </div>
    <p id="grid-help" class="hint">${host.t('gridHelp')}</p>
    <table role="grid" class="month" aria-labelledby="month-heading" aria-describedby="grid-help" @keydown=${host.keydown}>
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
          ${heading(level + 1, host.t('dayEvents', host.dayLabel(open.date)), { id: 'open-day-heading', focusable: true })}
          ${open.occurrences.length ? host.cards(open.occurrences, level + 2) : html`<p>${host.t('noEventThatDay')}</p>`}
        </section>`
        : nothing
    }
  </div>`;
}

/** The week (Monday to Sunday): a one-row grid to move between days, then each day's events. */
export function renderWeek(host: AgendaViewHost, level: number): TemplateResult {
  const cursor = host.cursor;
  const days = host.connector.weekDays(cursor);
  const first = days[0]?.date ?? cursor;
  return html`<div part="week" class="week">
    <div class="calendar-nav">
      <button type="button" class="prev" @click=${() => host.move(addDays(cursor, -7), false)}>
        <span aria-hidden="true">←</span> ${host.t('previousWeek')}
      </button>
      ${heading(level, host.t('weekOf', host.dayLabel(first)), { id: 'week-heading' })}
      <button type="button" class="next" @click=${() => host.move(addDays(cursor, 7), false)}>
        ${host.t('nextWeek')} <span aria-hidden="true">→</span>
      </button>
    </div>
    <p id="week-help" class="hint">${host.t('weekHelp')}</p>
    <table role="grid" class="month week-grid" aria-labelledby="week-heading" aria-describedby="week-help" @keydown=${host.keydown}>
      <thead>
        <tr role="row">${weekdayHeaders(host, days)}</tr>
      </thead>
      <tbody>
        <tr role="row">${days.map((d) => cell(host, d, d.date === host.openDay))}</tr>
      </tbody>
    </table>
    ${days.map(
      (d) => html`<section class="week-day" aria-labelledby="wd-${d.date}">
        ${heading(level + 1, `${host.dayLabel(d.date)}${d.isToday ? ` (${host.t('today')})` : ''}`, { id: `wd-${d.date}`, cls: 'day-heading', focusable: true })}
        ${d.occurrences.length ? host.cards(d.occurrences, level + 2) : html`<p class="hint">${host.t('noEventThatDay')}</p>`}
      </section>`,
    )}
  </div>`;
}
