// The agenda (packages/sdk/src/agenda): the recurrence library, occurrences. Named to run before the other agenda
// files in one mocha process, so that the lazy-loading test sees the library not yet loaded.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports. Real events come
// from data/sources/openagenda/events-40.json (OpenAgenda, Licence Ouverte), mapped by `fromOpenAgenda`.
import { expect } from 'chai';
import {
  createAgendaConnector,
  expandOccurrences,
  expandOccurrencesSync,
  groupByDay,
  isRecurrenceLoaded,
  loadRecurrence,
  RecurrenceNotLoadedError,
  toZonedIso,
} from '../src/agenda/index.ts';
import type { Event } from '../src/index.ts';
import { records, femmes, velo, loadAgendaRecords, base, weekly } from './helpers/agenda.ts';

before(loadAgendaRecords);

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
