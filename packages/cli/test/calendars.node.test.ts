import { expect } from 'chai';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventToIcs, type Event } from '@essaim/sdk';
import ICAL from 'ical.js';
import { buildFeed } from '../src/build/pipeline.ts';
import { loadConfig, parseConfig, type EssaimConfig } from '../src/config.ts';
import type { ImportOutcome, Importer } from '../src/importers/types.ts';
import { formatBuildReport, type BuildReport } from '../src/report.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** The VEVENTs of an ICS text, parsed back by ical.js. */
function vevents(text: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
}

const uids = (text: string) => vevents(text).map((v) => String(v.getFirstPropertyValue('uid')));

function readCalendars(feedDir: string): Record<string, Buffer> {
  const dir = join(feedDir, 'calendars');
  const out: Record<string, Buffer> = {};
  for (const f of readdirSync(dir).sort()) out[f] = readFileSync(join(dir, f));
  return out;
}

describe('essaim build: calendars of the embedded feed (data/essaim.config.json)', function () {
  this.timeout(180_000);
  let out: string;
  let report: BuildReport;
  let events: Event[];
  /** UID of each VEVENT the SDK writes → id of its event. */
  const eventOfUid = new Map<string, string>();
  let expectedVevents = 0;

  before(async () => {
    out = join(tempDir('essaim-calendars-'), 'feed');
    ({ report } = await buildFeed(await loadConfig(join(ROOT, 'data/essaim.config.json')), { outDir: out }));
    events = JSON.parse(readFileSync(join(out, 'events.json'), 'utf8')) as Event[];
    for (const e of events) {
      const list = uids(eventToIcs(e));
      expectedVevents += list.length;
      for (const uid of list) eventOfUid.set(uid, e.id);
    }
  });

  it('writes calendars/all.ics with one VEVENT per date the SDK ICS writer emits for the 40 events', () => {
    expect(events).to.have.length(40);
    // The 40 OpenAgenda events have no rule: one VEVENT per explicit date (or their start alone).
    const dates = events.reduce(
      (n, e) => n + (e.rrule ? 1 : 0) + (e.occurrences?.length || (e.start ? 1 : 0)),
      0,
    );
    expect(expectedVevents).to.equal(dates);
    const file = join(out, 'calendars/all.ics');
    expect(existsSync(file)).to.equal(true);
    const text = readFileSync(file, 'utf8');
    const list = uids(text);
    expect(list).to.have.length(expectedVevents);
    expect(new Set(list)).to.deep.equal(new Set(eventOfUid.keys()));
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('x-wr-calname')).to.equal('Agenda de l’ESS — tous les évènements');
    expect(cal.getFirstPropertyValue('refresh-interval')?.toString()).to.equal('P1D');
    expect(text.endsWith('END:VCALENDAR\r\n')).to.equal(true);
  });

  it('writes one calendar per département, each holding only the events of its département', () => {
    const byDept = new Map<string, Event[]>();
    for (const e of events) {
      const code = e.place?.address?.cog?.departement;
      if (!code) continue;
      byDept.set(code, [...(byDept.get(code) ?? []), e]);
    }
    expect([...byDept.keys()].sort()).to.deep.equal(['33', '35', '44', '75', '93']);
    const deptOf = new Map(events.map((e) => [e.id, e.place?.address?.cog?.departement]));
    for (const [code, list] of byDept) {
      const text = readFileSync(join(out, `calendars/departement-${code}.ics`), 'utf8');
      const found = uids(text);
      const ids = new Set(list.map((e) => e.id));
      const expected = [...eventOfUid].filter(([, id]) => ids.has(id)).map(([uid]) => uid);
      expect(new Set(found), `départment ${code}`).to.deep.equal(new Set(expected));
      for (const uid of found) expect(deptOf.get(eventOfUid.get(uid)!), uid).to.equal(code);
    }
    const paris = readFileSync(join(out, 'calendars/departement-75.ics'), 'utf8');
    expect(new ICAL.Component(ICAL.parse(paris)).getFirstPropertyValue('x-wr-calname')).to.equal(
      'Agenda de l’ESS — Paris (75)',
    );
  });

  it('lists the calendars in the build report and the printed summary, not in the manifest', () => {
    const written = readdirSync(join(out, 'calendars')).sort();
    expect(written).to.deep.equal([
      'all.ics',
      'departement-33.ics',
      'departement-35.ics',
      'departement-44.ics',
      'departement-75.ics',
      'departement-93.ics',
    ]);
    const onDisk = JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8')) as BuildReport;
    expect(onDisk.calendars).to.deep.equal(report.calendars);
    expect(report.calendars!.map((c) => c.file)).to.deep.equal(written.map((f) => `calendars/${f}`));
    expect(report.calendars![0]).to.deep.equal({
      name: 'Agenda de l’ESS — tous les évènements',
      file: 'calendars/all.ics',
      count: 40,
    });
    expect(
      report.calendars!.reduce((n, c) => n + (c.file.includes('departement-') ? c.count : 0), 0),
    ).to.equal(40);
    expect(formatBuildReport(report, 'fr')).to.include(
      'calendars/departement-75.ics  Agenda de l’ESS — Paris (75)',
    );
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).to.not.include('calendars');
  });

  it('writes the same .ics bytes on a second build', async () => {
    const again = join(tempDir('essaim-calendars-again-'), 'feed');
    await buildFeed(await loadConfig(join(ROOT, 'data/essaim.config.json')), { outDir: again });
    const first = readCalendars(out);
    const second = readCalendars(again);
    expect(Object.keys(second)).to.deep.equal(Object.keys(first));
    for (const f of Object.keys(first)) expect(second[f]!.equals(first[f]!), f).to.equal(true);
  });
});

// -------------------------------------------------------------------------------------------------------
// Categories and themes, and the config switches, on a small feed

const eventsImporter: Importer = {
  type: 'fake-events',
  expects: 'a JSON array of events',
  async *run(ctx) {
    const items = JSON.parse(readFileSync(resolve(ctx.baseDir, ctx.source.path), 'utf8')) as unknown[];
    for (const [index, record] of items.entries()) yield { kind: 'event', index, record } as ImportOutcome;
  },
};

const ev = (id: string, change: Partial<Event>): Event => ({
  id: `agenda--${id}`,
  title: `Évènement ${id}`,
  start: '2026-06-01T10:00:00+02:00',
  provenance: [{ source: 'agenda', localId: id }],
  updatedAt: '2026-05-01',
  ...change,
});

function smallFeed(calendars?: EssaimConfig['calendars']): string {
  const dir = tempDir('essaim-calendars-small-');
  mkdirSync(join(dir, 'sources'));
  writeFileSync(
    join(dir, 'sources/events.json'),
    JSON.stringify([
      ev('1', {
        categories: ['theme--alimentation'],
        themes: ['theme--alimentation'],
        place: { address: { commune: 'Nantes', cog: { departement: '44' } } },
      }),
      ev('2', { themes: ['theme--alimentation', 'Réemploi & réparation'] }),
      ev('3', { place: { address: { commune: 'Bastia', cog: { departement: '2B' } } } }),
    ]),
  );
  writeFileSync(
    join(dir, 'taxonomy.json'),
    JSON.stringify({
      id: 'test',
      version: '1',
      concepts: [
        { id: 'theme--alimentation', scheme: 'themes', slug: 'alimentation', label: { fr: 'Alimentation' } },
      ],
    }),
  );
  const licence = { id: 'ODbL-1.0', name: 'ODbL', url: 'https://opendatacommons.org/licenses/odbl/1-0/' };
  const config: EssaimConfig = {
    feed: {
      id: 'test',
      title: 'Test',
      publisher: { name: 'Test' },
      licence,
      attribution: '© test',
      updated: '2026-11-01',
    },
    sources: [
      {
        id: 'agenda',
        type: 'fake-events',
        path: 'sources/events.json',
        name: 'Agenda',
        licence,
        attribution: '© agenda',
      },
    ],
    taxonomy: 'taxonomy.json',
    output: 'feed',
    ...(calendars === undefined ? {} : { calendars }),
  };
  writeFileSync(join(dir, 'essaim.config.json'), JSON.stringify(config));
  return dir;
}

async function buildSmall(calendars?: EssaimConfig['calendars']) {
  const dir = smallFeed(calendars);
  const result = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')), {
    importers: { 'fake-events': eventsImporter },
  });
  return { feed: join(dir, 'feed'), report: result.report };
}

describe('essaim build: calendars by category and theme, and the config switches', () => {
  it('writes categorie-<slug>.ics with the taxonomy slug and label, a category and theme sharing one file', async () => {
    const { feed, report } = await buildSmall();
    expect(readdirSync(join(feed, 'calendars')).sort()).to.deep.equal([
      'all.ics',
      'categorie-alimentation.ics',
      'categorie-reemploi-reparation.ics',
      'departement-2B.ics',
      'departement-44.ics',
    ]);
    const food = readFileSync(join(feed, 'calendars/categorie-alimentation.ics'), 'utf8');
    expect(uids(food)).to.deep.equal(['agenda--1@essaim', 'agenda--2@essaim']);
    expect(food).to.include('X-WR-CALNAME:Agenda de l’ESS — Alimentation');
    expect(food).to.include('CATEGORIES:Alimentation');
    const reuse = readFileSync(join(feed, 'calendars/categorie-reemploi-reparation.ics'), 'utf8');
    expect(uids(reuse)).to.deep.equal(['agenda--2@essaim']);
    expect(report.calendars!.find((c) => c.file === 'calendars/departement-2B.ics')).to.deep.equal({
      name: 'Agenda de l’ESS — Haute-Corse (2B)',
      file: 'calendars/departement-2B.ics',
      count: 1,
    });
  });

  it('byDepartement / byCategory false leave those out; calendars: false writes none', async () => {
    const noDept = await buildSmall({ byDepartement: false });
    expect(readdirSync(join(noDept.feed, 'calendars')).sort()).to.deep.equal([
      'all.ics',
      'categorie-alimentation.ics',
      'categorie-reemploi-reparation.ics',
    ]);
    const onlyAll = await buildSmall({ byDepartement: false, byCategory: false });
    expect(readdirSync(join(onlyAll.feed, 'calendars'))).to.deep.equal(['all.ics']);
    const none = await buildSmall(false);
    expect(existsSync(join(none.feed, 'calendars'))).to.equal(false);
    expect(none.report.calendars).to.equal(undefined);
  });

  it('validates the calendars option', () => {
    expect(() =>
      parseConfig({
        ...JSON.parse(readFileSync(join(smallFeed(), 'essaim.config.json'), 'utf8')),
        calendars: { byTown: true },
      }),
    ).to.throw(/calendars/);
  });
});
