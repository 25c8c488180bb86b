/**
 * The calendar views of the agenda connector (month grid, week), apart from the list connector so that a
 * list keeps the calendar code out of its first bundle.
 *
 * @module
 */
import type { Event } from '../schema/event.ts';
import { type CalendarDay, monthGrid, monthWindow, weekDays, weekWindow } from './calendar.ts';
import {
  type AgendaConnectorOptions,
  type AgendaListConnector,
  createAgendaListConnector,
} from './connector.ts';
import { DEFAULT_TIME_ZONE } from './time.ts';
import type { DateInput } from './types.ts';

/** A stateful agenda over a list of events, with its month grid and week. */
export interface AgendaConnector extends AgendaListConnector {
  /** The month grid (`month` 1–12) with the current filters (its own dates replace the range). */
  monthGrid(year: number, month: number): CalendarDay[][];
  /** The week (Monday–Sunday) of `date` with the current filters. */
  weekDays(date: DateInput): CalendarDay[];
}

/**
 * Gives a list connector its month grid and week (the same object, completed; once is enough: a
 * connector that has them is returned as is).
 */
export function withCalendar(connector: AgendaListConnector): AgendaConnector {
  if ('monthGrid' in connector) return connector as AgendaConnector;
  const timeZone = DEFAULT_TIME_ZONE;
  const today = () => connector.getState().referenceDate;
  return Object.assign(connector, {
    monthGrid(year: number, month: number): CalendarDay[][] {
      const { from, to } = monthWindow(year, month, timeZone);
      return monthGrid(year, month, connector.between(from, to), { timeZone, today: today() });
    },
    weekDays(date: DateInput): CalendarDay[] {
      const { from, to } = weekWindow(date, timeZone);
      return weekDays(date, connector.between(from, to), { timeZone, today: today() });
    },
  });
}

/**
 * Creates an agenda connector over `events`, with the month grid and the week (see
 * {@link createAgendaListConnector} for the rest).
 *
 * @example
 * const agenda = createAgendaConnector(feed.events, { now: '2026-11-02', structures: feed.structures });
 * agenda.subscribe(({ result }) => render(result.days));
 * agenda.toggleFacet('departement', '31');
 * agenda.monthGrid(2026, 11); // 6 × 7 days, Monday first
 */
export function createAgendaConnector(
  events: readonly Event[],
  options: AgendaConnectorOptions = {},
): AgendaConnector {
  return withCalendar(createAgendaListConnector(events, options));
}
