/**
 * An iCalendar file (RFC 5545): a structure publishing its own calendar (an .ics export of Google
 * Calendar, Nextcloud, Outlook, Thunderbird, an OpenAgenda or Mobilizon feed…). Parsed with Mozilla's
 * `ical.js`, one VEVENT at a time so that one broken VEVENT is reported and the others still load.
 *
 * Each VEVENT gives one event (or is rejected with its reason):
 * - `UID` → the local id (`<source>--<uid>`); `SUMMARY` → title; `DESCRIPTION` → description (a text
 *   over 2,000 characters goes to the long description); `URL` → the event's page; `CATEGORIES` →
 *   keywords (and the event categories / themes of the taxonomy they name);
 * - `LOCATION` → the place's name, its postcode/commune (and COG codes) read from it; a LOCATION that is a
 *   web address is the online link; `GEO` → the place's point;
 * - `DTSTART`/`DTEND` (or `DURATION`): with a `TZID` (an IANA zone, or a zone the file describes in a
 *   VTIMEZONE), in UTC (`…Z`), floating (the calendar's `X-WR-TIMEZONE`, else the option `timeZone`, else
 *   Europe/Paris), or whole days (`VALUE=DATE` → `allDay`, the end being the day after the last day);
 * - `RRULE` → `rrule` (a rule on a UTC start is evaluated in UTC, as RFC 5545 says); `EXDATE` →
 *   `exdates`; `RDATE` → explicit occurrences (the first date, DTSTART, is then one of them); a VEVENT
 *   with a `RECURRENCE-ID` (one changed date of a series) becomes its own event and the date it replaces
 *   is excluded from the series;
 * - `STATUS:CANCELLED` → cancelled; `TENTATIVE` → postponed when the description says "Statut : Reporté"
 *   (what our own writer adds), else scheduled with a warning (the file does not say why it is
 *   tentative); the other statuses our writer spells out in the description ("Statut : Complet"…) are
 *   read back the same way;
 * - `ORGANIZER;CN=…` → the organiser's name; the option `organizer` (a structure id of the feed) links
 *   every event to the structure that publishes the calendar.
 *
 * Options: `organizer` (structure id), `timeZone` (for floating times), `name` (shown in provenance
 * instead of the calendar's X-WR-CALNAME), `departement` / `region` (COG codes of the publisher's
 * territory: an iCalendar file carries no territory codes, so an event whose LOCATION gives no commune —
 * an online event, "Salle des fêtes" — is placed there, with a warning, instead of in no territory).
 */
import { Event, isValidTimeZone, toZonedIso, wallToInstant } from '@essaim/sdk';
import ICAL from 'ical.js';
import {
  cleanMultiline,
  cleanText,
  normalizeCoordinates,
  normalizeUrl,
  PARIS,
  truncate,
  wholeDayOccurrences,
} from '../normalize/index.ts';
import {
  checkSourceId,
  finalize,
  normalizeLocation,
  outcome,
  progressReporter,
  REASONS,
  UPDATED_AT_UNKNOWN,
  readText,
  recordId,
  TaxonomyIndex,
  Warnings,
} from './shared.ts';
import {
  type ImportContext,
  type Importer,
  type ImportOutcome,
  type RejectionReason,
  WrongShapeError,
} from './types.ts';

const TYPE = 'ics';
const EXPECTS =
  'an iCalendar file (RFC 5545): BEGIN:VCALENDAR … BEGIN:VEVENT (UID, DTSTART, SUMMARY…) END:VEVENT … END:VCALENDAR';
const DAY_MS = 86_400_000;

export interface IcsOptions {
  /** Id of the structure of the feed that publishes this calendar: every event is linked to it. */
  organizer?: string;
  /** Zone of floating times (no TZID, no Z), when the calendar gives no X-WR-TIMEZONE. Default Europe/Paris. */
  timeZone?: string;
  /** Name shown in provenance (default: the calendar's X-WR-CALNAME, else the source's name). */
  name?: string;
  /** Département code of the publisher's territory, for events whose place gives no commune. */
  departement?: string;
  /** Région code of the publisher's territory, for events whose place gives no commune. */
  region?: string;
}

/** A VEVENT block of the file, with where it starts. */
interface Block {
  text: string;
  /** 1-based line of its BEGIN:VEVENT (after unfolding), for messages. */
  line: number;
  /** Set when the block could not be cut out of the file (BEGIN without END). */
  broken?: string;
}

/** Unfolds content lines (RFC 5545 3.1) and splits the file into its VEVENT blocks and the rest. */
export function splitCalendar(text: string): { shell: string; blocks: Block[] } {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  const shell: string[] = [];
  const blocks: Block[] = [];
  let current: { lines: string[]; line: number } | undefined;
  lines.forEach((raw, i) => {
    const upper = raw.trim().toUpperCase();
    if (current) {
      if (upper === 'BEGIN:VEVENT') {
        // A VEVENT never contains another: the previous one lacks its END.
        blocks.push({ text: current.lines.join('\r\n'), line: current.line, broken: 'end' });
        current = { lines: [raw], line: i + 1 };
        return;
      }
      if (upper === 'END:VCALENDAR') {
        blocks.push({ text: current.lines.join('\r\n'), line: current.line, broken: 'end' });
        current = undefined;
        shell.push(raw);
        return;
      }
      current.lines.push(raw);
      if (upper === 'END:VEVENT') {
        blocks.push({ text: current.lines.join('\r\n'), line: current.line });
        current = undefined;
      }
      return;
    }
    if (upper === 'BEGIN:VEVENT') current = { lines: [raw], line: i + 1 };
    else shell.push(raw);
  });
  if (current) blocks.push({ text: current.lines.join('\r\n'), line: current.line, broken: 'end' });
  return { shell: shell.filter((l) => l.trim() !== '').join('\r\n'), blocks };
}

/** Civil components of a jCal date or date-time value ("2026-10-27", "2026-10-27T18:00:00", "…Z"). */
interface Stamp {
  /** Wall time as if it were UTC (ms). */
  wall: number;
  date: boolean;
  utc: boolean;
}

function readStamp(value: unknown): Stamp | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z)?)?$/.exec(value);
  if (!m) return undefined;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  if (!Number.isFinite(wall)) return undefined;
  return { wall, date: m[4] === undefined, utc: m[7] === 'Z' };
}

/** Turns the file's dates into instants: IANA zones, VTIMEZONEs of the file, UTC, floating. */
class Zones {
  private readonly described = new Map<string, ICAL.Timezone>();
  constructor(
    shell: ICAL.Component | undefined,
    readonly floating: string,
  ) {
    for (const vtz of shell?.getAllSubcomponents('vtimezone') ?? []) {
      const id = vtz.getFirstPropertyValue('tzid');
      if (typeof id === 'string') this.described.set(id, new ICAL.Timezone(vtz));
    }
  }

  /** The IANA zone the event is written in (its TZID when it is one, else the floating zone). */
  zoneOf(tzid: string | undefined, stamp: Stamp | undefined): string {
    if (stamp?.utc) return 'UTC';
    if (tzid && isValidTimeZone(tzid)) return tzid;
    return this.floating;
  }

  /** The instant of a stamp; `unknownZone` is called when the TZID is neither IANA nor described. */
  instant(stamp: Stamp, tzid: string | undefined, unknownZone: (tzid: string) => void): number {
    if (stamp.utc) return stamp.wall;
    if (tzid && isValidTimeZone(tzid)) return wallToInstant(stamp.wall, tzid);
    if (tzid) {
      const vtz = this.described.get(tzid);
      if (vtz) {
        const d = new Date(stamp.wall);
        const t = ICAL.Time.fromData({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
        });
        return stamp.wall - vtz.utcOffset(t) * 1000;
      }
      unknownZone(tzid);
    }
    return wallToInstant(stamp.wall, this.floating);
  }
}

/** The raw values of every property `name` (a property may list several: EXDATE:a,b). */
function rawValues(v: ICAL.Component, name: string): Array<{ value: unknown; tzid?: string }> {
  const out: Array<{ value: unknown; tzid?: string }> = [];
  for (const p of v.getAllProperties(name)) {
    const tzid = p.getParameter('tzid');
    for (const value of (p.toJSON() as unknown[]).slice(3))
      out.push({ value, ...(typeof tzid === 'string' ? { tzid } : {}) });
  }
  return out;
}

function text(v: ICAL.Component, name: string): string | undefined {
  const value = v.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : value == null ? undefined : String(value);
}

const STATUS_WORDS: ReadonlyArray<[RegExp, Event['status']]> = [
  [/^(?:Statut|Status) ?: ?(?:Reprogrammé|Rescheduled)\s*$/im, 'rescheduled'],
  [/^(?:Statut|Status) ?: ?(?:Déplacé en ligne|Moved online)\s*$/im, 'moved-online'],
  [/^(?:Statut|Status) ?: ?(?:Reporté|Postponed)\s*$/im, 'postponed'],
  [/^(?:Statut|Status) ?: ?(?:Complet|Full)\s*$/im, 'full'],
  [/^(?:Statut|Status) ?: ?(?:Annulé|Cancelled)\s*$/im, 'cancelled'],
];

/** A RECURRENCE-ID key: the local id of the changed date of a series. */
const recurrenceKey = (raw: unknown) =>
  typeof raw === 'string' ? raw.replace(/[-:]/g, '').replace(/Z$/, 'Z') : undefined;

interface Parsed {
  index: number;
  vevent?: ICAL.Component;
  reason?: RejectionReason;
  uid?: string;
}

export const icsImporter: Importer = {
  type: TYPE,
  expects: EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const options = (ctx.source.options ?? {}) as IcsOptions;
    const { text: body, file } = await readText(ctx);
    if (!/^\s*BEGIN:VCALENDAR\s*$/im.test(body.slice(0, 2000)))
      throw new WrongShapeError(
        TYPE,
        file,
        EXPECTS,
        `text that does not start a VCALENDAR ("${body.slice(0, 40).trim()}…")`,
      );
    const { shell, blocks } = splitCalendar(body);
    let calendar: ICAL.Component | undefined;
    try {
      calendar = new ICAL.Component(ICAL.parse(shell));
    } catch (e) {
      throw new WrongShapeError(
        TYPE,
        file,
        EXPECTS,
        `a VCALENDAR that ical.js cannot read (${(e as Error).message})`,
      );
    }
    const calZone = text(calendar, 'x-wr-timezone');
    const floating =
      calZone && isValidTimeZone(calZone)
        ? calZone
        : options.timeZone && isValidTimeZone(options.timeZone)
          ? options.timeZone
          : PARIS;
    const zones = new Zones(calendar, floating);
    const calName = options.name ?? cleanText(text(calendar, 'x-wr-calname')).value ?? ctx.source.name;
    const taxonomy = new TaxonomyIndex(ctx.taxonomy);
    const organizer = cleanText(options.organizer).value;
    const departement = cleanText(options.departement).value;
    const region = cleanText(options.region).value;
    for (const [name, value, re] of [
      ['departement', departement, /^(?:\d{2}|2[AB]|97\d)$/],
      ['region', region, /^\d{2}$/],
    ] as const) {
      if (value !== undefined && !re.test(value))
        throw new WrongShapeError(
          TYPE,
          file,
          `option "${name}": an official COG code (e.g. "31", "76")`,
          `"${value}"`,
        );
    }
    const territory =
      departement || region
        ? { ...(departement ? { departement } : {}), ...(region ? { region } : {}) }
        : undefined;

    // First pass: parse every block; collect the dates that changed instances replace.
    const parsed: Parsed[] = blocks.map((b, index) => {
      if (b.broken) {
        return {
          index,
          reason: {
            code: 'ics-unterminated',
            fr: `VEVENT de la ligne ${b.line} sans « END:VEVENT » : illisible`,
            en: `VEVENT at line ${b.line} without "END:VEVENT": unreadable`,
          },
        };
      }
      try {
        const comp = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${b.text}\r\nEND:VCALENDAR`));
        const vevent = comp.getFirstSubcomponent('vevent');
        if (!vevent) throw new Error('no VEVENT');
        const uid = cleanText(text(vevent, 'uid')).value;
        return { index, vevent, ...(uid ? { uid } : {}) };
      } catch (e) {
        const msg = (e as Error).message.replace(/\s+/g, ' ').slice(0, 200);
        return {
          index,
          reason: {
            code: 'ics-unreadable',
            fr: `VEVENT de la ligne ${b.line} illisible (ical.js : ${msg})`,
            en: `Unreadable VEVENT at line ${b.line} (ical.js: ${msg})`,
          },
        };
      }
    });
    const replaced = new Map<string, Array<{ value: unknown; tzid?: string }>>();
    for (const p of parsed) {
      if (!p.vevent || !p.uid) continue;
      for (const r of rawValues(p.vevent, 'recurrence-id')) {
        const list = replaced.get(p.uid) ?? [];
        list.push(r);
        replaced.set(p.uid, list);
      }
    }

    const seen = new Set<string>();
    const report = progressReporter(ctx, parsed.length, 100);
    for (const p of parsed) {
      report(p.index + 1);
      if (!p.vevent) {
        yield { kind: 'rejected', index: p.index, part: 'events', reasons: [p.reason!] };
        continue;
      }
      yield mapVevent(p.vevent, p.index, ctx, {
        zones,
        calName,
        taxonomy,
        organizer,
        seen,
        replaced,
        territory,
      });
    }
  },
};

interface MapContext {
  zones: Zones;
  calName: string;
  taxonomy: TaxonomyIndex;
  organizer: string | undefined;
  seen: Set<string>;
  replaced: Map<string, Array<{ value: unknown; tzid?: string }>>;
  territory: { departement?: string; region?: string } | undefined;
}

function mapVevent(v: ICAL.Component, index: number, ctx: ImportContext, m: MapContext): ImportOutcome {
  const uid = cleanText(text(v, 'uid')).value;
  if (!uid) return { kind: 'rejected', index, part: 'events', reasons: [REASONS.noId()] };
  const recurrence = rawValues(v, 'recurrence-id')[0];
  const localId = recurrence ? `${uid}--${recurrenceKey(recurrence.value)}` : uid;
  const id = recordId(ctx.source.id, localId);
  const reject = (reasons: RejectionReason[]): ImportOutcome => ({
    kind: 'rejected',
    index,
    localId,
    part: 'events',
    reasons,
  });
  if (id.length > 200) return reject([REASONS.idTooLong(id)]);
  if (m.seen.has(id)) return reject([REASONS.duplicate(localId)]);
  const w = new Warnings();

  const titleR = cleanText(text(v, 'summary'));
  w.add('title', titleR.notes);
  if (!titleR.value) return reject([REASONS.noName('titre')]);
  const title = truncate(titleR.value, 500);
  w.add('title', title.notes);

  // Dates.
  const unknownZone = (field: string) => (tzid: string) =>
    w.one(
      field,
      'time-zone-unknown',
      `fuseau horaire « ${tzid} » inconnu et non décrit dans le fichier : heure lue dans le fuseau ${m.zones.floating}`,
      `time zone "${tzid}" unknown and not described in the file: time read in ${m.zones.floating}`,
    );
  const dtstart = rawValues(v, 'dtstart')[0];
  const startStamp = readStamp(dtstart?.value);
  if (!dtstart || !startStamp) return reject([REASONS.noStart()]);
  const allDay = startStamp.date;
  const timeZone = m.zones.zoneOf(dtstart.tzid, startStamp);
  const instant = (s: Stamp, tzid: string | undefined, field: string) =>
    s.date ? wallToInstant(s.wall, timeZone) : m.zones.instant(s, tzid, unknownZone(field));
  const start = instant(startStamp, dtstart.tzid, 'start');
  let end: number | undefined;
  const dtend = rawValues(v, 'dtend')[0];
  const endStamp = readStamp(dtend?.value);
  if (endStamp) end = instant(endStamp, dtend?.tzid, 'end');
  else {
    const duration = v.getFirstPropertyValue('duration');
    if (duration instanceof ICAL.Duration) {
      // Days and weeks are nominal (a day stays a day across a clock change), hours exact (RFC 5545 3.3.6).
      const days = (duration.weeks * 7 + duration.days) * (duration.isNegative ? -1 : 1);
      const secs =
        (duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * (duration.isNegative ? -1 : 1);
      end = wallToInstant(startStamp.wall + days * DAY_MS, timeZone) + secs * 1000;
      if (startStamp.utc) end = startStamp.wall + days * DAY_MS + secs * 1000;
    }
  }
  if (allDay && end === undefined) end = wallToInstant(startStamp.wall + DAY_MS, timeZone);
  if (end !== undefined && end < start) {
    w.one(
      'end',
      'end-before-start',
      `fin ${toZonedIso(end, timeZone)} avant le début ${toZonedIso(start, timeZone)} : fin ignorée`,
      `end ${toZonedIso(end, timeZone)} before start ${toZonedIso(start, timeZone)}: end ignored`,
    );
    end = undefined;
  }
  const iso = (ms: number) => toZonedIso(ms, timeZone);
  const durationMs = end === undefined ? undefined : end - start;

  // Recurrence.
  const rrules = v.getAllProperties('rrule');
  let rrule: string | undefined;
  if (rrules.length) {
    const value = rrules[0]!.getFirstValue();
    const written = value instanceof ICAL.Recur ? value.toString() : String(value);
    // FREQ first, as our schema (and every reader) expects it.
    const parts = written.split(';').filter(Boolean);
    const freq = parts.find((x) => /^FREQ=/i.test(x));
    rrule = freq ? [freq, ...parts.filter((x) => x !== freq)].join(';').toUpperCase() : written;
    if (rrules.length > 1)
      w.one(
        'rrule',
        'rrule-several',
        `${rrules.length} règles RRULE : seule la première est gardée`,
        `${rrules.length} RRULE rules: only the first one is kept`,
      );
  }
  const exdates: string[] = [];
  const excluded = [...rawValues(v, 'exdate'), ...(recurrence ? [] : (m.replaced.get(uid) ?? []))];
  for (const x of excluded) {
    const s = readStamp(x.value);
    if (!s) continue;
    const t = s.date
      ? wallToInstant(s.wall + (startStamp.wall % DAY_MS), timeZone)
      : instant(s, x.tzid, 'exdates');
    const i = iso(t);
    if (!exdates.includes(i)) exdates.push(i);
  }
  const occurrences: Array<{ start: string; end?: string }> = [];
  const rdates = rawValues(v, 'rdate');
  if (rdates.length) {
    if (!rrule) occurrences.push({ start: iso(start), ...(end !== undefined ? { end: iso(end) } : {}) });
    for (const r of rdates) {
      const period = Array.isArray(r.value) ? r.value : undefined;
      const s = readStamp(period ? period[0] : r.value);
      if (!s) {
        w.one(
          'occurrences',
          'rdate-unreadable',
          `date RDATE illisible : ${JSON.stringify(r.value)}`,
          `unreadable RDATE: ${JSON.stringify(r.value)}`,
        );
        continue;
      }
      const t = s.date ? wallToInstant(s.wall, timeZone) : instant(s, r.tzid, 'occurrences');
      const periodEnd = period ? readStamp(period[1]) : undefined;
      let e: number | undefined;
      if (periodEnd) e = instant(periodEnd, r.tzid, 'occurrences');
      else if (s.date && allDay && durationMs !== undefined)
        e = wallToInstant(s.wall + Math.round(durationMs / DAY_MS) * DAY_MS, timeZone);
      else if (durationMs !== undefined) e = t + durationMs;
      const occ = { start: iso(t), ...(e !== undefined && e >= t ? { end: iso(e) } : {}) };
      if (!occurrences.some((o) => o.start === occ.start)) occurrences.push(occ);
    }
    occurrences.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  // Status.
  const descriptionR = cleanMultiline(text(v, 'description'));
  w.add('description', descriptionR.notes);
  let description = descriptionR.value;
  let status: Event['status'];
  const icsStatus = cleanText(text(v, 'status')).value?.toUpperCase();
  const spelled = description ? STATUS_WORDS.find(([re]) => re.test(description!)) : undefined;
  if (spelled && description) description = description.replace(spelled[0], '').trim() || undefined;
  if (icsStatus === 'CANCELLED') status = 'cancelled';
  else if (spelled) status = spelled[1];
  else if (icsStatus === 'TENTATIVE') {
    status = 'scheduled';
    w.one(
      'status',
      'status-tentative',
      'évènement « provisoire » (STATUS:TENTATIVE) sans raison donnée : gardé comme programmé',
      'event marked "tentative" (STATUS:TENTATIVE) without a reason: kept as scheduled',
    );
  } else status = 'scheduled';

  let longDescription: string | undefined;
  if (description && description.length > 2000) {
    longDescription = truncate(description, 50_000).value;
    description = truncate(description, 2000).value;
  }

  // Place and online link.
  const locationText = cleanText(text(v, 'location')).value;
  const asUrl = locationText && /^https?:\/\//i.test(locationText) ? normalizeUrl(locationText) : undefined;
  const geoValue = v.getFirstPropertyValue('geo');
  const geoPair = Array.isArray(geoValue) ? normalizeCoordinates(geoValue[0], geoValue[1]) : undefined;
  if (geoPair) w.add('place.geo', geoPair.notes);
  let place: Record<string, unknown> | undefined;
  if ((locationText && !asUrl?.value) || geoPair?.value) {
    const location = normalizeLocation(
      ctx.places,
      { lines: locationText ? [locationText] : [], ...(geoPair?.value ? { geo: geoPair.value } : {}) },
      w,
      'place.',
    );
    place = {
      name: locationText ? truncate(locationText, 300).value : undefined,
      address: location.address,
      geo: location.geo,
    };
  }
  if (m.territory && !(place?.address as { cog?: unknown } | undefined)?.cog) {
    place = { ...place, address: { ...(place?.address as object), cog: m.territory } };
    w.one(
      'place.address.cog',
      'territory-from-options',
      'lieu sans commune reconnue : évènement placé dans le territoire de la source (options departement / region)',
      'place without a recognised commune: event placed in the source’s territory (options departement / region)',
    );
  }
  const onlineUrl = asUrl?.value;
  const attendanceMode = onlineUrl ? 'online' : status === 'moved-online' ? 'online' : 'offline';

  const url = normalizeUrl(text(v, 'url'));
  w.add('url', url.notes);

  // Categories → keywords, and concepts of the taxonomy they name.
  const keywords: string[] = [];
  for (const p of v.getAllProperties('categories'))
    for (const c of p.getValues()) {
      const k = cleanText(c).value;
      if (k && !keywords.includes(k)) keywords.push(k);
    }
  const categories = [
    ...new Set(keywords.map((k) => m.taxonomy.find('event-categories', k)).filter((x): x is string => !!x)),
  ];
  const themes = [
    ...new Set(keywords.map((k) => m.taxonomy.find('themes', k)).filter((x): x is string => !!x)),
  ];

  // Organiser.
  const org = v.getFirstProperty('organizer');
  const organizerName = cleanText(org?.getParameter('cn')).value;

  // Dates of the record.
  const stampOf = (name: string) => {
    const s = readStamp(rawValues(v, name)[0]?.value);
    return s
      ? toZonedIso(s.utc || s.date ? s.wall : wallToInstant(s.wall, m.zones.floating), PARIS)
      : undefined;
  };
  const updatedAt = stampOf('last-modified') ?? stampOf('dtstamp') ?? stampOf('created');
  if (!updatedAt) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);

  // Whole days written as timed slots ("00:00–23:59", or an all-day entry cut at the UTC offset).
  const timed = occurrences.length
    ? occurrences
    : end !== undefined
      ? [{ start: iso(start), end: iso(end) }]
      : [];
  // Times written in UTC are read as days of the calendar's own zone (default Europe/Paris).
  const dayZone = timeZone === 'UTC' ? m.zones.floating : timeZone;
  const days = !allDay && !rrule ? wholeDayOccurrences(timed, dayZone) : undefined;
  if (days) {
    const [first, last] = [days[0]!.start.slice(0, 10), days[days.length - 1]!.start.slice(0, 10)];
    w.one(
      'occurrences',
      'occurrences-whole-days',
      `${timed.length} créneau(x) lu(s) comme ${days.length} journée(s) entière(s), du ${first} au ${last}`,
      `${timed.length} slot(s) read as ${days.length} whole day(s), ${first} to ${last}`,
    );
  }

  const draft: Record<string, unknown> = {
    id,
    title: title.value,
    description,
    longDescription,
    timeZone: days ? dayZone : timeZone,
    start: days ? days[0]!.start : iso(start),
    ...(allDay || days ? { allDay: true } : {}),
    end: days ? days[days.length - 1]!.end : end === undefined ? undefined : iso(end),
    occurrences: days && occurrences.length ? days : occurrences,
    rrule,
    exdates: rrule ? exdates : undefined,
    status,
    attendanceMode,
    place,
    onlineUrl,
    organizerIds: m.organizer ? [m.organizer] : undefined,
    organizerName,
    categories,
    themes,
    keywords,
    url: url.value,
    provenance: [{ source: ctx.source.id, name: m.calName, localId, url: url.value, updatedAt }],
    updatedAt,
  };
  const result = finalize(Event, draft, w, ['id', 'title', 'provenance', 'start']);
  if (result.ok) m.seen.add(id);
  return outcome('event', index, result, w, localId);
}
