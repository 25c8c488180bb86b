/**
 * The agenda tests' shared data: real OpenAgenda records (data/sources/openagenda/events-40.json, Licence
 * Ouverte) mapped into the feed's shape by `fromOpenAgenda`, read once, and a weekly event written for the
 * tests.
 */
import { Event as EventSchema } from '../../src/schema/event.ts';
import type { Event } from '../../src/index.ts';
import { readRepoJson } from './files.ts';

// ---------------------------------------------------------------------------------------------------
// Fixtures: OpenAgenda export records → our Event shape

export interface OaRecord {
  fields: Record<string, unknown>;
}

export const REGION_OF_DEPARTEMENT: Record<string, string> = {
  '75': '11',
  '93': '11',
  '35': '53',
  '33': '75',
  '44': '52',
};

/** The parts of an OpenAgenda open-data record the agenda uses, in our schema (timings → occurrences). */
export function fromOpenAgenda(record: OaRecord): Event {
  const f = record.fields;
  const str = (k: string) => (typeof f[k] === 'string' && f[k] !== '' ? (f[k] as string) : undefined);
  const timings = JSON.parse(str('timings') ?? '[]') as { begin: string; end: string }[];
  const occurrences = timings
    .map((t) => ({ start: t.begin, end: t.end }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const statusId = (JSON.parse(str('status') ?? '{"id":1}') as { id: number }).id;
  const modeId = (JSON.parse(str('attendancemode') ?? '{"id":1}') as { id: number }).id;
  const postcode = str('location_postalcode');
  const departement = postcode?.slice(0, 2);
  const coords = f.location_coordinates as [number, number] | undefined;
  const event: Event = {
    id: `openagenda--${str('uid')}`,
    title: str('title_fr') ?? '?',
    timeZone: 'Europe/Paris',
    start: occurrences[0]?.start,
    end: occurrences.reduce(
      (m, o) => (Date.parse(o.end) > Date.parse(m) ? o.end : m),
      occurrences[0]?.end ?? '',
    ),
    occurrences,
    status: (['scheduled', 'rescheduled', 'moved-online', 'postponed', 'full', 'cancelled'] as const)[
      statusId - 1
    ],
    attendanceMode: (['offline', 'online', 'mixed'] as const)[modeId - 1],
    place: {
      name: str('location_name'),
      address: {
        street: str('location_address'),
        postcode,
        commune: str('location_city'),
        cog: {
          commune: str('location_insee'),
          departement,
          region: departement ? REGION_OF_DEPARTEMENT[departement] : undefined,
        },
      },
      geo: coords ? { lat: coords[0], lon: coords[1] } : undefined,
    },
    url: str('canonicalurl'),
    provenance: [
      { source: 'openagenda', name: `OpenAgenda — ${str('originagenda_title')}`, localId: str('uid') ?? '?' },
    ],
    updatedAt: str('updatedat') ?? '2026-01-01',
  };
  const description = str('description_fr');
  if (description) event.description = description.slice(0, 2000);
  const keywords = str('keywords_fr');
  if (keywords) event.keywords = keywords.split(';').filter(Boolean);
  // The export leaves undefined keys: drop them so that the schema check below sees what we meant.
  return JSON.parse(JSON.stringify(event)) as Event;
}

export let records: OaRecord[] = [];
export let all: Event[] = [];
export let femmes: Event;
export let velo: Event;

let loaded: Promise<void> | undefined;
/** Reads the real OpenAgenda records once (each test file's `before`). */
export function loadAgendaRecords(): Promise<void> {
  loaded ??= (async () => {
    const data = await readRepoJson<{ records: OaRecord[] }>('data/sources/openagenda/events-40.json');
    records = data.records;
    all = records.map(fromOpenAgenda);
    for (const e of all) EventSchema.parse(e); // the fixtures are valid feed events
    femmes = all.find((e) => e.title.startsWith('LES FEMMES SAVANTES')) as Event;
    velo = all.find((e) => e.id === 'openagenda--78584901') as Event;
  })();
  return loaded;
}

export const base = {
  provenance: [{ source: 'test', localId: 'x' }],
  updatedAt: '2026-09-01T10:00:00+02:00',
  timeZone: 'Europe/Paris',
};

/** A weekly Tuesday 18:00–20:00 Paris event across the end of summer time (Sunday 25 October 2026). */
export const weekly: Event = {
  ...base,
  id: 'test--mardis',
  title: 'Café-ESS du mardi',
  start: '2026-10-06T18:00:00+02:00',
  end: '2026-10-06T20:00:00+02:00',
  rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=8',
  exdates: ['2026-11-10T18:00:00+01:00'],
  place: {
    name: 'Maison de l’ESS',
    address: {
      postcode: '31000',
      commune: 'Toulouse',
      cog: { commune: '31555', departement: '31', region: '76' },
    },
    geo: { lat: 43.6045, lon: 1.4442 },
  },
  organizerIds: ['transiscope--3vu5'],
  categories: ['categorie--rencontre'],
  price: { free: true },
};

// ---------------------------------------------------------------------------------------------------
