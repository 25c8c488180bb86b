// The agenda (packages/sdk/src/agenda): the connector, ICS, helpers.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports. Real events come
// from data/sources/openagenda/events-40.json (OpenAgenda, Licence Ouverte), mapped by `fromOpenAgenda`.
import { expect } from 'chai';
import ICAL from 'ical.js';
import {
  type AgendaOccurrence,
  buildCalendar,
  createAgendaConnector,
  createAgendaListConnector,
  eventsByOrganizer,
  eventsToIcs,
  eventToIcs,
  expandOccurrences,
  expandOccurrencesSync,
  foldLine,
  icsFileName,
  loadIcs,
  loadRecurrence,
  occurrencesToIcs,
  occurrenceToIcs,
  organizersOf,
  partitionEvents,
  queryAgenda,
  queryWords,
  withCalendar,
} from '../src/agenda/index.ts';
import type { Event, Structure } from '../src/index.ts';
import { normalizeText } from '../src/text/normalize.ts';
import { realStructure } from './fixtures.ts';
import { all, femmes, velo, loadAgendaRecords, base, weekly } from './helpers/agenda.ts';

before(loadAgendaRecords);

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
