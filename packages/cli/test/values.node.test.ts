/**
 * Values true field by field (issue 11): update dates never invented, foreign addresses kept as written,
 * a place for every record that has one, official commune names. Small fixtures written by this test,
 * each labelled; the commune lookups are the real COG list (`realPlaces`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { departementOf } from '../src/build/shard.ts';
import { normalizeLocation, Warnings } from '../src/importers/shared.ts';
import { csvImporter } from '../src/importers/tabular.ts';
import type { ImportOutcome, PlacesLookup } from '../src/importers/types.ts';
import { extractPostcode, normalizeCountry, parsePhones, splitAddressLine } from '../src/normalize/index.ts';
import { collect, context, fakePlaces, realPlaces, removeTempDirs, tempDir } from './helpers/context.ts';

type S = Extract<ImportOutcome, { kind: 'structure' }>;

/** Runs the csv importer on `csv` (a fixture of a few lines) with `mapping`. */
async function importCsv(
  csv: string,
  mapping: unknown,
  places: PlacesLookup = fakePlaces,
): Promise<ImportOutcome[]> {
  const dir = tempDir('essaim-values-');
  writeFileSync(join(dir, 'f.csv'), csv);
  return collect(
    csvImporter.run(
      context({ type: 'csv', id: 'f', name: 'F', path: join(dir, 'f.csv'), options: { mapping } }, places),
    ),
  );
}
const codes = (o: ImportOutcome) => (o.kind === 'rejected' ? [] : (o.warnings ?? []).map((w) => w.code));

after(removeTempDirs);

describe('values: update dates are never the build day', () => {
  it('leaves the update date unknown (with a warning) when the row has none, and uses defaults.updatedAt', async () => {
    const csv = 'nom;maj\nLa Ressourcerie;Décembre 2019\nLe Jardin partagé;\n';
    const mapping = { id: { columns: ['nom'] }, fields: { name: 'nom', updatedAt: 'maj' } };
    const [dated, undated] = (await importCsv(csv, mapping)) as S[];
    expect(dated!.record.updatedAt).to.equal('2019-12-01');
    expect(undated!.record.updatedAt).to.equal(undefined);
    expect(undated!.record.provenance[0]!.updatedAt).to.equal(undefined);
    expect(codes(undated!)).to.include('updated-at-unknown');
    const withDefault = (await importCsv(csv, { ...mapping, defaults: { updatedAt: '2021-06-30' } })) as S[];
    expect(withDefault[1]!.record.updatedAt).to.equal('2021-06-30');
  });
});

describe('values: French rules only for French addresses', () => {
  it('turns country names in any language and ISO codes into ISO 3166-1 alpha-2', () => {
    const cases: Array<[unknown, string]> = [
      ['France', 'FR'],
      ['Österreich', 'AT'],
      ['Austria', 'AT'],
      ['България', 'BG'],
      ['Royaume-Uni', 'GB'],
      ['United Kingdom', 'GB'],
      ['UK', 'GB'],
      ['Portugal', 'PT'],
      ['AUT', 'AT'],
      ['be', 'BE'],
      [250, 'FR'],
      ['Guadeloupe', 'GP'],
    ];
    for (const [raw, code] of cases) expect(normalizeCountry(raw).value, String(raw)).to.equal(code);
    expect(normalizeCountry('Atlantide').notes.map((n) => n.code)).to.deep.equal(['country-unknown']);
  });

  it('keeps foreign postcodes as written: no zero-padding, nothing dropped, no COG codes', () => {
    const cases: Array<[string, unknown, string]> = [
      ['Österreich', '1000', 'AT'],
      ['Bulgaria', 1000, 'BG'],
      ['United Kingdom', 'SW1A 1AA', 'GB'],
      ['Portugal', '1200-195', 'PT'],
    ];
    for (const [country, postcode, code] of cases) {
      const w = new Warnings();
      const loc = normalizeLocation(
        fakePlaces,
        { street: '1 High Street', postcode, commune: 'Hauptstadt', country },
        w,
      );
      expect(loc.address, country).to.deep.equal({
        street: '1 High Street',
        postcode: String(postcode),
        commune: 'Hauptstadt',
        country: code,
      });
      expect(w.list, country).to.deep.equal([]);
    }
    // The same "1000" in France is a postcode that lost its leading zero.
    const fr = normalizeLocation(fakePlaces, { postcode: '1000', country: 'France' }, new Warnings());
    expect(fr.address?.postcode).to.equal('01000');
  });

  it('keeps the lines of a multi-line address and invents no postcode across them', () => {
    for (const country of ['United Kingdom', undefined]) {
      const w = new Warnings();
      const loc = normalizeLocation(fakePlaces, { street: 'Po Box 63\n116 Commercial Road', country }, w);
      expect(loc.address?.street, String(country)).to.equal('Po Box 63\n116 Commercial Road');
      expect(loc.address?.postcode, String(country)).to.equal(undefined);
    }
  });

  it('never reads a box number as a postcode (BP, CS, TSA, Po Box)', () => {
    expect(splitAddressLine('7 boulevard Jean Delautre - BP 50028 -')).to.deep.equal({
      street: '7 boulevard Jean Delautre - BP 50028 -',
    });
    expect(splitAddressLine('CS 70001 33000 Bordeaux')).to.deep.equal({
      street: 'CS 70001',
      postcode: '33000',
      commune: 'Bordeaux',
    });
    expect(extractPostcode('TSA 12345')).to.equal(undefined);
    const loc = normalizeLocation(fakePlaces, { street: 'B.P. 63116 Commercial Road' }, new Warnings());
    expect(loc.address).to.deep.equal({ street: 'B.P. 63116 Commercial Road' });
  });

  it('shards a foreign address by no French département', () => {
    expect(departementOf({ postcode: '10115', commune: 'Berlin', country: 'DE' })).to.equal(undefined);
    expect(departementOf({ postcode: '10000', commune: 'Troyes' })).to.equal('10');
    expect(departementOf({ postcode: '97110', commune: 'Pointe-à-Pitre', country: 'GP' })).to.equal('971');
  });

  it('formats phone numbers the French way only for French records', () => {
    expect(parsePhones('020 7946 0958', { country: 'GB' }).value).to.deep.equal(['020 7946 0958']);
    expect(parsePhones('+44 20 7946 0958', { country: 'GB' }).value).to.deep.equal(['+442079460958']);
    expect(parsePhones('01 234 5678', { country: 'AT' }).value).to.deep.equal(['01 234 5678']);
    // In France an 8-digit number is impossible, and a 9-digit one lost its zero.
    expect(parsePhones('01 234 5678').value).to.equal(undefined);
    expect(parsePhones('590 12 34 56', { country: 'GP' }).value).to.deep.equal(['05 90 12 34 56']);
  });

  it('imports a CSV of European structures without altering their postcodes (fixture)', async () => {
    const csv = [
      'nom,rue,cp,ville,pays,tel',
      'Wiener Sozialgenossenschaft,Praterstraße 1,1020,Wien,Österreich,+43 1 234 5678',
      'Кооперация София,ул. Витоша 1,1000,София,България,',
      'Kent Community Energy,"Po Box 63\n116 Commercial Road",ME14 1XX,Maidstone,United Kingdom,01622 123456',
      'Cooperativa Lisboa,Rua Augusta 10,1100-053,Lisboa,Portugal,',
      'Ressourcerie,12 rue de la Paix,2400,Château-Thierry,France,',
    ].join('\n');
    const mapping = {
      id: { columns: ['nom'] },
      fields: {
        name: 'nom',
        'address.street': 'rue',
        'address.postcode': 'cp',
        'address.commune': 'ville',
        'address.country': 'pays',
        'contacts.phone': 'tel',
      },
      defaults: { updatedAt: '2024-01-01' },
    };
    const out = (await importCsv(csv, mapping)) as S[];
    expect(out.map((o) => o.kind)).to.deep.equal(Array(5).fill('structure'));
    expect(out.map((o) => [o.record.address?.postcode, o.record.address?.country])).to.deep.equal([
      ['1020', 'AT'],
      ['1000', 'BG'],
      ['ME14 1XX', 'GB'],
      ['1100-053', 'PT'],
      ['02400', 'FR'],
    ]);
    expect(out[2]!.record.address?.street).to.equal('Po Box 63\n116 Commercial Road');
    expect(out[2]!.record.contacts?.phone).to.equal('01622 123456');
    expect(out[0]!.record.address?.cog).to.equal(undefined);
  });
});

describe('values: official commune names and a place for every record that has one (real COG list)', function (this: Mocha.Suite) {
  this.timeout(60_000);
  let places: PlacesLookup;
  before(async () => {
    places = await realPlaces();
  });

  it('shows the official COG name, keeps the written text in provenance and warns', () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ postcode: '17000', commune: 'Rochelle' }, 'La Rochelle', '17300'],
      [{ postcode: '13013', commune: 'MARSEILLE 13EME ARRONDISS' }, 'Marseille', '13055'],
      [{ postcode: '93200', commune: 'Saint denis' }, 'Saint-Denis', '93066'],
      [{ insee: '94041', commune: 'Ivry sur seine' }, 'Ivry-sur-Seine', '94041'],
      [{ postcode: '94600', commune: 'CHOISY LE ROI' }, 'Choisy-le-Roi', '94022'],
    ];
    for (const [input, official, code] of cases) {
      const w = new Warnings();
      const loc = normalizeLocation(places, input, w);
      expect(loc.address?.commune, String(input.commune)).to.equal(official);
      expect(loc.address?.cog?.commune, String(input.commune)).to.equal(code);
      expect(w.asWritten).to.deep.equal({ 'address.commune': input.commune });
      expect(w.list.map((x) => x.code)).to.include('commune-official-name');
    }
    const same = new Warnings();
    expect(
      normalizeLocation(places, { postcode: '75011', commune: 'Paris' }, same).address?.commune,
    ).to.equal('Paris');
    expect(same.asWritten).to.deep.equal({});
  });

  it('places a record without coordinates at its commune centre, marked approximate', () => {
    const w = new Warnings();
    const loc = normalizeLocation(
      places,
      { street: '3 rue Sainte-Claire', postcode: '17000', commune: 'Rochelle' },
      w,
    );
    expect(loc.geo?.precision).to.equal('commune');
    expect(loc.geo!.lat).to.be.within(46.1, 46.2);
    expect(loc.geo!.lon).to.be.within(-1.2, -1.1);
    expect(w.list.map((x) => x.code)).to.include('geo-commune-centre');
    // A point given by the source stays exact (no precision); nothing at all gives no place.
    const exact = normalizeLocation(places, { postcode: '17000', lat: 46.16, lon: -1.15 }, new Warnings());
    expect(exact.geo).to.deep.equal({ lat: 46.16, lon: -1.15 });
    expect(normalizeLocation(places, { street: 'Quelque part' }, new Warnings()).geo).to.equal(undefined);
  });

  it('places nothing on a commune name that several communes bear (no guess), and says so', () => {
    const w = new Warnings();
    const loc = normalizeLocation(places, { commune: 'Beaumont' }, w);
    expect(loc.geo).to.equal(undefined);
    expect(loc.address).to.deep.equal({ commune: 'Beaumont' });
    expect(w.list.map((x) => x.code)).to.deep.equal(['commune-not-found']);
    // With its postcode, or a name only one commune bears, it is found and placed.
    expect(
      normalizeLocation(places, { commune: 'Beaumont', postcode: '63110' }, new Warnings()).geo?.precision,
    ).to.equal('commune');
    expect(
      normalizeLocation(places, { commune: 'Ivry sur seine' }, new Warnings()).address?.cog?.commune,
    ).to.equal('94041');
  });

  it('a CSV row keeps the written commune in its provenance (asWritten)', async () => {
    const csv = 'nom,cp,ville\nLa Matière,17000,Rochelle\n';
    const mapping = {
      id: { columns: ['nom'] },
      fields: { name: 'nom', 'address.postcode': 'cp', 'address.commune': 'ville' },
    };
    const [o] = (await importCsv(csv, mapping, places)) as S[];
    expect(o!.record.address?.commune).to.equal('La Rochelle');
    expect(o!.record.provenance[0]!.asWritten).to.deep.equal({ 'address.commune': 'Rochelle' });
    expect(o!.record.geo?.precision).to.equal('commune');
  });
});
