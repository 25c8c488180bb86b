/**
 * The ICS importer (a structure publishing its own calendar).
 *
 * Real data: data/feed/calendars/all.ics, written by the SDK's ICS writer from the real events of the
 * embedded feed (OpenAgenda export, seeds), read back and compared with data/feed/events.json — the same
 * dates, the same times, the same statuses. The recurrence cases (a weekly rule across the October
 * daylight-saving change, excluded and changed dates, a zone described by a VTIMEZONE only) are small
 * hand-written VEVENTs: they test the mechanics, not data, and say so in their titles.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Event, expandOccurrences, vtimezoneLines } from '@essaim/sdk';
import { expect } from 'chai';
import { buildFeed } from '../src/build/pipeline.ts';
import { loadConfig } from '../src/config.ts';
import { getImporter } from '../src/importers/index.ts';
import { icsImporter, splitCalendar } from '../src/importers/ics.ts';
import { type ImportOutcome, WrongShapeError } from '../src/importers/types.ts';
import { collect, context, ROOT, realPlaces } from './helpers/context.ts';

type Accepted = Extract<ImportOutcome, { kind: 'event' }>;
type Rejected = Extract<ImportOutcome, { kind: 'rejected' }>;
const FEED_ICS = 'data/feed/calendars/all.ics';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Writes `text` to a temporary .ics and imports it. */
async function importText(text: string, options: Record<string, unknown> = {}): Promise<ImportOutcome[]> {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-ics-'));
  dirs.push(dir);
  const path = join(dir, 'calendar.ics');
  writeFileSync(path, text);
  return collect(
    icsImporter.run(context({ type: 'ics', id: 'cal', name: 'Calendrier', path, options }, undefined, dir)),
  );
}

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//FR', ...lines, 'END:VCALENDAR'].join('\r\n');

/** Every occurrence of a list of events as comparable strings: title | start | end | status. */
async function occurrenceKeys(events: readonly Event[]): Promise<string[]> {
  const out: string[] = [];
  for (const e of events)
    for (const o of await expandOccurrences(e))
      out.push(`${e.title} | ${o.start.toISOString()} | ${o.end?.toISOString() ?? '-'} | ${o.status}`);
  return out.sort();
}

describe('ics importer: the real calendar of the embedded feed, read back', function () {
  this.timeout(60_000);
  let outcomes: ImportOutcome[];
  let events: Event[];
  let feedEvents: Event[];

  before(async () => {
    feedEvents = JSON.parse(readFileSync(resolve(ROOT, 'data/feed/events.json'), 'utf8')) as Event[];
    const ctx = context(
      {
        type: 'ics',
        id: 'cal',
        name: 'Agenda',
        path: FEED_ICS,
        options: { organizer: 'seeds--cress-occitanie' },
      },
      await realPlaces(),
    );
    outcomes = await collect(getImporter('ics').run(ctx));
    events = outcomes.filter((o): o is Accepted => o.kind === 'event').map((o) => o.record);
  });

  it('is registered as the "ics" source type', () => {
    expect(getImporter('ics')).to.equal(icsImporter);
  });

  it('gives one outcome per VEVENT, all accepted and valid', () => {
    const text = readFileSync(resolve(ROOT, FEED_ICS), 'utf8');
    const vevents = text.match(/^BEGIN:VEVENT\r?$/gm)?.length ?? 0;
    expect(vevents).to.be.greaterThan(40);
    expect(outcomes).to.have.length(vevents);
    const rejected = outcomes.filter((o): o is Rejected => o.kind === 'rejected');
    expect(rejected, JSON.stringify(rejected[0])).to.have.length(0);
  });

  it('round trip: the same dates, times and statuses as the events the file was written from', async () => {
    const expected = await occurrenceKeys(feedEvents);
    const actual = await occurrenceKeys(events);
    expect(actual).to.have.length(expected.length);
    expect(actual).to.deep.equal(expected);
  });

  it('keeps titles, links, places (with their COG codes) and whole days', () => {
    const byUid = new Map(events.map((e) => [e.provenance[0]!.localId!, e]));
    for (const f of feedEvents) {
      const back = byUid.get(`${f.id}@essaim`) ?? byUid.get(`${f.id}-0@essaim`);
      expect(back, f.id).to.exist;
      expect(back!.title).to.equal(f.title);
      if (f.url) expect(new URL(back!.url!).href).to.equal(new URL(f.url).href);
      expect(Boolean(back!.allDay)).to.equal(Boolean(f.allDay));
      const dep = f.place?.address?.cog?.departement;
      if (dep && f.place?.address?.postcode)
        expect(back!.place?.address?.cog?.departement, f.id).to.equal(dep);
    }
  });

  it('links every event to the structure named by the "organizer" option', () => {
    for (const e of events) expect(e.organizerIds).to.deep.equal(['seeds--cress-occitanie']);
  });
});

describe('ics importer: recurrence, zones, statuses (hand-written VEVENTs testing the mechanics)', function () {
  this.timeout(30_000);

  it('reads whole days written as timed slots: 00:00–23:59 local, or an all-day entry cut at the UTC offset', async () => {
    const out = await importText(
      calendar(
        'BEGIN:VEVENT',
        'UID:days-1',
        'DTSTAMP:20260401T080000Z',
        'SUMMARY:Test mechanics: exhibition 1–3 June written 00:00–23:59',
        'DTSTART;TZID=Europe/Paris:20260601T000000',
        'DTEND;TZID=Europe/Paris:20260603T235900',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:days-2',
        'DTSTAMP:20260401T080000Z',
        'SUMMARY:Test mechanics: 1–2 May cut at the UTC offset',
        'DTSTART:20260430T220000Z',
        'DTEND:20260430T235959Z',
        'RDATE;VALUE=PERIOD:20260501T000000Z/20260501T235959Z,20260502T000000Z/20260502T215959Z',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:days-3',
        'DTSTAMP:20260401T080000Z',
        'SUMMARY:Test mechanics: an evening stays timed',
        'DTSTART;TZID=Europe/Paris:20260601T180000',
        'DTEND;TZID=Europe/Paris:20260601T235900',
        'END:VEVENT',
      ),
    );
    const [expo, shifted, evening] = out.map((o) => (o as Accepted).record);
    expect(expo).to.deep.include({
      allDay: true,
      start: '2026-06-01T00:00:00+02:00',
      end: '2026-06-04T00:00:00+02:00',
    });
    expect(expo!.occurrences ?? []).to.deep.equal([]);
    expect(shifted!.allDay).to.equal(true);
    expect(shifted!.occurrences).to.deep.equal([
      { start: '2026-05-01T00:00:00+02:00', end: '2026-05-02T00:00:00+02:00' },
      { start: '2026-05-02T00:00:00+02:00', end: '2026-05-03T00:00:00+02:00' },
    ]);
    expect(evening!.allDay).to.equal(undefined);
    expect(evening!.start).to.equal('2026-06-01T18:00:00+02:00');
  });

  it('expands a weekly RRULE across the October daylight-saving change at the same local time', async () => {
    const out = await importText(
      calendar(
        'BEGIN:VEVENT',
        'UID:weekly-1',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:Test mechanics: weekly 18:00',
        'DTSTART;TZID=Europe/Paris:20261013T180000',
        'DTEND;TZID=Europe/Paris:20261013T200000',
        'RRULE:COUNT=4;FREQ=WEEKLY;BYDAY=TU',
        'EXDATE;TZID=Europe/Paris:20261020T180000',
        'END:VEVENT',
      ),
    );
    const e = (out[0] as Accepted).record;
    expect(e.rrule).to.match(/^FREQ=WEEKLY;/);
    expect(e.exdates).to.deep.equal(['2026-10-20T18:00:00+02:00']);
    const occ = await expandOccurrences(e);
    expect(occ.map((o) => o.startIso)).to.deep.equal([
      '2026-10-13T18:00:00+02:00',
      '2026-10-27T18:00:00+01:00',
      '2026-11-03T18:00:00+01:00',
    ]);
    expect(occ.map((o) => o.endIso)).to.deep.equal([
      '2026-10-13T20:00:00+02:00',
      '2026-10-27T20:00:00+01:00',
      '2026-11-03T20:00:00+01:00',
    ]);
  });

  it('reads a zone the file only describes in a VTIMEZONE (a Windows name) and UTC times', async () => {
    const vtz = vtimezoneLines('Europe/Paris', 2026, 2026).map((l) =>
      l.replace('TZID:Europe/Paris', 'TZID:Romance Standard Time'),
    );
    const out = await importText(
      calendar(
        ...vtz,
        'BEGIN:VEVENT',
        'UID:win-1',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:Test mechanics: VTIMEZONE',
        'DTSTART;TZID=Romance Standard Time:20261027T093000',
        'DURATION:PT1H30M',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:utc-1',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:Test mechanics: UTC',
        'DTSTART:20260701T160000Z',
        'DTEND:20260701T170000Z',
        'END:VEVENT',
      ),
    );
    const [win, utc] = out.map((o) => (o as Accepted).record);
    expect(win!.start).to.equal('2026-10-27T09:30:00+01:00');
    expect(win!.end).to.equal('2026-10-27T11:00:00+01:00');
    expect(Date.parse(utc!.start!)).to.equal(Date.UTC(2026, 6, 1, 16));
    expect(Date.parse(utc!.end!)).to.equal(Date.UTC(2026, 6, 1, 17));
  });

  it('reads whole days, RDATEs, a changed date of a series, CANCELLED and TENTATIVE', async () => {
    const out = await importText(
      calendar(
        'BEGIN:VEVENT',
        'UID:day-1',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:Test mechanics: two whole days',
        'DTSTART;VALUE=DATE:20261120',
        'DTEND;VALUE=DATE:20261122',
        'STATUS:CANCELLED',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:rdate-1',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:Test mechanics: RDATE',
        'DTSTART;TZID=Europe/Paris:20260310T140000',
        'DTEND;TZID=Europe/Paris:20260310T160000',
        'RDATE;TZID=Europe/Paris:20260407T140000,20260505T140000',
        'STATUS:TENTATIVE',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:series-1',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:Test mechanics: series',
        'DTSTART;TZID=Europe/Paris:20260105T100000',
        'RRULE:FREQ=DAILY;COUNT=3',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:series-1',
        'RECURRENCE-ID;TZID=Europe/Paris:20260106T100000',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:Test mechanics: series (moved)',
        'DTSTART;TZID=Europe/Paris:20260106T150000',
        'END:VEVENT',
      ),
    );
    expect(out.every((o) => o.kind === 'event')).to.equal(true);
    const [day, rdate, series, moved] = out.map((o) => (o as Accepted).record);
    expect(day).to.deep.include({
      allDay: true,
      start: '2026-11-20T00:00:00+01:00',
      end: '2026-11-22T00:00:00+01:00',
      status: 'cancelled',
    });
    expect(rdate!.occurrences).to.deep.equal([
      { start: '2026-03-10T14:00:00+01:00', end: '2026-03-10T16:00:00+01:00' },
      { start: '2026-04-07T14:00:00+02:00', end: '2026-04-07T16:00:00+02:00' },
      { start: '2026-05-05T14:00:00+02:00', end: '2026-05-05T16:00:00+02:00' },
    ]);
    expect(rdate!.status).to.equal('scheduled');
    expect((out[1] as Accepted).warnings?.map((w) => w.code)).to.include('status-tentative');
    expect((await expandOccurrences(series!)).map((o) => o.startIso)).to.deep.equal([
      '2026-01-05T10:00:00+01:00',
      '2026-01-07T10:00:00+01:00',
    ]);
    expect(moved!.id).to.equal('cal--series-1--20260106T100000');
    expect(moved!.start).to.equal('2026-01-06T15:00:00+01:00');
  });
});

describe('ics importer: bad input is reported, never dropped', function () {
  this.timeout(60_000);

  it('reports a malformed VEVENT of the real calendar with its reason, and loads all the others', async () => {
    const text = readFileSync(resolve(ROOT, FEED_ICS), 'utf8');
    const total = text.match(/^BEGIN:VEVENT\r?$/gm)!.length;
    // Break the 3rd VEVENT: its DTSTART is no date; remove the END of the 5th.
    let n = 0;
    const broken = text.replace(/BEGIN:VEVENT\r\n([\s\S]*?)END:VEVENT\r\n/g, (all, body: string) => {
      n++;
      if (n === 3) return all.replace(/^DTSTART[^\r]*$/m, 'DTSTART;TZID=Europe/Paris:le 4 novembre');
      if (n === 5) return `BEGIN:VEVENT\r\n${body}`;
      return all;
    });
    const out = await importText(broken);
    expect(out).to.have.length(total);
    const rejected = out.filter((o): o is Rejected => o.kind === 'rejected');
    expect(rejected.map((r) => r.index)).to.deep.equal([2, 4]);
    for (const r of rejected) {
      expect(r.part).to.equal('events');
      expect(r.reasons[0]!.fr).to.match(/VEVENT|date de début/);
      expect(r.reasons[0]!.en).to.match(/VEVENT|start/);
    }
    expect(rejected[1]!.reasons[0]!.code).to.equal('ics-unterminated');
  });

  it('rejects VEVENTs without UID, SUMMARY or DTSTART, each with its bilingual reason', async () => {
    const out = await importText(
      calendar(
        'BEGIN:VEVENT',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:No uid',
        'DTSTART:20260701T160000Z',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:no-title',
        'DTSTAMP:20260901T080000Z',
        'DTSTART:20260701T160000Z',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:no-start',
        'DTSTAMP:20260901T080000Z',
        'SUMMARY:No start',
        'END:VEVENT',
      ),
    );
    expect(out.map((o) => o.kind)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    expect(out.map((o) => (o as Rejected).reasons[0]!.code)).to.deep.equal(['no-id', 'no-name', 'no-start']);
  });

  it('refuses a territory option that is no COG code', async () => {
    const error = await importText(calendar(), { departement: 'Lot' }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(WrongShapeError);
    expect((error as Error).message).to.contain('departement');
  });

  it('refuses a file that is not a calendar with a clear error', async () => {
    let error: unknown;
    try {
      await importText('{"events": []}');
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(WrongShapeError);
    expect((error as Error).message).to.contain('iCalendar');
  });

  it('splits folded lines and keeps VEVENTs apart', () => {
    const { blocks, shell } = splitCalendar(
      calendar('BEGIN:VEVENT', 'UID:a', 'SUMMARY:Un titre', '  plié', 'END:VEVENT'),
    );
    expect(blocks).to.have.length(1);
    expect(blocks[0]!.text).to.contain('SUMMARY:Un titre plié');
    expect(shell).to.not.contain('VEVENT');
  });
});

describe('essaim build with an "ics" source: a structure publishing its own calendar', function () {
  this.timeout(120_000);

  it('imports the calendar, links its events to the structure and counts every VEVENT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'essaim-ics-build-'));
    dirs.push(dir);
    const licence = {
      id: 'ODbL-1.0',
      name: 'ODbL 1.0',
      url: 'https://opendatacommons.org/licenses/odbl/1-0/',
    };
    const config = {
      feed: {
        id: 'ics-test',
        title: 'Test ICS',
        publisher: { name: 'Test' },
        licence,
        attribution: '© test',
        updated: '2026-11-22',
      },
      sources: [
        {
          id: 'seeds',
          type: 'essaim',
          path: resolve(ROOT, 'data/sources/seeds/structures.json'),
          name: 'Seeds',
          licence,
          attribution: 'seeds',
          options: { part: 'structures' },
        },
        {
          id: 'cress-agenda',
          type: 'ics',
          // The real calendar of the Occitanie région that `essaim build` wrote from the seeds' events.
          path: resolve(ROOT, 'data/feed/calendars/region-76.ics'),
          name: 'Agenda de la CRESS Occitanie',
          licence,
          attribution: 'CRESS Occitanie',
          options: { organizer: 'seeds--cress-occitanie', region: '76' },
        },
      ],
      taxonomy: resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'),
      output: 'feed',
    };
    writeFileSync(join(dir, 'essaim.config.json'), JSON.stringify(config));
    const { report } = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')));
    const source = report.sources.find((x) => x.id === 'cress-agenda')!;
    const vevents = readFileSync(resolve(ROOT, 'data/feed/calendars/region-76.ics'), 'utf8').match(
      /^BEGIN:VEVENT\r?$/gm,
    )!.length;
    expect(source.type).to.equal('ics');
    expect(source.received).to.equal(vevents);
    expect(source.received).to.equal(source.accepted + source.merged + source.rejected);
    expect(source.rejected).to.equal(0);
    const events = JSON.parse(readFileSync(join(dir, 'feed/events.json'), 'utf8')) as Event[];
    expect(events).to.have.length(vevents);
    for (const e of events) {
      expect(e.organizerIds).to.deep.equal(['seeds--cress-occitanie']);
      expect(e.allDay).to.equal(true);
      expect(e.provenance[0]!.source).to.equal('cress-agenda');
    }
    const lot = events.find((e) => e.title.endsWith('Lot'))!;
    expect(lot.start).to.equal('2020-11-10T00:00:00+01:00');
    expect(lot.end).to.equal('2020-11-11T00:00:00+01:00');
    // CATEGORIES read back as the taxonomy's event categories, so their calendars are written again.
    expect(lot.categories).to.deep.equal(['event-category--rencontre']);
    expect(report.calendars!.map((c) => c.file)).to.include('calendars/categorie-rencontre.ics');
    // An ICS file has no territory codes and "Lot" is no commune: the source's région (option) is used.
    expect(lot.place?.address?.cog).to.deep.equal({ region: '76' });
    expect(report.calendars!.map((c) => c.file)).to.include('calendars/region-76.ics');
  });
});
