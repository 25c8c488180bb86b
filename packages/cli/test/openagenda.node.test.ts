/**
 * The OpenAgenda importers: the real OpenDataSoft export (data/sources/openagenda/events-40.json, 40 events)
 * and the API v2 shape (test/fixtures/openagenda-v2-events.json, re-shaped from five of those events).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Event } from '@essaim/sdk';
import { expect } from 'chai';
import {
  mapAccessibility,
  mapRegistration,
  priceFromConditions,
} from '../src/importers/openagenda-common.ts';
import { openagendaExportImporter } from '../src/importers/openagenda-export.ts';
import { openagendaV2Importer } from '../src/importers/openagenda-v2.ts';
import { Warnings } from '../src/importers/shared.ts';
import { type ImportOutcome, WrongShapeError } from '../src/importers/types.ts';
import { collect, context, FIXTURES, fakePlaces, ROOT, realPlaces } from './helpers/context.ts';

type Accepted = Extract<ImportOutcome, { kind: 'event' }>;
const FILE = 'data/sources/openagenda/events-40.json';
const OFFSET = /(?:\+01:00|\+02:00)$/;

describe('openagenda-export importer: the real 40-event export', function () {
  this.timeout(60_000);
  let outcomes: ImportOutcome[];
  let events: Accepted[];
  let raw: Array<{ fields: Record<string, unknown> }>;

  before(async () => {
    raw = JSON.parse(readFileSync(resolve(ROOT, FILE), 'utf8')).records;
    const ctx = context(
      { type: 'openagenda-export', id: 'openagenda', name: 'OpenAgenda', path: FILE },
      await realPlaces(),
    );
    outcomes = await collect(openagendaExportImporter.run(ctx));
    events = outcomes.filter((o): o is Accepted => o.kind === 'event');
  });

  it('gives one outcome per event (accepted + rejected = 40), each accepted one valid', () => {
    expect(outcomes).to.have.length(40);
    expect(outcomes.map((o) => o.index)).to.deep.equal(raw.map((_, i) => i));
    expect(events.length + outcomes.filter((o) => o.kind === 'rejected').length).to.equal(40);
    for (const o of events) expect(Event.safeParse(o.record).success, o.record.id).to.equal(true);
    expect(events).to.have.length(40);
  });

  it('turns every timing into an occurrence, keeping its +01:00/+02:00 offset', () => {
    events.forEach((o, i) => {
      const timings = JSON.parse(raw[i]!.fields.timings as string) as Array<{ begin: string; end: string }>;
      // The all-day entries (Mai à Vélo, 32 shifted slots) become whole days: see the next test.
      if (!o.record.allDay) expect(o.record.occurrences, o.record.id).to.have.length(timings.length);
      for (const occ of o.record.occurrences ?? []) {
        expect(occ.start).to.match(OFFSET);
        expect(occ.end).to.match(OFFSET);
      }
    });
    const molière = events.find((o) => o.record.id === 'openagenda--97454717')!.record;
    expect(molière.occurrences).to.have.length(41);
    expect(molière.start).to.equal('2026-01-14T20:30:00+01:00');
    // Winter and summer in the same file.
    const offsets = new Set(events.flatMap((o) => o.record.occurrences!.map((x) => x.start.slice(-6))));
    expect([...offsets].sort()).to.deep.equal(['+01:00', '+02:00']);
  });

  it('reads the organisers’ all-day entries shifted by the time zone as whole days (Mai à Vélo: 1–31 May)', () => {
    const shifted = raw.filter((r) => {
      const t = JSON.parse(r.fields.timings as string) as Array<{ begin: string; end: string }>;
      return t.length > 1 && t[0]!.begin.endsWith('T00:00:00+02:00') && t[0]!.end.endsWith('T01:59:59+02:00');
    });
    expect(shifted.length).to.equal(7); // the 7 organisers of Mai à Vélo in this extract
    for (const r of shifted) {
      const o = events.find((x) => x.record.id === `openagenda--${r.fields.uid}`)!;
      const e = o.record;
      expect(e.allDay, e.id).to.equal(true);
      expect(e.occurrences, e.id).to.have.length(31);
      expect(e.occurrences![0]).to.deep.equal({
        start: '2026-05-01T00:00:00+02:00',
        end: '2026-05-02T00:00:00+02:00',
      });
      expect(e.occurrences![30]).to.deep.equal({
        start: '2026-05-31T00:00:00+02:00',
        end: '2026-06-01T00:00:00+02:00',
      });
      expect(e.start).to.equal('2026-05-01T00:00:00+02:00');
      expect(e.end).to.equal('2026-06-01T00:00:00+02:00');
      expect(o.warnings?.map((x) => x.code)).to.include('occurrences-whole-days');
    }
    // Timed events stay timed.
    expect(events.filter((o) => o.record.allDay)).to.have.length(shifted.length);
  });

  it('keeps image credits with the image, and the place’s phone, website and access', () => {
    for (const [i, r] of raw.entries()) {
      const e = events[i]!.record;
      const credit = r.fields.imagecredits as string | undefined;
      if (credit && /[\p{L}\p{N}]/u.test(credit)) expect(e.imageCredit, e.id).to.equal(credit.trim());
      else expect(e.imageCredit, e.id).to.equal(undefined);
      if (r.fields.location_website) expect(e.place?.contacts?.website, e.id).to.match(/^https?:\/\//);
      if (r.fields.location_phone) expect(e.place?.contacts?.phone, e.id).to.be.a('string');
      if (r.fields.location_access_fr) expect(e.place?.access, e.id).to.be.a('string');
    }
    const cite = events.find((o) => o.record.id === 'openagenda--78819197')!.record;
    expect(cite.imageCredit).to.equal('© N. Breton - EPPDCSI - 2026');
    expect(cite.place?.contacts).to.deep.equal({
      phone: '01 85 53 99 74',
      website: 'http://www.cite-sciences.fr/',
    });
    expect(cite.place?.access).to.match(/^Paris périphérique nord, sortie Porte de la Villette/);
    // A bare "©" names nobody: dropped, with a warning.
    const bare = events.find((o) => o.record.id === 'openagenda--97951939')!;
    expect(bare.record.imageCredit).to.equal(undefined);
    expect(bare.warnings?.map((x) => x.code)).to.include('image-credit-empty');
  });

  it('maps the first event fully', () => {
    const e = events[0]!.record;
    expect(e).to.deep.include({
      id: 'openagenda--52614576',
      status: 'scheduled',
      attendanceMode: 'offline',
      start: '2026-03-18T09:00:00+01:00',
      end: '2026-03-19T16:00:00+01:00',
      updatedAt: '2026-03-13T16:28:18+01:00',
      timeZone: 'Europe/Paris',
    });
    expect(e.place?.address).to.deep.include({
      street: '1 Place de la Porte de Versailles',
      postcode: '75015',
      commune: 'Paris',
    });
    expect(e.place?.address?.cog).to.deep.equal({
      commune: '75056',
      epci: '200054781',
      departement: '75',
      region: '11',
    });
    expect(e.place?.geo).to.deep.equal({ lat: 48.832462, lon: 2.287854 });
    expect(e.longDescription).to.not.match(/<strong>|&amp;/);
    expect(e.longDescription).to.include('ECE (Expertise, Conseils & Études)');
    expect(e.provenance[0]).to.deep.include({
      source: 'openagenda',
      name: 'SolutionsCSE',
      localId: '52614576',
    });
    expect(e.provenance[0]?.url).to.equal(e.url);
  });

  it('derives the département and région where the export has no INSEE code', () => {
    const noInsee = raw.filter((r) => !r.fields.location_insee).map((r) => `openagenda--${r.fields.uid}`);
    expect(noInsee).to.have.length(7);
    for (const id of noInsee) {
      const cog = events.find((o) => o.record.id === id)!.record.place?.address?.cog;
      expect(cog, id).to.deep.include({ commune: '75056', departement: '75', region: '11' });
    }
    const rennes = events.find((o) => o.record.place?.address?.commune === 'Rennes')!.record;
    expect(rennes.place?.address?.cog).to.deep.include({ commune: '35238', departement: '35', region: '53' });
    expect(events.every((o) => o.record.place?.address?.cog?.region)).to.equal(true);
  });

  it('maps accessibility, registration, ages, keywords and prices', () => {
    const art = events.find((o) => o.record.id === 'openagenda--59694103')!.record;
    expect(art.accessibility).to.deep.equal({ hearing: true, visual: true, motor: true, intellectual: true });
    expect(art.registration).to.deep.equal([{ kind: 'url', value: 'https://www.artcapital.fr/billetterie' }]);
    expect(art.keywords).to.include('salon des artistes français');
    const withAge = events.filter((o) => o.record.audience);
    expect(withAge.length).to.equal(
      raw.filter((r) => r.fields.age_min !== undefined || r.fields.age_max !== undefined).length,
    );
    expect(events.filter((o) => o.record.registration?.length)).to.have.length(17);
    expect(events.filter((o) => o.record.accessibility)).to.have.length(12);
    const pass = events.find((o) => o.record.registration?.some((r) => r.value.includes('passculture')));
    expect(pass, 'the passCulture registration').to.not.equal(undefined);
  });

  it('throws a WrongShapeError on another shape', async () => {
    const ctx = context(
      { type: 'openagenda-export', path: 'data/sources/transiscope-idf/taxonomy-transiscope.json' },
      fakePlaces,
    );
    let error: unknown;
    try {
      await collect(openagendaExportImporter.run(ctx));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(WrongShapeError);
  });
});

describe('openagenda-v2 importer: API v2 events re-shaped from the real export', () => {
  let events: Accepted[];
  let outcomes: ImportOutcome[];
  before(async () => {
    const ctx = context(
      {
        type: 'openagenda-v2',
        id: 'openagenda',
        name: 'OpenAgenda',
        path: resolve(FIXTURES, 'openagenda-v2-events.json'),
      },
      fakePlaces,
    );
    outcomes = await collect(openagendaV2Importer.run(ctx));
    events = outcomes.filter((o): o is Accepted => o.kind === 'event');
  });

  it('accepts the five events, valid', () => {
    expect(outcomes).to.have.length(5);
    expect(events).to.have.length(5);
    for (const o of events) expect(Event.safeParse(o.record).success).to.equal(true);
  });

  it('gives the same event as the export for the same source event', async () => {
    const exp = await collect(
      openagendaExportImporter.run(
        context({ type: 'openagenda-export', id: 'openagenda', name: 'OpenAgenda', path: FILE }, fakePlaces),
      ),
    );
    for (const o of events) {
      const twin = exp.find((x) => x.kind === 'event' && x.record.id === o.record.id) as Accepted;
      const pick = (e: Accepted['record']) => ({
        title: e.title,
        start: e.start,
        end: e.end,
        occurrences: e.occurrences,
        status: e.status,
        attendanceMode: e.attendanceMode,
        place: e.place,
        url: e.url,
        accessibility: e.accessibility,
        registration: e.registration,
        audience: e.audience,
        keywords: e.keywords,
        image: e.image,
        provenance: e.provenance,
      });
      expect(pick(o.record), o.record.id).to.deep.equal(pick(twin.record));
    }
  });

  it('reads multilingual texts, numeric codes and the image object', () => {
    const e = events.find((o) => o.record.id === 'openagenda--78819197')!.record;
    expect(e.audience).to.deep.equal({ ageMin: 6 });
    expect(e.image).to.match(/^https:\/\/cdn\.openagenda\.com\/main\/.+\.base\.image\.jpg$/);
    expect(e.url).to.match(/^https:\/\/openagenda\.com\/[^/]+\/events\//);
  });
});

describe('openagenda helpers', () => {
  it('maps accessibility codes from the export string and the API object', () => {
    expect(mapAccessibility('hi;pi;mi;ii')).to.deep.equal({
      hearing: true,
      psychic: true,
      motor: true,
      intellectual: true,
    });
    expect(mapAccessibility({ hi: false, vi: true, pi: false, mi: false, ii: false })).to.deep.equal({
      visual: true,
    });
    expect(mapAccessibility(null)).to.equal(undefined);
  });
  it('checks registration entries', () => {
    const w = new Warnings();
    expect(
      mapRegistration(
        '[{"type": "link", "value": "https://challenge-maiavelo.geovelo.fr/"}, {"type": "email", "value": "asso@lesjeunesambitieux.fr"}, {"type": "phone", "value": "33142792424"}, {"type": "link", "value": "javascript:alert(1)"}]',
        w,
      ),
    ).to.deep.equal([
      { kind: 'url', value: 'https://challenge-maiavelo.geovelo.fr/' },
      { kind: 'email', value: 'asso@lesjeunesambitieux.fr' },
      { kind: 'phone', value: '01 42 79 24 24' },
    ]);
    expect(w.list.map((x) => x.code)).to.deep.equal(['url-unsafe']);
  });
  it('reads free and paid conditions', () => {
    expect(priceFromConditions('Entrée libre sans réservation')).to.deep.equal({
      free: true,
      details: 'Entrée libre sans réservation',
    });
    expect(priceFromConditions('Tarif Réduit : 15€ | Tarif Plein : 19€')?.free).to.equal(false);
    expect(priceFromConditions('sur inscription')).to.equal(undefined);
    // A ticket office is not a price.
    expect(priceFromConditions('Gratuit, sur réservation sur la billetterie')?.free).to.equal(true);
    expect(priceFromConditions('https://www.artcapital.fr/billetterie')).to.equal(undefined);
    expect(priceFromConditions('Tarif unique : 10€')?.free).to.equal(false);
    expect(priceFromConditions('Tarifs habituels du cinéma')?.free).to.equal(false);
    expect(priceFromConditions('Gratuit pour les enfants, 12 € pour les adultes')?.free).to.equal(false);
  });
});
