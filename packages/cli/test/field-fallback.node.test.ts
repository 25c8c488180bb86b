/**
 * The generic field report of the importers without a mapping (gogocarto, openagenda, data·inclusion):
 * every top-level property of the records with its count of values and whether the importer read it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { importers } from '../src/importers/index.ts';
import type { FieldReport } from '../src/importers/types.ts';
import { collect, context, fakePlaces, FIXTURES, ROOT, removeTempDirs, tempDir } from './helpers/context.ts';

after(removeTempDirs);

async function fieldsOf(type: string, dir: string, path: string, options?: Record<string, unknown>) {
  let report: FieldReport | undefined;
  const ctx = {
    ...context({ type, id: 'src', name: 'Src', path, ...(options ? { options } : {}) }, fakePlaces, dir),
    fields: (r: FieldReport) => {
      report = r;
    },
  };
  const outcomes = await collect(importers[type]!.run(ctx));
  return { report, outcomes };
}

describe('field report of the importers without a mapping', () => {
  it('gogocarto: each property with its values and whether it was read; a property nobody reads is unused', async () => {
    // 30 real Transiscope elements, plus one property no importer knows, added here ("fixture_extra").
    const data = JSON.parse(
      readFileSync(resolve(ROOT, 'data/sources/transiscope-idf/transiscope.json'), 'utf8'),
    ).data.slice(0, 30) as Array<Record<string, unknown>>;
    data[0]!.fixture_extra = 'valeur';
    const dir = tempDir('essaim-fallback-');
    writeFileSync(join(dir, 'gogo.json'), JSON.stringify({ data }));
    const { report } = await fieldsOf('gogocarto', dir, 'gogo.json');
    const keys = [...new Set(data.flatMap((r) => Object.keys(r)))];
    expect(report!.columns.map((c) => c.name)).to.have.members(keys);
    for (const c of report!.columns) {
      expect(c.nonEmpty, c.name).to.equal(
        data.filter((r) => r[c.name] !== undefined && r[c.name] !== null && r[c.name] !== '').length,
      );
    }
    expect(report!.unused).to.deep.equal(['fixture_extra']);
    expect(report!.columns.find((c) => c.name === 'name')!.fields).to.deep.equal([
      '(read by the gogocarto importer)',
    ]);
  });

  it('openagenda-v2: the fixture events, every property read', async () => {
    const { report } = await fieldsOf('openagenda-v2', FIXTURES, 'openagenda-v2-events.json');
    expect(report!.columns.map((c) => c.name)).to.include.members(['uid', 'title', 'timings', 'location']);
    expect(report!.unused).to.deep.equal([]);
  });

  it('openagenda-export copies whole records: no report rather than a wrong one', async () => {
    const { report, outcomes } = await fieldsOf(
      'openagenda-export',
      resolve(ROOT, 'data/sources/openagenda'),
      'events-40.json',
    );
    expect(outcomes).to.have.length(40);
    expect(report).to.equal(undefined);
  });
});
