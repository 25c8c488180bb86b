/**
 * The generic field report of the importers without a mapping (gogocarto, openagenda, data·inclusion):
 * every top-level property of the records with its count of values and whether the importer read it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { withFieldFallback } from '../src/importers/field-fallback.ts';
import { importers } from '../src/importers/index.ts';
import { readJson } from '../src/importers/shared.ts';
import type { FieldReport, Importer } from '../src/importers/types.ts';
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

  it('openagenda-export: the fields of the OpenDataSoft records, each read or not', async () => {
    const dir = resolve(ROOT, 'data/sources/openagenda');
    const { report, outcomes } = await fieldsOf('openagenda-export', dir, 'events-40.json');
    expect(outcomes).to.have.length(40);
    const records = JSON.parse(readFileSync(join(dir, 'events-40.json'), 'utf8')) as unknown;
    const list = (Array.isArray(records) ? records : (records as { records: unknown[] }).records) as Array<{
      fields: Record<string, unknown>;
    }>;
    const keys = [...new Set(list.flatMap((r) => Object.keys(r.fields)))];
    expect(report!.columns.map((c) => c.name)).to.have.members(keys);
    expect(report!.columns.find((c) => c.name === 'title_fr')!.fields).to.have.length(1);
  });

  it('an importer that copies whole records gives no report rather than a wrong one', async () => {
    const copying = {
      type: 'copying',
      expects: 'x',
      async *run(ctx: Parameters<Importer['run']>[0]) {
        const doc = (await readJson(ctx, 'copying', 'x')) as Array<Record<string, unknown>>;
        for (const [index, r] of doc.entries()) {
          const copy = { ...r }; // every key enumerated: what is then read cannot be told
          yield {
            kind: 'rejected' as const,
            index,
            part: 'structures' as const,
            reasons: [{ fr: String(copy.id), en: '' }],
          };
        }
      },
    };
    const dir = tempDir('essaim-fallback-');
    writeFileSync(join(dir, 'x.json'), JSON.stringify([{ id: 1, name: 'a' }]));
    let report: FieldReport | undefined;
    const ctx = {
      ...context({ type: 'copying', id: 'src', name: 'Src', path: 'x.json' }, fakePlaces, dir),
      fields: (r: FieldReport) => {
        report = r;
      },
    };
    await collect(withFieldFallback(copying).run(ctx));
    expect(report).to.equal(undefined);
  });
});
