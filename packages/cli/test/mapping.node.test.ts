/**
 * The mapping language through `essaim build`, as a publisher meets it: mistakes are exit code 3 with a
 * message (never "internal error"), values a map does not match are counted, and the options real files
 * needed (where, fallback, constants, paths into lists, date formats, list splitting) work.
 *
 * Files: rows of the real France services list (data/sources/france-services), cut or re-mapped; the
 * few rows written here for one defect are labelled "fixture" in their names and are not real.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { main } from '../src/cli.ts';
import { mapValue, readPath, weekdayHours } from '../src/mapping/read.ts';
import { mappingJsonSchemaText } from '../src/mapping/schema.ts';
import type { BuildReport } from '../src/report.ts';
import { ROOT } from './helpers/context.ts';
import { io } from './helpers/io.ts';

const FS_CSV = readFileSync(resolve(ROOT, 'data/sources/france-services/liste-fs-20240801.csv'), 'utf8');
const FS_LINES = FS_CSV.split('\n');
const FS_MAPPING = JSON.parse(
  readFileSync(resolve(ROOT, 'data/sources/france-services/france-services.mapping.json'), 'utf8'),
);

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A project with one source file and its mapping (written as given: an object, or raw text). */
function project(
  file: { name: string; text: string },
  mapping: unknown,
  source: { type?: string; mapping?: string | null } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-mapping-'));
  dirs.push(dir);
  writeFileSync(join(dir, file.name), file.text);
  if (mapping !== undefined)
    writeFileSync(
      join(dir, 'mapping.json'),
      typeof mapping === 'string' ? mapping : JSON.stringify(mapping, null, 2),
    );
  const licence = { id: 'Licence-Ouverte-2.0', name: 'Licence Ouverte 2.0' };
  writeFileSync(
    join(dir, 'essaim.config.json'),
    JSON.stringify({
      feed: {
        id: 'mapping-test',
        title: 'Test',
        publisher: { name: 'Tests' },
        licence,
        attribution: 'ANCT',
        updated: '2024-08-01',
      },
      sources: [
        {
          id: 'src',
          type: source.type ?? 'csv',
          path: file.name,
          name: 'Source',
          licence,
          attribution: 'ANCT',
          ...(source.mapping === null ? {} : { options: { mapping: source.mapping ?? 'mapping.json' } }),
        },
      ],
      taxonomy: resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'),
      output: 'out',
      merge: { enabled: false },
    }),
  );
  return dir;
}

const fsRows = (n: number) => ({ name: 'fs.csv', text: `${FS_LINES.slice(0, n + 1).join('\n')}\n` });

async function build(dir: string, ...args: string[]) {
  const t = io(dir);
  const code = await main(['build', '--lang', 'en', ...args], t);
  return { code, out: t.out(), err: t.err() };
}
const report = (dir: string): BuildReport =>
  JSON.parse(readFileSync(join(dir, 'out/build-report.json'), 'utf8'));

describe('mapping mistakes: exit code 3 and a message, before any row is read', () => {
  it('an unknown feed field: the closest field and the list, no stack trace', async () => {
    const dir = project(fsRows(3), { ...FS_MAPPING, fields: { ...FS_MAPPING.fields, nom: 'lib_fs' } });
    const r = await build(dir);
    expect(r.code).to.equal(3);
    expect(r.err).to.include('unknown key "nom"').and.include('did you mean "name"?');
    expect(r.err).to.include('Fields that can be mapped: name, alternateNames');
    expect(r.err).to.not.include('internal error').and.not.include('    at ');
  });

  it('a value that is not a taxonomy id: the valid ids and the closest one', async () => {
    const fields = { ...FS_MAPPING.fields, themes: { value: ['theme--numerque'] } };
    const r = await build(project(fsRows(3), { ...FS_MAPPING, fields }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('"theme--numerque" is not a themes id (did you mean "theme--numerique"?)');
    expect(r.err).to.include('Valid ids: theme--alimentation,');
  });

  it('a family map to a value that is not a family: the valid families', async () => {
    const fields = { ...FS_MAPPING.fields, family: { column: 'type_fs', map: { Principal: 'asso' } } };
    const r = await build(project(fsRows(3), { ...FS_MAPPING, fields }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('fields.family.map["Principal"]: "asso" is not a family id');
    expect(r.err).to.include(
      'Valid ids: association, cooperative, mutuelle, fondation, entreprise-ess, autre',
    );
  });

  it('a date format on a field that is not a date, hours labels that are not days', async () => {
    const fields = {
      ...FS_MAPPING.fields,
      name: { column: 'lib_fs', format: 'DD/MM/YYYY' },
      openingHours: { labels: { lundi: 'h_lundi', matin: 'h_mardi' } },
    };
    const r = await build(project(fsRows(3), { ...FS_MAPPING, fields }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('fields.name.format: "format" only applies to dates');
    expect(r.err).to.include('each label must be a day (lundi, Mo, Monday…), not "matin"');
  });

  it('bad JSON: the mapping file, line and column (not the CSV)', async () => {
    const text = JSON.stringify(FS_MAPPING, null, 2).replace('"name": "lib_fs",', '"name": "lib_fs"');
    const dir = project(fsRows(3), text);
    const r = await build(dir);
    expect(r.code).to.equal(3);
    const line = text.split('\n').findIndex((l) => l.includes('"name": "lib_fs"')) + 2;
    expect(r.err)
      .to.include(`${join(dir, 'mapping.json')}`)
      .and.include(`line ${line}, column`);
    expect(r.err).to.not.include('fs.csv');
  });

  it('a missing mapping file: the path, resolved from the config folder', async () => {
    const dir = project(fsRows(3), undefined, { mapping: 'mappings/fs.json' });
    const r = await build(dir);
    expect(r.code).to.equal(3);
    expect(r.err).to.include(`"mappings/fs.json" (looked for ${join(dir, 'mappings/fs.json')}`);
  });

  it('no mapping at all: says the option is required', async () => {
    const r = await build(project(fsRows(3), undefined, { mapping: null }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('the option "mapping" is required by the "csv" importer');
  });

  it('a column that is not in the file: the closest header', async () => {
    const fields = { ...FS_MAPPING.fields, name: 'lib_f' };
    const r = await build(project(fsRows(3), { ...FS_MAPPING, fields }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('"lib_f" (did you mean "lib_fs"?)');
  });
});

describe('a truncated CSV is refused, naming the line', () => {
  it('a last row cut mid-line (fewer fields than the header)', async () => {
    // The real file cut after "France services de Valserhône","5-9 Rue des Papetiers" on its 3rd row.
    const cut = FS_LINES[3]!.slice(0, FS_LINES[3]!.indexOf(',"01200"'));
    const dir = project({ name: 'fs.csv', text: `${FS_LINES.slice(0, 3).join('\n')}\n${cut}` }, FS_MAPPING);
    const r = await build(dir);
    expect(r.code).to.equal(3);
    expect(r.err).to.include('cut short').and.include('at line 4');
  });

  it('a file ending inside an open quote', async () => {
    const cut = FS_LINES[5]!.slice(0, FS_LINES[5]!.indexOf('Principal') + 3);
    const dir = project({ name: 'fs.csv', text: `${FS_LINES.slice(0, 5).join('\n')}\n${cut}` }, FS_MAPPING);
    const r = await build(dir);
    expect(r.code).to.equal(3);
    expect(r.err).to.include('unterminated quote').and.include('at line 6');
  });

  it('the whole file is fine', async () => {
    const r = await build(project(fsRows(5), FS_MAPPING));
    expect(r.code).to.equal(0);
  });
});

describe('the field report', () => {
  it('counts values a map did not match, and says in one line what was left out', async () => {
    // The trial: `"family": {"map": {"0": …}}` over a column that never holds "0".
    const fields = { ...FS_MAPPING.fields, family: { column: 'prise_rdv', map: { '0': 'association' } } };
    delete fields.openingHoursText;
    const dir = project(fsRows(20), { ...FS_MAPPING, fields });
    const r = await build(dir);
    expect(r.code).to.equal(0);
    const f = report(dir).sources[0]!.fields!;
    const rows = FS_LINES.slice(1, 21);
    const oui = rows.filter((l) => l.includes('"Oui"')).length;
    expect(f.unmatched).to.deep.include.members(
      [
        { value: 'Non', count: 20 - oui },
        { value: 'Oui', count: oui },
      ]
        .filter((u) => u.count)
        .map((u) => ({
          field: 'family',
          ...u,
          examples: f.unmatched.find((x) => x.value === u.value)!.examples,
        })),
    );
    expect(f.unused).to.deep.equal(['insee_dep', 'commentaire']);
    expect(r.out).to.include('src: 2 columns not used: insee_dep, commentaire — see the report');
    expect(r.out).to.include('src: 20 values matched nothing: family "Non"');
  });

  it('numbers are matched by value ("9220" matches "9220.0")', () => {
    expect(mapValue('9220.0', { '9220': 'association' })).to.deep.equal({
      values: ['association'],
      mapped: true,
    });
    expect(mapValue('5499', { '9220': 'association' })).to.deep.equal({ values: ['5499'], mapped: false });
  });
});

describe('mapping options', () => {
  it('where, fallback, constant, split and a date inside text', async () => {
    // Fixture rows (not real): one per case.
    const csv = [
      'code;nom;nom_court;actif;mails;note;maj',
      'f1;Fixture active;;oui;a@example.org, b@example.org;Ouvert depuis le 03/02/2021;12/31/2023',
      'f2;Fixture inactive;;non;c@example.org;;',
      'f3;;Fixture sans nom long;true;;rien;01/15/2022',
    ].join('\n');
    const mapping = {
      id: 'code',
      where: { column: 'actif', equals: true },
      fields: {
        name: { column: 'nom', fallback: ['nom_court'] },
        'contacts.email': { column: 'mails', split: ', ' },
        'address.country': { value: 'FR' },
        createdAt: { column: 'note', pattern: '(\\d{2}/\\d{2}/\\d{4})', format: 'DD/MM/YYYY' },
        updatedAt: { column: 'maj', format: 'MM/DD/YYYY' },
      },
    };
    const dir = project({ name: 'f.csv', text: `${csv}\n` }, mapping);
    const r = await build(dir);
    expect(r.code).to.equal(0);
    const out = JSON.parse(readFileSync(join(dir, 'out/structures.json'), 'utf8'));
    expect(out.map((s: { id: string }) => s.id)).to.deep.equal(['src--f1', 'src--f3']);
    expect(out[0]).to.include({ name: 'Fixture active', createdAt: '2021-02-03', updatedAt: '2023-12-31' });
    expect(out[0].contacts.email).to.equal('a@example.org');
    expect(out[0].address.country).to.equal('FR');
    expect(out[1].name).to.equal('Fixture sans nom long');
    expect(out[1].updatedAt).to.equal('2022-01-15');
    const rep = report(dir);
    expect(rep.sources[0]!.rejected).to.equal(1);
    expect(rep.sources[0]!.rejections[0]!.reason.en).to.include('"where" filter (actif = true)');
    const f = rep.sources[0]!.fields!;
    expect(f.filtered).to.equal(1);
    const pattern = rep.sources[0]!.warnings.find((w) => w.code === 'pattern-no-match')!;
    expect(pattern.examples[0]).to.include({ localId: 'f3', field: 'createdAt', value: 'rien' });
  });

  it('a constant région completes the codes of rows without a commune, never contradicts a commune', async () => {
    // Fixture rows (not real): one without any place, one in Paris (région 11).
    const csv = ['code;nom;cp', 'r1;Fixture sans adresse;', 'r2;Fixture à Paris;75011'].join('\n');
    const mapping = {
      id: 'code',
      fields: { name: 'nom', 'address.postcode': 'cp', 'address.cog.region': { value: '84' } },
      defaults: { updatedAt: '2024-01-01' },
    };
    const dir = project({ name: 'r.csv', text: `${csv}\n` }, mapping);
    expect((await build(dir)).code).to.equal(0);
    const out = JSON.parse(readFileSync(join(dir, 'out/structures.json'), 'utf8'));
    expect(out[0].address.cog).to.deep.equal({ region: '84' });
    expect(out[1].address.cog.region).to.equal('11');
    const w = report(dir).sources[0]!.warnings.find((x) => x.code === 'cog-contradicts-commune')!;
    expect(w.count).to.equal(1);
    expect(w.examples[0]).to.include({ localId: 'r2', field: 'address.cog.region' });
  });

  it('paths into lists and nested objects (json importer)', () => {
    const rec = { categories: [{ name: 'Alimentation' }, { name: 'Culture' }], location: { lat: 48.1 } };
    expect(readPath(rec, 'categories[].name')).to.deep.equal(['Alimentation', 'Culture']);
    expect(readPath(rec, 'categories[1].name')).to.equal('Culture');
    expect(readPath(rec, 'location.lat')).to.equal(48.1);
    expect(readPath({ 'a.b': 1 }, 'a.b')).to.equal(1);
  });

  it('weekday columns: the usual ways hours are written, else text with the day names', () => {
    const hours = (cells: Record<string, string>) =>
      weekdayHours({ labels: { lundi: 'lu', mardi: 'ma', samedi: 'sa' } }, (c) => cells[c]);
    // The trial: slots separated by nothing, "h" for ":".
    expect(hours({ lu: '16h30 à 18h00', ma: '11h30 à 13h00 16h30 à 18h00', sa: '' }).osm).to.equal(
      'Mo 16:30-18:00; Tu 11:30-13:00,16:30-18:00',
    );
    expect(hours({ lu: '9h-12h et 14h-17h', ma: 'Fermé', sa: '09:00 - 12:00' }).osm).to.equal(
      'Mo 09:00-12:00,14:00-17:00; Sa 09:00-12:00',
    );
    // One column per half-day.
    const halves = weekdayHours(
      { labels: { 'lundi matin': 'am', 'lundi après-midi': 'pm', 'mardi matin': 'tu' } },
      (c) => ({ am: '09:00-12:00', pm: '14:00-17:00', tu: 'Fermé' })[c],
    );
    expect(halves.osm).to.equal('Mo 09:00-12:00,14:00-17:00');
    const text = hours({ lu: 'le matin', ma: '9h-12h', sa: '' });
    expect(text.osm).to.equal(undefined);
    expect(text.text).to.equal('Lundi : le matin\nMardi : 9h-12h');
    expect(text.notes[0]!.code).to.equal('opening-hours-as-text');
  });

  it('date formats of a column: month names, spreadsheet serial days (read by parseDateLoose)', async () => {
    // Fixture rows (not real).
    const csv = ['code;nom;cree;maj', 'd1;Fixture un;juil-22;45505', 'd2;Fixture deux;Décembre 2019;x'].join(
      '\n',
    );
    const mapping = {
      id: 'code',
      fields: {
        name: 'nom',
        createdAt: { column: 'cree', format: 'MMM-YY' },
        updatedAt: { column: 'maj', format: 'serial' },
      },
      defaults: { updatedAt: '2024-01-01' },
    };
    const dir = project({ name: 'd.csv', text: `${csv}\n` }, mapping);
    expect((await build(dir)).code).to.equal(0);
    const out = JSON.parse(readFileSync(join(dir, 'out/structures.json'), 'utf8'));
    expect(out[0]).to.include({ createdAt: '2022-07-01', updatedAt: '2024-08-01' });
    // "Décembre 2019" is not "MMM-YY", "x" not a day number: both reported, the update date unknown.
    expect(out[1].createdAt).to.equal(undefined);
    const codes = report(dir).sources[0]!.warnings.map((w) => w.code);
    expect(codes).to.include('date-format-mismatch');
  });
});

describe('essaim schema mapping', () => {
  it('prints the mapping JSON Schema, the one committed beside the CLI', async () => {
    const t = io(tmpdir());
    expect(await main(['schema', 'mapping'], t)).to.equal(0);
    expect(t.out()).to.equal(mappingJsonSchemaText());
    expect(readFileSync(resolve(ROOT, 'packages/cli/mapping.schema.generated.json'), 'utf8')).to.equal(
      mappingJsonSchemaText(),
    );
    expect(JSON.parse(t.out()).properties.fields.properties).to.have.property('openingHours');
    const bad = io(tmpdir());
    expect(await main(['schema', 'mapings', '--lang', 'en'], bad)).to.equal(2);
    expect(bad.err()).to.include('"feed" or "mapping" expected');
  });
});

describe('shapes: the GoGoCarto search API', () => {
  // Real Transiscope records (data/sources/transiscope-idf) re-expressed in the search API's shape:
  // `title`, `summary`, `location{lat,lon}` (values theirs, unchanged).
  type Raw = {
    id: string;
    name: string;
    abstract?: string;
    geo: { latitude: number; longitude: number };
    address: unknown;
    categories: number[];
    updatedAt: string;
  };
  const transiscope: Raw[] = JSON.parse(
    readFileSync(resolve(ROOT, 'data/sources/transiscope-idf/transiscope.json'), 'utf8'),
  ).data.slice(0, 25);
  const search = transiscope.map((r) => ({
    id: r.id,
    title: r.name,
    summary: r.abstract,
    location: { lat: r.geo.latitude, lon: r.geo.longitude },
    address: r.address,
    categories: r.categories.map((c: number) => ({ id: c })),
    updatedAt: r.updatedAt,
  }));
  const file = { name: 'search.json', text: JSON.stringify({ data: search }) };

  it('given to the gogocarto importer: exit 3, "title, not name", and the importer that fits', async () => {
    const r = await build(project(file, undefined, { type: 'gogocarto', mapping: null }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('these records have "title", not "name"');
    expect(r.err).to.include('use "type": "gogocarto-search"');
  });

  it('given to the csv importer: exit 3, and the importer that fits', async () => {
    const r = await build(project(file, { id: 'id', fields: { name: 'title' } }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('use "type": "gogocarto-search"');
  });

  it('given to the geojson importer: exit 3, and the importer that fits', async () => {
    const bare = { name: 'search.json', text: JSON.stringify(search) }; // a bare array of records
    const r = await build(project(bare, { id: 'id', fields: { name: 'title' } }, { type: 'geojson' }));
    expect(r.code).to.equal(3);
    expect(r.err).to.include('use "type": "gogocarto-search"');
  });

  it('the gogocarto-search importer reads them, and the report lists the properties it left out', async () => {
    const dir = project(file, undefined, { type: 'gogocarto-search', mapping: null });
    const r = await build(dir);
    expect(r.code).to.equal(0);
    const out = JSON.parse(readFileSync(join(dir, 'out/structures.json'), 'utf8'));
    expect(out).to.have.length(search.length);
    const first = out.find((s: { id: string }) => s.id === `src--${search[0]!.id}`);
    expect(first).to.include({ name: search[0]!.title, description: search[0]!.summary });
    expect(first.geo).to.deep.equal({ lat: search[0]!.location.lat, lon: search[0]!.location.lon });
    const f = report(dir).sources[0]!.fields!;
    expect(f.unused).to.deep.equal(['categories', 'updatedAt']);
    expect(f.columns.find((c) => c.name === 'location')!.fields).to.deep.equal(['geo.lat', 'geo.lon']);
  });

  it('a mapping adds to the preset: categories[].id as keywords, the update date with its format', async () => {
    const mapping = {
      fields: {
        keywords: { column: 'categories[].id' },
        updatedAt: { column: 'updatedAt', format: 'DD/MM/YYYY' },
      },
    };
    const dir = project(file, mapping, { type: 'gogocarto-search' });
    const r = await build(dir);
    expect(r.code).to.equal(0);
    const out = JSON.parse(readFileSync(join(dir, 'out/structures.json'), 'utf8'));
    const first = out.find((s: { id: string }) => s.id === `src--${search[0]!.id}`);
    expect(first.keywords).to.deep.equal(transiscope[0]!.categories.map(String));
    const [d, m, y] = transiscope[0]!.updatedAt.split('/');
    expect(first.updatedAt).to.equal(`${y}-${m}-${d}`);
    expect(report(dir).sources[0]!.fields!.unused).to.deep.equal([]);
  });

  it('a path that reads nothing on any record (a typo inside a list) is said, not silent', async () => {
    const dir = project(
      file,
      { fields: { keywords: { column: 'categories[].nme' } } },
      { type: 'gogocarto-search' },
    );
    const r = await build(dir);
    expect(r.code).to.equal(0);
    const f = report(dir).sources[0]!.fields!;
    expect(f.mapped!.find((m) => m.field === 'keywords')).to.deep.equal({
      field: 'keywords',
      from: ['categories[].nme'],
      filled: 0,
    });
    expect(f.mapped!.find((m) => m.field === 'name')!.filled).to.equal(search.length);
    expect(r.out).to.include('src: no value read for keywords (categories[].nme) — check the mapping\n');
    expect(f.mapped!.map((m) => m.field)).to.not.include('contacts.phone'); // a preset field the file lacks
  });
});

describe('geojson and json properties', () => {
  it('a property whose name has a dot is read as it is; a dotted path reads inside objects', async () => {
    // Fixture features (not real places).
    const features = [
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [2.35, 48.85] },
        properties: { code: 'g1', 'nom.court': 'Fixture un', adresse: { cp: '75004' } },
      },
    ];
    const mapping = { id: 'code', fields: { name: 'nom.court', 'address.postcode': 'adresse.cp' } };
    const dir = project(
      { name: 'f.geojson', text: JSON.stringify({ type: 'FeatureCollection', features }) },
      mapping,
      { type: 'geojson' },
    );
    const r = await build(dir);
    expect(r.code, r.err).to.equal(0);
    const [s] = JSON.parse(readFileSync(join(dir, 'out/structures.json'), 'utf8'));
    expect(s).to.include({ name: 'Fixture un' });
    expect(s.address.postcode).to.equal('75004');
    expect(report(dir).sources[0]!.fields!.unused).to.deep.equal([]);
  });
});
