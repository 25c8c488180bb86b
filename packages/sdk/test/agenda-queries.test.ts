// The agenda (packages/sdk/src/agenda): queries, facets, days, month grid, week.
// Runs in Node (mocha + tsx) and in Chromium (@web/test-runner): no Node-only imports. Real events come
// from data/sources/openagenda/events-40.json (OpenAgenda, Licence Ouverte), mapped by `fromOpenAgenda`.
import { expect } from 'chai';
import {
  type AgendaFacetName,
  type AgendaQuery,
  AGENDA_FACET_NAMES,
  createAgendaConnector,
  createAgendaIndex,
  dateKeyOf,
  effectiveAttendance,
  expandOccurrencesSync,
  groupByDay,
  latestPast,
  loadRecurrence,
  monthGrid,
  monthWindow,
  queryAgenda,
  queryWords,
  weekDays,
} from '../src/agenda/index.ts';
import { distanceKm } from '../src/core/geo.ts';
import type { Event } from '../src/index.ts';
import { normalizeText } from '../src/text/normalize.ts';
import { all, femmes, velo, loadAgendaRecords, base, weekly } from './helpers/agenda.ts';

before(loadAgendaRecords);

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
