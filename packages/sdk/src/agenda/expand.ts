/**
 * Occurrences of an event: explicit ones (OpenAgenda `timings`), an RRULE in the event's time zone minus
 * its `exdates`, or a single `start`/`end`.
 *
 * @module
 */
import type { AttendanceMode, Event, EventStatus } from '../schema/event.ts';
import {
  type CompiledRule,
  compileRule,
  isRecurrenceLoaded,
  loadRecurrence,
  RecurrenceNotLoadedError,
} from './recurrence.ts';
import { instantToWall, resolveTimeZone, toInstant, toZonedIso, wallToInstant } from './time.ts';
import type { AgendaOccurrence, DateRange } from './types.ts';

/** Without `to` nor `limit`, an open-ended RRULE gives at most this many occurrences. */
export const MAX_RULE_OCCURRENCES = 1000;

const DAY_MS = 86_400_000;

/** Options of {@link expandOccurrences}. */
export interface ExpandOptions extends DateRange {
  /** At most this many occurrences (the earliest ones). */
  limit?: number | undefined;
}

/** @internal What is computed once per event (cached by event object). */
export interface PreparedEvent {
  readonly event: Event;
  readonly timeZone: string;
  readonly status: EventStatus;
  /** Explicit occurrences (or the single `start`), sorted, already built. */
  readonly fixed: readonly AgendaOccurrence[];
  readonly rule?: PreparedRule | undefined;
}

/** @internal */
export interface PreparedRule {
  readonly text: string;
  readonly startWall: number;
  readonly durationMs: number | undefined;
  readonly firstIndex: number;
  /** Excluded instants, and excluded wall times as written (for exdates written with a wrong offset). */
  readonly exInstants: ReadonlySet<number>;
  readonly exWalls: ReadonlySet<number>;
  /** Instants already given explicitly (the explicit occurrence wins). */
  readonly fixedStarts: ReadonlySet<number>;
  /** The first occurrence alone, used when the rule cannot be read. */
  readonly first: AgendaOccurrence;
  compiled?: CompiledRule | null;
  /** Expansions already made, per window. */
  readonly cache: Map<string, readonly AgendaOccurrence[]>;
}

const prepared = new WeakMap<Event, PreparedEvent>();

/** The wall time an ISO date-time was written with (its local components, whatever its offset). */
function writtenWall(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(iso);
  if (!m) return undefined;
  return Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
}

function makeOccurrence(
  event: Event,
  timeZone: string,
  status: EventStatus,
  start: number,
  end: number | undefined,
  index: number,
  source: AgendaOccurrence['source'],
): AgendaOccurrence {
  const occ: AgendaOccurrence = {
    eventId: event.id,
    event,
    start: new Date(start),
    end: end === undefined ? undefined : new Date(end),
    startIso: toZonedIso(start, timeZone),
    endIso: end === undefined ? undefined : toZonedIso(end, timeZone),
    timeZone,
    status,
    index,
    source,
  };
  return Object.freeze(occ);
}

/** @internal Prepares (once) what the expansion of `event` needs. */
export function prepareEvent(event: Event): PreparedEvent {
  const cached = prepared.get(event);
  if (cached) return cached;
  const timeZone = resolveTimeZone(event.timeZone);
  const status: EventStatus = event.status ?? 'scheduled';
  const fixed: AgendaOccurrence[] = [];
  const list = event.occurrences ?? [];
  const timed = list
    .map((o) => ({ start: Date.parse(o.start), end: o.end === undefined ? Number.NaN : Date.parse(o.end) }))
    .filter((o) => Number.isFinite(o.start))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  timed.forEach((o, i) => {
    const end = Number.isFinite(o.end) && o.end >= o.start ? o.end : undefined;
    fixed.push(makeOccurrence(event, timeZone, status, o.start, end, i, 'occurrences'));
  });
  const start = event.start === undefined ? Number.NaN : Date.parse(event.start);
  const end = event.end === undefined ? Number.NaN : Date.parse(event.end);
  let rule: PreparedRule | undefined;
  if (event.rrule && Number.isFinite(start)) {
    const exInstants = new Set<number>();
    const exWalls = new Set<number>();
    for (const x of event.exdates ?? []) {
      const t = Date.parse(x);
      if (Number.isFinite(t)) exInstants.add(t);
      const w = writtenWall(x);
      if (w !== undefined) exWalls.add(w);
    }
    rule = {
      text: event.rrule,
      startWall: instantToWall(start, timeZone),
      durationMs: Number.isFinite(end) && end >= start ? end - start : undefined,
      firstIndex: fixed.length,
      exInstants,
      exWalls,
      fixedStarts: new Set(fixed.map((o) => o.start.getTime())),
      first: makeOccurrence(
        event,
        timeZone,
        status,
        start,
        Number.isFinite(end) && end >= start ? end : undefined,
        fixed.length,
        'start',
      ),
      cache: new Map(),
    };
  } else if (fixed.length === 0 && Number.isFinite(start)) {
    // A one-off event: its start and end. (With explicit occurrences and no rule, start/end only sum
    // them up — first start, last end — and are not an occurrence of their own.)
    const e = Number.isFinite(end) && end >= start ? end : undefined;
    fixed.push(makeOccurrence(event, timeZone, status, start, e, 0, 'start'));
  }
  const p: PreparedEvent = Object.freeze({ event, timeZone, status, fixed: Object.freeze(fixed), rule });
  prepared.set(event, p);
  return p;
}

/** The attendance an event really has: `moved-online` events are online whatever their mode said. */
export function effectiveAttendance(event: Event): AttendanceMode {
  return event.status === 'moved-online' ? 'online' : (event.attendanceMode ?? 'offline');
}

/** Whether expanding `event` needs the RRULE library. */
export function needsRecurrence(event: Event): boolean {
  return Boolean(event.rrule && event.start);
}

/** @internal A window as instants (NaN-free). */
export interface Window {
  from: number;
  to: number;
}

/** @internal */
export function toWindow(range: DateRange, timeZone?: string): Window {
  const from = range.from === undefined ? Number.NEGATIVE_INFINITY : toInstant(range.from, timeZone);
  const to = range.to === undefined ? Number.POSITIVE_INFINITY : toInstant(range.to, timeZone);
  if (Number.isNaN(from)) throw new RangeError(`Invalid date: ${String(range.from)}`);
  if (Number.isNaN(to)) throw new RangeError(`Invalid date: ${String(range.to)}`);
  return { from, to };
}

/** @internal Whether an occurrence overlaps the window. */
export function overlaps(start: number, end: number | undefined, w: Window): boolean {
  if (start >= w.to) return false;
  return start >= w.from || (end !== undefined && end > w.from);
}

/**
 * @internal Pushes into `out` the occurrences of `p` overlapping `w` (rule occurrences: overlapping
 * `rw`, at most `limit` of them). Returns false when the rule could not be expanded (library not loaded).
 */
export function collect(
  p: PreparedEvent,
  w: Window,
  out: AgendaOccurrence[],
  limit = Number.POSITIVE_INFINITY,
  rw: Window = w,
): boolean {
  for (const o of p.fixed) {
    if (overlaps(o.start.getTime(), o.end?.getTime(), w)) out.push(o);
  }
  const r = p.rule;
  if (!r) return true;
  if (r.compiled === undefined) {
    if (!isRecurrenceLoaded()) return false;
    try {
      r.compiled = compileRule(r.text, r.startWall, p.timeZone);
    } catch {
      r.compiled = null; // an invalid rule: keep the explicit occurrences, as if there were no rule
    }
  }
  if (!r.compiled) {
    // An unreadable rule: its first occurrence still stands.
    if (
      !r.fixedStarts.has(r.first.start.getTime()) &&
      overlaps(r.first.start.getTime(), r.first.end?.getTime(), rw)
    ) {
      out.push(r.first);
    }
    return true;
  }
  const max = Number.isFinite(rw.to) ? limit : Math.min(limit, MAX_RULE_OCCURRENCES);
  if (max <= 0) return true;
  // Walls differ from instants by less than a day: stop one day past the window's end.
  const stopWall = Number.isFinite(rw.to)
    ? instantToWall(rw.to, p.timeZone) + DAY_MS
    : Number.POSITIVE_INFINITY;
  const key = `${rw.from}|${rw.to}|${max}`;
  let list = r.cache.get(key);
  if (!list) {
    const found: AgendaOccurrence[] = [];
    const compiled = r.compiled;
    compiled.each((wall, ordinal) => {
      if (wall > stopWall) return false;
      if (r.exWalls.has(wall)) return true;
      const start = wallToInstant(wall, p.timeZone);
      if (r.exInstants.has(start) || r.fixedStarts.has(start)) return true;
      const end = r.durationMs === undefined ? undefined : start + r.durationMs;
      if (!overlaps(start, end, rw)) return start < rw.to;
      found.push(makeOccurrence(p.event, p.timeZone, p.status, start, end, r.firstIndex + ordinal, 'rrule'));
      return found.length < max;
    });
    // A few windows per event are enough (the list, the month shown, its neighbours).
    if (r.cache.size >= 8) r.cache.clear();
    r.cache.set(key, found);
    list = found;
  }
  for (const o of list) out.push(o);
  return true;
}

/** Sorts occurrences by start, then end, then title, then event id and index (a total order). */
export function compareOccurrences(a: AgendaOccurrence, b: AgendaOccurrence): number {
  return (
    a.start.getTime() - b.start.getTime() ||
    (a.end?.getTime() ?? a.start.getTime()) - (b.end?.getTime() ?? b.start.getTime()) ||
    (a.event.title < b.event.title ? -1 : a.event.title > b.event.title ? 1 : 0) ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0) ||
    a.index - b.index
  );
}

function finish(out: AgendaOccurrence[], limit: number | undefined): AgendaOccurrence[] {
  out.sort(compareOccurrences);
  return limit === undefined ? out : out.slice(0, Math.max(0, limit));
}

/**
 * The occurrences of `event` that overlap `[from, to)`, sorted by start, synchronously. Works for every
 * event once {@link loadRecurrence} has resolved; before that, throws {@link RecurrenceNotLoadedError}
 * for an event with an `rrule` (events without one never need the library).
 */
export function expandOccurrencesSync(event: Event, options: ExpandOptions = {}): AgendaOccurrence[] {
  const p = prepareEvent(event);
  const out: AgendaOccurrence[] = [];
  if (!collect(p, toWindow(options, p.timeZone), out, options.limit)) throw new RecurrenceNotLoadedError();
  return finish(out, options.limit);
}

/**
 * The occurrences of `event` that overlap `[from, to)` (both optional), sorted by start, at most `limit`.
 * Loads the RRULE library first when the event has an `rrule` (and only then).
 *
 * @example
 * const occ = await expandOccurrences(event, { from: '2026-10-01', to: '2026-12-01' });
 * occ.map((o) => o.startIso); // ['2026-10-20T18:00:00+02:00', '2026-10-27T18:00:00+01:00', …]
 */
export async function expandOccurrences(
  event: Event,
  options: ExpandOptions = {},
): Promise<AgendaOccurrence[]> {
  if (needsRecurrence(event)) await loadRecurrence();
  return expandOccurrencesSync(event, options);
}
