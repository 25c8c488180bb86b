/**
 * VTIMEZONE components (RFC 5545 §3.6.5) computed from the runtime's time-zone data (`Intl`), so that
 * any IANA zone can be written, not only Europe/Paris, with no embedded database.
 *
 * The zone's offset changes are found over the years the calendar uses (plus the year before, so that
 * every date has an observance in effect). When each kind of change recurs every year on the same
 * rule (e.g. Europe/Paris: last Sunday of March at 02:00, last Sunday of October at 03:00), it is written
 * as a yearly RRULE, which also covers the years after; otherwise each change is written on its own.
 *
 * @module
 */
import { formatOffset, offsetMinutes, zoneAbbreviation } from './time.ts';

const DAY_MS = 86_400_000;
const STEP_MS = 900_000; // offsets change on quarter hours

interface Transition {
  /** Instant of the change. */
  at: number;
  from: number;
  to: number;
  /** Local onset, in the offset before the change (what DTSTART holds). */
  wall: Date;
}

function findTransitions(timeZone: string, fromYear: number, toYear: number): Transition[] {
  const out: Transition[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  let t = Date.UTC(fromYear, 0, 1);
  let off = offsetMinutes(t, timeZone);
  for (; t < end; t += DAY_MS) {
    const next = offsetMinutes(t + DAY_MS, timeZone);
    if (next === off) continue;
    // Binary search, on quarter hours, of the first instant with the new offset.
    let lo = Math.floor(t / STEP_MS);
    let hi = Math.floor((t + DAY_MS) / STEP_MS);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMinutes(mid * STEP_MS, timeZone) === off) lo = mid;
      else hi = mid;
    }
    const at = hi * STEP_MS;
    const to = offsetMinutes(at, timeZone);
    out.push({ at, from: off, to, wall: new Date(at + off * 60_000) });
    off = to;
    // Several changes in one day are possible in theory: look again from this one.
    t = at - DAY_MS + STEP_MS;
    t = Math.floor(t / STEP_MS) * STEP_MS;
  }
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYYMMDDTHHMMSS` of a date's UTC fields. */
function icsWall(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(
    d.getUTCHours(),
  )}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The yearly rule a transition follows: month, weekday, nth (from the start) and last-of-month flag. */
function ruleParts(tr: Transition) {
  const d = tr.wall;
  const day = d.getUTCDate();
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  return {
    month: d.getUTCMonth() + 1,
    weekday: d.getUTCDay(),
    nth: Math.ceil(day / 7),
    last: day + 7 > daysInMonth,
    time: d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds(),
    year: d.getUTCFullYear(),
  };
}

/** The RRULE of a group of transitions when they follow one yearly rule to the end of the window. */
function yearlyRule(group: readonly Transition[], toYear: number): string | undefined {
  if (group.length < 2) return undefined;
  const parts = group.map(ruleParts);
  const first = parts[0];
  if (!first) return undefined;
  const sameShape = parts.every(
    (p, i) =>
      p.month === first.month &&
      p.weekday === first.weekday &&
      p.time === first.time &&
      p.year === first.year + i &&
      group[i]?.from === group[0]?.from &&
      group[i]?.to === group[0]?.to,
  );
  if (!sameShape || parts[parts.length - 1]?.year !== toYear) return undefined;
  let byday: string | undefined;
  if (parts.every((p) => p.last)) byday = `-1${WEEKDAYS[first.weekday]}`;
  else if (parts.every((p) => p.nth === first.nth)) byday = `${first.nth}${WEEKDAYS[first.weekday]}`;
  if (!byday) return undefined;
  return `FREQ=YEARLY;BYMONTH=${first.month};BYDAY=${byday}`;
}

function observance(tr: Transition, timeZone: string, rrule?: string): string[] {
  const kind = tr.to > tr.from ? 'DAYLIGHT' : 'STANDARD';
  const lines = [
    `BEGIN:${kind}`,
    `TZOFFSETFROM:${formatOffset(tr.from, '')}`,
    `TZOFFSETTO:${formatOffset(tr.to, '')}`,
  ];
  const name = zoneAbbreviation(tr.at + 60_000, timeZone);
  if (name) lines.push(`TZNAME:${name}`);
  lines.push(`DTSTART:${icsWall(tr.wall)}`);
  if (rrule) lines.push(`RRULE:${rrule}`);
  lines.push(`END:${kind}`);
  return lines;
}

/**
 * The lines (unfolded) of a VTIMEZONE for `timeZone` that is right for every date from `fromYear` to
 * `toYear` (and after, when the zone's rule is yearly). Deterministic: depends only on its arguments and
 * the runtime's zone data.
 */
export function vtimezoneLines(timeZone: string, fromYear: number, toYear: number): string[] {
  const start = Math.min(fromYear, toYear) - 1;
  const end = Math.max(fromYear, toYear, start + 1);
  const transitions = findTransitions(timeZone, start, end);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
  if (transitions.length === 0) {
    const off = offsetMinutes(Date.UTC(start, 0, 1), timeZone);
    lines.push(
      'BEGIN:STANDARD',
      `TZOFFSETFROM:${formatOffset(off, '')}`,
      `TZOFFSETTO:${formatOffset(off, '')}`,
    );
    const name = zoneAbbreviation(Date.UTC(start, 0, 1), timeZone);
    if (name) lines.push(`TZNAME:${name}`);
    lines.push('DTSTART:19700101T000000', 'END:STANDARD');
  } else {
    // Group the changes by kind and offsets; a group on a yearly rule becomes one observance.
    const groups = new Map<string, Transition[]>();
    for (const tr of transitions) {
      const key = `${tr.from}>${tr.to}`;
      const g = groups.get(key);
      if (g) g.push(tr);
      else groups.set(key, [tr]);
    }
    const observances: { at: number; lines: string[] }[] = [];
    for (const group of groups.values()) {
      const rule = yearlyRule(group, end);
      const first = group[0];
      if (rule && first) observances.push({ at: first.at, lines: observance(first, timeZone, rule) });
      else for (const tr of group) observances.push({ at: tr.at, lines: observance(tr, timeZone) });
    }
    observances.sort((a, b) => a.at - b.at);
    for (const o of observances) lines.push(...o.lines);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
