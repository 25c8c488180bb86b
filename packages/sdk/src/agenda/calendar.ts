/**
 * Calendar windows: a month as a 6 × 7 grid and a week, weeks starting on Monday (French usage), days in
 * Europe/Paris, each day with the occurrences that take place on it.
 *
 * @module
 */
import { compareOccurrences } from './expand.ts';
import {
  addDays,
  DEFAULT_TIME_ZONE,
  type DateKey,
  dateKeyOf,
  dateKeyToWall,
  instantToWall,
  isoWeekday,
  startOfDay,
  toInstant,
  wallDateKey,
} from './time.ts';
import type { AgendaOccurrence, DateInput } from './types.ts';

/** Civil-date arithmetic by months (beside the grids that page by month, out of the agenda's first list):
 * the same day `months` months after `key` (negative: before), or that month's last day (31 → 30). */
export function addMonths(key: DateKey, months: number): DateKey {
  const d = new Date(dateKeyToWall(key));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return wallDateKey(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

/** One day of a calendar view. */
export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: DateKey;
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** In the month shown (false for the leading and trailing days of a month grid; true in a week). */
  inMonth: boolean;
  /** The reference date's day ("today"). */
  isToday: boolean;
  isWeekend: boolean;
  /** When the day starts and when the next one starts, in the view's zone. */
  start: Date;
  end: Date;
  /** Occurrences taking place on that day, by start (an occurrence over several days is on each). */
  occurrences: AgendaOccurrence[];
}

/** Options of {@link monthGrid} and {@link weekDays}. */
export interface CalendarOptions {
  /** Zone of the days (default Europe/Paris). */
  timeZone?: string;
  /** "Today", flagged `isToday` (default: now). */
  today?: DateInput;
  /**
   * An occurrence that ends on a later day at or before this local time (minutes after midnight) is
   * not shown on that last day: a concert 21:00–01:00 is on its first day only. Default 360 (06:00).
   */
  nextDayThresholdMinutes?: number;
}

function dayKeyOfInput(date: DateInput, timeZone: string): DateKey {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const t = toInstant(date, timeZone);
  if (Number.isNaN(t)) throw new RangeError(`Invalid date: ${String(date)}`);
  return dateKeyOf(t, timeZone);
}

/** The first day (a Monday) and the 42 days of the grid of `month` (1–12) of `year`. */
export function monthGridDates(year: number, month: number): DateKey[] {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid month ${month}: expected 1 (January) to 12 (December)`);
  }
  const first = wallDateKey(Date.UTC(year, month - 1, 1));
  const start = addDays(first, 1 - isoWeekday(first));
  return Array.from({ length: 42 }, (_, i) => addDays(start, i));
}

/** The 7 days (Monday to Sunday) of the week that contains `date`. */
export function weekDates(date: DateInput, timeZone: string = DEFAULT_TIME_ZONE): DateKey[] {
  const key = dayKeyOfInput(date, timeZone);
  const monday = addDays(key, 1 - isoWeekday(key));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The instants `[from, to)` covered by a list of consecutive days, for queries and expansion. */
export function daysWindow(
  dates: readonly DateKey[],
  timeZone: string = DEFAULT_TIME_ZONE,
): { from: Date; to: Date } {
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('No day');
  return {
    from: new Date(startOfDay(first, timeZone)),
    to: new Date(startOfDay(addDays(last, 1), timeZone)),
  };
}

/** The instants covered by the month grid of `month` (1–12) of `year`: 42 days from a Monday. */
export function monthWindow(year: number, month: number, timeZone: string = DEFAULT_TIME_ZONE) {
  return daysWindow(monthGridDates(year, month), timeZone);
}

/** The instants covered by the week (Monday to Sunday) of `date`. */
export function weekWindow(date: DateInput, timeZone: string = DEFAULT_TIME_ZONE) {
  return daysWindow(weekDates(date, timeZone), timeZone);
}

/** The last day an occurrence is shown on, with the next-day threshold. */
function lastDayOf(o: AgendaOccurrence, timeZone: string, thresholdMs: number): DateKey {
  const startKey = dateKeyOf(o.start.getTime(), timeZone);
  if (!o.end || o.end.getTime() <= o.start.getTime()) return startKey;
  const endWall = instantToWall(o.end.getTime(), timeZone);
  const endKey = wallDateKey(endWall);
  if (endKey === startKey) return startKey;
  const timeOfDay = endWall - dateKeyToWall(endKey);
  return timeOfDay <= thresholdMs ? addDays(endKey, -1) : endKey;
}

function buildDays(
  dates: readonly DateKey[],
  occurrences: readonly AgendaOccurrence[],
  options: CalendarOptions,
  inMonth: (key: DateKey) => boolean,
): CalendarDay[] {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const today = dayKeyOfInput(options.today ?? Date.now(), timeZone);
  const thresholdMs = (options.nextDayThresholdMinutes ?? 360) * 60_000;
  const byKey = new Map<DateKey, CalendarDay>();
  const days = dates.map((date) => {
    const wall = dateKeyToWall(date);
    const d = new Date(wall);
    const weekday = isoWeekday(date);
    const day: CalendarDay = {
      date,
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      weekday,
      inMonth: inMonth(date),
      isToday: date === today,
      isWeekend: weekday >= 6,
      start: new Date(startOfDay(date, timeZone)),
      end: new Date(startOfDay(addDays(date, 1), timeZone)),
      occurrences: [],
    };
    byKey.set(date, day);
    return day;
  });
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return days;
  for (const o of occurrences) {
    let key = dateKeyOf(o.start.getTime(), timeZone);
    const end = lastDayOf(o, timeZone, thresholdMs);
    if (key < first) key = first;
    let stop = end; // civil dates compare as strings
    if (last < stop) stop = last;
    // Bounded by the view's length: at most 42 steps.
    for (let guard = 0; key <= stop && guard < dates.length; guard++, key = addDays(key, 1)) {
      byKey.get(key)?.occurrences.push(o);
    }
  }
  for (const day of days) day.occurrences.sort(compareOccurrences);
  return days;
}

/**
 * The month grid of `month` (1–12) of `year`: 6 weeks × 7 days from the Monday on or before the 1st,
 * each day with the given occurrences that take place on it (query them over {@link monthWindow}).
 *
 * @example
 * const { from, to } = monthWindow(2026, 11);
 * const grid = monthGrid(2026, 11, queryAgenda(index, { from, to, limit: Infinity }).occurrences);
 * grid.length === 6 && grid[0].length === 7; // grid[0][0] is Monday 26 October 2026
 */
export function monthGrid(
  year: number,
  month: number,
  occurrences: readonly AgendaOccurrence[] = [],
  options: CalendarOptions = {},
): CalendarDay[][] {
  const dates = monthGridDates(year, month);
  const prefix = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-`;
  const days = buildDays(dates, occurrences, options, (k) => k.startsWith(prefix));
  return Array.from({ length: 6 }, (_, w) => days.slice(w * 7, w * 7 + 7));
}

/** The week (Monday to Sunday) that contains `date`, each day with its occurrences. */
export function weekDays(
  date: DateInput,
  occurrences: readonly AgendaOccurrence[] = [],
  options: CalendarOptions = {},
): CalendarDay[] {
  const dates = weekDates(date, options.timeZone ?? DEFAULT_TIME_ZONE);
  return buildDays(dates, occurrences, options, () => true);
}
