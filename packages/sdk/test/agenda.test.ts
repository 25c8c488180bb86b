// The agenda (packages/sdk/src/agenda): occurrences, queries, facets, calendar windows, links, ICS.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports. Real events come
// from data/sources/openagenda/events-40.json (OpenAgenda, Licence Ouverte), mapped by `fromOpenAgenda`.
import { expect } from 'chai';
import ICAL from 'ical.js';
import {
  type AgendaFacetName,
  type AgendaOccurrence,
  type AgendaQuery,
  AGENDA_FACET_NAMES,
  buildCalendar,
  createAgendaConnector,
  createAgendaListConnector,
  createAgendaIndex,
  dateKeyOf,
  effectiveAttendance,
  eventsByOrganizer,
  eventsToIcs,
  eventToIcs,
  expandOccurrences,
  expandOccurrencesSync,
  foldLine,
  groupByDay,
  icsFileName,
  isRecurrenceLoaded,
  latestPast,
  loadIcs,
  loadRecurrence,
  monthGrid,
  monthWindow,
  occurrencesToIcs,
  occurrenceToIcs,
  organizersOf,
  partitionEvents,
  queryAgenda,
  queryWords,
  RecurrenceNotLoadedError,
  toZonedIso,
  weekDays,
  withCalendar,
} from '../src/agenda/index.ts';
import { distanceKm } from '../src/core/geo.ts';
import { Event as EventSchema } from '../src/schema/event.ts';
import type { Event, Structure } from '../src/index.ts';
import { normalizeText } from '../src/text/normalize.ts';
import { realStructure } from './fixtures.ts';
import { readRepoJson } from './helpers/files.ts';

// ---------------------------------------------------------------------------------------------------
// Fixtures: OpenAgenda export records → our Event shape

interface OaRecord {
  fields: Record<string, unknown>;
}

const REGION_OF_DEPARTEMENT: Record<string, string> = {
  '75': '11',
  '93': '11',
  '35': '53',
  '33': '75',
  '44': '52',
};

/** The parts of an OpenAgenda open-data record the agenda uses, in our schema (timings → occurrences). */
function fromOpenAgenda(record: OaRecord): Event {
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

let records: OaRecord[] = [];
let all: Event[] = [];
let femmes: Event;
let velo: Event;

before(async () => {
  const data = await readRepoJson<{ records: OaRecord[] }>('data/sources/openagenda/events-40.json');
  records = data.records;
  all = records.map(fromOpenAgenda);
  for (const e of all) EventSchema.parse(e); // the fixtures are valid feed events
  femmes = all.find((e) => e.title.startsWith('LES FEMMES SAVANTES')) as Event;
  velo = all.find((e) => e.id === 'openagenda--78584901') as Event;
});

const base = {
  provenance: [{ source: 'test', localId: 'x' }],
  updatedAt: '2026-09-01T10:00:00+02:00',
  timeZone: 'Europe/Paris',
};

/** A weekly Tuesday 18:00–20:00 Paris event across the end of summer time (Sunday 25 October 2026). */
const weekly: Event = {
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

describe('agenda: lazy recurrence library', () => {
  it('is not loaded until an RRULE needs it; sync expansion says what to do', async function () {
    if (isRecurrenceLoaded()) this.skip(); // another test file of this process loaded it already
    // Events without rrule never need it.
    expect(expandOccurrencesSync(femmes)).to.have.length(41);
    expect(isRecurrenceLoaded()).to.equal(false);
    expect(() => expandOccurrencesSync(weekly)).to.throw(RecurrenceNotLoadedError, /loadRecurrence/);
    // The connector answers at once (explicit dates) and completes when the library is there.
    const agenda = createAgendaConnector([weekly, femmes], { now: '2026-01-01' });
    expect(agenda.getState().pending).to.equal(true);
    expect(agenda.getState().result.occurrences.every((o) => o.eventId === femmes.id)).to.equal(true);
    let notified = 0;
    agenda.subscribe(() => notified++);
    await agenda.ready;
    expect(isRecurrenceLoaded()).to.equal(true);
    expect(notified).to.equal(1);
    expect(agenda.getState().pending).to.equal(false);
    expect(agenda.getState().result.total).to.equal(41 + 7);
  });
});

describe('agenda: occurrences', () => {
  before(() => loadRecurrence());

  it('expands the 41 timings of "LES FEMMES SAVANTES" (OpenAgenda) with their Paris offsets', async () => {
    const timings = JSON.parse(
      records.find((r) => String(r.fields.title_fr).startsWith('LES FEMMES'))?.fields.timings as string,
    ) as { begin: string; end: string }[];
    expect(timings).to.have.length(41);
    const occ = await expandOccurrences(femmes);
    expect(occ).to.have.length(41);
    expect(occ.map((o) => o.index)).to.deep.equal([...Array(41).keys()]);
    expect(occ.map((o) => o.startIso)).to.deep.equal(timings.map((t) => t.begin));
    expect(occ.map((o) => o.endIso)).to.deep.equal(timings.map((t) => t.end));
    expect(occ[0]?.event.title).to.equal('LES FEMMES SAVANTES | Molière Mise en scène : Emma Dante');
    expect(occ.every((o) => o.source === 'occurrences' && o.status === 'scheduled')).to.equal(true);
    // A range keeps what overlaps it: February 2026 only.
    const feb = await expandOccurrences(femmes, { from: '2026-02-01', to: '2026-03-01' });
    const expected = timings.filter((t) => t.begin >= '2026-02-01' && t.begin < '2026-03-01');
    expect(feb.map((o) => o.startIso)).to.deep.equal(expected.map((t) => t.begin));
    expect(await expandOccurrences(femmes, { limit: 3 })).to.have.length(3);
  });

  it('expands the 32 timings of "Mai à Vélo 2026", day-long occurrences in summer time', async () => {
    const occ = await expandOccurrences(velo);
    expect(velo.title).to.equal('Mai à Vélo 2026');
    expect(occ).to.have.length(32);
    expect(occ[1]?.startIso).to.equal('2026-05-01T02:00:00+02:00');
    expect(occ[31]?.endIso).to.equal('2026-05-31T23:59:59+02:00');
    const days = groupByDay(occ);
    expect(days).to.have.length(31); // two timings on 1 May (00:00–01:59 and from 02:00)
    expect(days[0]).to.include({ date: '2026-05-01' });
    expect(days[0]?.occurrences).to.have.length(2);
  });

  it('keeps 18:00 local time across the end of summer time (25 October 2026)', async () => {
    const occ = await expandOccurrences(weekly);
    expect(occ.map((o) => o.startIso)).to.deep.equal([
      '2026-10-06T18:00:00+02:00',
      '2026-10-13T18:00:00+02:00',
      '2026-10-20T18:00:00+02:00',
      '2026-10-27T18:00:00+01:00',
      '2026-11-03T18:00:00+01:00',
      // 10 November is an exdate
      '2026-11-17T18:00:00+01:00',
      '2026-11-24T18:00:00+01:00',
    ]);
    expect(occ.map((o) => o.start.toISOString().slice(11, 16))).to.deep.equal([
      '16:00',
      '16:00',
      '16:00',
      '17:00',
      '17:00',
      '17:00',
      '17:00',
    ]);
    expect(occ.map((o) => o.endIso?.slice(11))).to.satisfy((ends: string[]) =>
      ends.every((e) => e.startsWith('20:00:00')),
    );
    // The rank in the rule is kept: the exdate does not renumber the following dates.
    expect(occ.map((o) => o.index)).to.deep.equal([0, 1, 2, 3, 4, 6, 7]);
    expect(occ.every((o) => o.source === 'rrule')).to.equal(true);
  });

  it('honours exdates, even written with the summer offset by mistake, and UNTIL in UTC', async () => {
    const wrongOffset = { ...weekly, exdates: ['2026-10-27T18:00:00+02:00', '2026-11-03T17:00:00Z'] };
    const occ = await expandOccurrences(wrongOffset);
    expect(occ.map((o) => o.startIso.slice(0, 10))).to.not.include.members(['2026-10-27', '2026-11-03']);
    expect(occ).to.have.length(6);
    const until = { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261027T170000Z', exdates: [] };
    expect((await expandOccurrences(until)).map((o) => o.startIso.slice(0, 10))).to.deep.equal([
      '2026-10-06',
      '2026-10-13',
      '2026-10-20',
      '2026-10-27',
    ]);
    // A date-only UNTIL includes that day; an open-ended rule stops at `to`.
    const open = { ...weekly, rrule: 'FREQ=WEEKLY;BYDAY=TU', exdates: [] };
    expect(await expandOccurrences(open, { from: '2026-10-01', to: '2027-01-01' })).to.have.length(13);
    expect(await expandOccurrences({ ...open, rrule: 'FREQ=WEEKLY;UNTIL=20261020' })).to.have.length(3);
  });

  it('keeps the first date of an event whose rule cannot be read', async () => {
    const broken = { ...weekly, rrule: 'FREQ=SOMETIMES' };
    const occ = await expandOccurrences(broken);
    expect(occ.map((o) => [o.startIso, o.source])).to.deep.equal([['2026-10-06T18:00:00+02:00', 'start']]);
  });

  it('reads dates without offset in Paris time, whatever the runtime’s zone', async () => {
    const occ = await expandOccurrences(weekly, { from: '2026-10-27T18:30', to: '2026-11-03T18:00' });
    expect(occ.map((o) => o.startIso)).to.deep.equal(['2026-10-27T18:00:00+01:00']); // still going on
  });

  it('reads a skipped local time after the gap (last Sunday of March 2027, 02:30)', async () => {
    const daily = {
      ...base,
      id: 'test--daily',
      title: 'Nuit',
      start: '2027-03-27T02:30:00+01:00',
      rrule: 'FREQ=DAILY;COUNT=3',
    };
    const occ = await expandOccurrences(daily);
    expect(occ.map((o) => o.startIso)).to.deep.equal([
      '2027-03-27T02:30:00+01:00',
      '2027-03-28T03:30:00+02:00',
      '2027-03-29T02:30:00+02:00',
    ]);
  });

  it('gives 100+ occurrences for a real event whose 41 timings are extended by an RRULE', async () => {
    // "LES FEMMES SAVANTES" as published (41 timings, last on 1 March 2026), extended for the test by a
    // rule: two more months of Wednesday and Saturday 20:30 shows across the start of summer time.
    const extended: Event = {
      ...femmes,
      start: '2026-03-04T20:30:00+01:00',
      end: '2026-03-04T22:30:00+01:00',
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=WE,SA;COUNT=70',
      exdates: ['2026-04-01T20:30:00+02:00'],
    };
    const occ = await expandOccurrences(extended);
    expect(occ).to.have.length(41 + 69);
    expect(occ.length).to.be.greaterThan(100);
    const fromRule = occ.filter((o) => o.source === 'rrule');
    expect(fromRule).to.have.length(69);
    expect(fromRule.every((o) => o.startIso.slice(11, 19) === '20:30:00')).to.equal(true);
    expect(fromRule.find((o) => o.startIso.startsWith('2026-03-28'))?.startIso).to.equal(
      '2026-03-28T20:30:00+01:00',
    );
    expect(fromRule.find((o) => o.startIso.startsWith('2026-04-04'))?.startIso).to.equal(
      '2026-04-04T20:30:00+02:00',
    );
    // Explicit occurrences keep 0–40; the rule's follow (41 + rank).
    expect(occ[40]?.index).to.equal(40);
    expect(fromRule[0]?.index).to.equal(41);
    const indices = occ.map((o) => o.index);
    expect(new Set(indices).size).to.equal(indices.length);
  });

  it('writes ISO strings with the offset of the event’s own zone', () => {
    expect(toZonedIso(Date.parse('2026-07-14T10:00:00Z'))).to.equal('2026-07-14T12:00:00+02:00');
    expect(toZonedIso(Date.parse('2026-07-14T10:00:00Z'), 'America/Cayenne')).to.equal(
      '2026-07-14T07:00:00-03:00',
    );
    const reunion = {
      ...base,
      id: 'test--run',
      title: 'Forum',
      timeZone: 'Indian/Reunion',
      start: '2026-11-05T05:00:00Z',
    };
    expect(expandOccurrencesSync(reunion)[0]?.startIso).to.equal('2026-11-05T09:00:00+04:00');
  });
});

describe('agenda: queries', () => {
  before(() => loadRecurrence());

  it('lists upcoming occurrences from the reference date, ongoing ones included', () => {
    const ref = '2026-02-27T21:00:00+01:00'; // during the 20:30 show of 27 February
    const r = queryAgenda([femmes], {}, { referenceDate: ref });
    expect(r.occurrences.map((o) => o.startIso)).to.deep.equal([
      '2026-02-27T20:30:00+01:00',
      '2026-02-28T20:30:00+01:00',
      '2026-03-01T17:00:00+01:00',
    ]);
    // The ongoing one is put on the window's first day, which is its own here.
    expect(r.days.map((d) => d.date)).to.deep.equal(['2026-02-27', '2026-02-28', '2026-03-01']);
    // A civil reference date is the whole day in Paris.
    expect(queryAgenda([femmes], { referenceDate: '2026-03-01' }).total).to.equal(1);
    expect(queryAgenda([femmes], { referenceDate: '2026-03-02' }).total).to.equal(0);
    expect(queryAgenda([femmes], { upcoming: false }).total).to.equal(41);
    expect(
      queryAgenda([femmes], { from: '2026-01-01', to: '2026-01-20' }, { referenceDate: ref }).total,
    ).to.equal(5);
    expect(
      queryAgenda([femmes], { from: '2026-01-01', to: '2026-01-21' }, { referenceDate: ref }).total,
    ).to.equal(6);
  });

  it('sorts by start across events and limits the list, `total` counting all', () => {
    const r = queryAgenda(all, { limit: 10 }, { referenceDate: '2026-01-01' });
    expect(r.occurrences).to.have.length(10);
    const starts = r.occurrences.map((o) => o.start.getTime());
    expect([...starts].sort((a, b) => a - b)).to.deep.equal(starts);
    const brute = all.flatMap((e) => expandOccurrencesSync(e, { from: '2026-01-01' }));
    expect(r.total).to.equal(brute.length);
  });

  it('flags cancelled and postponed events instead of hiding them, unless asked', () => {
    const cancelled: Event = { ...femmes, id: 'test--annule', status: 'cancelled' };
    const postponed: Event = { ...velo, id: 'test--reporte', status: 'postponed' };
    const r = queryAgenda([cancelled, postponed], { upcoming: false, limit: 1000 });
    expect(r.eventCount).to.equal(2);
    expect(r.occurrences.filter((o) => o.status === 'cancelled')).to.have.length(41);
    expect(r.occurrences.filter((o) => o.status === 'postponed')).to.have.length(32);
    const hidden = queryAgenda([cancelled, postponed], { upcoming: false, hideCancelled: true });
    expect(hidden.eventCount).to.equal(1);
    expect(hidden.occurrences.every((o) => o.status === 'postponed')).to.equal(true);
  });

  it('matches French text without accents, case or punctuation, by word prefixes', () => {
    const q = (text: string) =>
      queryAgenda(all, { text, upcoming: false, limit: Infinity }).occurrences.map((o) => o.event);
    const ids = (events: Event[]) => [...new Set(events.map((e) => e.id))].sort();
    // Brute force: every word is the start of a word of the title, description, keywords or place.
    const brute = (words: string[]) =>
      all.filter((e) => {
        const text = ` ${normalizeText(
          [
            e.title,
            e.description,
            ...(e.keywords ?? []),
            e.place?.name,
            e.place?.address?.commune,
            e.place?.address?.postcode,
          ].join(' '),
        )}`;
        return words.every((w) => text.includes(` ${w}`));
      });
    expect(ids(q('moliere'))).to.deep.equal([femmes.id]);
    expect(ids(q('FEMMES savant'))).to.deep.equal([femmes.id]);
    const velos = all.filter((e) => e.title === 'Mai à Vélo 2026');
    expect(velos).to.have.length(7);
    expect(ids(q('vélo'))).to.include.members(ids(velos));
    expect(ids(q('vélo'))).to.deep.equal(ids(brute(['velo'])));
    expect(ids(q('mai à vélo'))).to.deep.equal(ids(brute(['mai', 'velo'])));
    expect(ids(q('théâtre rond-point'))).to.deep.equal(ids(brute(['theatre', 'rond', 'point'])));
    expect(ids(q('théâtre rond-point')).length).to.be.greaterThan(0);
    expect(q('xylophone inexistant')).to.deep.equal([]);
    expect(queryWords('Le vélo et la ville')).to.deep.equal(['velo', 'ville']);
  });

  it('filters by territory (COG codes) and by distance, online events optionally kept', () => {
    const online: Event = {
      ...base,
      id: 'test--webinaire',
      title: 'Webinaire Mois de l’ESS',
      start: '2026-11-11T10:00:00+01:00',
      attendanceMode: 'online',
      onlineUrl: 'https://example.org/webinaire',
    };
    const events = [...all, weekly, online];
    const byDep = queryAgenda(events, { upcoming: false, territory: { departements: ['93', '31'] } });
    const expectedDep = events.filter((e) => ['93', '31'].includes(e.place?.address?.cog?.departement ?? ''));
    expect(byDep.eventCount).to.equal(expectedDep.length);
    const byRegion = queryAgenda(events, { upcoming: false, territory: { regions: ['11'] } });
    expect(byRegion.eventCount).to.equal(events.filter((e) => e.place?.address?.cog?.region === '11').length);
    const withOnline = queryAgenda(events, {
      upcoming: false,
      territory: { departements: ['31'] },
      includeOnline: true,
    });
    expect(withOnline.eventCount).to.equal(2);
    // 3 km around Notre-Dame de Paris.
    const near = { lat: 48.853, lon: 2.3499, radiusKm: 3 };
    const r = queryAgenda(events, { upcoming: false, near });
    const expected = events.filter((e) => e.place?.geo && distanceKm(near, e.place.geo) <= 3);
    expect(r.eventCount).to.equal(expected.length);
    expect(r.eventCount).to.be.within(1, events.length - 1);
    expect(distanceKm({ lat: 48.8566, lon: 2.3522 }, { lat: 43.6045, lon: 1.4442 })).to.be.within(585, 595);
  });

  it('treats an event moved online as online', () => {
    expect(effectiveAttendance({ ...weekly, status: 'moved-online' })).to.equal('online');
    expect(effectiveAttendance(weekly)).to.equal('offline');
  });

  it('counts facets like the directory: OR inside, AND across, each facet with the others applied', () => {
    // These OpenAgenda records carry no ESS taxonomy: categories, themes, price and attendance are
    // assigned here, deterministically, to exercise the counts.
    const cats = ['categorie--forum', 'categorie--atelier', 'categorie--spectacle'];
    const themes = ['theme--mobilite', 'theme--culture', 'theme--insertion', 'theme--alimentation'];
    const modes = ['offline', 'online', 'mixed'] as const;
    const events: Event[] = [...all, weekly].map((e, i) => ({
      ...e,
      categories: [cats[i % 3] as string],
      themes: i % 4 === 0 ? [themes[0] as string, themes[1] as string] : [themes[i % 4] as string],
      attendanceMode: modes[i % 3],
      ...(i % 5 === 0 ? {} : { price: { free: i % 2 === 0 } }),
    }));
    const index = createAgendaIndex(events);
    const keysOf = (e: Event, name: AgendaFacetName): string[] => {
      switch (name) {
        case 'categories':
          return e.categories ?? [];
        case 'themes':
          return e.themes ?? [];
        case 'departement':
          return e.place?.address?.cog?.departement ? [e.place.address.cog.departement] : [];
        case 'attendance':
          return [effectiveAttendance(e)];
        case 'price':
          return e.price ? [e.price.free ? 'free' : 'paid'] : [];
      }
    };
    const ref = '2026-03-01';
    const inWindow = (e: Event) => expandOccurrencesSync(e, { from: ref }).length > 0;
    const matches = (e: Event, q: AgendaQuery, except?: AgendaFacetName) =>
      inWindow(e) &&
      AGENDA_FACET_NAMES.every((name) => {
        const sel = q.facets?.[name];
        return name === except || !sel?.length || keysOf(e, name).some((k) => sel.includes(k));
      });
    const queries: AgendaQuery[] = [
      {},
      { facets: { themes: ['theme--culture', 'theme--mobilite'] } },
      { facets: { categories: ['categorie--forum'], price: ['free'] } },
      { facets: { attendance: ['online', 'mixed'], departement: ['75'], themes: ['theme--insertion'] } },
      { facets: { price: ['paid'], categories: ['categorie--atelier', 'categorie--spectacle'] } },
      { facets: { departement: ['999'] } },
    ];
    for (const q of queries) {
      const r = queryAgenda(index, q, { referenceDate: ref });
      expect(r.eventCount, JSON.stringify(q)).to.equal(events.filter((e) => matches(e, q)).length);
      for (const name of AGENDA_FACET_NAMES) {
        const brute = new Map<string, number>();
        for (const e of events) {
          if (!matches(e, q, name)) continue;
          for (const k of new Set(keysOf(e, name))) brute.set(k, (brute.get(k) ?? 0) + 1);
        }
        const got = new Map(r.facets[name].map((v) => [v.value, v.count]));
        for (const v of q.facets?.[name] ?? []) if (!brute.has(v)) brute.set(v, 0);
        expect(got, `${JSON.stringify(q)} ${name}`).to.deep.equal(brute);
        for (const v of r.facets[name])
          expect(v.selected).to.equal(Boolean(q.facets?.[name]?.includes(v.value)));
      }
    }
    const r = queryAgenda(index, {}, { referenceDate: ref });
    expect(r.facets.attendance.find((v) => v.value === 'online')?.label).to.equal('En ligne');
    expect(r.facets.price.find((v) => v.value === 'free')?.label).to.equal('Gratuit');
  });

  it('offers the most recent past occurrences when nothing is upcoming', () => {
    const past = latestPast([femmes, velo], 3, {}, { referenceDate: '2026-07-01' });
    expect(past.map((o) => o.startIso)).to.deep.equal([
      '2026-05-31T02:00:00+02:00',
      '2026-05-30T02:00:00+02:00',
      '2026-05-29T02:00:00+02:00',
    ]);
    const agenda = createAgendaConnector([femmes], { now: '2026-07-01', pastFallback: 2 });
    expect(agenda.getState().result.total).to.equal(0);
    expect(agenda.getState().latestPast.map((o) => o.startIso)).to.deep.equal([
      '2026-03-01T17:00:00+01:00',
      '2026-02-28T20:30:00+01:00',
    ]);
    agenda.setReferenceDate('2026-02-01');
    expect(agenda.getState().latestPast).to.deep.equal([]);
    expect(agenda.latestPast(1)[0]?.startIso).to.equal('2026-01-31T20:30:00+01:00');
  });
});

describe('agenda: days, month grid, week', () => {
  before(() => loadRecurrence());

  it('groups by the Paris day: 23:30 UTC is already the next day', () => {
    const late = { ...base, id: 'test--nuit', title: 'Nuit des associations', start: '2026-01-10T23:30:00Z' };
    const summer = { ...base, id: 'test--ete', title: 'Bal', start: '2026-07-10T22:30:00Z' };
    const days = groupByDay([...expandOccurrencesSync(late), ...expandOccurrencesSync(summer)]);
    expect(days.map((d) => d.date)).to.deep.equal(['2026-01-11', '2026-07-11']);
    expect(dateKeyOf(Date.parse('2026-01-10T22:59:59Z'))).to.equal('2026-01-10');
    expect(groupByDay(expandOccurrencesSync(late), { timeZone: 'UTC' })[0]?.date).to.equal('2026-01-10');
  });

  it('builds a 6 × 7 month grid from Monday, occurrences on each day they cover', () => {
    const occ = queryAgenda([weekly, velo], { ...monthWindow(2026, 10), limit: Infinity }).occurrences;
    const grid = monthGrid(2026, 10, occ, { today: '2026-10-27' });
    expect(grid).to.have.length(6);
    for (const week of grid) {
      expect(week).to.have.length(7);
      expect(week.map((d) => d.weekday)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    }
    expect(grid[0]?.[0]?.date).to.equal('2026-09-28'); // 1 October 2026 is a Thursday
    expect(grid[5]?.[6]?.date).to.equal('2026-11-08');
    expect(grid.flat().filter((d) => d.inMonth)).to.have.length(31);
    const flat = grid.flat();
    const day = (date: string) => flat.find((d) => d.date === date);
    expect(day('2026-10-27')?.isToday).to.equal(true);
    expect(day('2026-10-27')?.occurrences.map((o) => o.startIso)).to.deep.equal([
      '2026-10-27T18:00:00+01:00',
    ]);
    const sunday = day('2026-10-25');
    // The day summer time ends lasts 25 hours.
    expect((sunday?.end.getTime() ?? 0) - (sunday?.start.getTime() ?? 0)).to.equal(25 * 3_600_000);
    expect(flat.filter((d) => d.occurrences.length > 0).map((d) => d.date)).to.deep.equal([
      '2026-10-06',
      '2026-10-13',
      '2026-10-20',
      '2026-10-27',
      '2026-11-03',
    ]);
    // A three-day forum is on each of its days; Mai à Vélo's 02:00→01:59 timings stay on their own day.
    const forum = {
      ...base,
      id: 'test--forum',
      title: 'Forum',
      start: '2026-05-30T09:00:00+02:00',
      end: '2026-06-01T18:00:00+02:00',
    };
    const may = monthGrid(2026, 5, [...expandOccurrencesSync(velo), ...expandOccurrencesSync(forum)]);
    const mayDays = may.flat();
    expect(mayDays.find((d) => d.date === '2026-05-02')?.occurrences).to.have.length(1);
    expect(mayDays.find((d) => d.date === '2026-05-01')?.occurrences).to.have.length(2);
    for (const date of ['2026-05-30', '2026-05-31', '2026-06-01']) {
      expect(
        mayDays.find((d) => d.date === date)?.occurrences.map((o) => o.eventId),
        date,
      ).to.include(forum.id);
    }
    expect(mayDays.find((d) => d.date === '2026-06-02')?.occurrences.map((o) => o.eventId)).to.not.include(
      forum.id,
    );
    expect(() => monthGrid(2026, 13)).to.throw(RangeError);
  });

  it('gives the Monday-to-Sunday week of a date, and the connector fills windows with its filters', async () => {
    const week = weekDays('2026-10-28', expandOccurrencesSync(weekly));
    expect(week.map((d) => d.date)).to.deep.equal([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
    ]);
    expect(week[1]?.occurrences).to.have.length(1);
    const agenda = createAgendaConnector([weekly, femmes, velo], { now: '2026-01-01' });
    await agenda.ready;
    expect(agenda.weekDays('2026-10-28')[1]?.occurrences[0]?.eventId).to.equal(weekly.id);
    expect(
      agenda
        .monthGrid(2026, 2)
        .flat()
        .filter((d) => d.occurrences.length).length,
    ).to.be.greaterThan(10);
    agenda.setTerritory({ departements: ['31'] });
    expect(
      agenda
        .monthGrid(2026, 2)
        .flat()
        .every((d) => d.occurrences.length === 0),
    ).to.equal(true);
    expect(
      agenda
        .monthGrid(2026, 11)
        .flat()
        .filter((d) => d.occurrences.length).length,
    ).to.equal(4);
  });
});

describe('agenda: connector', () => {
  before(() => loadRecurrence());

  it('holds the query, notifies on change only, and resets', async () => {
    const agenda = createAgendaConnector([...all, weekly], { now: '2026-03-01', initial: { limit: 5 } });
    await agenda.ready;
    const states: unknown[] = [];
    const stop = agenda.subscribe((s) => states.push(s));
    const first = agenda.getState();
    expect(first.result.occurrences).to.have.length(5);
    expect(first.referenceDate.toISOString()).to.equal('2026-02-28T23:00:00.000Z');
    agenda.setText('vélo');
    expect(agenda.getState().result.occurrences.every((o) => o.event.title === 'Mai à Vélo 2026')).to.equal(
      true,
    );
    agenda.setText('vélo'); // no change, no notification
    agenda.toggleFacet('departement', '75');
    agenda.toggleFacet('departement', '75');
    expect(agenda.getState().query.facets).to.equal(undefined);
    agenda.showMore();
    expect(agenda.getState().result.occurrences).to.have.length(10);
    agenda.setRange('2026-10-01', '2026-11-01');
    expect(agenda.getState().result.total).to.equal(0); // "vélo" in October: nothing
    agenda.setText('');
    expect(agenda.getState().result.occurrences.map((o) => o.eventId)).to.deep.equal(
      Array(4).fill(weekly.id),
    );
    agenda.setUpcoming();
    agenda.reset();
    expect(agenda.getState().query).to.deep.equal({ limit: 5 });
    expect(states).to.have.length(8);
    stop();
    agenda.setText('x');
    expect(states).to.have.length(8);
  });

  it('the list connector: each matching event once, whatever the limit; withCalendar adds the same grid', async () => {
    const list = createAgendaListConnector([...all, weekly], { now: '2026-03-01', initial: { limit: 3 } });
    await list.ready;
    expect('monthGrid' in list).to.equal(false);
    const events = list.matchingEvents();
    const ids = events.map((o) => o.eventId);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.length).to.equal(list.getState().result.eventCount);
    expect(ids.length).to.be.greaterThan(3);
    for (let i = 1; i < events.length; i++)
      expect(events[i]!.start.getTime()).to.be.at.least(events[i - 1]!.start.getTime());
    list.setText('vélo');
    const cycling = list.matchingEvents();
    expect(cycling.length).to.equal(list.getState().result.eventCount);
    expect(cycling.length).to.be.lessThan(ids.length);
    expect(cycling.map((o) => o.event.title)).to.include('Mai à Vélo 2026');
    list.setText('');
    const full = createAgendaConnector([...all, weekly], { now: '2026-03-01', initial: { limit: 3 } });
    await full.ready;
    const withGrid = withCalendar(list);
    expect(withGrid).to.equal(list);
    expect(withCalendar(withGrid)).to.equal(list);
    const dates = (c: typeof full) =>
      c
        .monthGrid(2026, 5)
        .map((w) => w.map((d) => `${d.date}:${d.occurrences.map((o) => o.eventId).join()}`));
    expect(dates(withGrid)).to.deep.equal(dates(full));
  });

  it('links events and organiser structures', async () => {
    const organiser: Structure = realStructure;
    const events = [weekly, femmes, { ...velo, organizerIds: ['transiscope--3vu5', 'transiscope--autre'] }];
    expect(eventsByOrganizer(events, 'transiscope--3vu5').map((e) => e.id)).to.deep.equal([
      weekly.id,
      velo.id,
    ]);
    expect(organizersOf(weekly, new Map([[organiser.id, organiser]]))).to.deep.equal([organiser]);
    expect(organizersOf(weekly, { [organiser.id]: organiser })).to.deep.equal([organiser]);
    expect(organizersOf(femmes, () => organiser)).to.deep.equal([]);
    const agenda = createAgendaConnector(events, { now: '2026-05-30', structures: [organiser] });
    await agenda.ready;
    expect(agenda.eventsByOrganizer('transiscope--3vu5')).to.have.length(2);
    expect(agenda.nextEventsOf('transiscope--3vu5', 3).map((o) => o.startIso)).to.deep.equal([
      '2026-05-29T02:00:00+02:00', // going on at the start of 30 May
      '2026-05-30T02:00:00+02:00',
      '2026-05-31T02:00:00+02:00',
    ]);
    expect(agenda.organizersOf(events[2] as Event).map((s) => s.id)).to.deep.equal(['transiscope--3vu5']);
    expect(agenda.nextEventsOf('transiscope--personne')).to.deep.equal([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// ICS, parsed back by an independent parser (ical.js)

interface Parsed {
  uid: string;
  summary: string;
  start: number;
  end: number | undefined;
  tzid: string;
  status: string | undefined;
  component: ICAL.Component;
}

function parseIcs(text: string): { calendar: ICAL.Component; events: Parsed[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((c) => {
    const ev = new ICAL.Event(c);
    return {
      uid: ev.uid,
      summary: ev.summary,
      start: ev.startDate.toJSDate().getTime(),
      end: c.hasProperty('dtend') ? ev.endDate.toJSDate().getTime() : undefined,
      tzid: ev.startDate.zone?.tzid ?? '',
      status: c.getFirstPropertyValue('status')?.toString(),
      component: c,
    };
  });
  return { calendar, events };
}

function expectValidLines(text: string): void {
  expect(text.endsWith('\r\n')).to.equal(true);
  const lines = text.slice(0, -2).split('\r\n');
  const encoder = new TextEncoder();
  for (const line of lines) {
    expect(encoder.encode(line).length, line).to.be.at.most(75);
    expect(line).to.not.match(/[\r\n]/);
  }
}

describe('agenda: ICS', () => {
  before(() => loadRecurrence());

  it('writes each timing of a real event as a VEVENT, read back with the same UIDs and instants', () => {
    const ics = eventToIcs(femmes);
    expectValidLines(ics);
    const { events } = parseIcs(ics);
    const occ = expandOccurrencesSync(femmes);
    expect(events).to.have.length(41);
    expect(events.map((e) => e.uid)).to.deep.equal(occ.map((o) => `openagenda--97454717-${o.index}@essaim`));
    expect(events.every((e) => e.summary === femmes.title)).to.equal(true);
    expect(events.map((e) => e.start)).to.deep.equal(occ.map((o) => o.start.getTime()));
    expect(events.map((e) => e.end)).to.deep.equal(occ.map((o) => o.end?.getTime()));
    expect(events.every((e) => e.tzid === 'Europe/Paris')).to.equal(true);
    expect(ics).to.include('DTSTART;TZID=Europe/Paris:20260114T203000');
    expect(ics).to.include('BEGIN:VTIMEZONE');
    expect(ics).to.include('DTSTAMP:20251003T081709Z'); // updatedAt
    expect(ics).to.include('GEO:48.867856;2.310519');
    expect(ics).to.include('URL:https://openagenda.com/panthea/events/');
  });

  it('keeps an RRULE as a rule, with EXDATE, and ical.js expands it to our instants across DST', async () => {
    const ics = eventToIcs(weekly);
    expectValidLines(ics);
    expect(ics).to.include('RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=8');
    expect(ics).to.include('EXDATE;TZID=Europe/Paris:20261110T180000');
    const { events } = parseIcs(ics);
    expect(events).to.have.length(1);
    const master = events[0] as Parsed;
    expect(master.uid).to.equal('test--mardis@essaim');
    expect(master.tzid).to.equal('Europe/Paris');
    const expansion = new ICAL.Event(master.component).iterator();
    const theirs: number[] = [];
    for (let next = expansion.next(); next; next = expansion.next()) theirs.push(next.toJSDate().getTime());
    const ours = (await expandOccurrences(weekly)).map((o) => o.start.getTime());
    expect(theirs).to.deep.equal(ours);
    expect(new Date(theirs[3] as number).toISOString()).to.equal('2026-10-27T17:00:00.000Z');
    // Exdates written with the summer offset by mistake, or in UTC, are excluded in the file too.
    const sloppy: Event = { ...weekly, exdates: ['2026-10-27T18:00:00+02:00', '2026-11-03T17:00:00Z'] };
    const sloppyIcs = eventToIcs(sloppy);
    expect(sloppyIcs).to.include('EXDATE;TZID=Europe/Paris:20261027T180000,20261103T180000');
    const it = new ICAL.Event((parseIcs(sloppyIcs).events[0] as Parsed).component).iterator();
    const sloppyTheirs: number[] = [];
    for (let next = it.next(); next; next = it.next()) sloppyTheirs.push(next.toJSDate().getTime());
    expect(sloppyTheirs).to.deep.equal((await expandOccurrences(sloppy)).map((o) => o.start.getTime()));
  });

  it('writes UNTIL in UTC and excludes explicit dates from the rule when an event has both', async () => {
    const mixed: Event = {
      ...weekly,
      id: 'test--mixte',
      rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261124T180000',
      exdates: [],
      occurrences: [
        { start: '2026-10-20T18:00:00+02:00', end: '2026-10-20T22:00:00+02:00' }, // longer session
        { start: '2026-12-05T10:00:00+01:00', end: '2026-12-05T17:00:00+01:00' }, // extra Saturday
      ],
    };
    const ics = eventToIcs(mixed);
    expect(ics).to.include('UNTIL=20261124T170000Z');
    const { events } = parseIcs(ics);
    const instants: number[] = [];
    for (const e of events) {
      if (e.uid === 'test--mixte@essaim') {
        const it = new ICAL.Event(e.component).iterator();
        for (let n = it.next(); n; n = it.next()) instants.push(n.toJSDate().getTime());
      } else instants.push(e.start);
    }
    const ours = await expandOccurrences(mixed);
    expect(instants.sort((a, b) => a - b)).to.deep.equal(ours.map((o) => o.start.getTime()));
    expect(events.map((e) => e.uid)).to.deep.equal([
      'test--mixte@essaim',
      'test--mixte-0@essaim',
      'test--mixte-1@essaim',
    ]);
  });

  it('folds at 75 octets and escapes , ; \\ and newlines in a long French title', () => {
    const title =
      'Forum régional de l’économie sociale et solidaire, « Entreprendre autrement » ; ateliers, rencontres et débats — Toulouse\\Occitanie';
    const event: Event = {
      ...base,
      id: 'test--forum-occitanie',
      title,
      description: 'Première ligne ;\nseconde ligne, avec des virgules.\nTroisième : « ça marche » ?',
      start: '2026-11-19T09:30:00+01:00',
      end: '2026-11-19T17:30:00+01:00',
      status: 'cancelled',
      place: {
        name: 'Hôtel de Région, salle 3',
        address: { street: '22 boulevard du Maréchal Juin', postcode: '31400', commune: 'Toulouse' },
      },
      price: { free: true },
      url: 'https://example.org/evenements/forum-regional-de-l-economie-sociale-et-solidaire-2026?utm_source=essaim',
      updatedAt: '2026-10-01',
    };
    const ics = eventToIcs(event);
    expectValidLines(ics);
    expect(ics).to.include('\r\n '); // folded
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).to.include('\\, « Entreprendre autrement » \\;');
    expect(unfolded).to.include('Toulouse\\\\Occitanie');
    const { events } = parseIcs(ics);
    expect(events).to.have.length(1);
    const e = events[0] as Parsed;
    expect(e.summary).to.equal(title);
    expect(e.uid).to.equal('test--forum-occitanie@essaim');
    expect(e.status).to.equal('CANCELLED');
    expect(e.start).to.equal(Date.parse('2026-11-19T09:30:00+01:00'));
    expect(e.end).to.equal(Date.parse('2026-11-19T17:30:00+01:00'));
    const description = String(e.component.getFirstPropertyValue('description'));
    expect(description).to.include('Statut : Annulé');
    expect(description).to.include('Première ligne ;\nseconde ligne, avec des virgules.');
    expect(String(e.component.getFirstPropertyValue('location'))).to.equal(
      'Hôtel de Région, salle 3, 22 boulevard du Maréchal Juin, 31400 Toulouse',
    );
    expect(String(e.component.getFirstPropertyValue('url'))).to.equal(event.url);
    expect(ics).to.include('DTSTAMP:20261001T000000Z');
    // Multi-byte characters are never split by folding.
    const folded = foldLine(`SUMMARY:${'é'.repeat(100)}`);
    for (const line of folded.split('\r\n')) expect(new TextEncoder().encode(line).length).to.be.at.most(75);
    expect(folded.replace(/\r\n /g, '')).to.equal(`SUMMARY:${'é'.repeat(100)}`);
  });

  it('builds a deterministic subscribable calendar, and a download of the filtered view', () => {
    const events = [weekly, femmes, velo];
    const input = {
      name: 'Agenda de l’ESS — Paris (75)',
      description: 'Évènements, forums',
      events,
      url: 'https://example.org/agenda/75.ics',
    };
    const a = buildCalendar(input);
    expect(buildCalendar(input)).to.equal(a); // same bytes
    expectValidLines(a);
    const { calendar, events: parsed } = parseIcs(a);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).to.equal('Agenda de l’ESS — Paris (75)');
    expect(calendar.getFirstPropertyValue('description')).to.equal('Évènements, forums');
    expect(a).to.include('X-WR-CALDESC:Évènements\\, forums');
    expect(a).to.include('REFRESH-INTERVAL;VALUE=DURATION:P1D');
    expect(a.match(/BEGIN:VTIMEZONE/g)).to.have.length(1);
    expect(parsed).to.have.length(1 + 41 + 32);
    expect(new Set(parsed.map((e) => e.uid)).size).to.equal(parsed.length);
    const view = queryAgenda(events, { text: 'vélo', limit: 5 }, { referenceDate: '2026-05-10' }).occurrences;
    const { events: downloaded } = parseIcs(occurrencesToIcs(view, { name: 'Ma sélection' }));
    expect(downloaded.map((e) => e.uid)).to.deep.equal(view.map((o) => `${o.eventId}-${o.index}@essaim`));
    expect(downloaded.map((e) => e.start)).to.deep.equal(view.map((o) => o.start.getTime()));
    // One date of a repeating event ("Ajouter à mon agenda" on 27 October).
    const oct27 = expandOccurrencesSync(weekly, {
      from: '2026-10-27',
      to: '2026-10-28',
    })[0] as AgendaOccurrence;
    const { events: one } = parseIcs(occurrenceToIcs(oct27));
    expect(one.map((e) => [e.uid, e.start])).to.deep.equal([
      ['test--mardis-3@essaim', oct27.start.getTime()],
    ]);
    expect(eventsToIcs([])).to.include('BEGIN:VCALENDAR');
    expect(icsFileName('Mai à Vélo 2026')).to.equal('mai-a-velo-2026.ics');
    const parts = partitionEvents([...events], 'departement');
    expect([...parts.keys()]).to.deep.equal(['31', '75']);
  });

  it('writes a VTIMEZONE that ical.js uses for another zone (La Réunion, no DST)', () => {
    const reunion: Event = {
      ...base,
      id: 'test--run',
      title: 'Forum',
      timeZone: 'Indian/Reunion',
      start: '2026-11-05T09:00:00+04:00',
    };
    const { events } = parseIcs(eventToIcs(reunion));
    expect(events[0]?.tzid).to.equal('Indian/Reunion');
    expect(events[0]?.start).to.equal(Date.parse('2026-11-05T05:00:00Z'));
  });
});

describe('agenda: helpers', () => {
  it('loads the ICS writer as its own module, with the same functions', async () => {
    const ics = await loadIcs();
    // (Not compared by identity: mocha may load this file as CommonJS through tsx.)
    expect(ics.eventToIcs(weekly)).to.equal(eventToIcs(weekly));
    expect(ics.buildCalendar({ name: 'x', events: [femmes] })).to.equal(
      buildCalendar({ name: 'x', events: [femmes] }),
    );
  });

  it('normalises query words like the rest of the SDK', () => {
    expect(queryWords('  Œuvres d’Æsope ')).to.deep.equal(['oeuvres', 'aesope']);
    expect(normalizeText('Vélo')).to.equal('velo');
  });
});
