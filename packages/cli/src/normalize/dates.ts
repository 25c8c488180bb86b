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

/** `n` zero-padded to `w` digits. */
export const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

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
  const bad = () => invalidDate(raw);
  const yearOk = (y: number) => y >= minYear && y <= maxYear;

  if (typeof raw === 'number') {
    // Epoch seconds or milliseconds (as some APIs give), or a spreadsheet serial day number.
    if (!Number.isFinite(raw)) return bad();
    if (raw >= SERIAL_MIN && raw <= SERIAL_MAX) return fromSerial(raw, options, raw);
    return fromEpoch(raw, options, raw);
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
  // Digits only: epoch seconds (10 digits) or milliseconds (13), as some exports write them in text.
  if (/^\d{9,10}$|^\d{12,13}$/.test(s)) return fromEpoch(Number(s), options, raw);
  // Dates written with a month name: "Décembre 2019", "juil-22", "Dec 2019", "12 déc. 2019", "March 3, 2020".
  const named = readMonthNameDate(s);
  if (named) return finishNamed(named, options, raw);
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

// ---------------------------------------------------------------------------------------------------------
// Epoch numbers, spreadsheet serial days, month names, formats and patterns

/** Spreadsheet serial days accepted without an explicit format: 1 Jan 1950 … 31 Dec 2099. */
const SERIAL_MIN = 18_264;
const SERIAL_MAX = 73_050;

function invalidDate(raw: unknown): Normalized<string> {
  return {
    notes: [
      note(
        'date-invalid',
        `date illisible ou impossible : « ${quote(raw)} » (ignorée)`,
        `unreadable or impossible date: "${quote(raw)}" (ignored)`,
      ),
    ],
  };
}

function yearInRange(y: number, options: DateOptions): boolean {
  return y >= (options.minYear ?? 1900) && y <= (options.maxYear ?? 2100);
}

/** Epoch seconds (up to 10 digits) or milliseconds → a date-time in the time zone. */
function fromEpoch(n: number, options: DateOptions, raw: unknown, unit?: 's' | 'ms'): Normalized<string> {
  const ms = unit === 'ms' ? n : unit === 's' ? n * 1000 : n > 1e11 ? n : n > 1e8 ? n * 1000 : Number.NaN;
  if (!Number.isFinite(ms) || !yearInRange(new Date(ms).getUTCFullYear(), options)) return invalidDate(raw);
  return { value: formatInstant(ms, options.timeZone ?? PARIS), notes: [] };
}

/**
 * A spreadsheet serial date (days since 30 Dec 1899, the 1900 date system of Excel, LibreOffice and
 * Google Sheets; a fraction is the time of day) → a date, or a wall-clock date-time in the time zone.
 */
function fromSerial(n: number, options: DateOptions, raw: unknown): Normalized<string> {
  if (!Number.isFinite(n) || n < 1) return invalidDate(raw);
  const days = Math.floor(n);
  const d = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  if (!yearInRange(d.getUTCFullYear(), options)) return invalidDate(raw);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const read = note(
    'date-serial',
    `nombre ${quote(raw)} lu comme une date de tableur : ${date}`,
    `number ${quote(raw)} read as a spreadsheet date: ${date}`,
  );
  const secs = Math.round((n - days) * 86_400);
  if (secs === 0) return { value: date, notes: [read] };
  const tz = options.timeZone ?? PARIS;
  const wall = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: Math.floor(secs / 3600),
    minute: Math.floor(secs / 60) % 60,
    second: secs % 60,
  };
  return { value: formatInstant(wallTimeToEpoch(wall, tz), tz), notes: [read] };
}

/** Month names in French and English, folded (lowercase, no accents). */
const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  ['janvier', 'january'],
  ['fevrier', 'february'],
  ['mars', 'march'],
  ['avril', 'april'],
  ['mai', 'may'],
  ['juin', 'june'],
  ['juillet', 'july'],
  ['aout', 'august'],
  ['septembre', 'september'],
  ['octobre', 'october'],
  ['novembre', 'november'],
  ['decembre', 'december'],
];

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A month written as a word, full or abbreviated, French or English ("Décembre", "déc.", "juil", "Dec",
 * "sept") → 1–12; an ambiguous or unknown word ("ju", "jui") → undefined.
 */
export function monthFromName(word: string): number | undefined {
  const w = fold(word).replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const hits = new Set<number>();
  MONTH_NAMES.forEach((names, i) => {
    if (names.some((n) => n.startsWith(w))) hits.add(i + 1);
  });
  return hits.size === 1 ? [...hits][0] : undefined;
}

/** A two-digit year: 00–69 → 2000–2069, 70–99 → 1970–1999. */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

interface NamedDate {
  year: number;
  month: number;
  day?: number;
}

const WORD = '([\\p{L}]{3,}\\.?)';

/**
 * Dates with a month name: "[lundi] 12 décembre 2019", "1er janvier 2020", "Décembre 2019", "juil-22",
 * "Dec 2019", "December 12, 2019", "12-Dec-2019".
 */
function readMonthNameDate(s: string): NamedDate | undefined {
  const t = s.replace(
    /^(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i,
    '',
  );
  let m = new RegExp(`^(\\d{1,2})(?:er|st|nd|rd|th)?[\\s./-]*${WORD}[\\s./-]*(\\d{4}|\\d{2})$`, 'u').exec(t);
  if (m) {
    const month = monthFromName(m[2]!);
    return month ? { year: fullYear(m[3]!), month, day: Number(m[1]) } : undefined;
  }
  m = new RegExp(`^${WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'u').exec(t);
  if (m) {
    const month = monthFromName(m[1]!);
    return month ? { year: Number(m[3]), month, day: Number(m[2]) } : undefined;
  }
  m = new RegExp(`^${WORD}[\\s./'’-]*(\\d{4}|\\d{2})$`, 'u').exec(t);
  if (m) {
    const month = monthFromName(m[1]!);
    return month ? { year: fullYear(m[2]!), month } : undefined;
  }
  return undefined;
}

function finishNamed(d: NamedDate, options: DateOptions, raw: unknown): Normalized<string> {
  const day = d.day ?? 1;
  if (!validDay(d.year, d.month, day) || !yearInRange(d.year, options)) return invalidDate(raw);
  const value = `${pad(d.year, 4)}-${pad(d.month)}-${pad(day)}`;
  if (d.day !== undefined) return { value, notes: [] };
  return {
    value,
    notes: [
      note(
        'date-month-only',
        `date au mois près « ${quote(raw)} » : le 1er du mois retenu (${value})`,
        `date known to the month only "${quote(raw)}": the 1st of the month is used (${value})`,
      ),
    ],
  };
}

/** What a per-column date format may name besides token patterns. */
export type SpecialDateFormat = 'epoch-s' | 'epoch-ms' | 'serial';

export interface LooseDateOptions extends DateOptions {
  /**
   * Formats to try, in order, instead of guessing: token patterns such as "DD/MM/YYYY", "MM/DD/YYYY",
   * "YYYY-MM-DD HH:mm", "MMMM YYYY", "MMM-YY" (tokens: YYYY YY MMMM MMM MM M DD D HH H mm ss; MMM and
   * MMMM read a month name, French or English, full or abbreviated; other characters are literal,
   * spaces match any spacing), or "epoch-s", "epoch-ms", "serial" (spreadsheet day number).
   */
  formats?: ReadonlyArray<string>;
  /**
   * A regular expression (its source text, or a RegExp) that finds the date inside a longer text,
   * e.g. "mis à jour le (\\d{2}/\\d{2}/\\d{4})": the group named `date`, else the first group, else the
   * whole match is read.
   */
  pattern?: string | RegExp;
}

const TOKEN = /YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|mm|ss/g;

/** A format's tokens → a regular expression and the order of its groups. */
function compileFormat(format: string): { re: RegExp; keys: string[] } {
  const keys: string[] = [];
  let src = '';
  let last = 0;
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
  for (const m of format.matchAll(TOKEN)) {
    src += literal(format.slice(last, m.index));
    last = m.index + m[0].length;
    const t = m[0];
    keys.push(t);
    src +=
      t === 'YYYY'
        ? '(\\d{4})'
        : t === 'MMMM' || t === 'MMM'
          ? '(\\p{L}{3,}\\.?)'
          : t.length === 2
            ? '(\\d{2})'
            : '(\\d{1,2})';
  }
  src += literal(format.slice(last));
  return { re: new RegExp(`^${src}$`, 'iu'), keys };
}

function readWithFormat(s: string, format: string, options: DateOptions): Normalized<string> | undefined {
  if (format === 'epoch-s' || format === 'epoch-ms') {
    return /^-?\d+(?:\.\d+)?$/.test(s)
      ? fromEpoch(Number(s), options, s, format === 'epoch-s' ? 's' : 'ms')
      : undefined;
  }
  if (format === 'serial') {
    return /^\d+(?:[.,]\d+)?$/.test(s) ? fromSerial(Number(s.replace(',', '.')), options, s) : undefined;
  }
  const { re, keys } = compileFormat(format);
  const m = re.exec(s);
  if (!m) return undefined;
  const v: Record<string, string> = {};
  keys.forEach((k, i) => {
    v[k] = m[i + 1]!;
  });
  const year = v.YYYY ? Number(v.YYYY) : v.YY ? fullYear(v.YY) : Number.NaN;
  const monthWord = v.MMMM ?? v.MMM;
  const month = monthWord ? monthFromName(monthWord) : Number(v.MM ?? v.M);
  if (!month || Number.isNaN(year)) return undefined;
  const hasDay = v.DD !== undefined || v.D !== undefined;
  const hasTime = v.HH !== undefined || v.H !== undefined;
  if (!hasTime)
    return finishNamed({ year, month, ...(hasDay ? { day: Number(v.DD ?? v.D) } : {}) }, options, s);
  const day = Number(v.DD ?? v.D ?? 1);
  const [h, mi, sec] = [Number(v.HH ?? v.H), Number(v.mm ?? 0), Number(v.ss ?? 0)];
  if (!validDay(year, month, day) || !validTime(h, mi, sec) || !yearInRange(year, options))
    return invalidDate(s);
  const tz = options.timeZone ?? PARIS;
  return {
    value: formatInstant(wallTimeToEpoch({ year, month, day, hour: h, minute: mi, second: sec }, tz), tz),
    notes: [],
  };
}

/**
 * Reads a date as people and spreadsheets write it: every format of {@link normalizeDate}, month names
 * (French and English, abbreviated), epoch seconds or milliseconds, spreadsheet serial days; with
 * `formats`, only those formats (in order); with `pattern`, the date is first found inside the text.
 * Gives an ISO date or date-time (see {@link normalizeDate}) and notes on what was read or refused.
 */
export function parseDateLoose(raw: unknown, options: LooseDateOptions = {}): Normalized<string> {
  if (raw === null || raw === undefined || raw === '') return { notes: [] };
  let input: unknown = raw;
  if (options.pattern !== undefined) {
    const text = typeof raw === 'string' ? raw : String(raw);
    const re = typeof options.pattern === 'string' ? new RegExp(options.pattern, 'iu') : options.pattern;
    const m = re.exec(text);
    if (!m) {
      return {
        notes: [
          note(
            'date-pattern-no-match',
            `aucune date trouvée dans « ${quote(raw)} » (motif ${re.source})`,
            `no date found in "${quote(raw)}" (pattern ${re.source})`,
          ),
        ],
      };
    }
    input = (m.groups?.date ?? m[1] ?? m[0]).trim();
  }
  if (options.formats?.length) {
    const s = typeof input === 'number' ? String(input) : typeof input === 'string' ? input.trim() : '';
    for (const f of options.formats) {
      const r = readWithFormat(s.replace(/\s+/g, ' '), f, options);
      if (r) return r;
    }
    return {
      notes: [
        note(
          'date-format-mismatch',
          `date « ${quote(input)} » dans aucun des formats attendus (${options.formats.join(', ')}) : ignorée`,
          `date "${quote(input)}" matches none of the expected formats (${options.formats.join(', ')}): ignored`,
        ),
      ],
    };
  }
  return normalizeDate(input, options);
}
