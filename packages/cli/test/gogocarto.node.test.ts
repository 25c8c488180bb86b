/**
 * The GoGoCarto importer on the real Transiscope export (data/sources/transiscope-idf, 4,466 records), with
 * the real places lookup (@essaim/sdk/places).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Structure } from '@essaim/sdk';
import { expect } from 'chai';
import { gogocartoImporter, readGogoTaxonomy, TRANSISCOPE_CATEGORIES } from '../src/importers/gogocarto.ts';
import type { ImportOutcome } from '../src/importers/types.ts';
import { WrongShapeError } from '../src/importers/types.ts';
import {
  collect,
  context,
  FIXTURES,
  fakePlaces,
  ROOT,
  realPlaces,
  taxonomy,
  removeTempDirs,
  tempDir,
} from './helpers/context.ts';

const FILE = 'data/sources/transiscope-idf/transiscope.json';
const TAXONOMY = 'data/sources/transiscope-idf/taxonomy-transiscope.json';
const MISSING_FROM_TAXONOMY = ['35', '41', '51', '53', '57', '58', '63', '68', '73'];

type Accepted = Extract<ImportOutcome, { kind: 'structure' }>;

after(removeTempDirs);
describe('gogocarto importer: the real Transiscope file', function () {
  this.timeout(120_000);
  let outcomes: ImportOutcome[];
  let accepted: Accepted[];
  let raw: Array<Record<string, unknown>>;

  before(async () => {
    raw = JSON.parse(readFileSync(resolve(ROOT, FILE), 'utf8')).data;
    const ctx = context(
      {
        type: 'gogocarto',
        id: 'transiscope',
        name: 'Transiscope',
        path: FILE,
        options: { taxonomy: TAXONOMY },
      },
      await realPlaces(),
    );
    outcomes = await collect(gogocartoImporter.run(ctx));
    accepted = outcomes.filter((o): o is Accepted => o.kind === 'structure');
  });

  it('gives one outcome per record, in order (accepted + rejected = 4,466)', () => {
    expect(raw).to.have.length(4466);
    expect(outcomes).to.have.length(4466);
    expect(outcomes.map((o) => o.index)).to.deep.equal(raw.map((_, i) => i));
    const rejected = outcomes.filter((o) => o.kind === 'rejected');
    expect(accepted.length + rejected.length).to.equal(4466);
  });

  it('gives every rejection its reasons, in French and English', () => {
    for (const o of outcomes) {
      if (o.kind !== 'rejected') continue;
      expect(o.reasons).to.not.be.empty;
      for (const r of o.reasons) {
        expect(r.fr).to.be.a('string').and.not.empty;
        expect(r.en).to.be.a('string').and.not.empty;
      }
    }
  });

  it('accepts only records that pass the SDK Structure schema, with unique ids', () => {
    for (const o of accepted) {
      const r = Structure.safeParse(o.record);
      expect(r.success, `${o.record.id}: ${JSON.stringify(r.error?.issues)}`).to.equal(true);
    }
    expect(new Set(accepted.map((o) => o.record.id)).size).to.equal(accepted.length);
    // The sources' record count: every record of this file is usable.
    expect(accepted).to.have.length(4466);
  });

  it('keeps the coordinates, finds postcodes, and derives COG codes', () => {
    const withGeo = accepted.filter((o) => o.record.geo).length;
    const withPostcode = accepted.filter((o) => o.record.address?.postcode).length;
    const fromStreet = accepted.filter((o) =>
      o.warnings?.some((w) => w.code === 'postcode-from-street'),
    ).length;
    const withCommune = accepted.filter((o) => o.record.address?.cog?.commune).length;
    const withEpci = accepted.filter((o) => o.record.address?.cog?.epci).length;
    const withRegion = accepted.filter((o) => o.record.address?.cog?.region).length;
    expect(withGeo).to.equal(4466); // all coordinates are plausible in this file (numbers or strings)
    expect(withPostcode).to.be.within(4050, 4070); // ~2,000 lack postalCode; most have it in the street
    expect(fromStreet).to.be.at.least(1200);
    expect(withCommune).to.be.at.least(4400);
    expect(withEpci).to.be.at.least(4300);
    expect(withRegion).to.equal(withCommune);
  });

  it('maps categories to themes and keeps every unmapped id, including the 9 missing from the taxonomy', () => {
    const themeIds = new Set(taxonomy.concepts.map((c) => c.id));
    for (const o of accepted)
      for (const t of o.record.themes ?? []) expect(themeIds.has(t), t).to.equal(true);
    expect(accepted.filter((o) => o.record.themes?.length).length).to.be.at.least(4100);
    const count = (id: string) =>
      accepted.filter((o) => o.record.provenance[0]?.unmappedCategories?.includes(id)).length;
    const inData = (id: string) =>
      raw.filter((r) => (r.categories as number[]).map(String).includes(id)).length;
    for (const id of MISSING_FROM_TAXONOMY) expect(count(id), `category ${id}`).to.equal(inData(id));
    // "30 Producteurs, fournisseurs" has no concept: kept too.
    expect(count('30')).to.equal(inData('30'));
  });

  it('reads the first record fully (Près de chez nous, per-day opening hours)', () => {
    const r = accepted[0]!.record;
    expect(r).to.deep.include({ id: 'transiscope--3vu5', name: 'POUSSE Marie-Thérèse', family: 'autre' });
    expect(r.themes).to.deep.equal(['theme--agriculture', 'theme--alimentation']);
    expect(r.openingHours).to.equal('Mo-Su 10:00-12:00,15:00-19:00');
    expect(r.address).to.deep.include({
      street: "Lieu-dit L'abbaye",
      postcode: '28140',
      commune: 'Nottonville',
    });
    expect(r.address?.cog).to.deep.equal({
      commune: '28283',
      epci: '200070159',
      departement: '28',
      region: '24',
    });
    expect(r.provenance[0]).to.deep.include({
      source: 'transiscope',
      name: 'Transiscope (Près De Chez Nous)',
      localId: '3vu5',
      url: 'https://presdecheznous.fr/annuaire#/fiche/id/DHM',
      editUrl: 'https://presdecheznous.fr/elements/edit/DHM',
    });
    // "updatedAt" appears twice in this object: JSON.parse keeps the last one ("29/12/2017").
    expect(r.updatedAt).to.equal('2017-12-29');
    expect(r.createdAt).to.equal('2019-03-14T09:45:00+01:00');
  });

  const byId = (id: string) => accepted.find((o) => o.record.id === `transiscope--${id}`)!;

  it('reads Festisol addresses from the misspelled key "adress", with a warning', () => {
    const o = byId('40YG');
    expect(o.record.address).to.deep.include({
      street: '5 rue Vangeon',
      postcode: '28000',
      commune: 'Chartres',
    });
    expect(o.record.address?.cog?.commune).to.equal('28085');
    expect(o.warnings?.map((w) => w.code)).to.include('misspelled-key');
    expect(o.record.description).to.include("Acat 28 'Association des Chrétiens");
    expect(o.record.provenance[0]?.unmappedCategories).to.deep.equal(['73']);
  });

  it('splits phone fields and fixes what can be fixed', () => {
    expect(byId('3xXk').record.contacts).to.deep.include({
      phone: '09 65 31 74 25',
      phones: ['09 65 31 74 25', '06 08 48 32 33'],
    });
    const lost = byId('3xhg');
    expect(lost.record.contacts?.phones).to.deep.equal(['09 54 58 88 79', '06 60 16 62 89']);
    expect(lost.warnings?.map((w) => w.code)).to.include('phone-leading-zero');
    expect(byId('3yQk').record.contacts?.website).to.equal('http://terresfertiles.com/');
  });

  it('fixes postcodes given as numbers or with 4 digits, and refuses impossible ones', () => {
    expect(byId('3yMt').record.address?.postcode).to.equal('91460');
    const four = byId('3yBR');
    expect(four.record.address?.postcode).to.equal('02400');
    expect(four.warnings?.map((w) => w.code)).to.include('postcode-leading-zero');
    const bad = byId('3yWB'); // postalCode 750132
    expect(bad.record.address?.postcode).to.equal(undefined);
    expect(bad.warnings?.map((w) => w.code)).to.include('postcode-invalid');
  });

  it('drops GoGoCarto "00:00-00:00" days and prefers the longer HTML description when it says more', () => {
    expect(byId('3wBw').record.openingHours).to.equal('Tu 17:30-22:00');
    expect(byId('3xux').record.description).to.not.match(/<p>|&eacute;/);
  });

  it('infers families only from what records say about themselves', () => {
    const families = new Map<string, number>();
    for (const o of accepted) families.set(o.record.family, (families.get(o.record.family) ?? 0) + 1);
    expect(families.get('autre')).to.be.greaterThan(3500);
    expect(families.get('association')).to.be.within(500, 700);
    expect(byId('3vu5').record.family).to.equal('autre');
  });
});

describe('gogocarto importer: shapes and options', () => {
  it('reads the Transiscope taxonomy (@graph) with parents', () => {
    const tax = readGogoTaxonomy(JSON.parse(readFileSync(resolve(ROOT, TAXONOMY), 'utf8')));
    expect(tax.size).to.equal(50);
    expect(tax.get('3')).to.deep.equal({ id: '3', label: 'Agriculture et alimentation', parent: '33' });
    for (const id of MISSING_FROM_TAXONOMY) expect(tax.has(id)).to.equal(false);
    // Every concept of the built-in table exists in our taxonomy.
    const ids = new Set(taxonomy.concepts.map((c) => c.id));
    for (const m of Object.values(TRANSISCOPE_CATEGORIES))
      for (const c of [...(m.themes ?? []), ...(m.publics ?? [])]) expect(ids.has(c), c).to.equal(true);
  });

  it('rejects only unusable records, with their reasons; a record without a date is kept with its date unknown', async () => {
    const raw = JSON.parse(readFileSync(resolve(ROOT, FILE), 'utf8')).data.slice(0, 5);
    const data = [
      raw[0],
      { ...raw[1], name: '  ' },
      { ...raw[2], id: '' },
      raw[0],
      'pas un objet',
      { ...raw[3], updatedAt: 'hier', createdAt: null },
    ];
    const dir = tempDir('essaim-gogo-');
    writeFileSync(join(dir, 'gogo.json'), JSON.stringify({ data }));
    const out = await collect(
      gogocartoImporter.run(
        context({ type: 'gogocarto', id: 't', name: 'T', path: join(dir, 'gogo.json') }, fakePlaces),
      ),
    );
    expect(out.map((o) => o.kind)).to.deep.equal([
      'structure',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'structure',
    ]);
    expect(out.flatMap((o) => (o.kind === 'rejected' ? o.reasons.map((r) => r.code) : []))).to.deep.equal([
      'no-name',
      'no-id',
      'duplicate-id',
      'not-an-object',
    ]);
    // No usable date: never the build day, the update date is unknown (and said so).
    const undated = out[5] as Extract<ImportOutcome, { kind: 'structure' }>;
    expect(undated.record.updatedAt).to.equal(undefined);
    expect(undated.record.provenance[0]?.updatedAt).to.equal(undefined);
    expect(undated.warnings?.map((w) => w.code)).to.include.members(['date-invalid', 'updated-at-unknown']);
    // Without the taxonomy file, categories are mapped by the table; headings and unknown ids are kept.
    const first = out[0] as Extract<ImportOutcome, { kind: 'structure' }>;
    expect(first.record.themes).to.deep.equal(['theme--agriculture', 'theme--alimentation']);
    expect(first.record.provenance[0]?.unmappedCategories).to.deep.equal(['33', '4']);
  });

  it('throws a WrongShapeError naming what it expected', async () => {
    const ctx = context(
      { type: 'gogocarto', path: resolve(FIXTURES, 'openagenda-v2-events.json') },
      fakePlaces,
    );
    try {
      await collect(gogocartoImporter.run(ctx));
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(WrongShapeError);
      expect((err as Error).message).to.include('"data" array');
    }
  });
});
