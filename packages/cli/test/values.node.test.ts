/**
 * Values true field by field (issue 11): update dates never invented, foreign addresses kept as written,
 * a place for every record that has one, official commune names. Small fixtures written by this test,
 * each labelled; the commune lookups are the real COG list (`realPlaces`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { csvImporter } from '../src/importers/tabular.ts';
import type { ImportOutcome, PlacesLookup } from '../src/importers/types.ts';
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
