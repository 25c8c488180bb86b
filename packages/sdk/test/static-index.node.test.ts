// The static search index against the in-memory engine: the dev feed (4,192 real structures) and a
// synthetic feed (labelled synthetic, made from those real records) written to a temporary directory,
// served by a fetch that reads the files, and queried with a generated set of queries. Each answer must
// equal `search(createSearchIndex(records in the index's order), q)`, and a query must fetch few files.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'chai';
import type { Structure } from '../src/schema/structure.ts';
import {
  createSearchIndex,
  type SearchIndex,
  type SearchQuery,
  type SearchResult,
  search,
} from '../src/search/index.ts';
import {
  createStaticSearchConnector,
  loadSearchIndex,
  openStaticIndex,
  type StaticIndex,
  writeStaticIndex,
} from '../src/static-index/index.ts';
import { unitVector } from '../src/search/chord.ts';
import { cellKey, cellLowerBound, cellReaches, decodeGrid, writeGrid } from '../src/static-index/grid.ts';
import { syntheticStructures } from '../../../scripts/bench/synthetic.ts';
import { devFeed, expectSameResult, fileFetch, generateQueries } from './helpers/static-index.ts';

/** The records in the index's order (its record pages). */
async function indexRecords(dir: string, build: string, n: number, pageSize: number): Promise<Structure[]> {
  const out: Structure[] = [];
  for (let k = 0; k * pageSize < n; k++)
    out.push(...(JSON.parse(await readFile(join(dir, `rec/${k}-${build}.json`), 'utf8')) as Structure[]));
  return out;
}

describe('static search index: dev feed (4,192 real structures)', function () {
  this.timeout(120000);
  let dir: string;
  let engine: SearchIndex;
  let records: Structure[];
  let url: URL;
  let labels: (id: string) => string | undefined;
  let totalBytes: number;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'essaim-static-index-'));
    const feed = await devFeed();
    labels = feed.labels;
    const manifest = await writeStaticIndex(feed.structures, dir, { labels, heavyPrefix: 2048 });
    totalBytes = manifest.bytes;
    records = await indexRecords(dir, manifest.build, manifest.n, manifest.pageSize);
    engine = createSearchIndex(records, { labels });
    url = pathToFileURL(join(dir, 'index.json'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('holds every record once, renumbered by territory', async () => {
    const { structures } = await devFeed();
    expect(records.map((r) => r.id).sort()).to.deep.equal(structures.map((r) => r.id).sort());
    const deps = records.map(
      (r) => `${r.address?.cog?.region ?? '\uffff'} ${r.address?.cog?.departement ?? '\uffff'}`,
    );
    expect(deps).to.deep.equal([...deps].sort());
  });

  it('answers 400 generated queries like the in-memory engine', async () => {
    const index = await openStaticIndex(url, { fetch: fileFetch() });
    expect(index.size).to.equal(records.length);
    for (const q of generateQueries(records, 400))
      expectSameResult(await index.search(q), search(engine, q), q);
  });

  it('fetches only the files a query needs', async () => {
    const fresh = async (): Promise<StaticIndex> => openStaticIndex(url, { fetch: fileFetch() });
    const opened = await fresh();
    expect(opened.stats().requests).to.equal(1);
    const pagesOf = (r: SearchResult) => new Set(r.hits.map((h) => Math.floor(h.index / 20))).size;
    const cases: [SearchQuery, number][] = [
      // [query, files besides the hits' record pages]: entry, facet tables, places and profiles, dictionary and reversed-dictionary
      // blocks, postings chunks, a sort-order chunk, the grid and its cells for geo.
      [{ text: 'ressourcerie', facets: { departement: ['93'] } }, 9],
      [{ text: 'jardin' }, 6],
      // Nothing filtered: the entry file's national facet counts and one name-order chunk.
      [{}, 2],
      [{ facets: { family: ['association'] }, territory: { departements: ['75'] } }, 5],
      [{ near: { lat: 48.8638, lon: 2.4485, radiusKm: 5 }, sort: 'distance' }, 9],
    ];
    for (const [q, files] of cases) {
      const index = await fresh();
      const r = await index.search(q);
      const { requests, bytes } = index.stats();
      expect(requests, JSON.stringify(q)).to.be.at.most(files + pagesOf(r));
      expect(bytes, JSON.stringify(q)).to.be.below(totalBytes / 4);
    }
  });

  it('loadSearchIndex reads the whole index into the in-memory engine, with the same results', async () => {
    const loaded = await loadSearchIndex(dir);
    expect(loaded.records.map((r) => r.id)).to.deep.equal(records.map((r) => r.id));
    for (const q of generateQueries(records, 300, 11))
      expectSameResult(search(loaded, q), search(engine, q), q);
  });

  it('connector: pending while loading, then the answer; a stale answer never overwrites a newer one', async () => {
    const index = await openStaticIndex(url, { fetch: fileFetch() });
    const connector = createStaticSearchConnector(index, { pageSize: 5 });
    expect(connector.getState().result.pending).to.equal(true);
    await connector.settled();
    expectSameResult(connector.getState().result, search(engine, { pageSize: 5 }), { pageSize: 5 });
    const seen: SearchResult[] = [];
    connector.subscribe((s) => seen.push(s.result));
    connector.setText('jardin');
    expect(connector.getState().result.pending).to.equal(true);
    connector.setText('ressourcerie');
    await connector.settled();
    const want = search(engine, { text: 'ressourcerie', pageSize: 5 });
    expectSameResult(connector.getState().result, want, { text: 'ressourcerie' });
    expect(connector.getState().result.pending).to.equal(undefined);
    // Two pending states, then one answer: the one of the last query ("jardin" never lands).
    expect(seen.map((r) => r.pending ?? false)).to.deep.equal([true, true, false]);
  });

  it('refuses impossible coordinates like search()', async () => {
    const index = await openStaticIndex(url, { fetch: fileFetch() });
    let error: unknown;
    await index.search({ near: { lat: 91, lon: 0 } }).catch((e: unknown) => {
      error = e;
    });
    expect(error).to.be.instanceOf(RangeError);
  });
});

describe('static search index: 25,000 synthetic structures (made from the real ones)', function () {
  this.timeout(180000);
  let dir: string;

  after(() => rm(dir, { recursive: true, force: true }));

  it('answers 150 generated queries like the in-memory engine', async () => {
    dir = await mkdtemp(join(tmpdir(), 'essaim-static-index-synthetic-'));
    const feed = await devFeed();
    // Synthetic (labelled): the real records cycled with new ids, jittered coordinates and varied names.
    const synthetic = syntheticStructures(feed.structures, 25000);
    const manifest = await writeStaticIndex(synthetic, dir, { labels: feed.labels });
    const records = await indexRecords(dir, manifest.build, manifest.n, manifest.pageSize);
    const engine = createSearchIndex(records, { labels: feed.labels });
    const index = await openStaticIndex(pathToFileURL(join(dir, 'index.json')), { fetch: fileFetch() });
    for (const q of generateQueries(records, 150, 3))
      expectSameResult(await index.search(q), search(engine, q), q);
    // A national text query reads a small part of the index.
    const fresh = await openStaticIndex(pathToFileURL(join(dir, 'index.json')), { fetch: fileFetch() });
    await fresh.search({ text: 'ressourcerie' });
    expect(fresh.stats().bytes).to.be.below(manifest.bytes / 20);

    // A radius reads the grid cells it reaches, not coordinates by id range (before the grid, 2 km
    // around this point read 24 column files, 521 KB, and 10 km the same; synthetic records packed in
    // Île-de-France, ~1,000 to 10,000 per 0.1° cell around Paris).
    for (const [radiusKm, maxCells, maxGeoBytes] of [
      [2, 1, 60_000],
      [10, 9, 300_000],
    ] as const) {
      const geo = { cells: 0, columns: 0, bytes: 0 };
      const files = fileFetch();
      const counting = (async (input: URL) => {
        const res = await files(input);
        const kind = /\/(cell|col)\/[^/]*$/.exec(String(input))?.[1];
        if (kind) {
          geo[kind === 'cell' ? 'cells' : 'columns']++;
          geo.bytes += (await res.clone().arrayBuffer()).byteLength;
        }
        return res;
      }) as typeof fetch;
      const q: SearchQuery = { near: { lat: 48.8638, lon: 2.4485, radiusKm } };
      const radius = await openStaticIndex(pathToFileURL(join(dir, 'index.json')), { fetch: counting });
      expectSameResult(await radius.search(q), search(engine, q), q);
      expect(geo.columns, `${radiusKm} km`).to.equal(0);
      expect(geo.cells, `${radiusKm} km`).to.be.within(1, maxCells);
      expect(geo.bytes, `${radiusKm} km`).to.be.at.most(maxGeoBytes);
    }
  });
});

describe('static index grid: cell bounds', () => {
  it('never exceed the distance to a record of the cell (worldwide fixture points, poles, antimeridian)', async () => {
    // Fixture points (not data): worldwide, a dense city, near a pole, both sides of the antimeridian.
    let seed = 1;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const n = 4000;
    const lat = new Float64Array(n);
    const lon = new Float64Array(n);
    const xyz = new Float64Array(3 * n);
    for (let d = 0; d < n; d++) {
      const mode = d % 4;
      lat[d] = [rnd() * 180 - 90, 48.8 + rnd() * 0.3, 89.9 + rnd() * 0.1, rnd() * 10 - 5][mode]!;
      lon[d] = mode === 3 ? (rnd() < 0.5 ? 179.8 + rnd() * 0.2 : -180 + rnd() * 0.2) : rnd() * 360 - 180;
      xyz.set(unitVector(lat[d]!, lon[d]!), 3 * d);
    }
    const grid = decodeGrid(await writeGrid(n, lat, lon, xyz, new Uint32Array(n), async () => {}));
    const cellIndex = new Map(grid.cells.map((c, i) => [c.key, i]));
    let checked = 0;
    for (let q = 0; q < 150; q++) {
      const o = {
        lat: q % 3 === 0 ? 48.8 + rnd() * 0.3 : rnd() * 180 - 90,
        lon: q % 5 === 0 ? 179.95 : rnd() * 360 - 180,
      };
      const origin = { ...o, xyz: unitVector(o.lat, o.lon) };
      for (let d = 0; d < n; d++) {
        const cell = grid.cells[cellIndex.get(cellKey(lat[d]!, lon[d]!))!]!;
        const dx = xyz[3 * d]! - origin.xyz[0];
        const dy = xyz[3 * d + 1]! - origin.xyz[1];
        const dz = xyz[3 * d + 2]! - origin.xyz[2];
        const chord2 = dx * dx + dy * dy + dz * dz;
        if (cellLowerBound(cell, origin) > chord2)
          expect.fail(`record ${d}, query ${q}: bound above distance`);
        if (!cellReaches(cell, origin, chord2, undefined))
          expect.fail(`record ${d}, query ${q}: cell skipped`);
        checked++;
      }
    }
    expect(checked).to.equal(150 * n);
  });
});
