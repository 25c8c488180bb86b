/**
 * Benchmark section "static-index" (`pnpm bench static-index`, only when named): the static search index
 * of 100,000 synthetic structures (labelled synthetic: the real Transiscope records cycled, see
 * synthetic.ts) — its build time, files and bytes (raw and gzip); the time to `loadSearchIndex(dir)` in
 * Node against validating and indexing the feed (issue 16, deliver 7: target ≤ 1.5 s); and, per
 * national query, the files and bytes `openStaticIndex(…).search(q)` fetches. With STATIC_INDEX_1M=1,
 * the same per-query figures on 1,000,000 synthetic structures (minutes, several GB of memory).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { enableCompiledValidation } from '../../packages/sdk/src/compiled.ts';
import { type Structure, Structure as StructureSchema } from '../../packages/sdk/src/schema/structure.ts';
import { createSearchIndex, type SearchQuery } from '../../packages/sdk/src/search/index.ts';
import {
  loadSearchIndex,
  openStaticIndex,
  writeStaticIndex,
} from '../../packages/sdk/src/static-index/index.ts';
import { setSchemaCompiler, validateRecords } from '../../packages/sdk/src/validate.ts';
import { devFeed } from '../../packages/sdk/test/helpers/static-index.ts';
import { syntheticStructures } from './synthetic.ts';

const PARIS = { lat: 48.8566, lon: 2.3522 };

/** National queries: a first page with no filter, words, a typo, facets, a territory, radius, box. */
const QUERIES: [string, SearchQuery][] = [
  ['first page, everything by name', {}],
  ['"ressourcerie"', { text: 'ressourcerie' }],
  ['typing "res"', { text: 'res' }],
  ['typo "resourcerie"', { text: 'resourcerie' }],
  ['"epicerie solidaire"', { text: 'epicerie solidaire' }],
  ['"jardin" + theme', { text: 'jardin', facets: { themes: ['theme--alimentation'] } }],
  ['family + département 93', { facets: { family: ['association'] }, territory: { departements: ['93'] } }],
  ['10 km around Paris, by distance', { near: { ...PARIS, radiusKm: 10 }, sort: 'distance' }],
  ['nearest to Paris (no radius)', { near: PARIS, sort: 'distance' }],
  ['box + by update', { bbox: [2.2, 48.8, 2.45, 48.92], sort: 'updated' }],
];

const ms = (x: number) => `${x.toFixed(0)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

async function filesOf(dir: string): Promise<{ files: number; raw: number; gzip: number }> {
  let files = 0;
  let raw = 0;
  let gzip = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const data = await readFile(join(e.parentPath, e.name));
    files++;
    raw += data.length;
    gzip += gzipSync(data).length;
  }
  return { files, raw, gzip };
}

const fileFetch = (async (url: URL) => new Response(await readFile(url))) as unknown as typeof fetch;

async function perQuery(dir: string): Promise<void> {
  const url = pathToFileURL(join(dir, 'index.json'));
  for (const [label, q] of QUERIES) {
    // A fresh index per query: what a first visit with that query fetches (raw bytes; gzip is smaller).
    const index = await openStaticIndex(url, { fetch: fileFetch });
    const t0 = performance.now();
    const r = await index.search(q);
    const t = performance.now() - t0;
    const first = index.stats();
    // A further query on the same index (cache warm): what it adds.
    await index.search({ ...q, page: 2 });
    const more = index.stats();
    console.log(
      `  ${label.padEnd(34)} total ${String(r.total).padStart(7)}  first: ${String(first.requests).padStart(3)} files ${kb(first.bytes).padStart(10)}  ${ms(t).padStart(7)} (Node, local files)  ·  page 2: +${more.requests - first.requests} files +${kb(more.bytes - first.bytes)}`,
    );
  }
}

export async function benchStaticIndex(): Promise<void> {
  const feed = await devFeed();
  const synthetic: Structure[] = syntheticStructures(feed.structures, 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'essaim-bench-static-index-'));
  try {
    console.log('100,000 synthetic structures (real records cycled, labelled synthetic)');
    const t0 = performance.now();
    const manifest = await writeStaticIndex(synthetic, dir, { labels: feed.labels });
    console.log(`  writeStaticIndex: ${ms(performance.now() - t0)}`);
    const f = await filesOf(dir);
    console.log(`  index: ${f.files} files, ${kb(f.raw)} raw, ${kb(f.gzip)} gzip (files gzipped one by one)`);
    console.log(`    of which record pages: ${manifest.files.rec} files`);

    // Deliver 7: loading the prebuilt index vs validating and indexing the feed, in this process.
    const text = JSON.stringify(synthetic);
    const best = async (f: () => unknown | Promise<unknown>) => {
      let b = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await f();
        b = Math.min(b, performance.now() - t);
      }
      return b;
    };
    enableCompiledValidation();
    const today = await best(() => {
      const records = validateRecords('structures', JSON.parse(text) as unknown[], StructureSchema).records;
      createSearchIndex(records, { labels: feed.labels });
    });
    setSchemaCompiler(undefined);
    const load = await best(() => loadSearchIndex(dir));
    console.log(
      `  Node: loadSearchIndex ${ms(load)} (target ≤ 1,500 ms) vs parse + validate (compiled) + createSearchIndex ${ms(today)}; best of 3`,
    );
    console.log('  per national query (fresh index each):');
    await perQuery(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  if (process.env.STATIC_INDEX_1M === '1') {
    const dir1m = await mkdtemp(join(tmpdir(), 'essaim-bench-static-index-1m-'));
    try {
      console.log('\n1,000,000 synthetic structures (labelled synthetic)');
      t0Log();
      const big = syntheticStructures(feed.structures, 1_000_000);
      const t0 = performance.now();
      await writeStaticIndex(big, dir1m, { labels: feed.labels });
      console.log(`  writeStaticIndex: ${ms(performance.now() - t0)}`);
      const f = await filesOf(dir1m);
      console.log(`  index: ${f.files} files, ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
      await perQuery(dir1m);
    } finally {
      await rm(dir1m, { recursive: true, force: true });
    }
  } else console.log('\n(1,000,000: run with STATIC_INDEX_1M=1)');
}

function t0Log(): void {
  console.log(`  (started ${new Date().toISOString()})`);
}
