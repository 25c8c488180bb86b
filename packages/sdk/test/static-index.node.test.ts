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
import { createSearchIndex, type SearchIndex, search } from '../src/search/index.ts';
import { openStaticIndex, type StaticIndex, writeStaticIndex } from '../src/static-index/index.ts';
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

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'essaim-static-index-'));
    const feed = await devFeed();
    labels = feed.labels;
    const manifest = await writeStaticIndex(feed.structures, dir, { labels, heavyPrefix: 2048 });
    records = await indexRecords(dir, manifest.build, manifest.n, manifest.pageSize);
    engine = createSearchIndex(records, { labels });
    url = pathToFileURL(join(dir, 'index.json'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('holds every record once, renumbered by territory', async () => {
    const { structures } = await devFeed();
    expect(records.map((r) => r.id).sort()).to.deep.equal(structures.map((r) => r.id).sort());
    const deps = records.map((r) => `${r.address?.cog?.region ?? '\uffff'} ${r.address?.cog?.departement ?? '\uffff'}`);
    expect(deps).to.deep.equal([...deps].sort());
  });

  it('answers 400 generated queries like the in-memory engine', async () => {
    const index = await openStaticIndex(url, { fetch: fileFetch() });
    expect(index.size).to.equal(records.length);
    for (const q of generateQueries(records, 400)) expectSameResult(await index.search(q), search(engine, q), q);
  });

  it('fetches only the files a query needs', async () => {
    const fresh = async (): Promise<StaticIndex> => openStaticIndex(url, { fetch: fileFetch() });
    const opened = await fresh();
    expect(opened.stats().requests).to.equal(1);
    const text = await fresh();
    await text.search({ text: 'ressourcerie', facets: { departement: ['93'] } });
    // Entry, meta, one dictionary block, one or two postings chunks, a record page or two.
    expect(text.stats().requests).to.be.at.most(8);
    const all = await fresh();
    await all.search({});
    expect(all.stats().requests).to.be.at.most(6);
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
