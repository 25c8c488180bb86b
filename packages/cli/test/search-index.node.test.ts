// `essaim build` with `index: true`: the static search index beside the parts, described in the manifest
// (entry file, version, count, SHA-256) and the build report (files, bytes), every file in the output's
// list; built from the real Transiscope export (data/sources/transiscope-idf) into a temporary folder.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSearchIndex, search, type Structure, type Taxonomy } from '@essaim/sdk';
import { openStaticIndex } from '@essaim/sdk/static-index';
import { expect } from 'chai';
import { buildFeed } from '../src/build/pipeline.ts';
import { loadConfig } from '../src/config.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const dataConfig = JSON.parse(readFileSync(join(ROOT, 'data/essaim.config.json'), 'utf8')) as {
  feed: unknown;
  sources: { id: string; path: string; options?: Record<string, string> }[];
};

describe('essaim build: static search index (index: true)', function () {
  this.timeout(120000);
  let dir: string;
  after(() => rm());
  const rm = () => dir && rmSync(dir, { recursive: true, force: true });

  it('writes index/, lists it in the manifest and the report, and answers like the engine', async () => {
    dir = mkdtempSync(join(tmpdir(), 'essaim-search-index-'));
    const transiscope = dataConfig.sources.find((s) => s.id === 'transiscope')!;
    const abs = (p: string) => join(ROOT, 'data', p);
    const config = {
      feed: dataConfig.feed,
      sources: [
        {
          ...transiscope,
          path: abs(transiscope.path),
          options: { taxonomy: abs(transiscope.options!.taxonomy!) },
        },
      ],
      taxonomy: abs('taxonomy/essaim.taxonomy.json'),
      output: 'feed',
      index: true,
    };
    writeFileSync(join(dir, 'essaim.config.json'), JSON.stringify(config));
    const result = await buildFeed(await loadConfig(join(dir, 'essaim.config.json')), {});
    const out = join(dir, 'feed');
    const part = result.manifest.searchIndex!;
    expect(part.url).to.equal('index/index.json');
    expect(part.version).to.equal(2);
    const structures = JSON.parse(readFileSync(join(out, 'structures.json'), 'utf8')) as Structure[];
    expect(part.count).to.equal(structures.length);
    const entry = readFileSync(join(out, part.url));
    expect(part.sha256).to.equal(createHash('sha256').update(entry).digest('hex'));
    const onDisk = readdirSync(join(out, 'index'), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    expect(result.report.output.searchIndex).to.deep.equal({
      count: structures.length,
      files: onDisk.length,
      bytes: part.bytes,
    });
    for (const e of onDisk) {
      const rel = join(e.parentPath, e.name).slice(out.length + 1);
      expect(result.files[rel], rel).to.not.equal(undefined);
    }

    // Same answers as the in-memory engine over the written structures (counts do not depend on order).
    const taxonomy = JSON.parse(readFileSync(join(out, 'taxonomy.json'), 'utf8')) as Taxonomy;
    const labels = new Map(taxonomy.concepts.map((c) => [c.id, c.label.fr]));
    const engine = createSearchIndex(structures, { labels: (id) => labels.get(id) });
    const index = await openStaticIndex(pathToFileURL(join(out, part.url)), {
      fetch: (async (url: URL) => new Response(readFileSync(url))) as unknown as typeof fetch,
    });
    for (const q of [
      {},
      { text: 'ressourcerie' },
      { text: 'jardin partage', facets: { departement: ['93'] } },
    ]) {
      const a = await index.search(q);
      const b = search(engine, q);
      expect(a.total, JSON.stringify(q)).to.equal(b.total);
      expect(a.facets, JSON.stringify(q)).to.deep.equal(b.facets);
      expect(new Set(a.hits.map((h) => h.score))).to.deep.equal(new Set(b.hits.map((h) => h.score)));
    }
  });
});
