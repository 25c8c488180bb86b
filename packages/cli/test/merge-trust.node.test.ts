/**
 * Merges a publisher can trust (issue 11): never two organisations merged into one, every identifier
 * kept, and a review file. Fixtures: test/fixtures/merge-pairs.json and merge-four-sirets.json (see
 * test/fixtures/README.md for what is real and what is hand-made).
 */
import { expect } from 'chai';
import Papa from 'papaparse';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Structure } from '@essaim/sdk';
import { buildFeed } from '../src/build/pipeline.ts';
import { parseConfig, type EssaimConfig } from '../src/config.ts';
import {
  findDuplicates,
  identifierConflict,
  matchByNameAndDistance,
  mergeKeyOf,
  mergeStructures,
  nameSimilarity,
} from '../src/merge.ts';
import { csvCell, mergesCsv } from '../src/report.ts';
import { FIXTURES, ROOT } from './helpers/context.ts';

interface Side {
  name: string;
  lat: number;
  lon: number;
  street?: string;
  phone?: string;
  email?: string;
}
const { pairs } = JSON.parse(readFileSync(join(FIXTURES, 'merge-pairs.json'), 'utf8')) as {
  pairs: Array<{ from: string; same: boolean; a: Side; b: Side }>;
};

function structure(id: string, side: Side, change: Partial<Structure> = {}): Structure {
  return {
    id,
    name: side.name,
    family: 'autre',
    geo: { lat: side.lat, lon: side.lon },
    ...(side.street ? { address: { street: side.street } } : {}),
    ...(side.phone || side.email
      ? {
          contacts: {
            ...(side.phone ? { phone: side.phone } : {}),
            ...(side.email ? { email: side.email } : {}),
          },
        }
      : {}),
    provenance: [{ source: id.split('--')[0]!, localId: id.split('--')[1]! }],
    updatedAt: '2024-08-01',
    ...change,
  };
}

describe('merge: pairs a publisher can trust', () => {
  it('merges no pair of different organisations and every pair of one (real pairs of the dev data)', () => {
    const wrong: string[] = [];
    for (const [n, p] of pairs.entries()) {
      const keys = [structure(`x--a${n}`, p.a), structure(`x--b${n}`, p.b)].map(mergeKeyOf);
      const merged = findDuplicates(keys).links.length === 1;
      if (merged !== p.same) wrong.push(`${p.a.name} / ${p.b.name}: ${merged ? 'merged' : 'kept apart'}`);
    }
    expect(wrong).to.deep.equal([]);
    expect(pairs.filter((p) => !p.same).length).to.be.greaterThanOrEqual(11);
    expect(pairs.filter((p) => p.same).length).to.be.greaterThanOrEqual(7);
  });

  it('compares names word by word in order, generic words discounted', () => {
    expect(nameSimilarity('Kent Community Energy', 'Wight Community Energy')).to.be.lessThan(0.5);
    expect(nameSimilarity('Sustainable Fish Cities', 'Sustainable Food Cities')).to.be.lessThan(0.7);
    // Sorting the words made these two one name; in order they are not (generic words may move).
    expect(nameSimilarity('Centre Paul Jean', 'Centre Jean Paul')).to.be.lessThan(0.85);
    expect(nameSimilarity('Recyclerie la Pagaille', 'La Pagaille Recyclerie')).to.equal(1);
    expect(nameSimilarity("AMAP Coeurs d'artichaut", "AMAP Coeur d'artichaut")).to.be.greaterThan(0.95);
  });

  it('never merges two different SIRETs, SIRENs or RNA numbers, even through a record without one', () => {
    const at = { name: 'Atelier Vélo Solidaire', lat: 48.8619, lon: 2.4413 };
    const a = structure('r--1', at, { siret: '00000000300013' });
    const none = structure('r--2', at);
    const b = structure('r--3', at, { siret: '00000000300021' });
    const { links, refused } = findDuplicates([a, none, b].map(mergeKeyOf));
    expect(links).to.have.length(1); // a + none
    expect(refused).to.have.length(1);
    expect(refused[0]).to.deep.include({ identifier: 'siret', values: ['00000000300013', '00000000300021'] });
    expect(identifierConflict({ siret: '12345678900011' }, { siren: '987654321' })).to.deep.equal({
      identifier: 'siren',
      values: ['123456789', '987654321'],
    });
    expect(identifierConflict({ rna: 'W751000001' }, { rna: 'W751000002' })?.identifier).to.equal('rna');
    expect(identifierConflict({ siret: '12345678900011' }, { siren: '123456789', rna: 'W1' })).to.equal(
      undefined,
    );
    // Same SIRET but different RNA: two records that cannot be one.
    const s1 = structure('r--4', at, { siret: '00000000400014', rna: 'W751000001' });
    const s2 = structure('r--5', { ...at, lat: 45 }, { siret: '00000000400014', rna: 'W751000002' });
    expect(findDuplicates([s1, s2].map(mergeKeyOf)).links).to.deep.equal([]);
  });

  it('keeps every identifier of the merged records; refuses to merge two organisations', () => {
    const at = { name: 'Atelier Vélo Solidaire', lat: 48.8619, lon: 2.4413 };
    const merged = mergeStructures([
      structure('r--1', at, { rna: 'W931000001' }),
      structure('r--2', at, { siret: '00000000300013' }),
      structure('r--3', at, { siren: '000000003' }),
    ]);
    expect([merged.siret, merged.siren, merged.rna]).to.deep.equal([
      '00000000300013',
      '000000003',
      'W931000001',
    ]);
    expect(() =>
      mergeStructures([
        structure('r--1', at, { siret: '00000000300013' }),
        structure('r--2', at, { siret: '00000000300021' }),
      ]),
    ).to.throw(/siret/);
  });

  it('does not match a name to another only by generic words or by a distinct site', () => {
    const k = (name: string) => mergeKeyOf(structure(`x--${name}`, { name, lat: 48, lon: 2 }));
    expect(matchByNameAndDistance(k('AMAP'), k('AMAP des Lilas'))).to.equal(undefined);
    expect(
      matchByNameAndDistance(k('Bus France services de Vouziers'), k('France services Vouziers')),
    ).to.equal(undefined);
    expect(
      matchByNameAndDistance(
        k('Épicerie solidaire et ressourcerie La Petite Rockette'),
        k('La Petite Rockette'),
      ),
    ).to.include({
      name: 'contained',
    });
  });
});

describe('merge: the review file', () => {
  it('quotes every cell and neutralises formulas, whatever the separator', () => {
    expect(csvCell('a;=1+1;b')).to.equal('"a;\'=1+1;b"');
    expect(csvCell('=HYPERLINK("http://x")')).to.equal('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('-2')).to.equal('"\'-2"');
    expect(csvCell(12.5)).to.equal('12.5');
    const text = mergesCsv([
      {
        decision: 'kept-apart',
        rule: 'name-identical',
        score: 1,
        distanceMeters: 0,
        a: { id: 'x--1', name: 'a;=1+1;b', source: 'x' },
        b: { id: 'x--2', name: '@SUM(A1)', source: 'x' },
        identifier: 'siret',
        values: ['00000000100011', '00000000200012'],
      },
    ]);
    // Split the way a spreadsheet would, on ";" and on ",": no cell starts with a formula character.
    for (const separator of [';', ',']) {
      // papaparse reads it as a spreadsheet would with that separator (quotes respected).
      const cells = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { delimiter: separator }).data.flat();
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).to.deep.equal([]);
    }
  });
});

describe('merge: the build with four SIRETs at two addresses', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'essaim-merge-trust-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const config = (merge?: EssaimConfig['merge']): EssaimConfig => ({
    feed: {
      id: 'merge-test',
      title: 'Merge test',
      publisher: { name: 'Essaim' },
      licence: { id: 'ODbL-1.0', name: 'ODbL' },
      attribution: '© test',
      updated: '2026-11-01',
    },
    sources: [
      {
        id: 'registre',
        type: 'essaim',
        path: join(FIXTURES, 'merge-four-sirets.json'),
        name: 'Registre (fixture)',
        licence: { id: 'ODbL-1.0', name: 'ODbL' },
        attribution: '© fixture',
      },
    ],
    taxonomy: resolve(ROOT, 'data/taxonomy/essaim.taxonomy.json'),
    output: 'out',
    ...(merge === undefined ? {} : { merge }),
  });

  it('writes four records with their four SIRETs, and a merges.csv listing the two pairs kept apart', async () => {
    const { report, outDir } = await buildFeed(parseConfig(config(), join(dir, 'c.json'), dir), {
      outDir: join(dir, 'out'),
    });
    const structures = JSON.parse(readFileSync(join(outDir, 'structures.json'), 'utf8')) as Structure[];
    expect(structures.map((s) => s.siret).sort()).to.deep.equal([
      '00000000100011',
      '00000000200012',
      '00000000300013',
      '00000000300021',
    ]);
    expect(report.totals).to.deep.include({ received: 4, accepted: 4, merged: 0 });
    expect(report.keptApart.map((k) => [k.a, k.b, k.identifier])).to.deep.equal([
      ['registre--1', 'registre--2', 'siret'],
      ['registre--3', 'registre--4', 'siret'],
    ]);
    expect(report.mergeReview).to.equal('merges.csv');
    const csv = readFileSync(join(outDir, 'merges.csv'), 'utf8');
    const lines = csv
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).to.equal(
      'decision,rule,score,distance_m,a_id,a_name,a_source,b_id,b_name,b_source,differing_identifier,a_identifier,b_identifier',
    );
    expect(lines[1]).to.equal(
      '"kept-apart","name-identical",1,0,"registre--1","Coopérative d’habitants Les Tilleuls","registre","registre--2","Coopérative d’habitants Les Tilleuls","registre","siret","00000000100011","00000000200012"',
    );
    expect(lines).to.have.length(3);
  });

  it('one id listed twice with two SIRETs: the first kept, the second rejected with its reason', async () => {
    const file = join(dir, 'same-id.json');
    const records = JSON.parse(readFileSync(join(FIXTURES, 'merge-four-sirets.json'), 'utf8')) as Structure[];
    writeFileSync(file, JSON.stringify([records[0], { ...records[1], id: records[0]!.id }]));
    const c = config();
    c.sources[0]!.path = file;
    const { report } = await buildFeed(parseConfig(c, join(dir, 'c.json'), dir), {
      outDir: join(dir, 'same'),
    });
    expect(report.totals).to.deep.include({ received: 2, accepted: 1, merged: 0, rejected: 1 });
    expect(report.keptApart[0]).to.deep.include({ a: 'registre--1', b: 'registre--1', identifier: 'siret' });
    expect(report.sources[0]!.rejections[0]!.reason.en).to.contain('another SIRET, SIREN or RNA');
  });

  it('`merge: false` turns merging off (same SIRET twice would then be two records)', async () => {
    const twice = join(dir, 'twice.json');
    const records = JSON.parse(readFileSync(join(FIXTURES, 'merge-four-sirets.json'), 'utf8')) as Structure[];
    writeFileSync(
      twice,
      JSON.stringify([
        records[0],
        { ...records[0], id: 'registre--9', provenance: [{ source: 'registre', localId: '9' }] },
      ]),
    );
    const c = config(false);
    c.sources[0]!.path = twice;
    const off = await buildFeed(parseConfig(c, join(dir, 'c.json'), dir), { outDir: join(dir, 'off') });
    expect(off.report.totals).to.deep.include({ accepted: 2, merged: 0 });
    const on = await buildFeed(parseConfig({ ...c, merge: {} }, join(dir, 'c.json'), dir), {
      outDir: join(dir, 'on'),
    });
    expect(on.report.totals).to.deep.include({ accepted: 1, merged: 1 });
    expect(on.report.merges[0]!.links[0]).to.deep.include({ rule: 'siret' });
  });
});
