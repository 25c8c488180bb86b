// The agenda as people read a programme (packages/sdk/src/agenda/entries.ts, when.ts): one entry per event
// over consecutive days or per series, "en cours" apart, and the wording of dates and hours.
// Fixtures below are this test's own (labelled FIXTURE), shaped like real OpenAgenda records; the last
// tests read the real embedded feed (data/feed/events.json).
import { expect } from 'chai';
import {
  type Event,
  createAgendaConnector,
  formatEntryDates,
  formatTimeRange,
  queryAgenda,
  splitDay,
} from '../src/index.ts';
import { readRepoJson } from './helpers/files.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** FIXTURE: an all-day challenge over May 2026 at one place, as the importer writes whole days. */
function challenge(i: number): Event {
  const occurrences = Array.from({ length: 31 }, (_, d) => ({
    start: `2026-05-${pad(d + 1)}T00:00:00+02:00`,
    end: d === 30 ? '2026-06-01T00:00:00+02:00' : `2026-05-${pad(d + 2)}T00:00:00+02:00`,
  }));
  return {
    id: `fixture--challenge-${i}`,
    title: 'Défi vélo de mai (fixture)',
    allDay: true,
    start: '2026-05-01T00:00:00+02:00',
    end: '2026-06-01T00:00:00+02:00',
    occurrences,
    place: { name: `Lieu ${i}`, geo: { lat: 48.85 + i / 100, lon: 2.35 } },
  } as Event;
}

/** FIXTURE: an exhibition open every day 10 h – 18 h for a week. */
const exhibition = {
  id: 'fixture--expo',
  title: 'Exposition de la semaine (fixture)',
  start: '2026-05-04T10:00:00+02:00',
  end: '2026-05-10T18:00:00+02:00',
  occurrences: Array.from({ length: 7 }, (_, d) => ({
    start: `2026-05-${pad(d + 4)}T10:00:00+02:00`,
    end: `2026-05-${pad(d + 4)}T18:00:00+02:00`,
  })),
} as Event;

/** FIXTURE: a weekly workshop at three places (three records, same title and organiser). */
function workshop(i: number): Event {
  return {
    id: `fixture--atelier-${i}`,
    title: 'Atelier réparation (fixture)',
    organizerIds: ['fixture--asso'],
    occurrences: Array.from({ length: 4 }, (_, w) => ({
      start: `2026-05-${pad(5 + i + 7 * w)}T18:00:00+02:00`,
      end: `2026-05-${pad(5 + i + 7 * w)}T20:00:00+02:00`,
    })),
    place: { name: `Atelier ${i}`, geo: { lat: 45 + i, lon: 1 } },
  } as Event;
}

const MAY = { from: '2026-05-01', to: '2026-06-01', limit: Number.POSITIVE_INFINITY };

describe('agenda entries: one card per long event or series', () => {
  const challenges = Array.from({ length: 7 }, (_, i) => challenge(i));

  it('a challenge over 31 whole days at 7 places is one entry "du 1er au 31 mai" at 7 places', () => {
    const r = queryAgenda(challenges, MAY, { referenceDate: '2026-04-01' });
    expect(r.total).to.equal(7 * 31);
    expect(r.entries).to.have.length(1);
    const [e] = r.entries;
    expect(e!.places).to.equal(7);
    expect(e!.events).to.have.length(7);
    expect(e!.span).to.include({ firstDay: '2026-05-01', lastDay: '2026-05-31', wholeDays: true });
    expect(e!.ongoing).to.equal(false);
    expect(formatEntryDates(e!)).to.equal('du 1er au 31 mai');
    expect(formatEntryDates(e!, 'en')).to.equal('from 1 to 31 May');
  });

  it('once started it is "en cours", "jusqu’au 31 mai", apart from the day’s own entries', () => {
    const r = queryAgenda([...challenges, exhibition], {}, { referenceDate: '2026-05-05' });
    const ongoing = r.entries.find((e) => e.events.length === 7)!;
    expect(ongoing.ongoing).to.equal(true);
    expect(formatEntryDates(ongoing)).to.equal('jusqu’au 31 mai');
    expect(r.entryDays[0]!.date).to.equal('2026-05-05');
    expect(r.entryDays[0]!.ongoing.map((e) => e.first.event.title)).to.include('Défi vélo de mai (fixture)');
    // The challenge is listed once, not on each of its days.
    const all = r.entryDays.flatMap((d) => [...d.entries, ...d.ongoing]);
    expect(all.filter((e) => e.key === ongoing.key)).to.have.length(1);
  });

  it('a week-long exhibition open 10 h – 18 h reads "tous les jours du 4 au 10 mai, 10 h – 18 h"', () => {
    const r = queryAgenda([exhibition], MAY, { referenceDate: '2026-04-01' });
    expect(r.total).to.equal(7);
    expect(r.entries).to.have.length(1);
    expect(r.entries[0]!.span?.daily).to.not.equal(undefined);
    expect(formatEntryDates(r.entries[0]!)).to.equal('tous les jours du 4 au 10 mai, 10 h – 18 h');
    expect(formatEntryDates(r.entries[0]!, 'en')).to.equal('every day from 4 to 10 May, 10:00 – 18:00');
  });

  it('a weekly series at 3 places is one entry of 12 dates at 3 places, not a range', () => {
    const r = queryAgenda([0, 1, 2].map(workshop), MAY, { referenceDate: '2026-04-01' });
    expect(r.entries).to.have.length(1);
    expect(r.entries[0]).to.include({ dates: 12, places: 3 });
    expect(r.entries[0]!.span).to.equal(undefined);
    expect(r.entries[0]!.occurrences).to.have.length(12);
  });

  it('a calendar day counts each event once: the challenge is "en cours" after its first day', () => {
    const c = createAgendaConnector([...challenges, exhibition], { now: '2026-04-01' });
    const days = c.monthGrid(2026, 5).flat();
    const first = days.find((d) => d.date === '2026-05-01')!;
    const fifth = days.find((d) => d.date === '2026-05-05')!;
    expect(first.occurrences).to.have.length(7);
    const d1 = splitDay(first.occurrences, first.date);
    expect([d1.entries.length, d1.ongoing.length]).to.deep.equal([1, 0]);
    const d5 = splitDay(fifth.occurrences, fifth.date);
    // The exhibition starts on the 4th: on the 5th both are going on, each once.
    expect([d5.entries.length, d5.ongoing.length]).to.deep.equal([0, 2]);
  });
});

describe('formatTimeRange: one wording of hours everywhere', () => {
  const at = (iso: string) => new Date(iso);
  it('says when the end is on the next day', () => {
    const s = at('2026-05-23T22:00:00+02:00');
    const e = at('2026-05-24T01:59:00+02:00');
    expect(formatTimeRange(s, e)).to.equal('de 22 h à 1 h 59 le lendemain');
    expect(formatTimeRange(s, e, { endOnly: true })).to.equal('jusqu’au lendemain 1 h 59');
    expect(formatTimeRange(s, e, { lang: 'en' })).to.equal('from 22:00 to 01:59 the next day');
  });
  it('same day, midnight, no end, several days, whole days', () => {
    expect(formatTimeRange(at('2026-05-23T18:30:00+02:00'), at('2026-05-23T20:00:00+02:00'))).to.equal(
      'de 18 h 30 à 20 h',
    );
    expect(formatTimeRange(at('2026-05-23T20:00:00+02:00'), at('2026-05-24T00:00:00+02:00'))).to.equal(
      'de 20 h à minuit',
    );
    expect(formatTimeRange(at('2026-05-23T20:00:00+02:00'), undefined)).to.equal('à 20 h');
    expect(formatTimeRange(at('2026-05-01T18:00:00+02:00'), at('2026-05-03T12:00:00+02:00'))).to.equal(
      'du 1er mai 18 h au 3 mai 12 h',
    );
    const day = at('2026-11-04T00:00:00+01:00');
    expect(formatTimeRange(day, at('2026-11-05T00:00:00+01:00'), { allDay: true })).to.equal(
      'toute la journée',
    );
    expect(formatTimeRange(day, at('2026-12-03T00:00:00+01:00'), { allDay: true })).to.equal(
      'du 4 novembre au 2 décembre',
    );
  });
});

describe('entries of the real embedded feed (data/feed/events.json)', () => {
  let events: Event[] = [];
  before(async () => {
    events = await readRepoJson<Event[]>('data/feed/events.json');
  });

  it('May 2026: "Mai à Vélo 2026" (7 organisers × 31 whole days) is one card instead of 217', () => {
    const r = queryAgenda(events, MAY, { referenceDate: '2026-04-01' });
    const velo = r.occurrences.filter((o) => o.event.title === 'Mai à Vélo 2026');
    expect(velo).to.have.length(217);
    const entries = r.entries.filter((e) => e.first.event.title === 'Mai à Vélo 2026');
    expect(entries).to.have.length(1);
    expect(entries[0]!.places).to.equal(7);
    expect(formatEntryDates(entries[0]!)).to.equal('du 1er au 31 mai');
    // Cards before (one per occurrence) and after (one per entry).
    expect(r.total).to.be.greaterThan(217);
    expect(r.entryTotal).to.be.lessThan(r.total - 216);
  });
});
