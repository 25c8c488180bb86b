/**
 * `openingHoursWeek`: the compact weekly form of an OSM `opening_hours` value, so that browsers say
 * "ouvert maintenant" with a few hundred bytes (the SDK's `openingState`) instead of the 128 KB gzip
 * `opening_hours` library.
 *
 * The `opening_hours` library (kept here, in Node) computes the value's open intervals day by day over
 * two whole years; the value gets a compact form only when every day of those years equals its weekday's
 * intervals (or, on a French public holiday, the holidays' intervals). Anything else — month or week
 * ranges, dates, years, school holidays, sunrise, Easter, an unreadable value — gets none, and the
 * browser then shows the raw value without claiming open or closed.
 *
 * Days whose length is not 24 hours in the process's zone (a daylight-saving change) are not compared:
 * the library reads times as wall-clock times, like the compact form.
 */
import { type HoursInterval, isFrenchPublicHoliday, type OpeningHoursWeek } from '@essaim/sdk';
import OpeningHours from 'opening_hours';
import { type Note, note, quote } from './notes.ts';

const DAY_MS = 86_400_000;
/** The years compared: 2026 has an ISO week 53; two Easters, two sets of public holidays. */
const FIRST_YEAR = 2026;
const YEARS = 2;

/** A France address without a region: national public holidays only (as the widgets used to ask). */
const WHERE = { lat: 46.6, lon: 1.9, address: { country_code: 'fr', state: '' } };
const OPTIONS = { mode: 0, tag_key: 'opening_hours', map_value: false, warnings_severity: 4, locale: 'fr' };

/**
 * A value naming a year or school holidays changes from one year to the next; sunrise and sunset from
 * one day to the next (the library reads them as fixed times).
 */
const DATED = /(?:^|[^\d:])(?:19|20)\d\d(?![\d:])|\b(?:SH|sunrise|sunset|dawn|dusk)\b/;

export type WeekOf = { week: OpeningHoursWeek } | { reason: 'unreadable' | 'not-weekly' };

const key = (list: readonly HoursInterval[]) => JSON.stringify(list);
const cache = new Map<string, WeekOf>();

/** The compact weekly form of `value`, or why it has none. */
export function openingHoursWeekOf(value: string): WeekOf {
  let r = cache.get(value);
  if (!r) {
    r = compute(value);
    if (cache.size > 10_000) cache.clear();
    cache.set(value, r);
  }
  return r;
}

function compute(value: string): WeekOf {
  if (DATED.test(value)) return { reason: 'not-weekly' };
  let oh: OpeningHours;
  try {
    oh = new OpeningHours(value, WHERE as never, OPTIONS as never);
  } catch {
    return { reason: 'unreadable' };
  }
  const from = new Date(FIRST_YEAR, 0, 1);
  const to = new Date(FIRST_YEAR + YEARS, 0, 1);
  const open = oh.getOpenIntervals(from, to);
  const days: Array<{ list: HoursInterval[]; weekday: number; holiday: boolean }> = [];
  let k = 0;
  for (let d = 0; ; d++) {
    const start = new Date(FIRST_YEAR, 0, 1 + d);
    if (start >= to) break;
    const end = new Date(FIRST_YEAR, 0, 2 + d);
    while (k < open.length && open[k]![1] <= start) k++;
    const list: HoursInterval[] = [];
    for (let j = k; j < open.length && open[j]![0] < end; j++) {
      const [a, b, unknown, said] = open[j]!;
      // The library names the holiday ("Nouvel An") as the comment of a PH interval: not the value's.
      const comment = said && value.includes(said) ? said : undefined;
      if (comment && comment.length > 500) return { reason: 'not-weekly' };
      const s = Math.max(+a, +start);
      const e = Math.min(+b, +end);
      if (e <= s) continue;
      const interval: HoursInterval = [Math.round((s - +start) / 60_000), Math.round((e - +start) / 60_000)];
      if (unknown || comment) interval.push(unknown ? 1 : 0);
      if (comment) interval.push(comment);
      list.push(interval);
    }
    if (+end - +start !== DAY_MS) continue; // a daylight-saving change in this process's zone
    const civil = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-${String(start.getDate()).padStart(2, '0')}`;
    days.push({ list, weekday: (start.getDay() + 6) % 7, holiday: isFrenchPublicHoliday(civil) });
  }
  const week: HoursInterval[][] = [];
  for (let w = 0; w < 7; w++) {
    const day = days.find((x) => x.weekday === w && !x.holiday);
    if (!day) return { reason: 'not-weekly' };
    week.push(day.list);
  }
  const holidays = days.filter((x) => x.holiday);
  const ph = holidays.every((x) => key(x.list) === key(week[x.weekday]!)) ? undefined : holidays[0]?.list;
  for (const x of days) {
    if (key(x.list) !== key(x.holiday && ph ? ph : week[x.weekday]!)) return { reason: 'not-weekly' };
  }
  return { week: ph ? { week, ph } : { week } };
}

/** A note for a value without a weekly form (the raw value stays in the record). */
export function openingHoursWeekNote(value: string, reason: 'unreadable' | 'not-weekly'): Note {
  return reason === 'unreadable'
    ? note(
        'opening-hours-unreadable',
        `horaires « ${quote(value, 80)} » illisibles pour la bibliothèque opening_hours : gardés tels quels, sans « ouvert maintenant »`,
        `opening hours "${quote(value, 80)}" unreadable by the opening_hours library: kept as given, without "open now"`,
      )
    : note(
        'opening-hours-not-weekly',
        `horaires « ${quote(value, 80)} » différents d’une semaine à l’autre (mois, dates, vacances scolaires, lever du soleil…) : gardés tels quels, sans « ouvert maintenant » dans les widgets`,
        `opening hours "${quote(value, 80)}" differ from week to week (months, dates, school holidays, sunrise…): kept as given, without "open now" in the widgets`,
      );
}

/**
 * Sets (or removes) `openingHoursWeek` of a structure or service from its `openingHours`; returns the
 * note when the value has no weekly form.
 */
export function applyOpeningHoursWeek(record: {
  openingHours?: string | undefined;
  openingHoursWeek?: OpeningHoursWeek | undefined;
}): Note | undefined {
  delete record.openingHoursWeek;
  if (!record.openingHours) return undefined;
  const r = openingHoursWeekOf(record.openingHours);
  if ('week' in r) {
    record.openingHoursWeek = r.week;
    return undefined;
  }
  return openingHoursWeekNote(record.openingHours, r.reason);
}
