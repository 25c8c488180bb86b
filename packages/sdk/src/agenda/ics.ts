/**
 * iCalendar (RFC 5545) output: "Ajouter à mon agenda" for one event or one date, the current view as a
 * download, and static subscribable calendars (per département, per category) written by `essaim build`.
 *
 * A small serialiser of our own rather than `ical-generator` (which needs a peer date library and
 * another package for VTIMEZONEs): the output is deterministic (DTSTAMP is the event's `updatedAt`, no
 * clock read, no random UID), and it is tested by parsing it back with Mozilla's `ical.js`.
 *
 * Choices:
 * - Dates are written in the event's zone, `DTSTART;TZID=Europe/Paris:20261027T180000`, with a VTIMEZONE
 *   computed from `Intl` for each zone used (see {@link vtimezoneLines}), so calendar apps show and edit
 *   them in local time.
 * - An RRULE is kept as a rule (one VEVENT, UID `<id>@essaim`), with its EXDATEs; a local `UNTIL` is
 *   converted to UTC as RFC 5545 requires with a TZID start.
 * - Explicit occurrences (OpenAgenda `timings`) become one VEVENT each, UID `<id>-<index>@essaim`, rather
 *   than RDATEs: Google Calendar and Outlook ignore RDATE in imported files, and RDATE cannot give each
 *   date its own end time. When an event has both, the explicit dates are also excluded from the rule
 *   (an EXDATE that is not an instance of the rule is ignored), so no date appears twice.
 * - Lines are folded at 75 octets (never inside a UTF-8 character), ended by CRLF; text values escape
 *   `\`, `;`, `,` and newlines.
 *
 * @module
 */
import type { Event, EventStatus } from '../schema/event.ts';
import { effectiveAttendance, prepareEvent } from './expand.ts';
import { DEFAULT_TIME_ZONE, instantToWall, isValidTimeZone, wallToInstant } from './time.ts';
import type { AgendaOccurrence } from './types.ts';
import { vtimezoneLines } from './vtimezone.ts';

/** French and English labels of the event statuses (OpenAgenda's wording). */
export const EVENT_STATUS_LABELS: Readonly<Record<EventStatus, { fr: string; en: string }>> = {
  scheduled: { fr: 'Programmé', en: 'Scheduled' },
  rescheduled: { fr: 'Reprogrammé', en: 'Rescheduled' },
  'moved-online': { fr: 'Déplacé en ligne', en: 'Moved online' },
  postponed: { fr: 'Reporté', en: 'Postponed' },
  full: { fr: 'Complet', en: 'Full' },
  cancelled: { fr: 'Annulé', en: 'Cancelled' },
};

/** The PRODID written by default. */
export const ESSAIM_PRODID = '-//Essaim//Agenda ESS//FR';

/** Options for the events of an ICS file. */
export interface IcsEventOptions {
  /** Label of a concept id: categories and themes with a label are written as CATEGORIES. */
  labels?: ((conceptId: string) => string | undefined) | undefined;
  /** Language of the few words the file adds (status, "Organisé par"…). Default `fr`. */
  lang?: 'fr' | 'en';
  /** PRODID (default {@link ESSAIM_PRODID}). */
  prodId?: string;
}

/** Options of a calendar file (a view download or a subscribable calendar). */
export interface IcsCalendarOptions extends IcsEventOptions {
  /** Calendar name (NAME, X-WR-CALNAME). */
  name?: string;
  description?: string;
  /** Where the calendar is published (URL and SOURCE), for subscriptions. */
  url?: string;
  /** The calendar's zone shown by apps (X-WR-TIMEZONE; default Europe/Paris). */
  timeZone?: string;
  /**
   * How often subscribers should refresh, an RFC 5545 duration (`P1D`): writes REFRESH-INTERVAL and
   * X-PUBLISHED-TTL. Unset: not written.
   */
  refreshInterval?: string;
}

// ---------------------------------------------------------------------------------------------------
// Content lines

/** Escapes a TEXT value: `\` `;` `,` and newlines; drops other control characters. */
export function escapeText(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we remove
const LINE_BREAKING = /[\u0000-\u0008\u000A-\u001F\u007F\u2028\u2029\u0085]/g;

/** A parameter value, quoted when it contains `:`, `;` or `,` (double quotes are not allowed). */
function paramValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed here
  const v = value.replace(/["\u0000-\u001F\u007F]/g, '');
  return /[:;,]/.test(v) ? `"${v}"` : v;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line: at most 75 octets per line, continuation lines starting with one space, never
 * splitting a UTF-8 character. Lines are joined with CRLF.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (bytes + n > limit) {
      out.push(current);
      current = ' ';
      bytes = 1;
      limit = 75;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join('\r\n');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function icsDateTimeFields(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(
    d.getUTCHours(),
  )}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** `YYYYMMDDTHHMMSSZ` of an instant. */
export function icsUtc(ms: number): string {
  return `${icsDateTimeFields(new Date(Math.floor(ms / 1000) * 1000))}Z`;
}

/** `YYYYMMDDTHHMMSS`, the local time of an instant in `timeZone`. */
export function icsLocal(ms: number, timeZone: string): string {
  return icsDateTimeFields(new Date(instantToWall(Math.floor(ms / 1000) * 1000, timeZone)));
}

/** The UID of a VEVENT: `<id>@essaim` for a whole event, `<id>-<index>@essaim` for one occurrence. */
export function occurrenceUid(eventId: string, index?: number): string {
  return index === undefined ? `${eventId}@essaim` : `${eventId}-${index}@essaim`;
}

// ---------------------------------------------------------------------------------------------------
// Events

/** Zones used and the years they must cover. */
class ZoneSpans {
  private readonly spans = new Map<string, [number, number]>();
  add(timeZone: string, ms: number): void {
    const y = new Date(ms).getUTCFullYear();
    const s = this.spans.get(timeZone);
    if (!s) this.spans.set(timeZone, [y, y]);
    else {
      if (y < s[0]) s[0] = y;
      if (y > s[1]) s[1] = y;
    }
  }
  lines(): string[] {
    const out: string[] = [];
    for (const tz of [...this.spans.keys()].sort()) {
      const [a, b] = this.spans.get(tz) ?? [0, 0];
      out.push(...vtimezoneLines(tz, a, b));
    }
    return out;
  }
}

interface Writer {
  lines: string[];
  zones: ZoneSpans;
  options: IcsEventOptions;
}

/** `YYYYMMDD`, the civil date of an instant in `timeZone`. */
function icsDate(ms: number, timeZone: string): string {
  return icsLocal(ms, timeZone).slice(0, 8);
}

function dateProp(w: Writer, name: string, ms: number, timeZone: string, allDay = false): string {
  if (allDay) return `${name};VALUE=DATE:${icsDate(ms, timeZone)}`;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return `${name}:${icsUtc(ms)}`;
  w.zones.add(timeZone, ms);
  return `${name};TZID=${paramValue(timeZone)}:${icsLocal(ms, timeZone)}`;
}

function stampOf(event: Event, fallback: number): number {
  const t = event.updatedAt ? Date.parse(event.updatedAt) : Number.NaN;
  return Number.isFinite(t) ? t : fallback;
}

function location(event: Event): string | undefined {
  const a = event.place?.address;
  const cityLine = [a?.postcode, a?.commune].filter(Boolean).join(' ');
  const parts = [event.place?.name, a?.street, cityLine].filter((p): p is string => Boolean(p));
  if (parts.length > 0) return parts.join(', ');
  return effectiveAttendance(event) === 'online' ? event.onlineUrl : undefined;
}

function descriptionOf(event: Event, lang: 'fr' | 'en'): string | undefined {
  const fr = lang === 'fr';
  const out: string[] = [];
  const status = event.status ?? 'scheduled';
  if (status !== 'scheduled')
    out.push(`${fr ? 'Statut : ' : 'Status: '}${EVENT_STATUS_LABELS[status][lang]}`);
  const text = event.description ?? event.longDescription;
  if (text) out.push(text.trim());
  if (event.onlineUrl) out.push(`${fr ? 'En ligne : ' : 'Online: '}${event.onlineUrl}`);
  if (event.organizerName) out.push(`${fr ? 'Organisé par : ' : 'Organised by: '}${event.organizerName}`);
  if (event.price) {
    const p = event.price.free ? (fr ? 'Gratuit' : 'Free') : fr ? 'Payant' : 'Paid';
    out.push(`${fr ? 'Tarif : ' : 'Price: '}${event.price.details ? `${p} (${event.price.details})` : p}`);
  }
  for (const r of event.registration ?? []) out.push(`${fr ? 'Inscription : ' : 'Registration: '}${r.value}`);
  if (event.url) out.push(`${fr ? 'Plus d’informations : ' : 'More information: '}${event.url}`);
  return out.length ? out.join('\n\n') : undefined;
}

const ICS_STATUS: Readonly<Record<EventStatus, string>> = {
  scheduled: 'CONFIRMED',
  rescheduled: 'CONFIRMED',
  'moved-online': 'CONFIRMED',
  full: 'CONFIRMED',
  postponed: 'TENTATIVE',
  cancelled: 'CANCELLED',
};

/** The properties every VEVENT of an event shares. */
function commonProps(w: Writer, event: Event): string[] {
  const lines = [`SUMMARY:${escapeText(event.title)}`];
  const description = descriptionOf(event, w.options.lang ?? 'fr');
  if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
  const loc = location(event);
  if (loc) lines.push(`LOCATION:${escapeText(loc)}`);
  const geo = event.place?.geo;
  if (geo) lines.push(`GEO:${geo.lat};${geo.lon}`);
  if (event.url) lines.push(`URL:${event.url}`);
  const labels = w.options.labels;
  if (labels) {
    const names = [...new Set([...(event.categories ?? []), ...(event.themes ?? [])])]
      .map((id) => labels(id))
      .filter((l): l is string => Boolean(l));
    if (names.length) lines.push(`CATEGORIES:${names.map(escapeText).join(',')}`);
  }
  lines.push(`STATUS:${ICS_STATUS[event.status ?? 'scheduled']}`);
  return lines;
}

function vevent(
  w: Writer,
  event: Event,
  uid: string,
  timeZone: string,
  start: number,
  end: number | undefined,
  extra: string[] = [],
): void {
  const stamp = icsUtc(stampOf(event, start));
  const allDay = event.allDay === true;
  w.lines.push(
    'BEGIN:VEVENT',
    `UID:${escapeText(uid)}`,
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
    dateProp(w, 'DTSTART', start, timeZone, allDay),
  );
  // A whole-day event ends on the day after its last day (RFC 5545 3.6.1); without an end it lasts one day.
  if (end !== undefined && end > start && (!allDay || icsDate(end, timeZone) > icsDate(start, timeZone)))
    w.lines.push(dateProp(w, 'DTEND', end, timeZone, allDay));
  w.lines.push(...extra, ...commonProps(w, event), 'END:VEVENT');
}

const UNTIL_RE = /(^|;)UNTIL=(\d{8})(?:T(\d{6})(Z?))?(?=;|$)/i;

/**
 * The RRULE value with a UTC `UNTIL` (RFC 5545: required with a TZID start), or a date `UNTIL` for a
 * whole-day event (its DTSTART is a DATE, and UNTIL must have the same value type).
 */
function ruleForIcs(rrule: string, timeZone: string, allDay = false): string {
  const value = rrule.replace(/^RRULE:/i, '').trim();
  return value.replace(UNTIL_RE, (all, lead: string, d: string, t: string | undefined, z: string) => {
    if (allDay) {
      if (!t) return all;
      const wall = Date.UTC(
        +d.slice(0, 4),
        +d.slice(4, 6) - 1,
        +d.slice(6, 8),
        +t.slice(0, 2),
        +t.slice(2, 4),
      );
      return `${lead}UNTIL=${icsDateTimeFields(new Date(z ? instantToWall(wall, timeZone) : wall)).slice(0, 8)}`;
    }
    if (z) return all;
    const wall = Date.UTC(
      Number(d.slice(0, 4)),
      Number(d.slice(4, 6)) - 1,
      Number(d.slice(6, 8)),
      t ? Number(t.slice(0, 2)) : 23,
      t ? Number(t.slice(2, 4)) : 59,
      t ? Number(t.slice(4, 6)) : 59,
    );
    return `${lead}UNTIL=${icsUtc(wallToInstant(wall, timeZone))}`;
  });
}

function writeEvent(w: Writer, event: Event): void {
  const p = prepareEvent(event);
  const tz = p.timeZone;
  const start = event.start === undefined ? Number.NaN : Date.parse(event.start);
  if (p.rule && Number.isFinite(start)) {
    const allDay = event.allDay === true;
    const extra = [`RRULE:${ruleForIcs(p.rule.text, tz, allDay)}`];
    // Excluded dates as local times of the zone. An exdate written with a numeric offset keeps the local
    // time it was written with (the expansion also excludes it when it was given with the wrong season's
    // offset); one written in UTC (`Z`) is converted.
    const excluded = new Map<string, number>();
    for (const x of event.exdates ?? []) {
      const t = Date.parse(x);
      if (!Number.isFinite(t)) continue;
      const written = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?[+-]\d{2}:?\d{2}$/.exec(
        x,
      );
      const local = written
        ? `${written[1]}${written[2]}${written[3]}T${written[4]}${written[5]}${written[6] ?? '00'}`
        : icsLocal(t, tz);
      excluded.set(local, t);
    }
    for (const o of p.fixed) excluded.set(icsLocal(o.start.getTime(), tz), o.start.getTime());
    if (excluded.size > 0 && allDay) {
      extra.push(
        `EXDATE;VALUE=DATE:${[...new Set([...excluded.keys()].map((k) => k.slice(0, 8)))].sort().join(',')}`,
      );
    } else if (excluded.size > 0) {
      if (tz === 'UTC' || tz === 'Etc/UTC') {
        const values = [...excluded.values()].sort((a, b) => a - b);
        extra.push(`EXDATE:${values.map(icsUtc).join(',')}`);
      } else {
        for (const v of excluded.values()) w.zones.add(tz, v);
        extra.push(`EXDATE;TZID=${paramValue(tz)}:${[...excluded.keys()].sort().join(',')}`);
      }
    }
    const end = event.end === undefined ? undefined : Date.parse(event.end);
    vevent(w, event, occurrenceUid(event.id), tz, start, Number.isFinite(end) ? end : undefined, extra);
  }
  for (const o of p.fixed) {
    const uid = o.source === 'start' ? occurrenceUid(event.id) : occurrenceUid(event.id, o.index);
    vevent(w, event, uid, tz, o.start.getTime(), o.end?.getTime());
  }
}

function writeOccurrence(w: Writer, o: AgendaOccurrence): void {
  const uid = o.source === 'start' ? occurrenceUid(o.eventId) : occurrenceUid(o.eventId, o.index);
  vevent(w, o.event, uid, o.timeZone, o.start.getTime(), o.end?.getTime());
}

function calendar(options: IcsCalendarOptions, write: (w: Writer) => void): string {
  const w: Writer = { lines: [], zones: new ZoneSpans(), options };
  write(w);
  const head = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId ?? ESSAIM_PRODID)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (options.name) head.push(`NAME:${escapeText(options.name)}`, `X-WR-CALNAME:${escapeText(options.name)}`);
  if (options.description) {
    head.push(
      `DESCRIPTION:${escapeText(options.description)}`,
      `X-WR-CALDESC:${escapeText(options.description)}`,
    );
  }
  if (options.url) head.push(`URL:${options.url}`, `SOURCE;VALUE=URI:${options.url}`);
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (isValidTimeZone(tz)) head.push(`X-WR-TIMEZONE:${tz}`);
  if (options.refreshInterval) {
    head.push(
      `REFRESH-INTERVAL;VALUE=DURATION:${options.refreshInterval}`,
      `X-PUBLISHED-TTL:${options.refreshInterval}`,
    );
  }
  const all = [...head, ...w.zones.lines(), ...w.lines, 'END:VCALENDAR'];
  // One content line each, whatever a value held: a line break (or any control character) left in a
  // value that is not TEXT-escaped (a URL, a rule, a record not yet validated) can never start a line
  // of its own (`ATTACH:…`, `BEGIN:VALARM`).
  return `${all.map((line) => foldLine(line.replace(LINE_BREAKING, ''))).join('\r\n')}\r\n`;
}

/**
 * An ICS file with every date of `event` ("Ajouter à mon agenda"): its rule as a rule, its explicit
 * occurrences as VEVENTs.
 */
export function eventToIcs(event: Event, options: IcsEventOptions = {}): string {
  return calendar(options, (w) => writeEvent(w, event));
}

/** An ICS file with one date of an event (an expanded occurrence), e.g. the one a visitor clicked. */
export function occurrenceToIcs(occurrence: AgendaOccurrence, options: IcsEventOptions = {}): string {
  return calendar(options, (w) => writeOccurrence(w, occurrence));
}

/** An ICS file of several events (all their dates), in the given order. */
export function eventsToIcs(events: readonly Event[], options: IcsCalendarOptions = {}): string {
  return calendar(options, (w) => {
    for (const e of events) writeEvent(w, e);
  });
}

/**
 * An ICS file of exactly the occurrences given — the current filtered view as a download (each date a
 * VEVENT, UID `<id>-<index>@essaim`, or `<id>@essaim` for a one-off event).
 */
export function occurrencesToIcs(
  occurrences: readonly AgendaOccurrence[],
  options: IcsCalendarOptions = {},
): string {
  return calendar(options, (w) => {
    for (const o of occurrences) writeOccurrence(w, o);
  });
}

/** What `essaim build` passes to write a static subscribable calendar. */
export interface BuildCalendarInput {
  name: string;
  description?: string;
  events: readonly Event[];
  /** Where the file will be published (written as URL and SOURCE). */
  url?: string;
  /** Refresh interval for subscribers (default `P1D`). */
  refreshInterval?: string;
  labels?: IcsEventOptions['labels'];
}

/**
 * A subscribable calendar (per département, per category…): {@link eventsToIcs} with the calendar's
 * name, description, URL and a daily refresh. Deterministic: the same events give the same bytes.
 */
export function buildCalendar(input: BuildCalendarInput): string {
  const options: IcsCalendarOptions = {
    name: input.name,
    refreshInterval: input.refreshInterval ?? 'P1D',
  };
  if (input.description !== undefined) options.description = input.description;
  if (input.url !== undefined) options.url = input.url;
  if (input.labels !== undefined) options.labels = input.labels;
  return eventsToIcs(input.events, options);
}

/** Keys to split a feed's events into calendars. */
export type CalendarPartition = 'departement' | 'region' | 'category' | 'theme';

/**
 * Splits events into calendars by département, région, category or theme (an event with two themes is
 * in both), for `essaim build`. Keys sorted; events in feed order.
 */
export function partitionEvents(events: readonly Event[], by: CalendarPartition): Map<string, Event[]> {
  const groups = new Map<string, Event[]>();
  for (const e of events) {
    const cog = e.place?.address?.cog;
    const keys =
      by === 'departement'
        ? [cog?.departement]
        : by === 'region'
          ? [cog?.region]
          : by === 'category'
            ? (e.categories ?? [])
            : (e.themes ?? []);
    for (const k of new Set(keys)) {
      if (!k) continue;
      const g = groups.get(k);
      if (g) g.push(e);
      else groups.set(k, [e]);
    }
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A file name for an ICS download: `mai-a-velo-2026.ics`. */
export function icsFileName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return `${slug || 'agenda'}.ics`;
}
