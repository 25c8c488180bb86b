/**
 * The build's stages run alone (build/stages/*.ts), each on real files of the repository (the taxonomy,
 * the orientation journeys, the seeds) or on the committed fixtures (test/fixtures/merge-pairs.json).
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Event, Service, Structure } from '@essaim/sdk';
import { CliError } from '../src/build/errors.ts';
import { Spool } from '../src/build/spool.ts';
import { importSources, resolveImporters } from '../src/build/stages/import.ts';
import { followMergedIds } from '../src/build/stages/link.ts';
import { countLinks } from '../src/build/stages/links.ts';
import { buildManifest } from '../src/build/stages/manifest.ts';
import { mergeDuplicates } from '../src/build/stages/merge.ts';
import { readParcours } from '../src/build/stages/parcours.ts';
import { readTaxonomy } from '../src/build/stages/taxonomy.ts';
import { parseConfig } from '../src/config.ts';
import type { ImportOutcome, Importer } from '../src/importers/types.ts';
import { silentProgress } from '../src/progress.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const DATA = join(ROOT, 'data');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('build stages: taxonomy', () => {
  it('reads the embedded taxonomy: every concept kept, none rejected', async () => {
    const raw = json(join(DATA, 'taxonomy/essaim.taxonomy.json')) as { id: string; concepts: unknown[] };
    const { taxonomy, report } = await readTaxonomy(DATA, 'taxonomy/essaim.taxonomy.json');
    expect(taxonomy.id).to.equal(raw.id);
    expect(taxonomy.concepts).to.have.length(raw.concepts.length);
    expect(report).to.include({ received: raw.concepts.length, accepted: raw.concepts.length, rejected: 0 });
  });

  it('names a missing taxonomy file', async () => {
    const err = await readTaxonomy(DATA, 'taxonomy/absent.json').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CliError);
    expect((err as CliError).message).to.include('absent.json');
  });
});

describe('build stages: parcours', () => {
  it('reads the embedded journey and reports a missing file with a warning', async () => {
    const stage = await readParcours(DATA, ['parcours/essaim.parcours.json', 'parcours/absent.json']);
    expect(stage.parcours.map((p) => p.id)).to.deep.equal([
      json(join(DATA, 'parcours/essaim.parcours.json')).id,
    ]);
    expect(stage.reports.map((r) => [r.path, r.accepted, r.missing ?? false])).to.deep.equal([
      ['parcours/essaim.parcours.json', 1, false],
      ['parcours/absent.json', 0, true],
    ]);
    expect(stage.warnings).to.have.length(1);
    expect(stage.warnings[0]!.en).to.include('parcours/absent.json');
  });

  it('keeps the first of two journeys with one id', async () => {
    const path = 'parcours/essaim.parcours.json';
    const stage = await readParcours(DATA, [path, path]);
    expect(stage.parcours).to.have.length(1);
    expect(stage.reports[1]).to.include({ received: 1, accepted: 0, rejected: 1 });
    expect(stage.reports[1]!.rejections[0]!.reason.en).to.match(/^Duplicate id/);
  });
});

describe('build stages: import, merge, link (without writing anything)', () => {
  // Fixture: the first pair of merge-pairs.json (one France services site listed twice, real names and
  // points), as two sources; and, labelled as fixtures of this test, a service and an event naming the
  // second record, which the merge folds into the first.
  const { pairs } = json(join(FIXTURES, 'merge-pairs.json')) as {
    pairs: Array<{ same: boolean; a: { name: string; lat: number; lon: number }; b: (typeof pairs)[0]['a'] }>;
  };
  const pair = pairs.find((p) => p.same)!;
  const structure = (id: string, p: { name: string; lat: number; lon: number }): Structure => ({
    id,
    name: p.name,
    family: 'autre',
    geo: { lat: p.lat, lon: p.lon },
    provenance: [{ source: id.split('--')[0]!, localId: id.split('--')[1]! }],
    updatedAt: '2024-08-01',
  });
  const service: Service = {
    id: 'b--svc',
    structureId: 'b--site',
    name: 'Accompagnement aux démarches (fixture)',
    provenance: [{ source: 'b', localId: 'svc' }],
    updatedAt: '2024-08-01',
  } as Service;
  const event = {
    id: 'b--evt',
    title: 'Permanence (fixture)',
    start: '2024-09-02T09:00:00+02:00',
    organizerIds: ['b--site', 'b--absent'],
    provenance: [{ source: 'b', localId: 'evt' }],
    updatedAt: '2024-08-01',
  } as unknown as Event;
  const records: Record<string, unknown[]> = {
    a: [structure('a--site', pair.a)],
    b: [structure('b--site', pair.b), service, event, { id: 'b--bad' }],
  };
  const memory: Importer = {
    type: 'memory',
    expects: 'records held by the test',
    async *run(ctx) {
      for (const [index, record] of records[ctx.source.id]!.entries()) {
        const r = record as { structureId?: string; title?: string };
        const kind = r.structureId ? 'service' : r.title ? 'event' : 'structure';
        yield { kind, index, record } as ImportOutcome;
      }
    },
  };
  const source = (id: string) => ({
    id,
    type: 'memory',
    path: 'taxonomy/essaim.taxonomy.json', // any existing file: the importer reads from memory
    name: id,
    licence: { id: 'ODbL-1.0', name: 'ODbL', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
    attribution: 'fixture',
  });
  const { config } = parseConfig({
    feed: {
      id: 'stages',
      title: 'Stages',
      publisher: { name: 'Test' },
      licence: { id: 'ODbL-1.0', name: 'ODbL', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
      attribution: 'fixture',
      updated: '2024-08-01',
    },
    sources: [source('a'), source('b')],
    taxonomy: 'taxonomy/essaim.taxonomy.json',
    output: 'out',
  });
  let spool: Spool;
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'essaim-stages-'));
    spool = new Spool(tmp);
  });
  afterEach(() => {
    spool.dispose();
    rmSync(tmp, { recursive: true, force: true });
  });

  const run = async () => {
    const { taxonomy } = await readTaxonomy(DATA, 'taxonomy/essaim.taxonomy.json');
    const registry = await resolveImporters(config.sources, DATA, { memory });
    const common = { spool, progress: silentProgress, fr: false, sharding: false };
    const state = await importSources({
      ...common,
      sources: config.sources,
      baseDir: DATA,
      registry,
      places: { lookupCommune: () => undefined },
      taxonomy,
      mergeEnabled: true,
    });
    return { state, common };
  };

  it('import: counts per source and part, spools the valid records, rejects the invalid one with its reason', async () => {
    const { state } = await run();
    expect(state.index.structures.id).to.deep.equal(['a--site', 'b--site']);
    expect(state.index.services.id).to.deep.equal(['b--svc']);
    expect(state.index.events.id).to.deep.equal(['b--evt']);
    expect(state.counts[1]!.structures).to.include({ received: 2, rejected: 1 });
    expect(state.tallies[1]!.list()).to.have.length.greaterThan(0);
    expect(state.index.events.read<Event>(spool, 0).organizerIds).to.deep.equal(['b--site', 'b--absent']);
  });

  it('import: an unknown importer type names the closest known one', async () => {
    const err = await resolveImporters([{ ...config.sources[0]!, type: 'memroy' }], DATA, { memory }).catch(
      (e: unknown) => e,
    );
    expect((err as CliError).message).to.include('"memory"');
  });

  it('merge then link: the pair is one record; the service and the event follow it; the unknown organiser is counted', async () => {
    const { state, common } = await run();
    const merge = mergeDuplicates({ ...common, state, sources: config.sources, merge: undefined });
    expect(merge.mergedInto.get('b--site')).to.equal('a--site');
    expect(merge.merges.map((m) => [m.kept, m.merged])).to.deep.equal([['a--site', ['b--site']]]);
    expect(merge.review.map((r) => r.decision)).to.deep.equal(['merged']);
    expect(state.index.structures.live).to.deep.equal([true, false]);
    expect(state.counts[1]!.structures.merged).to.equal(1);

    const link = followMergedIds({ state, spool, sharding: false, mergedInto: merge.mergedInto });
    expect(state.index.services.read<Service>(spool, 0).structureId).to.equal('a--site');
    expect(state.index.events.read<Event>(spool, 0).organizerIds).to.deep.equal(['a--site', 'b--absent']);
    expect(link.unknownOrganizers).to.equal(1);
    expect(link.warnings[0]!.en).to.match(/^1 event\(s\) name an organiser/);
  });

  it('links: counts the event linked to the merged structure by its organiser ids', async () => {
    const { state, common } = await run();
    expect(countLinks(state, spool)).to.deep.equal({
      byOrganizer: 1,
      byPlace: 0,
      structuresWithEvents: 1,
      eventsWithStructures: 1,
    });
    const merge = mergeDuplicates({ ...common, state, sources: config.sources, merge: undefined });
    followMergedIds({ state, spool, sharding: false, mergedInto: merge.mergedInto });
    expect(countLinks(state, spool)).to.include({ byOrganizer: 1, structuresWithEvents: 1 });
  });

  it('merge: `merge: false` leaves every record apart', async () => {
    const { state, common } = await run();
    const merge = mergeDuplicates({ ...common, state, sources: config.sources, merge: false });
    expect(merge.merges).to.deep.equal([]);
    expect(state.index.structures.live).to.deep.equal([true, true]);
  });

  it('manifest: a manifest that would be invalid stops the build, naming the field', () => {
    expect(() =>
      buildManifest(
        { ...config, feed: { ...config.feed, updated: 'hier' } },
        { structures: { url: 'structures.json', count: 1, sha256: 'x'.repeat(64) } },
        [],
      ),
    ).to.throw(CliError, /updated/);
  });
});
