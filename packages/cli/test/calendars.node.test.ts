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
import { eventToIcs, linkFeed, type Event, type FeedManifest, type Structure } from '@essaim/sdk';
import ICAL from 'ical.js';
import { buildFeed } from '../src/build/pipeline.ts';
import { loadConfig, parseConfig, type EssaimConfig } from '../src/config.ts';
import type { ImportOutcome, Importer } from '../src/importers/types.ts';
import { formatBuildReport, type BuildReport } from '../src/report.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Calendars are named after the feed's title. */
const TITLE = (JSON.parse(readFileSync(join(ROOT, 'data/essaim.config.json'), 'utf8')) as EssaimConfig).feed
  .title;
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

  it('writes calendars/all.ics with one VEVENT per date the SDK ICS writer emits for the 48 events', () => {
    // 40 OpenAgenda events and 8 of the seeds (Mois de l'ESS 2020, six Agoras, a forum).
    expect(events).to.have.length(48);
    // No event has a rule: one VEVENT per explicit date (or their start alone).
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
    expect(cal.getFirstPropertyValue('x-wr-calname')).to.equal(`${TITLE} — tous les évènements`);
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
    expect([...byDept.keys()].sort()).to.deep.equal([
      '30',
      '31',
      '32',
      '33',
      '34',
      '35',
      '44',
      '46',
      '66',
      '75',
      '93',
    ]);
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
      `${TITLE} — Paris (75)`,
    );
  });

  it('lists the calendars in the build report, the printed summary and the manifest', () => {
    const written = readdirSync(join(out, 'calendars')).sort();
    expect(written.filter((f) => f.startsWith('departement-'))).to.have.length(11);
    expect(written.filter((f) => f.startsWith('region-'))).to.deep.equal([
      'region-11.ics',
      'region-52.ics',
      'region-53.ics',
      'region-75.ics',
      'region-76.ics',
    ]);
    expect(written.filter((f) => f.startsWith('categorie-') && !f.includes('--'))).to.deep.equal([
      'categorie-forum-salon.ics',
      'categorie-rencontre.ics',
      'categorie-webinaire.ics',
    ]);
    const onDisk = JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8')) as BuildReport;
    expect(onDisk.calendars).to.deep.equal(report.calendars);
    expect([...report.calendars!.map((c) => c.file)].sort()).to.deep.equal(
      written.map((f) => `calendars/${f}`),
    );
    expect(report.calendars![0]).to.deep.equal({
      name: `${TITLE} — tous les évènements`,
      file: 'calendars/all.ics',
      count: 48,
    });
    // Every event has one département, except the Mois de l'ESS (national) and the regional forum.
    expect(
      report.calendars!.reduce((n, c) => n + (c.file.startsWith('calendars/departement-') ? c.count : 0), 0),
    ).to.equal(46);
    expect(formatBuildReport(report, 'fr')).to.include(`calendars/departement-75.ics  ${TITLE} — Paris (75)`);
    // The manifest lists them too, relative to itself (no public base URL in this config).
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as FeedManifest;
    expect(manifest.calendars!.map((c) => c.url)).to.deep.equal(report.calendars!.map((c) => c.file));
    expect(manifest.calendars!.find((c) => c.url === 'calendars/departement-31.ics')).to.deep.equal({
      name: `${TITLE} — Haute-Garonne (31)`,
      url: 'calendars/departement-31.ics',
      count: 1,
      departement: '31',
    });
    expect(manifest.calendars!.find((c) => c.region === '76')?.count).to.equal(7);
  });

  it('counts the structure ↔ event links (the SDK linkFeed over the written feed) in the report and its text', () => {
    const structures = JSON.parse(readFileSync(join(out, 'structures.json'), 'utf8')) as Structure[];
    const expected = linkFeed(structures, events).counts;
    // The seeds' Agoras are organised by the CRESS Occitanie, the forum by the MES Occitanie.
    expect(expected.byOrganizer).to.be.greaterThan(0);
    expect(report.links).to.deep.equal({ ...expected });
    const saved = JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8')) as BuildReport;
    expect(saved.links).to.deep.equal({ ...expected });
    expect(formatBuildReport(report, 'fr')).to.include(
      `Liens structures ↔ évènements : ${expected.byOrganizer} par organisateur, ${expected.byPlace} par lieu (${expected.structuresWithEvents} structure(s) avec des évènements,`,
    );
    expect(formatBuildReport(report, 'en')).to.include(
      `Structure ↔ event links: ${expected.byOrganizer} by organiser, ${expected.byPlace} by place`,
    );
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
      'categorie-alimentation--departement-44.ics',
      'categorie-alimentation.ics',
      'categorie-reemploi-reparation.ics',
      'departement-2B.ics',
      'departement-44.ics',
    ]);
    const food = readFileSync(join(feed, 'calendars/categorie-alimentation.ics'), 'utf8');
    expect(uids(food)).to.deep.equal(['agenda--1@essaim', 'agenda--2@essaim']);
    expect(food).to.include('X-WR-CALNAME:Test — Alimentation');
    expect(food).to.include('CATEGORIES:Alimentation');
    const reuse = readFileSync(join(feed, 'calendars/categorie-reemploi-reparation.ics'), 'utf8');
    expect(uids(reuse)).to.deep.equal(['agenda--2@essaim']);
    expect(report.calendars!.find((c) => c.file === 'calendars/departement-2B.ics')).to.deep.equal({
      name: 'Test — Haute-Corse (2B)',
      file: 'calendars/departement-2B.ics',
      count: 1,
    });
  });

  it('byDepartement / byCategory false leave those out; calendars: false writes none', async () => {
    const noDept = await buildSmall({ byDepartement: false });
    // The crossed theme × département calendars do not depend on byDepartement (`by: []` turns them off).
    expect(readdirSync(join(noDept.feed, 'calendars')).sort()).to.deep.equal([
      'all.ics',
      'categorie-alimentation--departement-44.ics',
      'categorie-alimentation.ics',
      'categorie-reemploi-reparation.ics',
    ]);
    const onlyAll = await buildSmall({ byDepartement: false, byCategory: false, by: [] });
    expect(readdirSync(join(onlyAll.feed, 'calendars'))).to.deep.equal(['all.ics']);
    const none = await buildSmall(false);
    expect(existsSync(join(none.feed, 'calendars'))).to.equal(false);
    expect(none.report.calendars).to.equal(undefined);
  });

  it('with calendars.baseUrl, the manifest and each .ics give the public, absolute address', async () => {
    const { feed } = await buildSmall({ baseUrl: 'https://example.org/essaim' });
    const manifest = JSON.parse(readFileSync(join(feed, 'manifest.json'), 'utf8')) as FeedManifest;
    expect(manifest.calendars!.map((c) => c.url)).to.deep.equal([
      'https://example.org/essaim/calendars/all.ics',
      'https://example.org/essaim/calendars/departement-2B.ics',
      'https://example.org/essaim/calendars/departement-44.ics',
      'https://example.org/essaim/calendars/categorie-alimentation.ics',
      'https://example.org/essaim/calendars/categorie-reemploi-reparation.ics',
      'https://example.org/essaim/calendars/categorie-alimentation--departement-44.ics',
    ]);
    expect(manifest.calendars![3]).to.deep.include({ category: 'theme--alimentation', count: 2 });
    const text = readFileSync(join(feed, 'calendars/departement-44.ics'), 'utf8');
    expect(text).to.include('SOURCE;VALUE=URI:https://example.org/essaim/calendars/departement-44.ics');
  });

  it('crosses theme × département by default: one calendar per pair with events, named, counted and listed in the manifest', async () => {
    // Fixture events (labelled above): 1 = alimentation in 44; 2 = alimentation and a theme outside the
    // taxonomy, no place; 3 = in 2B, no theme; 4 and 5 (added here) = alimentation in 44 and 2B.
    const dir = smallFeed();
    const file = join(dir, 'sources/events.json');
    const list = JSON.parse(readFileSync(file, 'utf8')) as Event[];
    list.push(
      ev('4', { themes: ['theme--alimentation'], place: { address: { cog: { departement: '44' } } } }),
      ev('5', {
        themes: ['theme--alimentation', 'Réemploi & réparation'],
        place: { address: { cog: { departement: '2B' } } },
      }),
    );
    writeFileSync(file, JSON.stringify(list));
    const { report } = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')), {
      importers: { 'fake-events': eventsImporter },
    });
    const crossed = report.calendars!.filter((c) => c.file.includes('--'));
    expect(crossed).to.deep.equal([
      {
        name: 'Test — Alimentation — Haute-Corse (2B)',
        file: 'calendars/categorie-alimentation--departement-2B.ics',
        count: 1,
      },
      {
        name: 'Test — Alimentation — Loire-Atlantique (44)',
        file: 'calendars/categorie-alimentation--departement-44.ics',
        count: 2,
      },
      {
        name: 'Test — Réemploi & réparation — Haute-Corse (2B)',
        file: 'calendars/categorie-reemploi-reparation--departement-2B.ics',
        count: 1,
      },
    ]);
    const text = readFileSync(join(dir, 'feed/calendars/categorie-alimentation--departement-44.ics'), 'utf8');
    expect(uids(text)).to.deep.equal(['agenda--1@essaim', 'agenda--4@essaim']);
    expect(vevents(text)).to.have.length(2);
    const manifest = JSON.parse(readFileSync(join(dir, 'feed/manifest.json'), 'utf8')) as FeedManifest;
    expect(
      manifest.calendars!.find((c) => c.url === 'calendars/categorie-alimentation--departement-44.ics'),
    ).to.deep.equal({
      name: 'Test — Alimentation — Loire-Atlantique (44)',
      url: 'calendars/categorie-alimentation--departement-44.ics',
      count: 2,
      category: 'theme--alimentation',
      departement: '44',
    });
  });

  it('validates the calendars option', () => {
    const base = JSON.parse(readFileSync(join(smallFeed(), 'essaim.config.json'), 'utf8'));
    expect(() => parseConfig({ ...base, calendars: { by: ['theme'] } })).to.throw(/calendars\.by/);
    expect(() => parseConfig({ ...base, calendars: { by: ['theme', 'theme'] } })).to.throw(/calendars\.by/);
    expect(() => parseConfig({ ...base, calendars: { by: ['theme', 'commune'] } })).to.throw(/calendars/);
    expect(parseConfig({ ...base, calendars: { by: ['region', 'theme'] } }).config.calendars).to.deep.equal({
      by: ['region', 'theme'],
    });
    expect(() =>
      parseConfig({
        ...JSON.parse(readFileSync(join(smallFeed(), 'essaim.config.json'), 'utf8')),
        calendars: { byTown: true },
      }),
    ).to.throw(/calendars/);
    expect(() =>
      parseConfig({
        ...JSON.parse(readFileSync(join(smallFeed(), 'essaim.config.json'), 'utf8')),
        calendars: { baseUrl: 'example.org/essaim' },
      }),
    ).to.throw(/calendars\.baseUrl/);
  });
});
