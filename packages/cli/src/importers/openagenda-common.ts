/**
 * What the two OpenAgenda importers share: both shapes (the OpenDataSoft open-data export and the API v2)
 * are first read into one neutral shape, then mapped here to the feed's Event.
 *
 * - status 1–6 → scheduled, rescheduled, moved-online, postponed, full, cancelled;
 * - attendance mode 1–3 → offline, online, mixed;
 * - accessibility codes hi, vi, pi, mi, ii → hearing, visual, psychic, motor, intellectual;
 * - `timings` → occurrences, each keeping its own offset (+01:00 in winter, +02:00 in summer);
 * - `registration` → url / email / phone entries, each checked;
 * - provenance named after the agenda the event comes from (`originagenda_title`): OpenAgenda's licence
 *   asks to keep it visible.
 */
import { Event, type Registration } from '@essaim/sdk';
import {
  cleanMultiline,
  cleanText,
  looksLikeEmail,
  normalizeDate,
  normalizeDateTime,
  normalizeEmail,
  normalizePhone,
  normalizeUrl,
  PARIS,
  splitList,
  truncate,
  wholeDayOccurrences,
} from '../normalize/index.ts';
import {
  finalize,
  localIdOf,
  normalizeLocation,
  outcome,
  REASONS,
  recordId,
  UPDATED_AT_UNKNOWN,
  Warnings,
} from './shared.ts';
import type { ImportContext, ImportOutcome } from './types.ts';

/** The neutral shape both OpenAgenda readers produce. Values are raw (unchecked). */
export interface OpenAgendaEventInput {
  uid: unknown;
  title: unknown;
  description?: unknown;
  longDescription?: unknown;
  conditions?: unknown;
  keywords?: unknown;
  timings?: unknown;
  /** Used when there are no timings: first begin and last end. */
  firstBegin?: unknown;
  lastEnd?: unknown;
  status?: unknown;
  attendanceMode?: unknown;
  onlineAccessLink?: unknown;
  location?: {
    name?: unknown;
    address?: unknown;
    postalCode?: unknown;
    city?: unknown;
    insee?: unknown;
    department?: unknown;
    countryCode?: unknown;
    lat?: unknown;
    lon?: unknown;
    phone?: unknown;
    website?: unknown;
    /** How to get there (OpenAgenda `access`, multilingual). */
    access?: unknown;
  };
  accessibility?: unknown;
  ageMin?: unknown;
  ageMax?: unknown;
  registration?: unknown;
  image?: unknown;
  /** Credit of the image (`imagecredits`, `imageCredits`, `image.credits`). */
  imageCredit?: unknown;
  imageLicence?: unknown;
  url?: unknown;
  updatedAt?: unknown;
  createdAt?: unknown;
  agendaTitle?: unknown;
  timeZone?: unknown;
}

export const STATUS_BY_ID = [
  'scheduled',
  'rescheduled',
  'moved-online',
  'postponed',
  'full',
  'cancelled',
] as const;
export const ATTENDANCE_BY_ID = ['offline', 'online', 'mixed'] as const;
const ACCESSIBILITY_KEYS = {
  hi: 'hearing',
  vi: 'visual',
  pi: 'psychic',
  mi: 'motor',
  ii: 'intellectual',
} as const;

/** Values the export stores as JSON inside a string (`timings`, `status`, `attendancemode`, `registration`). */
export function parseEmbeddedJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (!(t.startsWith('[') || t.startsWith('{'))) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}

/** Text of a multilingual value ({fr, en…}) in French first, else English, else any language. */
export function pickLang(v: unknown, lang = 'fr'): unknown {
  if (v === null || v === undefined || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  return o[lang] ?? o.fr ?? o.en ?? Object.values(o).find((x) => typeof x === 'string' && x.trim() !== '');
}

/** An OpenAgenda id (number, numeric string, `{id}` object, or JSON of one) → 1-based index. */
function codeOf(v: unknown): number | undefined {
  const p = parseEmbeddedJson(v);
  const raw = p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>).id : p;
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^\d+$/.test(raw.trim())
        ? Number(raw)
        : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

function mapCode<T extends string>(
  v: unknown,
  list: readonly T[],
  field: string,
  w: Warnings,
): T | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = codeOf(v);
  if (n !== undefined && n >= 1 && n <= list.length) return list[n - 1];
  w.one(
    field,
    'code-unknown',
    `code OpenAgenda inconnu pour ${field} : ${JSON.stringify(v)} (ignoré)`,
    `unknown OpenAgenda code for ${field}: ${JSON.stringify(v)} (ignored)`,
  );
  return undefined;
}

/** "hi;vi;mi" (export) or {hi: true, vi: false…} (API) → the schema's Accessibility flags (true only). */
export function mapAccessibility(v: unknown): Record<string, boolean> | undefined {
  const p = parseEmbeddedJson(v);
  const out: Record<string, boolean> = {};
  const codes: string[] = [];
  if (typeof p === 'string') codes.push(...p.split(/[;,\s]+/));
  else if (Array.isArray(p)) codes.push(...p.map(String));
  else if (p && typeof p === 'object') {
    for (const [k, val] of Object.entries(p as Record<string, unknown>))
      if (val === true || val === 1 || val === '1') codes.push(k);
  }
  for (const c of codes) {
    const key = ACCESSIBILITY_KEYS[c.trim().toLowerCase() as keyof typeof ACCESSIBILITY_KEYS];
    if (key) out[key] = true;
  }
  return Object.keys(out).length ? out : undefined;
}

/** OpenAgenda registration entries → checked Registration items. */
export function mapRegistration(v: unknown, w: Warnings): Registration[] {
  const p = parseEmbeddedJson(v);
  const list = Array.isArray(p) ? p : p === null || p === undefined || p === '' ? [] : [p];
  const out: Registration[] = [];
  const push = (r: Registration) => {
    if (!out.some((x) => x.kind === r.kind && x.value === r.value)) out.push(r);
  };
  for (const item of list) {
    const o: Record<string, unknown> =
      item && typeof item === 'object' ? (item as Record<string, unknown>) : { value: item };
    const value = o.value ?? o.link ?? o.url;
    const type = typeof o.type === 'string' ? o.type.toLowerCase() : undefined;
    const asString =
      typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
    if (!asString) continue;
    const kind =
      type === 'email' || (type === undefined && looksLikeEmail(asString))
        ? 'email'
        : type === 'phone' || (type === undefined && /^\+?[\d\s.()-]{9,}$/.test(asString))
          ? 'phone'
          : 'url';
    if (kind === 'email') {
      const e = normalizeEmail(asString);
      w.add('registration', e.notes);
      if (e.value) push({ kind: 'email', value: e.value });
    } else if (kind === 'phone') {
      const ph = normalizePhone(asString);
      w.add('registration', ph.notes);
      if (ph.value) push({ kind: 'phone', value: ph.value });
    } else {
      const u = normalizeUrl(asString);
      if (u.value) push({ kind: 'url', value: u.value });
      else if (looksLikeEmail(asString)) {
        const e = normalizeEmail(asString);
        if (e.value) push({ kind: 'email', value: e.value });
      } else w.add('registration', u.notes);
    }
  }
  return out;
}

/**
 * Whether the conditions say the event is free ("Entrée libre", "gratuit") or paid ("Tarif … €", an
 * amount, "payant"). A ticket office is not a price: "Gratuit, sur réservation sur la billetterie" is free,
 * and a mere link to a "billetterie" says neither. Free and paid together ("gratuit pour les enfants,
 * tarif plein 12 €") is paid, with the text as details.
 */
export function priceFromConditions(
  text: string | undefined,
): { free: boolean; details?: string } | undefined {
  if (!text) return undefined;
  const paid =
    /€|\beuros?\b|\beur\b|\btarifs?\b|\bpayant|\bprix\b|\bpay(?:ing|ant)\b|\bparticipation\s*(?::\s*)?\d/i.test(
      text,
    );
  const free = /\bgratuit|entr[ée]e libre|acc[èe]s libre|\bfree\b|sans frais|\bgratis\b/i.test(text);
  if (!paid && !free) return undefined;
  return { free: free && !paid, details: text.slice(0, 2000) };
}

/** Maps one event in the neutral shape to the feed's Event (or a rejection). */
export function mapOpenAgendaEvent(
  e: OpenAgendaEventInput,
  index: number,
  ctx: ImportContext,
  seen: Set<string>,
): ImportOutcome {
  const localId = localIdOf(e.uid);
  if (!localId) return { kind: 'rejected', index, part: 'events', reasons: [REASONS.noId()] };
  const id = recordId(ctx.source.id, localId);
  if (id.length > 200)
    return { kind: 'rejected', index, localId, part: 'events', reasons: [REASONS.idTooLong(id)] };
  if (seen.has(id))
    return { kind: 'rejected', index, localId, part: 'events', reasons: [REASONS.duplicate(localId)] };
  const w = new Warnings();
  const timeZone = cleanText(e.timeZone).value ?? PARIS;

  const titleR = cleanText(pickLang(e.title));
  w.add('title', titleR.notes);
  if (!titleR.value)
    return { kind: 'rejected', index, localId, part: 'events', reasons: [REASONS.noName('titre')] };
  const title = truncate(titleR.value, 500);
  w.add('title', title.notes);

  const descR = cleanMultiline(pickLang(e.description));
  let description = descR.value;
  if (description) {
    const t = truncate(description, 2000);
    w.add('description', t.notes);
    description = t.value;
  }
  const longR = cleanMultiline(pickLang(e.longDescription));
  let longDescription = longR.value;
  const conditions = cleanMultiline(pickLang(e.conditions)).value;
  const price = priceFromConditions(conditions);
  if (conditions && !price)
    longDescription = longDescription
      ? `${longDescription}\n\nConditions : ${conditions}`
      : `Conditions : ${conditions}`;
  if (longDescription) {
    const t = truncate(longDescription, 50000);
    w.add('longDescription', t.notes);
    longDescription = t.value;
  }

  // Occurrences.
  const timings = parseEmbeddedJson(e.timings);
  const occurrences: Array<{ start: string; end?: string }> = [];
  if (Array.isArray(timings)) {
    for (const [i, t] of timings.entries()) {
      const o = (t && typeof t === 'object' ? t : {}) as Record<string, unknown>;
      const start = normalizeDateTime(o.begin ?? o.start, { timeZone });
      const end = normalizeDateTime(o.end, { timeZone });
      w.add(`occurrences.${i}.start`, start.notes);
      w.add(`occurrences.${i}.end`, end.notes);
      if (!start.value) continue;
      const occ: { start: string; end?: string } = { start: start.value };
      if (end.value) {
        if (Date.parse(end.value) >= Date.parse(start.value)) occ.end = end.value;
        else
          w.one(
            `occurrences.${i}.end`,
            'end-before-start',
            `fin ${end.value} avant le début ${start.value} : fin ignorée`,
            `end ${end.value} before start ${start.value}: end ignored`,
          );
      }
      if (!occurrences.some((x) => x.start === occ.start && x.end === occ.end)) occurrences.push(occ);
    }
  } else if (timings !== undefined && timings !== null && timings !== '') {
    w.one(
      'occurrences',
      'timings-unreadable',
      'liste des dates (timings) illisible',
      'unreadable list of dates (timings)',
    );
  }
  occurrences.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  // Whole days entered as such, even once cut by the time zone into 00:00–01:59 + 02:00–01:59… slots.
  const days = wholeDayOccurrences(occurrences, timeZone);
  const allDay = days !== undefined;
  if (days) {
    const changed =
      days.length !== occurrences.length || days.some((d, i) => d.start !== occurrences[i]!.start);
    if (changed) {
      const [first, last] = [days[0]!.start.slice(0, 10), days[days.length - 1]!.start.slice(0, 10)];
      w.one(
        'occurrences',
        'occurrences-whole-days',
        `${occurrences.length} créneaux consécutifs lus comme ${days.length} journée(s) entière(s), du ${first} au ${last} (saisie « toute la journée » décalée par le fuseau horaire)`,
        `${occurrences.length} consecutive slots read as ${days.length} whole day(s), ${first} to ${last} (an all-day entry shifted by the time zone)`,
      );
    }
    occurrences.splice(0, occurrences.length, ...days);
  }
  let start = occurrences[0]?.start;
  let end = occurrences.length
    ? occurrences
        .map((o) => o.end)
        .filter(Boolean)
        .sort((a, b) => Date.parse(a!) - Date.parse(b!))
        .pop()
    : undefined;
  if (!start) {
    start = normalizeDateTime(e.firstBegin, { timeZone }).value;
    end = normalizeDateTime(e.lastEnd, { timeZone }).value;
  }
  if (!start) return { kind: 'rejected', index, localId, part: 'events', reasons: [REASONS.noStart()] };
  if (end && Date.parse(end) < Date.parse(start)) end = undefined;

  const status = mapCode(e.status, STATUS_BY_ID, 'status', w);
  const attendanceMode = mapCode(e.attendanceMode, ATTENDANCE_BY_ID, 'attendanceMode', w);
  const online = normalizeUrl(e.onlineAccessLink);
  w.add('onlineUrl', online.notes);

  // Place.
  const loc = e.location ?? {};
  const dept = cleanText(loc.department).value;
  let postcode = loc.postalCode;
  if ((postcode === undefined || postcode === null || postcode === '') && dept && /^\d{5}$/.test(dept)) {
    postcode = dept;
    w.one(
      'place.address.postcode',
      'postcode-in-department',
      `code postal ${dept} lu dans le champ du département`,
      `postcode ${dept} read from the département field`,
    );
  }
  const location = normalizeLocation(
    ctx.places,
    {
      street: loc.address,
      postcode,
      commune: loc.city,
      insee: loc.insee,
      country: loc.countryCode,
      lat: loc.lat,
      lon: loc.lon,
    },
    w,
    'place.',
  );
  const placeName = cleanText(loc.name).value;
  const placeContacts: Record<string, unknown> = {};
  const placePhone = normalizePhone(loc.phone, { country: location.address?.country });
  w.add('place.contacts.phone', placePhone.notes);
  if (placePhone.value) placeContacts.phone = placePhone.value;
  const placeSite = normalizeUrl(loc.website);
  w.add('place.contacts.website', placeSite.notes);
  if (placeSite.value) placeContacts.website = placeSite.value;
  const access = cleanMultiline(pickLang(loc.access));
  w.add('place.access', access.notes);
  const accessText = access.value ? truncate(access.value, 2000) : undefined;
  if (accessText) w.add('place.access', accessText.notes);
  const place =
    placeName || location.address || location.geo
      ? {
          name: placeName,
          address: location.address,
          geo: location.geo,
          contacts: placeContacts,
          access: accessText?.value,
        }
      : undefined;

  // Audience, registration, accessibility, keywords, image, links.
  const ageMin = toAge(e.ageMin);
  const ageMax = toAge(e.ageMax);
  const keywords = splitList(pickLang(e.keywords), /[;\n]/);
  const registration = mapRegistration(e.registration, w);
  const image = normalizeUrl(e.image);
  w.add('image', image.notes);
  const credit = imageCredit(e.imageCredit, w);
  const licence = cleanText(pickLang(e.imageLicence)).value;
  const url = normalizeUrl(e.url);
  w.add('url', url.notes);

  const updated = normalizeDate(e.updatedAt, { timeZone });
  const created = normalizeDate(e.createdAt, { timeZone });
  w.add('updatedAt', updated.notes);
  const updatedAt = updated.value ?? created.value;
  if (!updatedAt) w.one('updatedAt', ...UPDATED_AT_UNKNOWN);
  else if (!updated.value)
    w.one(
      'updatedAt',
      'updated-from-created',
      'date de mise à jour absente : date de création utilisée',
      'no update date: the creation date is used',
    );

  const agenda = cleanText(pickLang(e.agendaTitle)).value;
  const draft: Record<string, unknown> = {
    id,
    title: title.value,
    description,
    longDescription,
    timeZone,
    start,
    end,
    allDay: allDay || undefined,
    occurrences,
    status,
    attendanceMode,
    place,
    onlineUrl: online.value,
    keywords,
    audience: ageMin !== undefined || ageMax !== undefined ? { ageMin, ageMax } : undefined,
    price,
    registration,
    accessibility: mapAccessibility(e.accessibility),
    image: image.value,
    imageCredit: image.value ? credit : undefined,
    imageLicence: image.value ? licence : undefined,
    url: url.value,
    provenance: [
      { source: ctx.source.id, name: agenda ?? ctx.source.name, localId, url: url.value, updatedAt },
    ],
    updatedAt,
  };
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) {
    w.one(
      'audience',
      'age-range-inverted',
      `âge minimum ${ageMin} supérieur à l’âge maximum ${ageMax} : ignorés`,
      `minimum age ${ageMin} above maximum age ${ageMax}: ignored`,
    );
    draft.audience = undefined;
  }
  const result = finalize(Event, draft, w, ['id', 'title', 'provenance', 'start']);
  if (result.ok) seen.add(id);
  return outcome('event', index, result, w, localId);
}

/** An image credit ("© Name, 2026"); a bare "©" says nothing: dropped with a warning. */
function imageCredit(raw: unknown, w: Warnings): string | undefined {
  const r = cleanText(pickLang(raw));
  w.add('imageCredit', r.notes);
  if (!r.value) return undefined;
  if (!/[\p{L}\p{N}]/u.test(r.value)) {
    w.one(
      'imageCredit',
      'image-credit-empty',
      `crédit d’image sans nom « ${r.value} » : ignoré`,
      `image credit without a name "${r.value}": ignored`,
    );
    return undefined;
  }
  const t = truncate(r.value, 500);
  w.add('imageCredit', t.notes);
  return t.value;
}

function toAge(v: unknown): number | undefined {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  return n !== undefined && Number.isInteger(n) && n >= 0 && n <= 120 ? n : undefined;
}
