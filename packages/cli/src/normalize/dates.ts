/**
 * Dates to ISO 8601, in the Europe/Paris time zone, from the formats the real files mix:
 *
 * - `29/12/2017` (a day: stays a date, "2017-12-29");
 * - `2018-09-06 10:45:41` and `08/04/2019 à 15:05` (wall-clock times in Paris, without offset);
 * - `2026-03-13T15:28:18+00:00`, `2026-03-13T15:28:18.027000+00:00`, `…Z` (instants with an offset).
 *
 * Date-times are written with the Paris offset in force on that day, computed with `Intl.DateTimeFormat`
 * (no date library): +01:00 in winter, +02:00 in summer. Instants given in another offset are re-expressed
 * in Paris time (the same instant). A wall-clock time that does not exist (the hour skipped when clocks go
 * forward) is moved forward by the gap; one that happens twice (when clocks go back) takes the first,
 * summer-time, occurrence: the "compatible" rule of RFC 5545 and Temporal.
 */
import { type Normalized, note, quote } from './notes.ts';
import { wallToInstant, offsetMinutes as zoneOffset } from '@essaim/sdk';

export const PARIS = 'Europe/Paris';

/**
 * UTC offset of `timeZone` at the instant `epochMs`, in minutes (Paris: 60 in winter, 120 in summer).
 * The SDK's agenda owns the time-zone arithmetic; the importers use the same.
 */
export function offsetMinutes(epochMs: number, timeZone: string = PARIS): number {
  return zoneOffset(epochMs, timeZone);
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms?: number;
}

/** The instant (epoch ms) at which the clocks of `timeZone` show `wall` (see the module note for gaps/overlaps). */
export function wallTimeToEpoch(wall: WallTime, timeZone: string = PARIS): number {
  const asUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.ms ?? 0,
  );
  return wallToInstant(asUtc, timeZone);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** An instant written as a local date-time with the offset of `timeZone`, e.g. "2019-03-14T09:45:00+01:00". */
export function formatInstant(epochMs: number, timeZone: string = PARIS): string {
  const off = offsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + off * 60_000);
  const ms = local.getUTCMilliseconds();
  const sign = off < 0 ? '-' : '+';
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '') +
    `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function validTime(h: number, mi: number, s: number): boolean {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

export interface DateOptions {
  /** Time zone of wall-clock times, and the one dates are written in. Default Europe/Paris. */
  timeZone?: string;
  /** Years outside this range are refused as typos (default 1900–2100). */
  minYear?: number;
  maxYear?: number;
}

/**
 * Any of the supported date formats → an ISO date ("2017-12-29") or date-time with its offset
 * ("2018-09-06T10:45:41+02:00"). Unreadable or impossible values give no value and a note.
 */
export function normalizeDate(raw: unknown, options: DateOptions = {}): Normalized<string> {
  const tz = options.timeZone ?? PARIS;
  const minYear = options.minYear ?? 1900;
  const maxYear = options.maxYear ?? 2100;
  if (raw === null || raw === undefined || raw === '') return { notes: [] };
  const bad = () => ({
    notes: [
      note(
        'date-invalid',
        `date illisible ou impossible : « ${quote(raw)} » (ignorée)`,
        `unreadable or impossible date: "${quote(raw)}" (ignored)`,
      ),
    ],
  });
  const yearOk = (y: number) => y >= minYear && y <= maxYear;

  if (typeof raw === 'number') {
    // Epoch seconds or milliseconds (as some APIs give).
    if (!Number.isFinite(raw)) return bad();
    const ms = raw > 1e11 ? raw : raw > 1e8 ? raw * 1000 : Number.NaN;
    if (Number.isNaN(ms)) return bad();
    const y = new Date(ms).getUTCFullYear();
    return yearOk(y) ? { value: formatInstant(ms, tz), notes: [] } : bad();
  }
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime()) ? bad() : { value: formatInstant(raw.getTime(), tz), notes: [] };
  }
  if (typeof raw !== 'string') return bad();
  const s = raw.trim().replace(/\s+/g, ' ');

  // 2017-12-29
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(y, mo, d) && yearOk(y) ? { value: s, notes: [] } : bad();
  }
  // 29/12/2017, 29-12-2017, 29.12.2017
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDay(y, mo, d) && yearOk(y)
      ? { value: `${pad(y, 4)}-${pad(mo)}-${pad(d)}`, notes: [] }
      : bad();
  }
  // 08/04/2019 à 15:05, 08/04/2019 15h05, 08/04/2019 15:05:00
  m =
    /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,? (?:à |a |at |- )?|T)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?$/.exec(
      s,
    );
  if (m) {
    const [d, mo, y, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!validDay(y, mo, d) || !validTime(h, mi, sec) || !yearOk(y)) return bad();
    return {
      value: formatInstant(
        wallTimeToEpoch({ year: y, month: mo, day: d, hour: h, minute: mi, second: sec }, tz),
        tz,
      ),
      notes: [],
    };
  }
  // 2018-09-06 10:45:41, 2026-03-13T15:28:18.027000+00:00, 2026-03-13T15:28Z
  m =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
      s,
    );
  if (m) {
    const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const sec = Number(m[6] ?? 0);
    const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    if (!validDay(y, mo, d) || !validTime(h, mi, sec) || !yearOk(y)) return bad();
    const zone = m[8];
    let epoch: number;
    if (zone) {
      let off = 0;
      if (zone.toUpperCase() !== 'Z') {
        const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
        off = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0));
      }
      epoch = Date.UTC(y, mo - 1, d, h, mi, sec, ms) - off * 60_000;
    } else {
      epoch = wallTimeToEpoch({ year: y, month: mo, day: d, hour: h, minute: mi, second: sec, ms }, tz);
    }
    return { value: formatInstant(epoch, tz), notes: [] };
  }
  return bad();
}

/** Like {@link normalizeDate}, but a date-only value becomes midnight in `timeZone` (for event starts). */
export function normalizeDateTime(raw: unknown, options: DateOptions = {}): Normalized<string> {
  const r = normalizeDate(raw, options);
  if (r.value && /^\d{4}-\d{2}-\d{2}$/.test(r.value)) {
    const [y, mo, d] = r.value.split('-').map(Number) as [number, number, number];
    const tz = options.timeZone ?? PARIS;
    return {
      value: formatInstant(
        wallTimeToEpoch({ year: y, month: mo, day: d, hour: 0, minute: 0, second: 0 }, tz),
        tz,
      ),
      notes: r.notes,
    };
  }
  return r;
}

/** The most recent of several normalised dates (dates and date-times compared as instants). */
export function latestDate(values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  let bestT = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!v) continue;
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (t > bestT) {
      best = v;
      bestT = t;
    }
  }
  return best;
}
