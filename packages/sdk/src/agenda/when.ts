/**
 * When an occurrence or an entry takes place, in plain French (or English), the one wording used
 * wherever a time range is shown (the agenda's cards and detail, the map's popup): hours written
 * "9 h", "18 h 30"; whole days without hours; an end on the next day said so ("de 22 h à 1 h 59 le
 * lendemain"); consecutive days as one range ("du 1er au 31 mai").
 *
 * @module
 */
import type { AgendaEntry } from './entries.ts';
import { DEFAULT_TIME_ZONE, type DateKey, dateKeyOf, dateKeyToWall, instantToWall, addDays } from './time.ts';

/** The languages of {@link formatTimeRange}. */
export type WhenLang = 'fr' | 'en';

/** Options of {@link formatTimeRange}. */
export interface WhenOptions {
  lang?: WhenLang | undefined;
  /** The zone the hours are read in (default Europe/Paris). */
  timeZone?: string | undefined;
  /** Whole days (the event's `allDay`): no hour is shown. */
  allDay?: boolean | undefined;
  /** Dates over several days with their year ("du 20 au 21 novembre 2020"). */
  year?: boolean | undefined;
  /** Only the end: "jusqu’à 20 h", "jusqu’au lendemain 1 h 59", "jusqu’au 31 mai". */
  endOnly?: boolean | undefined;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "9 h", "18 h 30" (French), "09:00", "18:30" (English), in `timeZone`. */
export function formatClock(ms: number, timeZone: string = DEFAULT_TIME_ZONE, lang: WhenLang = 'fr'): string {
  const d = new Date(instantToWall(ms, timeZone));
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return lang === 'fr' ? `${h} h${m ? ` ${pad2(m)}` : ''}` : `${pad2(h)}:${pad2(m)}`;
}

function dayParts(key: DateKey, lang: WhenLang, year: boolean): [string, string] {
  const d = new Date(dateKeyToWall(key));
  const day = d.getUTCDate();
  const month = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    ...(year ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(d);
  return [lang === 'fr' && day === 1 ? '1er' : String(day), month];
}

/** "1er mai", "31 mai 2026" (with `year`), "1 May". */
export function formatDay(key: DateKey, lang: WhenLang = 'fr', year = false): string {
  return dayParts(key, lang, year).join(' ');
}

/**
 * Consecutive days: "du 1er au 31 mai", "du 30 avril au 2 mai", "du 31 décembre 2026 au 2 janvier 2027"
 * ("from 1 to 31 May"…). One day: "le 4 novembre" ("on 4 November"). `year`: "du 20 au 21 novembre 2020".
 */
export function formatDayRange(first: DateKey, last: DateKey, lang: WhenLang = 'fr', year = false): string {
  const fr = lang === 'fr';
  if (first === last) return `${fr ? 'le' : 'on'} ${formatDay(first, lang, year)}`;
  const years = first.slice(0, 4) !== last.slice(0, 4);
  const months = years || first.slice(0, 7) !== last.slice(0, 7);
  const a = months ? formatDay(first, lang, years) : (dayParts(first, lang, false)[0] as string);
  return `${fr ? 'du' : 'from'} ${a} ${fr ? 'au' : 'to'} ${formatDay(last, lang, years || year)}`;
}

/**
 * The time of an occurrence: "de 18 h à 20 h", "à 18 h", "de 22 h à 1 h 59 le lendemain", "de 22 h à
 * minuit", "du 1er mai 18 h au 3 mai 12 h"; whole days: "toute la journée", "du 1er au 31 mai". With
 * `endOnly`: "jusqu’à 20 h", "jusqu’au lendemain 1 h 59", "jusqu’au 31 mai". English alike.
 */
export function formatTimeRange(start: Date, end: Date | undefined, options: WhenOptions = {}): string {
  const lang = options.lang ?? 'fr';
  const fr = lang === 'fr';
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const s = start.getTime();
  const e = end && end.getTime() > s ? end.getTime() : undefined;
  const startDay = dateKeyOf(s, tz);
  const clock = (ms: number) => formatClock(ms, tz, lang);
  if (options.allDay) {
    const last = e === undefined ? startDay : dateKeyOf(e - 1, tz);
    if (options.endOnly) return `${fr ? 'jusqu’au' : 'until'} ${formatDay(last, lang)}`;
    return last === startDay
      ? fr
        ? 'toute la journée'
        : 'all day'
      : formatDayRange(startDay, last, lang, options.year);
  }
  if (e === undefined) return `${fr ? 'à' : 'at'} ${clock(s)}`;
  const endDay = dateKeyOf(e, tz);
  const midnight = instantToWall(e, tz) % 86_400_000 === 0;
  const next = addDays(startDay, 1);
  if (endDay === startDay || (midnight && endDay === next)) {
    const to = midnight ? (fr ? 'minuit' : 'midnight') : clock(e);
    if (options.endOnly) return fr ? `jusqu’à ${to}` : `until ${to}`;
    return fr ? `de ${clock(s)} à ${to}` : `from ${clock(s)} to ${to}`;
  }
  if (endDay === next) {
    if (options.endOnly) return fr ? `jusqu’au lendemain ${clock(e)}` : `until ${clock(e)} the next day`;
    return fr ? `de ${clock(s)} à ${clock(e)} le lendemain` : `from ${clock(s)} to ${clock(e)} the next day`;
  }
  const until = `${formatDay(endDay, lang, options.year)} ${clock(e)}`;
  if (options.endOnly) return `${fr ? 'jusqu’au' : 'until'} ${until}`;
  return fr
    ? `du ${formatDay(startDay, lang)} ${clock(s)} au ${until}`
    : `from ${formatDay(startDay, lang)} ${clock(s)} to ${until}`;
}

/**
 * The dates of an entry: "du 1er au 31 mai" (whole days or one long occurrence), "tous les jours du
 * 1er au 31 mai, 9 h – 18 h" (the same hours every day), "jusqu’au 31 mai" when it is already going on
 * (`ongoing`; "tous les jours jusqu’au 31 mai, 9 h – 18 h"); an entry without consecutive days: the time of its first occurrence.
 */
export function formatEntryDates(entry: AgendaEntry, lang: WhenLang = 'fr'): string {
  const fr = lang === 'fr';
  const span = entry.span;
  const o = entry.first;
  if (!span) return formatTimeRange(o.start, o.end, { lang, timeZone: o.timeZone, allDay: o.event.allDay });
  const days = entry.ongoing
    ? `${fr ? 'jusqu’au' : 'until'} ${formatDay(span.lastDay, lang)}`
    : formatDayRange(span.firstDay, span.lastDay, lang);
  const d = span.daily;
  if (!d) return days;
  const tz = d.timeZone;
  const hours = `${formatClock(d.start.getTime(), tz, lang)} – ${formatClock(d.end?.getTime() ?? 0, tz, lang)}`;
  return fr ? `tous les jours ${days}, ${hours}` : `every day ${days}, ${hours}`;
}
