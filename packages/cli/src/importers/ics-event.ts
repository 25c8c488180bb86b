/**
 * One VEVENT → one event, field group by field group (dates, recurrence, status, place, concepts,
 * record date, whole days), each in the order the record's warnings expect. The importer is ics.ts.
 */
import { Event, toZonedIso, wallToInstant } from '@essaim/sdk';
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
  finalize,
  normalizeLocation,
  outcome,
  REASONS,
  UPDATED_AT_UNKNOWN,
  recordId,
  type TaxonomyIndex,
  Warnings,
} from './shared.ts';
import {
  DAY_MS,
  rawValues,
  readStamp,
  recurrenceKey,
  type Stamp,
  STATUS_WORDS,
  text,
  type Zones,
} from './ics-values.ts';
import type { ImportContext, ImportOutcome, RejectionReason } from './types.ts';

export interface MapContext {
  zones: Zones;
  calName: string;
  taxonomy: TaxonomyIndex;
  organizer: string | undefined;
  seen: Set<string>;
  replaced: Map<string, Array<{ value: unknown; tzid?: string }>>;
  territory: { departement?: string; region?: string } | undefined;
}

export function mapVevent(
  v: ICAL.Component,
  index: number,
  ctx: ImportContext,
  m: MapContext,
): ImportOutcome {
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

  const times = timesOf(v, m, w);
  if (!times) return reject([REASONS.noStart()]);
  const { allDay, timeZone, start, end, iso } = times;
  const { rrule, exdates, occurrences } = recurrenceOf(v, m, w, times, uid, recurrence);
  const { description, longDescription, status } = statusOf(v, w);
  const { place, onlineUrl } = placeOf(v, ctx, m, w);
  const attendanceMode = onlineUrl ? 'online' : status === 'moved-online' ? 'online' : 'offline';
  const url = normalizeUrl(text(v, 'url'));
  w.add('url', url.notes);
  const { keywords, categories, themes } = conceptsOf(v, m);
  const org = v.getFirstProperty('organizer');
  const organizerName = cleanText(org?.getParameter('cn')).value;
  const updatedAt = updatedAtOf(v, m, w);
  const { dayZone, days } = wholeDaysOf(times, m, w, rrule, occurrences);

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

/** Start and end, as instants, and how to write them in the event's zone. */
interface Times {
  startStamp: Stamp;
  allDay: boolean;
  timeZone: string;
  instant: (s: Stamp, tzid: string | undefined, field: string) => number;
  start: number;
  end: number | undefined;
  iso: (ms: number) => string;
  durationMs: number | undefined;
}

/** DTSTART, DTEND or DURATION (undefined without a readable start). */
function timesOf(v: ICAL.Component, m: MapContext, w: Warnings): Times | undefined {
  const unknownZone = (field: string) => (tzid: string) =>
    w.one(
      field,
      'time-zone-unknown',
      `fuseau horaire « ${tzid} » inconnu et non décrit dans le fichier : heure lue dans le fuseau ${m.zones.floating}`,
      `time zone "${tzid}" unknown and not described in the file: time read in ${m.zones.floating}`,
    );
  const dtstart = rawValues(v, 'dtstart')[0];
  const startStamp = readStamp(dtstart?.value);
  if (!dtstart || !startStamp) return undefined;
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
  return { startStamp, allDay, timeZone, instant, start, end, iso, durationMs };
}

/** RRULE (FREQ first), EXDATE (and the dates a RECURRENCE-ID replaced), RDATE as occurrences. */
function recurrenceOf(
  v: ICAL.Component,
  m: MapContext,
  w: Warnings,
  t: Times,
  uid: string,
  recurrence: unknown,
): { rrule?: string; exdates: string[]; occurrences: Array<{ start: string; end?: string }> } {
  const { startStamp, allDay, timeZone, instant, start, end, iso, durationMs } = t;
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
  return { rrule, exdates, occurrences };
}

/** Description (a status our writer spelled out is read back and removed), status, long description. */
function statusOf(
  v: ICAL.Component,
  w: Warnings,
): { description?: string; longDescription?: string; status: Event['status'] } {
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
  return { description, longDescription, status };
}

/** LOCATION (a place, or an online link) and GEO; the source's territory when no commune is found. */
function placeOf(
  v: ICAL.Component,
  ctx: ImportContext,
  m: MapContext,
  w: Warnings,
): { place?: Record<string, unknown>; onlineUrl?: string } {
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

  return { place, onlineUrl: asUrl?.value };
}

/** CATEGORIES → keywords, and the concepts of the taxonomy they name. */
function conceptsOf(
  v: ICAL.Component,
  m: MapContext,
): { keywords: string[]; categories: string[]; themes: string[] } {
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
  return { keywords, categories, themes };
}

/** The record's date: LAST-MODIFIED, else DTSTAMP, else CREATED. */
function updatedAtOf(v: ICAL.Component, m: MapContext, w: Warnings): string | undefined {
  const stampOf = (name: string) => {
    const s = readStamp(rawValues(v, name)[0]?.value);
    return s
      ? toZonedIso(s.utc || s.date ? s.wall : wallToInstant(s.wall, m.zones.floating), PARIS)
      : undefined;
  };
  const updatedAt = stampOf('last-modified') ?? stampOf('dtstamp') ?? stampOf('created');
  if (!updatedAt) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);
  return updatedAt;
}

/** Whole days written as timed slots ("00:00–23:59", or an all-day entry cut at the UTC offset). */
function wholeDaysOf(
  t: Times,
  m: MapContext,
  w: Warnings,
  rrule: string | undefined,
  occurrences: Array<{ start: string; end?: string }>,
): { dayZone: string; days?: Array<{ start: string; end?: string }> } {
  const { allDay, timeZone, start, end, iso } = t;
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
  return { dayZone, days };
}
