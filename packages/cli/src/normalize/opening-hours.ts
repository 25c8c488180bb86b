/**
 * Opening hours in OpenStreetMap `opening_hours` syntax (what data·inclusion's `horaires_accueil` uses).
 *
 * GoGoCarto stores them per day: `{"Mo":"10:00-12:00,15:00-19:00", …, "Su":"10:00-12:00,15:00-19:00"}`.
 * Days with the same hours are grouped, consecutive ones as ranges: that example is
 * "Mo-Su 10:00-12:00,15:00-19:00"; `{We, Fr, Sa: 13:00-18:00}` is "We,Fr-Sa 13:00-18:00". GoGoCarto writes
 * "00:00-00:00" for a day left empty in its form: such days are treated as not given.
 */
import { type Normalized, note, quote } from './notes.ts';

export const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
export type Day = (typeof OSM_DAYS)[number];

export const DAY_ALIASES: Readonly<Record<string, Day>> = {
  mo: 'Mo',
  mon: 'Mo',
  monday: 'Mo',
  lundi: 'Mo',
  tu: 'Tu',
  tue: 'Tu',
  tuesday: 'Tu',
  mardi: 'Tu',
  we: 'We',
  wed: 'We',
  wednesday: 'We',
  mercredi: 'We',
  th: 'Th',
  thu: 'Th',
  thursday: 'Th',
  jeudi: 'Th',
  fr: 'Fr',
  fri: 'Fr',
  friday: 'Fr',
  vendredi: 'Fr',
  sa: 'Sa',
  sat: 'Sa',
  saturday: 'Sa',
  samedi: 'Sa',
  su: 'Su',
  sun: 'Su',
  sunday: 'Su',
  dimanche: 'Su',
};

const TIME = '(?:[01]?\\d|2[0-4])[:h][0-5]\\d';
const RANGE = new RegExp(`^(${TIME})\\s*[-–à]\\s*(${TIME})$`, 'i');

function hhmm(t: string): string {
  const [h, m] = t.toLowerCase().split(/[:h]/) as [string, string];
  return `${h.padStart(2, '0')}:${m}`;
}

/** One day's value ("10:00-12:00,15:00-19:00", "9h-12h30" is not accepted: minutes are required) → ranges. */
export function dayRanges(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const ranges: string[] = [];
  for (const part of value.split(/[,;]/)) {
    const p = part.trim();
    if (p === '') continue;
    const m = RANGE.exec(p);
    if (!m) return undefined;
    const range = `${hhmm(m[1]!)}-${hhmm(m[2]!)}`;
    if (range === '00:00-00:00') continue; // GoGoCarto's "nothing entered"
    ranges.push(range);
  }
  return ranges;
}

/** GoGoCarto's per-day object → an OSM opening_hours string. */
export function gogoOpenHoursToOsm(raw: unknown): Normalized<string> {
  if (raw === null || raw === undefined || raw === '') return { notes: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      notes: [
        note(
          'opening-hours-invalid',
          `horaires illisibles : ${quote(raw)} (ignorés)`,
          `unreadable opening hours: ${quote(raw)} (ignored)`,
        ),
      ],
    };
  }
  const byDay = new Map<Day, string>();
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const day = DAY_ALIASES[key.trim().toLowerCase()];
    const ranges = dayRanges(value);
    if (!day || ranges === undefined) {
      return {
        notes: [
          note(
            'opening-hours-invalid',
            `horaires illisibles (« ${quote(key, 20)} » : « ${quote(value, 40)} ») : ignorés`,
            `unreadable opening hours ("${quote(key, 20)}": "${quote(value, 40)}"): ignored`,
          ),
        ],
      };
    }
    if (ranges.length) byDay.set(day, ranges.join(','));
  }
  if (!byDay.size) return { notes: [] };
  return { value: groupDays(byDay), notes: [] };
}

/** Days with identical hours share one rule; consecutive days become ranges ("Mo-Fr", "We,Fr-Sa"). */
export function groupDays(byDay: ReadonlyMap<Day, string>): string {
  const rules: Array<{ hours: string; days: number[] }> = [];
  OSM_DAYS.forEach((day, i) => {
    const hours = byDay.get(day);
    if (hours === undefined) return;
    const rule = rules.find((r) => r.hours === hours);
    if (rule) rule.days.push(i);
    else rules.push({ hours, days: [i] });
  });
  return rules
    .map(({ hours, days }) => {
      const runs: string[] = [];
      let start = days[0]!;
      let prev = start;
      const flush = () =>
        runs.push(start === prev ? OSM_DAYS[start]! : `${OSM_DAYS[start]}-${OSM_DAYS[prev]}`);
      for (const d of days.slice(1)) {
        if (d === prev + 1) prev = d;
        else {
          flush();
          start = prev = d;
        }
      }
      flush();
      return `${runs.join(',')} ${hours}`;
    })
    .join('; ');
}

/**
 * Loose check that a string is in OSM opening_hours syntax (as given by data·inclusion or a spreadsheet):
 * only the characters and words that syntax uses. Free text ("Du lundi au vendredi…") fails.
 */
export function looksLikeOsmOpeningHours(s: string): boolean {
  const t = s.trim();
  if (t === '' || t.length > 1000) return false;
  if (t === '24/7') return true;
  if (!/\d{2}:\d{2}|\boff\b|\bclosed\b/.test(t)) return false;
  const words = t.match(/[A-Za-z]+/g) ?? [];
  const allowed =
    /^(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|SH|off|closed|open|unknown|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|sunrise|sunset|dawn|dusk|easter|day|days)$/;
  return words.every((w) => allowed.test(w)) && /^[A-Za-z0-9 :,;\-+/[\]"().]+$/.test(t);
}
