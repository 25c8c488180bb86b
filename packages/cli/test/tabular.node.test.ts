/**
 * The generic csv and geojson importers, on spreadsheets and maps this test derives from real Transiscope
 * records (data/sources/transiscope-idf): what a publisher exporting its directory could have, written in
 * Windows-1252 with ";" and decimal commas, or in UTF-8 with a BOM and one "lat,lon" column like La Poste's
 * file, or as GeoJSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Structure } from '@essaim/sdk';
import { expect } from 'chai';
import { TRANSISCOPE_CATEGORIES } from '../src/importers/gogocarto.ts';
import { MappingError } from '../src/mapping/check.ts';
import { csvImporter, geojsonImporter, geometryPoint, loadMapping } from '../src/importers/tabular.ts';
import { type ImportOutcome, WrongShapeError } from '../src/importers/types.ts';
import { decodeWindows1252, normalizeCoordinates } from '../src/normalize/index.ts';
import { collect, context, fakePlaces, ROOT, taxonomy, removeTempDirs, tempDir } from './helpers/context.ts';

type S = Extract<ImportOutcome, { kind: 'structure' }>;
// biome-ignore lint/suspicious/noExplicitAny: raw records of the real file, read loosely to build test inputs
type Raw = Record<string, any>;

const all: Raw[] = JSON.parse(
  readFileSync(resolve(ROOT, 'data/sources/transiscope-idf/transiscope.json'), 'utf8'),
).data;
/** The first 300 records (Près de chez nous, Cap ou pas cap, MES…), a few with known defects, and the first one of category 30. */
const rows: Raw[] = [
  ...new Set([
    ...all.slice(0, 300),
    ...['3yWB', '3yBR', '3xhg', '3xXk', '40YG'].map((id) => all.find((r) => r.id === id)!),
    all.find((r) => (r.categories as number[]).includes(30))!,
  ]),
];

const label = (id: string) => taxonomy.concepts.find((c) => c.id === id)!.label.fr;
/** Our theme labels for a record's categories, plus the Transiscope label of one unmapped category. */
function themeCell(r: Raw): string {
  const out = new Set<string>();
  for (const c of r.categories as number[]) {
    for (const t of TRANSISCOPE_CATEGORIES[String(c)]?.themes ?? []) out.add(label(t));
    if (c === 30) out.add('Producteurs, fournisseurs');
  }
  return [...out].join('; ');
}
function statut(r: Raw): string {
  if (/\bscop\b/i.test(r.name)) return 'SCOP';
  if (/\bassociation\b/i.test(r.name)) return 'Asso';
  return '';
}
const a = (r: Raw) => (Object.keys(r.address ?? {}).length ? r.address : (r.adress ?? {}));
const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Encodes text as Windows-1252 (what Excel writes for "CSV (séparateur : point-virgule)"). */
function encodeWindows1252(text: string): Uint8Array {
  const reverse = new Map<string, number>();
  const all256 = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (let i = 0; i < 256; i++) reverse.set(all256[i]!, i);
  return Uint8Array.from([...text], (ch) => reverse.get(ch) ?? 0x3f);
}

const MAPPING = {
  id: 'Identifiant',
  fields: {
    name: 'Nom',
    description: 'Présentation',
    family: { column: 'Statut', map: { Asso: 'association', SCOP: 'cooperative' } },
    legalForms: { column: 'Statut', map: { Asso: 'association', SCOP: 'scop' } },
    themes: { column: 'Thèmes', split: ';' },
    keywords: { column: 'Mots-clés', split: ',' },
    'address.street': 'Adresse',
    'address.postcode': 'Code postal',
    'address.commune': 'Ville',
    'geo.lat': 'Latitude',
    'geo.lon': 'Longitude',
    'contacts.phone': 'Téléphone',
    'contacts.website': 'Site web',
    updatedAt: 'Mis à jour le',
    'provenance.url': 'Fiche',
  },
  defaults: { family: 'autre' },
};

after(removeTempDirs);
describe('csv importer: a Windows-1252 spreadsheet with ";" and decimal commas', () => {
  let dir: string;
  let outcomes: ImportOutcome[];
  let accepted: S[];
  before(async () => {
    dir = tempDir('essaim-csv-');
    const header = [
      'Identifiant',
      'Nom',
      'Statut',
      'Présentation',
      'Adresse',
      'Code postal',
      'Ville',
      'Latitude',
      'Longitude',
      'Téléphone',
      'Site web',
      'Thèmes',
      'Mots-clés',
      'Mis à jour le',
      'Fiche',
    ];
    const lines = rows.map((r) =>
      [
        r.id,
        r.name,
        statut(r),
        r.abstract,
        a(r).streetAddress,
        a(r).postalCode,
        a(r).addressLocality,
        String(r.geo.latitude).replace('.', ','),
        String(r.geo.longitude).replace('.', ','),
        r.phone,
        r.website,
        themeCell(r),
        Array.isArray(r.tags) ? r.tags.join(', ') : '',
        r.updatedAt,
        r.showUrl,
      ]
        .map(cell)
        .join(';'),
    );
    writeFileSync(
      join(dir, 'annuaire.csv'),
      encodeWindows1252(`${header.join(';')}\r\n${lines.join('\r\n')}\r\n`),
    );
    writeFileSync(join(dir, 'annuaire.mapping.json'), JSON.stringify(MAPPING));
    const ctx = context(
      {
        type: 'csv',
        id: 'annuaire',
        name: 'Annuaire',
        path: 'annuaire.csv',
        options: { mapping: 'annuaire.mapping.json' },
      },
      fakePlaces,
      dir,
    );
    outcomes = await collect(csvImporter.run(ctx));
    accepted = outcomes.filter((o): o is S => o.kind === 'structure');
  });

  it('gives one valid outcome per row and detects the encoding', () => {
    expect(outcomes).to.have.length(rows.length);
    expect(accepted).to.have.length(rows.length);
    for (const o of accepted) expect(Structure.safeParse(o.record).success).to.equal(true);
    expect(accepted[0]!.warnings?.map((w) => w.code)).to.include('encoding-guessed');
    expect(accepted[0]!.record.name).to.equal('POUSSE Marie-Thérèse');
  });

  it('reads decimal commas, value maps, theme labels and the three date formats', () => {
    const first = accepted[0]!.record;
    expect(first.geo).to.deep.equal(
      normalizeCoordinates(rows[0]!.geo.latitude, rows[0]!.geo.longitude).value,
    );
    expect(first.themes).to.deep.equal(['theme--agriculture', 'theme--alimentation']);
    expect(first.updatedAt).to.equal('2017-12-29');
    const withStatut = accepted.filter((_, i) => statut(rows[i]!) === 'Asso');
    expect(withStatut.length).to.be.greaterThan(0);
    for (const o of withStatut)
      expect(o.record).to.deep.include({ family: 'association', legalForms: ['association'] });
    const dates = new Set(accepted.map((o) => o.record.updatedAt?.replace(/\d/g, '9')));
    expect([...dates].sort()).to.deep.equal(['9999-99-99', '9999-99-99T99:99:99+99:99']);
  });

  it('keeps unknown theme values in provenance and fixes postcodes and phones', () => {
    const producer = accepted.find((_, i) => (rows[i]!.categories as number[]).includes(30));
    expect(producer?.record.provenance[0]?.unmappedCategories).to.deep.equal(['Producteurs, fournisseurs']);
    const byLocal = (id: string) => accepted.find((o) => o.record.provenance[0]?.localId === id)!;
    expect(byLocal('3yBR').record.address?.postcode).to.equal('02400');
    expect(byLocal('3xXk').record.contacts?.phones).to.deep.equal(['09 65 31 74 25', '06 08 48 32 33']);
    expect(byLocal('3yWB').warnings?.map((w) => w.code)).to.include('postcode-invalid');
    expect(byLocal('40YG').record.address?.cog?.commune).to.equal('28085');
  });

  it('says which columns are missing', async () => {
    writeFileSync(
      join(dir, 'bad.mapping.json'),
      JSON.stringify({ ...MAPPING, fields: { ...MAPPING.fields, name: 'Raison sociale' } }),
    );
    const ctx = context(
      {
        type: 'csv',
        id: 'annuaire',
        name: 'Annuaire',
        path: 'annuaire.csv',
        options: { mapping: 'bad.mapping.json' },
      },
      fakePlaces,
      dir,
    );
    let error: unknown;
    try {
      await collect(csvImporter.run(ctx));
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(WrongShapeError);
    expect((error as Error).message).to.include('missing: "Raison sociale"');
  });

  it('refuses a mapping without id or with unknown fields', async () => {
    const ctx = (mapping: unknown) =>
      context(
        { type: 'csv', id: 'x', name: 'X', path: 'annuaire.csv', options: { mapping } },
        fakePlaces,
        dir,
      );
    let error: unknown;
    try {
      await loadMapping(ctx({ fields: { name: 'Nom', couleur: 'Couleur' } }), 'csv');
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(MappingError);
    expect((error as MappingError).exitCode).to.equal(3);
    expect((error as Error).message)
      .to.include('id:')
      .and.include('unknown key "couleur"');
  });
});

describe('csv importer: UTF-8 with BOM, "," and one "lat,lon" column (La Poste style)', () => {
  it('reads the single coordinates column and builds ids from several columns', async () => {
    const dir = tempDir('essaim-csv2-');
    const sample = rows.slice(0, 50);
    const header = 'Nom,Adresse,Code_postal,Nom_commune,coordonnees_gps';
    const q = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
    const lines = sample.map((r) =>
      [
        r.name,
        a(r).streetAddress,
        a(r).postalCode,
        a(r).addressLocality,
        `${r.geo.latitude},${r.geo.longitude}`,
      ]
        .map(q)
        .join(','),
    );
    writeFileSync(join(dir, 'liste.csv'), `\uFEFF${header}\n${lines.join('\n')}\n`);
    const mapping = {
      id: { columns: ['Nom', 'Code_postal'] },
      fields: {
        name: 'Nom',
        'address.street': 'Adresse',
        'address.postcode': 'code_postal',
        'address.commune': 'Nom_commune',
        geo: 'coordonnees_gps',
      },
      defaults: { updatedAt: '2019-06-11' },
      inferFamily: true,
    };
    const out = await collect(
      csvImporter.run(
        context(
          { type: 'csv', id: 'liste', name: 'Liste', path: join(dir, 'liste.csv'), options: { mapping } },
          fakePlaces,
        ),
      ),
    );
    const ok = out.filter((o): o is S => o.kind === 'structure');
    expect(out).to.have.length(50);
    expect(ok[0]!.record.id).to.equal('liste--pousse-marie-therese-28140');
    expect(ok[0]!.record.geo).to.deep.equal({ lat: 48.12308, lon: 1.4973 });
    expect(ok[0]!.record.updatedAt).to.equal('2019-06-11');
    expect(ok[0]!.warnings ?? []).to.deep.equal([]);
    // Same name and postcode twice in these rows → the second is a duplicate id.
    const dup = out.filter((o) => o.kind === 'rejected');
    for (const d of dup) expect(d.kind === 'rejected' && d.reasons[0]?.code).to.equal('duplicate-id');
    expect(ok.length + dup.length).to.equal(50);
  });
});

describe('geojson importer', () => {
  it('reads points from geometries and nested properties', async () => {
    const dir = tempDir('essaim-geojson-');
    const sample = rows.slice(0, 40);
    const features = sample.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [Number(r.geo.longitude), Number(r.geo.latitude)] },
      properties: {
        nom: r.name,
        adresse: {
          rue: a(r).streetAddress ?? null,
          cp: a(r).postalCode ?? null,
          ville: a(r).addressLocality ?? null,
        },
        site: r.website ?? null,
        maj: r.updatedAt,
      },
    }));
    // One feature drawn as a small square around its real point, to exercise non-point geometries.
    const [lon, lat] = features[1]!.geometry.coordinates as [number, number];
    (features[1] as { geometry: unknown }).geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [lon - 0.001, lat - 0.001],
          [lon + 0.001, lat - 0.001],
          [lon + 0.001, lat + 0.001],
          [lon - 0.001, lat + 0.001],
        ],
      ],
    };
    writeFileSync(join(dir, 'carte.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
    const mapping = {
      id: '$id',
      fields: {
        name: 'nom',
        'address.street': 'adresse.rue',
        'address.postcode': 'adresse.cp',
        'address.commune': 'adresse.ville',
        'contacts.website': 'site',
        updatedAt: 'maj',
      },
    };
    const out = await collect(
      geojsonImporter.run(
        context(
          {
            type: 'geojson',
            id: 'carte',
            name: 'Carte',
            path: join(dir, 'carte.geojson'),
            options: { mapping },
          },
          fakePlaces,
        ),
      ),
    );
    const ok = out.filter((o): o is S => o.kind === 'structure');
    expect(ok).to.have.length(40);
    for (const o of ok) expect(Structure.safeParse(o.record).success).to.equal(true);
    expect(ok[0]!.record).to.deep.include({ id: 'carte--3vu5', name: 'POUSSE Marie-Thérèse' });
    expect(ok[0]!.record.address).to.deep.include({ postcode: '28140', commune: 'Nottonville' });
    expect(ok[1]!.record.geo?.lat).to.be.closeTo(lat, 1e-6);
    expect(ok[1]!.warnings?.map((w) => w.code)).to.include('geometry-centre');
  });

  it('takes the mean position of a line', () => {
    expect(
      geometryPoint({
        type: 'LineString',
        coordinates: [
          [2.3, 48.8],
          [2.4, 48.9],
        ],
      }).geo,
    ).to.deep.equal({ lat: 48.85, lon: 2.35 });
    expect(geometryPoint(null)).to.deep.equal({ notes: [] });
  });
});
