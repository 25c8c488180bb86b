/**
 * Whole days hidden in timed slots: occurrences written "00:00–23:59", or an all-day entry cut at the
 * UTC offset (consecutive 24-hour slots starting at midnight UTC), read back as whole days of the
 * event's time zone.
 */
import { formatInstant, offsetMinutes, PARIS, pad, wallTimeToEpoch } from './dates.ts';

/** The wall clock of `timeZone` at `ms`: [YYYY-MM-DD, seconds since midnight]. */
function wallOf(ms: number, timeZone: string): [string, number] {
  const local = new Date(ms + offsetMinutes(ms, timeZone) * 60_000);
  const day = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  return [day, local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds()];
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function midnight(day: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return formatInstant(
    wallTimeToEpoch({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 }, timeZone),
    timeZone,
  );
}

/**
 * Occurrences that are really whole days, as one whole-day occurrence per day (start at midnight in
 * `timeZone`, end at the next midnight), or undefined when any of them is not.
 *
 * Slots are first joined when one starts within a minute of the previous end; each joined run must start
 * at midnight and end at 23:59(:59) or midnight. This recognises a day written "00:00–23:59", and the
 * shape an organiser's all-day entry takes once shifted by the time zone: consecutive 24-hour slots cut at
 * the UTC offset, "1 May 00:00–01:59, 1 May 02:00 – 2 May 01:59, … 31 May 02:00–23:59" (OpenAgenda).
 */
export function wholeDayOccurrences(
  occurrences: ReadonlyArray<{ start: string; end?: string | undefined }>,
  timeZone: string = PARIS,
): Array<{ start: string; end: string }> | undefined {
  if (!occurrences.length) return undefined;
  const slots: Array<[number, number]> = [];
  for (const o of occurrences) {
    if (!o.end) return undefined;
    const s = Date.parse(o.start);
    const e = Date.parse(o.end);
    if (!Number.isFinite(s) || !Number.isFinite(e) || e <= s) return undefined;
    slots.push([s, e]);
  }
  slots.sort((a, b) => a[0] - b[0]);
  const runs: Array<[number, number]> = [];
  for (const [s, e] of slots) {
    const last = runs[runs.length - 1];
    if (last && s <= last[1] + 60_000) last[1] = Math.max(last[1], e);
    else runs.push([s, e]);
  }
  const days = new Set<string>();
  for (const [s, e] of runs) {
    const [startDay, startSec] = wallOf(s, timeZone);
    const [endDay, endSec] = wallOf(e, timeZone);
    if (startSec !== 0) return undefined;
    let stop: string; // first day not included
    if (endSec === 0) stop = endDay;
    else if (endSec >= 23 * 3600 + 59 * 60) stop = nextDay(endDay);
    else return undefined;
    if (stop <= startDay) return undefined;
    for (let d = startDay; d < stop; d = nextDay(d)) days.add(d);
  }
  return [...days].sort().map((d) => ({ start: midnight(d, timeZone), end: midnight(nextDay(d), timeZone) }));
}
