/**
 * OpenAgenda API v2 events (`GET /v2/agendas/{uid}/events`): `{events: [...]}` (a page), `{event: {...}}`
 * (one event), or an array of events. Fields: `uid`, multilingual `title`/`description`/`longDescription`
 * /`conditions`, `keywords: {fr: [...]}`, `timings: [{begin, end}]`, numeric `status` and
 * `attendanceMode`, `onlineAccessLink`, `location: {name, address, postalCode, city, insee, latitude,
 * longitude, countryCode, …}`, `accessibility: {hi, vi, pi, mi, ii}`, `age: {min, max}`, `registration`,
 * `image: {base, filename}`, `originAgenda: {title}`, `timezone`, `updatedAt`.
 *
 * The API gives no canonical page: the importer uses `canonicalUrl` (or `url`) when present, else builds
 * `https://openagenda.com/{agendaSlug}/events/{slug}` from `originAgenda.slug` or the option `agendaSlug`.
 */
import { mapOpenAgendaEvent, pickLang } from './openagenda-common.ts';
import { checkSourceId, describeShape, progressReporter, readJson } from './shared.ts';
import { type ImportContext, type Importer, type ImportOutcome, WrongShapeError } from './types.ts';

const TYPE = 'openagenda-v2';
const EXPECTS =
  'OpenAgenda API v2 events: {"events": [{"uid", "title": {"fr"}, "timings": [{"begin", "end"}], …}]}, {"event": {…}}, or an array of events';

export interface OpenagendaV2Options {
  /** Slug of the agenda on openagenda.com, to build each event's page from its `slug`. */
  agendaSlug?: string;
  /** Title of the agenda, when events do not carry `originAgenda.title`. */
  agendaTitle?: string;
}

function imageUrl(image: unknown): unknown {
  if (!image || typeof image !== 'object') return image;
  const o = image as Record<string, unknown>;
  if (typeof o.base === 'string' && typeof o.filename === 'string') return `${o.base}${o.filename}`;
  return o.url ?? o.original;
}

export const openagendaV2Importer: Importer = {
  type: TYPE,
  expects: EXPECTS,
  async *run(ctx: ImportContext): AsyncIterable<ImportOutcome> {
    checkSourceId(ctx);
    const options = (ctx.source.options ?? {}) as OpenagendaV2Options;
    const raw = await readJson(ctx, TYPE, EXPECTS);
    const o = raw as Record<string, unknown> | unknown[] | null;
    const events = Array.isArray(o)
      ? o
      : Array.isArray(o?.events)
        ? o.events
        : o?.event && typeof o.event === 'object'
          ? [o.event]
          : undefined;
    if (!events) throw new WrongShapeError(TYPE, ctx.source.path, EXPECTS, describeShape(raw));
    const seen = new Set<string>();
    const report = progressReporter(ctx, events.length, 100);
    for (let index = 0; index < events.length; index++) {
      report(index + 1);
      const e = (events[index] && typeof events[index] === 'object' ? events[index] : {}) as Record<
        string,
        unknown
      >;
      const loc = (e.location && typeof e.location === 'object' ? e.location : {}) as Record<string, unknown>;
      const age = (e.age && typeof e.age === 'object' ? e.age : {}) as Record<string, unknown>;
      const origin = (e.originAgenda && typeof e.originAgenda === 'object' ? e.originAgenda : {}) as Record<
        string,
        unknown
      >;
      const slug = typeof e.slug === 'string' ? e.slug : undefined;
      const agendaSlug = typeof origin.slug === 'string' ? origin.slug : options.agendaSlug;
      const url =
        e.canonicalUrl ??
        e.url ??
        (agendaSlug && slug ? `https://openagenda.com/${agendaSlug}/events/${slug}` : undefined);
      yield mapOpenAgendaEvent(
        {
          uid: e.uid,
          title: e.title,
          description: e.description,
          longDescription: e.longDescription,
          conditions: e.conditions,
          keywords: pickLang(e.keywords),
          timings: e.timings,
          firstBegin: (e.firstTiming as Record<string, unknown> | undefined)?.begin,
          lastEnd: (e.lastTiming as Record<string, unknown> | undefined)?.end,
          status: e.status,
          attendanceMode: e.attendanceMode,
          onlineAccessLink: e.onlineAccessLink,
          location: {
            name: pickLang(loc.name),
            address: loc.address,
            postalCode: loc.postalCode,
            city: loc.city,
            insee: loc.insee,
            department: loc.department,
            countryCode: loc.countryCode,
            lat: loc.latitude,
            lon: loc.longitude,
            phone: loc.phone,
            website: loc.website,
            access: loc.access,
          },
          accessibility: e.accessibility,
          ageMin: age.min,
          ageMax: age.max,
          registration: e.registration,
          image: imageUrl(e.image),
          imageCredit:
            e.imageCredits ??
            (e.image && typeof e.image === 'object'
              ? (e.image as Record<string, unknown>).credits
              : undefined),
          url,
          updatedAt: e.updatedAt,
          createdAt: e.createdAt,
          agendaTitle: origin.title ?? options.agendaTitle,
          timeZone: e.timezone ?? loc.timezone,
        },
        index,
        ctx,
        seen,
      );
    }
  },
};
