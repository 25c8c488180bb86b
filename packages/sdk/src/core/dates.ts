/**
 * Civil dates (`YYYY-MM-DD`) and their arithmetic, computed in UTC so that no time zone can shift them.
 * A "wall time" is a local date-time encoded as the milliseconds of the same components read as UTC
 * (`Date.UTC(y, m - 1, d, h, min, s)`): it carries no zone, and its arithmetic has no daylight saving.
 *
 * @module
 */

/** A civil date, `YYYY-MM-DD`. */
export type DateKey = string;

/** One day, in milliseconds. @internal */
export const DAY_MS = 86_400_000;

/** @internal */
export const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
function pad4(n: number): string {
  const s = String(Math.abs(n)).padStart(4, '0');
  return n < 0 ? `-${s}` : s;
}

/** `YYYY-MM-DDTHH:MM:SS` of a wall time. */
export function formatWall(wall: number): string {
  const d = new Date(wall);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(
    d.getUTCHours(),
  )}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** The civil date of a wall time. */
export function wallDateKey(wall: number): DateKey {
  return formatWall(wall).slice(0, 10);
}

const DATE_KEY_RE = /^(-?\d{4,6})-(\d{2})-(\d{2})$/;

/** `Date.UTC` of a civil date (its midnight as a wall time). Throws on a malformed date. */
export function dateKeyToWall(key: DateKey): number {
  const m = DATE_KEY_RE.exec(key);
  if (!m) throw new RangeError(`Invalid date "${key}": expected YYYY-MM-DD`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (wallDateKey(wall) !== key) throw new RangeError(`Invalid date "${key}"`);
  return wall;
}

/** Whether `s` is written as a civil date `YYYY-MM-DD` (no time; the date itself is not checked). */
export function isDateKey(s: string): boolean {
  return DATE_KEY_RE.test(s);
}

/** Whether `v` is a real civil date `YYYY-MM-DD` of years 0000–9999 (`2026-02-30` is not). */
export function isValidDateKey(v: unknown): v is DateKey {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const wall = Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, +v.slice(8, 10));
  return wallDateKey(wall) === v;
}

/** The civil date `days` days after `key` (negative: before). */
export function addDays(key: DateKey, days: number): DateKey {
  return wallDateKey(dateKeyToWall(key) + days * DAY_MS);
}

/** ISO weekday of a civil date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(key: DateKey): number {
  const d = new Date(dateKeyToWall(key)).getUTCDay();
  return d === 0 ? 7 : d;
}
