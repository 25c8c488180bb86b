/**
 * Time-zone arithmetic on top of `Intl.DateTimeFormat` (no library): UTC offsets of an IANA zone,
 * local wall-clock time ↔ instant (with RFC 5545's rules for skipped and repeated local times), ISO
 * strings with the right offset, and civil dates (`YYYY-MM-DD`) for grouping by day.
 *
 * A "wall time" is a local date-time encoded as the milliseconds of the same components read as UTC
 * (`Date.UTC(y, m - 1, d, h, min, s)`): it carries no zone, and its arithmetic has no daylight saving.
 *
 * @module
 */
import {
  DAY_MS,
  type DateKey,
  dateKeyToWall,
  formatWall,
  isDateKey,
  pad2,
  wallDateKey,
} from '../core/dates.ts';

export {
  addDays,
  type DateKey,
  dateKeyToWall,
  formatWall,
  isDateKey,
  isoWeekday,
  wallDateKey,
} from '../core/dates.ts';

/** The zone of the feed's dates when an event names none (schema default). */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';
/** Offsets are cached per quarter of an hour: every modern zone changes its offset on such a boundary. */
const BUCKET_MS = 900_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
/** Per zone, per UTC day: the offset when it holds all day, null on a day when it changes. */
const dayOffsetCache = new Map<string, Map<number, number | null>>();
const validZones = new Map<string, boolean>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  let ok = validZones.get(timeZone);
  if (ok === undefined) {
    try {
      formatter(timeZone);
      ok = true;
    } catch {
      ok = false;
    }
    validZones.set(timeZone, ok);
  }
  return ok;
}

/**
 * The zone to compute an event's dates in: its `timeZone` when the runtime knows it, else Europe/Paris
 * (the feed's default), so that one bad record never breaks a whole agenda.
 */
export function resolveTimeZone(timeZone: string | undefined): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
}

function computeOffset(ms: number, timeZone: string): number {
  let y = 0;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let bc = false;
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value);
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
    }
  }
  const wall = Date.UTC(bc ? 1 - y : y, mo - 1, d, h, mi, s);
  const floorSecond = Math.floor(ms / 1000) * 1000;
  return Math.round((wall - floorSecond) / 60_000);
}

function bucketOffset(ms: number, timeZone: string, cache: Map<number, number>): number {
  const key = Math.floor(ms / BUCKET_MS);
  let off = cache.get(key);
  if (off === undefined) {
    off = computeOffset(key * BUCKET_MS, timeZone);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, off);
  }
  return off;
}

/** UTC offset of `timeZone` at instant `ms`, in minutes (Europe/Paris: 60 in winter, 120 in summer). */
export function offsetMinutes(ms: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  let cache = offsetCache.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(timeZone, cache);
  }
  let days = dayOffsetCache.get(timeZone);
  if (!days) {
    days = new Map();
    dayOffsetCache.set(timeZone, days);
  }
  // Most UTC days have one offset throughout: one lookup per day, quarter hours only on change days.
  const day = Math.floor(ms / DAY_MS);
  let off = days.get(day);
  if (off === undefined) {
    const a = bucketOffset(day * DAY_MS, timeZone, cache);
    const b = bucketOffset((day + 1) * DAY_MS, timeZone, cache);
    off = a === b ? a : null;
    if (days.size > 50_000) days.clear();
    days.set(day, off);
  }
  return off ?? bucketOffset(ms, timeZone, cache);
}

/** The local wall time (see the module comment) of instant `ms` in `timeZone`. */
export function instantToWall(ms: number, timeZone: string): number {
  return ms + offsetMinutes(ms, timeZone) * 60_000;
}

/**
 * The instant of local wall time `wall` in `timeZone`, as RFC 5545 (§3.3.5) reads local times: a time
 * repeated when clocks go back is its first occurrence (the daylight one); a time skipped when clocks go
 * forward is read with the offset before the gap (Paris, last Sunday of March: 02:30 → 03:30 +02:00).
 */
export function wallToInstant(wall: number, timeZone: string): number {
  const before = offsetMinutes(wall - DAY_MS, timeZone) * 60_000;
  const after = offsetMinutes(wall + DAY_MS, timeZone) * 60_000;
  const a = wall - before;
  const b = wall - after;
  const aOk = instantToWall(a, timeZone) === wall;
  const bOk = instantToWall(b, timeZone) === wall;
  if (aOk && bOk) return Math.min(a, b);
  if (aOk) return a;
  if (bOk) return b;
  // Neither: a skipped time (or a zone that changes twice in two days): the offset before the gap.
  return a;
}

/** `+01:00`, `-05:00`, `+05:45`, `Z`-free. */
export function formatOffset(minutes: number, separator = ':'): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(m / 60))}${separator}${pad2(m % 60)}`;
}

/** ISO 8601 of instant `ms` in `timeZone`, with that zone's offset: `2026-10-27T18:00:00+01:00`. */
export function toZonedIso(ms: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const off = offsetMinutes(ms, timeZone);
  return formatWall(Math.floor(ms / 1000) * 1000 + off * 60_000) + formatOffset(off);
}

/** The civil date (`YYYY-MM-DD`) of instant `ms` in `timeZone` (Europe/Paris by default). */
export function dateKeyOf(ms: number, timeZone: string = DEFAULT_TIME_ZONE): DateKey {
  return wallDateKey(instantToWall(ms, timeZone));
}

/** The instant when civil date `key` starts in `timeZone` (its first existing local time). */
export function startOfDay(key: DateKey, timeZone: string = DEFAULT_TIME_ZONE): number {
  return wallToInstant(dateKeyToWall(key), timeZone);
}

/**
 * An instant from a `Date`, a number (ms) or an ISO string. A civil date `YYYY-MM-DD` means the start of
 * that day in `timeZone`, and a date-time without offset a local time there. Returns NaN when the value
 * cannot be read.
 */
export function toInstant(value: Date | number | string, timeZone: string = DEFAULT_TIME_ZONE): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (isDateKey(value)) {
    try {
      return startOfDay(value, timeZone);
    } catch {
      return Number.NaN;
    }
  }
  // A local date-time without offset is read in `timeZone`, not in the runtime's zone.
  const m = LOCAL_DATE_TIME_RE.exec(value);
  if (m) {
    const wall = Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6] ?? 0),
      Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)),
    );
    return Number.isNaN(wall) ? wall : wallToInstant(wall, timeZone);
  }
  return Date.parse(value);
}

const LOCAL_DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/**
 * Short name of the offset in effect at `ms` (`CET`, `CEST`), or undefined when the runtime only knows
 * a `GMT+1` form. Used for VTIMEZONE's optional TZNAME.
 */
export function zoneAbbreviation(ms: number, timeZone: string): string | undefined {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')?.value;
    return part && /^[A-Z]{3,5}$/.test(part) ? part : undefined;
  } catch {
    return undefined;
  }
}
