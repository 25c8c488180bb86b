/**
 * "Ouvert maintenant" from a record's `openingHoursWeek`: the compact weekly form of its OSM
 * `opening_hours` value, computed and checked against the `opening_hours` library at build time
 * (packages/cli/src/normalize/opening-hours-week.ts), so that the browser never loads that library.
 *
 * Times are wall-clock times in Europe/Paris (the feed's zone); public holidays are France's national
 * ones (as the library counts them for a French address without a region).
 *
 * @module
 */
import {
  addDays,
  type DateKey,
  DEFAULT_TIME_ZONE,
  dateKeyToWall,
  instantToWall,
  isoWeekday,
  wallDateKey,
  wallToInstant,
} from '../agenda/time.ts';
import type { HoursInterval, OpeningHoursWeek } from '../schema/structure.ts';

const DAY_MS = 86_400_000;

/** Easter Sunday of `year` (Gregorian, anonymous algorithm), as a wall time. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return Date.UTC(year, Math.floor(n / 31) - 1, (n % 31) + 1);
}

/**
 * Whether a civil date is a national public holiday in France: 1 Jan, Easter Monday, 1 and 8 May,
 * Ascension, Whit Monday, 14 Jul, 15 Aug, 1 and 11 Nov, 25 Dec.
 */
export function isFrenchPublicHoliday(key: DateKey): boolean {
  const md = key.slice(5);
  if (['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].includes(md)) return true;
  const days = (dateKeyToWall(key) - easter(Number(key.slice(0, 4)))) / DAY_MS;
  return days === 1 || days === 39 || days === 50;
}

/** The intervals of a civil date: the public-holiday ones on a holiday when given, else its weekday's. */
export function hoursOfDay(hours: OpeningHoursWeek, key: DateKey): readonly HoursInterval[] {
  return (hours.ph && isFrenchPublicHoliday(key) ? hours.ph : hours.week[isoWeekday(key) - 1]) ?? [];
}

export type OpeningStatus = 'open' | 'closed' | 'unknown';

export interface OpeningState {
  status: OpeningStatus;
  /** The comment of the current interval ("sur rendez-vous"), if any. */
  comment?: string;
  /** The next change of state within 7 days: its civil date and minute of the day, and its instant. */
  next?: { date: DateKey; minute: number; at: number };
}

type Slot = [status: OpeningStatus, comment: string | undefined];

function slotAt(intervals: readonly HoursInterval[], minute: number): Slot {
  for (const [start, end, unknown, comment] of intervals)
    if (minute >= start && minute < end) return [unknown ? 'unknown' : 'open', comment];
  return ['closed', undefined];
}

/**
 * The state at instant `now` (a Date or ms) and its next change within a week, in Europe/Paris time
 * unless `timeZone` says otherwise.
 */
export function openingState(
  hours: OpeningHoursWeek,
  now: Date | number,
  timeZone: string = DEFAULT_TIME_ZONE,
): OpeningState {
  const wall = instantToWall(+now, timeZone);
  const today = wallDateKey(wall);
  const minute = Math.floor((wall - dateKeyToWall(today)) / 60_000);
  const [status, comment] = slotAt(hoursOfDay(hours, today), minute);
  const state: OpeningState = comment === undefined ? { status } : { status, comment };
  for (let d = 0; d <= 7; d++) {
    const date = addDays(today, d);
    const intervals = hoursOfDay(hours, date);
    const edges = [0];
    for (const [start, end] of intervals) edges.push(start, end);
    edges.sort((a, b) => a - b);
    for (const edge of edges) {
      if ((d === 0 && edge <= minute) || edge >= 1440) continue;
      const [s, c] = slotAt(intervals, edge);
      if (s !== status || c !== comment) {
        state.next = { date, minute: edge, at: wallToInstant(dateKeyToWall(date) + edge * 60_000, timeZone) };
        return state;
      }
    }
  }
  return state;
}

/** The intervals of `days` civil days from the day of `now` (Europe/Paris unless told), for a week's table. */
export function openingDays(
  hours: OpeningHoursWeek,
  now: Date | number,
  days = 7,
  timeZone: string = DEFAULT_TIME_ZONE,
): Array<{ date: DateKey; intervals: readonly HoursInterval[] }> {
  const today = wallDateKey(instantToWall(+now, timeZone));
  return Array.from({ length: days }, (_, d) => {
    const date = addDays(today, d);
    return { date, intervals: hoursOfDay(hours, date) };
  });
}
