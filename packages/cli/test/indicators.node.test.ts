// `essaim build` with the optional `indicators` part: official figures by territory read from a CSV file
// with a mapping, validated row by row, reported, written as indicators.json and listed in the manifest;
// `essaim validate` reads the part back.
// FIXTURES: the CSV below is made up for these tests ("Observatoire fictif (données de test)"): its values
// are not official figures. The one structure of the build is a real record of the embedded feed.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assembleFeed, type FeedManifest, territoryProfile } from '@essaim/sdk';
import { buildFeed } from '../src/build/pipeline.ts';
import { validateFeed } from '../src/build/validate-feed.ts';
import { loadConfig, parseConfig } from '../src/config.ts';
import { IndicatorsConfigSchema, readCode, readLevel, readValue } from '../src/importers/indicators.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** FIXTURE (made-up values), written as a spreadsheet exports it: ";" separators, decimal commas, BOM. */
const CSV = `\uFEFFniveau;code;indicateur;indicator;valeur;unite;annee;remarque
Département;93;Part de l’emploi salarié dans l’ESS (fictif);Share of salaried jobs in the ESS (made up);12,5;%;2022;Valeur inventée pour les tests
DEP;1;Part de l’emploi salarié dans l’ESS (fictif);;9,8 %;%;2022;
Département;93;Établissements employeurs de l’ESS (fictif);;4 321;établissements;2022;
Région;11;Part de l’emploi salarié dans l’ESS (fictif);;n.d.;%;2022;
Pays;FR;Part de l’emploi salarié dans l’ESS (fictif);;10,5;%;2022;
Commune;93048;Part de l’emploi salarié dans l’ESS (fictif);;;%;2022;
Département;93;Part de l’emploi salarié dans l’ESS (fictif);;12,5;%;2022;
Département;93;Part de l’emploi salarié dans l’ESS (fictif);;11,9;%;19;
`;

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function buildWithIndicators() {
  const dir = mkdtempSync(join(tmpdir(), 'essaim-indicators-'));
  dirs.push(dir);
  // One real structure of the embedded feed (data/feed, ODbL), read through the built-in JSON Lines importer.
  const structures = JSON.parse(readFileSync(join(ROOT, 'data/feed/structures.json'), 'utf8')) as unknown[];
  writeFileSync(join(dir, 'structures.jsonl'), `${JSON.stringify(structures[0])}\n`);
  writeFileSync(join(dir, 'indicateurs.csv'), CSV);
  writeFileSync(
    join(dir, 'essaim.config.json'),
    JSON.stringify({
      feed: {
        id: 'test-indicateurs',
        title: 'Flux de test (indicateurs fictifs)',
        publisher: { name: 'Essaim (tests)' },
        licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
        attribution: 'Tests',
        updated: '2026-11-01',
      },
      sources: [
        {
          id: 'transiscope',
          type: 'essaim',
          path: 'structures.jsonl',
          name: 'Transiscope',
          licence: { id: 'ODbL-1.0', name: 'Open Database License 1.0' },
          attribution: '© les contributeurs de Transiscope (ODbL 1.0)',
        },
      ],
      taxonomy: join(ROOT, 'data/taxonomy/essaim.taxonomy.json'),
      indicators: [
        {
          id: 'observatoire-fictif',
          path: 'indicateurs.csv',
          source: { name: 'Observatoire fictif (données de test)', url: 'https://example.org/observatoire' },
          licence: { id: 'etalab-2.0', name: 'Licence Ouverte 2.0' },
          columns: {
            level: 'niveau',
            code: 'code',
            label: 'indicateur',
            labelEn: 'indicator',
            value: 'valeur',
            unit: 'unite',
            year: 'annee',
            note: 'remarque',
          },
        },
      ],
      output: 'feed',
    }),
  );
  const result = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')));
  return { dir, ...result };
}

describe('essaim build: indicators from a CSV with a mapping (fixture)', function () {
  this.timeout(60_000);

  it('reads levels, codes and values as spreadsheets write them', () => {
    expect(readLevel('Département')).to.equal('departement');
    expect(readLevel('REG')).to.equal('region');
    expect(readLevel('Pays')).to.equal(undefined);
    expect(readCode('departement', '1')).to.deep.equal({ code: '01', repaired: true });
    expect(readCode('commune', '1053')).to.deep.equal({ code: '01053', repaired: true });
    expect(readCode('departement', '2a')).to.deep.equal({ code: '2A', repaired: false });
    expect(readValue('12,5', false)).to.equal(12.5);
    expect(readValue('4 321', false)).to.equal(4321);
    expect(readValue('9,8 %', true)).to.equal(9.8);
    expect(readValue('9,8 %', false)).to.equal(undefined);
    expect(readValue('1,234.5', false)).to.equal(undefined);
    expect(readValue('n.d.', false)).to.equal(undefined);
  });

  it('writes the valid rows, lists the part in the manifest, and names every rejected row', async () => {
    const { dir, report } = await buildWithIndicators();
    const manifest = JSON.parse(readFileSync(join(dir, 'feed/manifest.json'), 'utf8')) as FeedManifest;
    expect(manifest.parts.indicators).to.deep.include({ url: 'indicators.json', count: 3 });
    const records = JSON.parse(readFileSync(join(dir, 'feed/indicators.json'), 'utf8')) as Array<{
      id: string;
      territory: { level: string; code: string };
      value: number;
      label: { fr: string; en?: string };
      note?: { fr: string };
    }>;
    expect(records.map((r) => [r.territory.code, r.value])).to.have.deep.members([
      ['93', 12.5],
      ['01', 9.8],
      ['93', 4321],
    ]);
    const share93 = records.find((r) => r.territory.code === '93' && r.value === 12.5)!;
    expect(share93.label.en).to.equal('Share of salaried jobs in the ESS (made up)');
    expect(share93.note?.fr).to.equal('Valeur inventée pour les tests');

    const file = report.indicators![0]!;
    expect(file).to.deep.include({ path: 'indicateurs.csv', received: 8, accepted: 3, rejected: 5 });
    const reasons = file.rejections.map((r) => r.reason.fr).join('\n');
    expect(reasons).to.contain('Valeur illisible « n.d. »');
    expect(reasons).to.contain('Niveau de territoire inconnu « Pays »');
    expect(reasons).to.contain('Valeur absente');
    expect(reasons).to.contain('Identifiant en double');
    expect(reasons).to.match(/year/);
    expect(file.rejections.reduce((n, r) => n + r.count, 0)).to.equal(5);
    // The repaired code is said.
    expect(report.warnings.map((w) => w.fr).join('\n')).to.contain('1 code(s) complété(s)');
    expect(report.output.indicators).to.deep.equal({ count: 3 });

    // The SDK reads it back; `essaim validate` accepts the part.
    const feed = assembleFeed(manifest, {
      structures: JSON.parse(readFileSync(join(dir, 'feed/structures.json'), 'utf8')),
      indicators: records,
    });
    expect(territoryProfile(feed, { level: 'departement', code: '93' }).indicators).to.have.length(2);
    const validation = await validateFeed(join(dir, 'feed'));
    expect(validation.report.parts.indicators).to.deep.equal({ received: 3, accepted: 3, rejected: 0 });
  });

  it('the example of docs/publishing.md is a valid entry', () => {
    const doc = readFileSync(join(ROOT, 'docs/publishing.md'), 'utf8');
    const example = [...doc.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .find((t) => t.includes('"indicators"'));
    expect(example, 'an indicators example in the doc').to.be.a('string');
    const entry = (JSON.parse(example!) as { indicators: unknown[] }).indicators[0];
    const parsed = IndicatorsConfigSchema.safeParse(entry);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).to.equal(true);
  });

  it('a mapping without a level (column or constant) is refused, naming the field', () => {
    const base = {
      feed: {
        id: 'x',
        title: 'x',
        publisher: { name: 'x' },
        licence: { id: 'x', name: 'x' },
        attribution: 'x',
        updated: '2026-01-01',
      },
      sources: [
        { id: 'a', type: 'essaim', path: 'a', name: 'a', licence: { id: 'x', name: 'x' }, attribution: 'x' },
      ],
      taxonomy: 't.json',
      output: 'feed',
      indicators: [
        {
          id: 'obs',
          path: 'i.csv',
          source: { name: 'Obs' },
          licence: { id: 'x', name: 'x' },
          columns: { code: 'code', value: 'valeur', label: 'l', unit: 'u', year: 'y' },
        },
      ],
    };
    expect(() => parseConfig(base, 'essaim.config.json')).to.throw(/indicators\.0\.level/);
  });
});
