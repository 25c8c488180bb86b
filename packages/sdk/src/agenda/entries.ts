/**
 * The agenda as people read a programme: one entry per event or series, not one per occurrence.
 *
 * - An event whose occurrences cover consecutive days (a month-long challenge made of 31 whole days, an
 *   exhibition open every day 10 h – 18 h) or that lasts more than a day is one entry with its
 *   {@link AgendaSpan} (first and last day, the daily hours when they are the same every day).
 * - The same event at several places or dates — same title and same organiser (the schema has no
 *   series id) — is one entry with its number of dates and of places.
 * - A day's list separates what happens that day from what is already going on ("en cours").
 *
 * @module
 */
import type { Event } from '../schema/event.ts';
import { normalizeText } from '../text/normalize.ts';
import { prepareEvent } from './expand.ts';
import { addDays, type DateKey, dateKeyOf, instantToWall } from './time.ts';
import type { AgendaOccurrence } from './types.ts';

const DAY_MS = 86_400_000;

/** Consecutive days an event covers, from its first to its last. */
export interface AgendaSpan {
  /** First and last civil day (`YYYY-MM-DD`, in the event's zone). */
  readonly firstDay: DateKey;
  readonly lastDay: DateKey;
  /** Start of the first occurrence, end of the last one. */
  readonly start: Date;
  readonly end: Date;
  /** Whole days: no hour is shown. */
  readonly wholeDays: boolean;
  /** One occurrence a day, at the same hours every day: the first one (its start and end give the hours). */
  readonly daily?: AgendaOccurrence | undefined;
}

/** One item of the programme: an event, or the events of one series, with its occurrences. */
export interface AgendaEntry {
  /** The series key (normalised title and organiser). */
  readonly key: string;
  /** The events of the entry (one, or several of a series), in order of their first occurrence. */
  readonly events: readonly Event[];
  /** Its occurrences among those grouped (in a window: those in the window), by start. */
  readonly occurrences: readonly AgendaOccurrence[];
  /** The first of them. */
  readonly first: AgendaOccurrence;
  /** When every event of the entry covers the same consecutive days. */
  readonly span?: AgendaSpan | undefined;
  /** Number of distinct dates (start instants). */
  readonly dates: number;
  /** Number of distinct places (online-only events have none). */
  readonly places: number;
  /** Already going on at the reference instant (started before it, not over). */
  readonly ongoing: boolean;
}

/** The entries of one day: those that take place that day, and those already going on. */
export interface EntryDay {
  /** `YYYY-MM-DD` (Europe/Paris). */
  readonly date: DateKey;
  /** "Ce jour": entries that start (or have a date) that day. */
  readonly entries: AgendaEntry[];
  /** "En cours": entries covering consecutive days that started before. */
  readonly ongoing: AgendaEntry[];
}

const spans = new WeakMap<Event, AgendaSpan | null>();

function wallMinutes(ms: number, timeZone: string): number {
  return Math.floor((instantToWall(ms, timeZone) % DAY_MS) / 60_000);
}

/**
 * The consecutive days `event` covers, or undefined: its explicit occurrences (or single start/end)
 * must cover at least two days without a gap. Events repeated by RRULE have none (their dates are a
 * series). Computed once per event.
 */
export function eventSpan(event: Event): AgendaSpan | undefined {
  const cached = spans.get(event);
  if (cached !== undefined) return cached ?? undefined;
  let span: AgendaSpan | undefined;
  const p = prepareEvent(event);
  const list = p.fixed;
  const first = list[0];
  const last = list[list.length - 1];
  if (!p.rule && first && last) {
    const tz = p.timeZone;
    const whole = event.allDay === true;
    let daily = !whole;
    let ok = true;
    let endDay = '';
    let endMs = first.start.getTime();
    for (const o of list) {
      const s = o.start.getTime();
      const e = o.end?.getTime() ?? s;
      const startDay = dateKeyOf(s, tz);
      // Days an occurrence covers: its start day, to the day of its end when it lasts a day or more.
      const lastDay = e - s >= DAY_MS || (whole && e > s) ? dateKeyOf(e - 1, tz) : startDay;
      if (endDay && startDay > addDays(endDay, 1)) ok = false;
      if (lastDay > endDay) endDay = lastDay;
      endMs = Math.max(endMs, e);
      if (
        lastDay !== startDay ||
        o.end === undefined ||
        dateKeyOf(e - 1, tz) !== startDay ||
        wallMinutes(s, tz) !== wallMinutes(first.start.getTime(), tz) ||
        wallMinutes(e, tz) !== wallMinutes(first.end?.getTime() ?? s, tz)
      )
        daily = false;
    }
    const firstDay = dateKeyOf(first.start.getTime(), tz);
    if (ok && endDay > firstDay) {
      // Daily: one occurrence on each day.
      daily &&= new Set(list.map((o) => dateKeyOf(o.start.getTime(), tz))).size === list.length;
      span = {
        firstDay,
        lastDay: endDay,
        start: first.start,
        end: new Date(endMs),
        wholeDays: whole,
        daily: daily ? first : undefined,
      };
    }
  }
  spans.set(event, span ?? null);
  return span;
}

/** The series key of an event: its normalised title and its organiser (ids, else name). */
export function seriesKey(event: Event): string {
  const organizer = event.organizerIds?.length
    ? [...event.organizerIds].sort().join(' ')
    : normalizeText(event.organizerName ?? '');
  return `${normalizeText(event.title)}|${organizer}`;
}

function placeKey(event: Event): string | undefined {
  if (event.attendanceMode === 'online' || event.status === 'moved-online') return undefined;
  const p = event.place;
  if (!p) return undefined;
  const g = p.geo;
  return g
    ? `${g.lat.toFixed(4)},${g.lon.toFixed(4)}`
    : normalizeText(`${p.name ?? ''} ${p.address?.commune ?? ''}`);
}

function sameSpan(a: AgendaSpan | undefined, b: AgendaSpan | undefined): boolean {
  return (
    !!a &&
    !!b &&
    a.firstDay === b.firstDay &&
    a.lastDay === b.lastDay &&
    a.wholeDays === b.wholeDays &&
    !a.daily === !b.daily &&
    (!a.daily ||
      (a.daily.startIso.slice(11, 16) === b.daily?.startIso.slice(11, 16) &&
        a.daily.endIso?.slice(11, 16) === b.daily?.endIso?.slice(11, 16)))
  );
}

/**
 * Groups occurrences into entries (one per event or series), in order of their first occurrence.
 * `now` (epoch ms) decides which entries are `ongoing`.
 */
export function groupEntries(
  occurrences: readonly AgendaOccurrence[],
  now: number = Date.now(),
): AgendaEntry[] {
  const groups = new Map<string, AgendaOccurrence[]>();
  for (const o of occurrences) {
    const key = seriesKey(o.event);
    const g = groups.get(key);
    if (g) g.push(o);
    else groups.set(key, [o]);
  }
  const out: AgendaEntry[] = [];
  for (const [key, list] of groups) {
    list.sort((a, b) => a.start.getTime() - b.start.getTime() || a.index - b.index);
    const events = [...new Set(list.map((o) => o.event))];
    const first = list[0] as AgendaOccurrence;
    const span0 = eventSpan(events[0] as Event);
    const span = events.every((e) => sameSpan(eventSpan(e), span0)) ? span0 : undefined;
    const places = new Set<string>();
    for (const e of events) {
      const k = placeKey(e);
      if (k) places.add(k);
    }
    const startedAt = span ? span.start.getTime() : first.start.getTime();
    const endsAt = span ? span.end.getTime() : (first.end ?? first.start).getTime();
    out.push({
      key,
      events,
      occurrences: list,
      first,
      span,
      dates: new Set(list.map((o) => o.start.getTime())).size,
      places: places.size,
      ongoing: startedAt < now && endsAt > now,
    });
  }
  return out.sort((a, b) => a.first.start.getTime() - b.first.start.getTime());
}

/**
 * Places entries on days: each on the day of its first occurrence (at the earliest the day of `from`,
 * epoch ms); those that started before `from` are "en cours" on that first day. Days in order.
 */
export function entryDays(
  entries: readonly AgendaEntry[],
  from: number = Number.NEGATIVE_INFINITY,
): EntryDay[] {
  const days = new Map<DateKey, EntryDay>();
  for (const e of entries) {
    const start = e.span ? e.span.start.getTime() : e.first.start.getTime();
    const date = dateKeyOf(Math.max(e.first.start.getTime(), from));
    let day = days.get(date);
    if (!day) days.set(date, (day = { date, entries: [], ongoing: [] }));
    (start < from ? day.ongoing : day.entries).push(e);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * The entries of one calendar day (`date`, from its occurrences): those that take place that day, and
 * those covering consecutive days that started before it ("en cours", listed once, not repeated).
 */
export function splitDay(occurrences: readonly AgendaOccurrence[], date: DateKey, now?: number): EntryDay {
  const day: EntryDay = { date, entries: [], ongoing: [] };
  for (const e of groupEntries(occurrences, now))
    (e.span && e.span.firstDay < date ? day.ongoing : day.entries).push(e);
  return day;
}
